/*
 * srv.h: what every server has — the kernel calls of micro/kabi.h as C functions, and a
 * printf that goes through the kernel's debug print (there may be no console server yet).
 *
 * A message in registers is a struct srv_msg: the label and four words, with the byte count
 * of the IPC buffer's share and, on receipt, the badge it came through.
 */
#ifndef OSSIM_SRV_H
#define OSSIM_SRV_H

#include <stdint.h>

#include "micro/kabi.h"

struct srv_msg {
  uint32_t label;
  uint32_t w[4];
  uint32_t len;   /* bytes in the IPC buffer (BOOT_IPC_BUF) */
  uint32_t badge; /* on receipt */
  int status;     /* on return: 0, flags (MSG_CAP_MOVED), or a negative errno */
};

/* One message kernel call: a0 as MSG_A0 builds it, m the message in and out. */
void srv_ipc(enum kcall call, uint32_t a0, struct srv_msg *m);
/* A kernel call with up to four arguments and one result (a0). */
int srv_kcall(enum kcall call, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
uint64_t srv_cycles(void);
/* Ends the calling thread (KC_EXIT). */
void srv_exit(int status) __attribute__((noreturn));
void srv_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
