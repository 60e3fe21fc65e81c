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

/* One message kernel call: a0 as MSG_A0 builds it, m the message in and out. Inline, so
 * that the vDSO (which links nothing) shares it. */
static inline void srv_ipc(enum kcall call, uint32_t a0, struct srv_msg *m) {
  register uint32_t r0 __asm__("a0") = a0;
  register uint32_t r1 __asm__("a1") = m->label;
  register uint32_t r2 __asm__("a2") = m->w[0];
  register uint32_t r3 __asm__("a3") = m->w[1];
  register uint32_t r4 __asm__("a4") = m->w[2];
  register uint32_t r5 __asm__("a5") = m->w[3];
  register uint32_t r6 __asm__("a6") = m->len;
  register uint32_t r7 __asm__("a7") = (uint32_t)call;
  __asm__ volatile("ecall"
                   : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7)
                   :
                   : "memory");
  m->status = (int)r0;
  m->label = r1;
  m->w[0] = r2, m->w[1] = r3, m->w[2] = r4, m->w[3] = r5;
  m->len = r6;
  m->badge = r7;
}
/* True if m, just received, is a signal of the receiver's bound notification, not a call. */
static inline int srv_notified(const struct srv_msg *m) {
  return m->status >= 0 && (m->status & MSG_NOTIFY);
}
/* A kernel call with up to four arguments and one result (a0). */
int srv_kcall(enum kcall call, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
uint64_t srv_cycles(void);
/* The timer ticks since boot (MICRO_TICK_CYCLES each): the unit of KC_TIMER. */
uint32_t srv_ticks(void);
/* The name a request carries in the IPC buffer (micro/proto.h: 1 to size - 1 bytes and a
 * NUL within m->len), copied to out. 0, or -EINVAL. */
int srv_name(const struct srv_msg *m, char *out, uint32_t size);
/* A driver's heartbeat (BOOT_SLOT_PING, bound): if m is a signal of that notification,
 * answers the reincarnation server's ping if it holds one (DRV_NOTE_PING; the console
 * driver's also carries its UART's bit) and returns 1; else 0. */
int srv_pinged(const struct srv_msg *m);
/* A new notification in slot that the interrupt whose cap is in irq signals. 0 or a
 * negative errno. */
int srv_irq_ntfn(uint32_t irq, uint32_t slot);
/* A server's loop, for ever: receive a call on endpoint slot ep, hand it to handle, and
 * reply with what handle returns as the label and the m->len bytes it left in the IPC
 * buffer — or, when it returns SRV_LATER, not now (it saved the reply cap, or there is
 * nobody to answer). */
#define SRV_LATER ((int)0x80000000)
void srv_serve(uint32_t ep, int (*handle)(struct srv_msg *m)) __attribute__((noreturn));
/* srv_serve for a server that takes caps with calls: each lands in slot take if it is empty
 * (MSG_CAP_MOVED in m->status says one did), and is the handler's to keep or delete. */
void srv_serve_taking(uint32_t ep, int take, int (*handle)(struct srv_msg *m))
    __attribute__((noreturn));
/* Ends the calling thread (KC_EXIT). */
void srv_exit(int status) __attribute__((noreturn));
void srv_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
