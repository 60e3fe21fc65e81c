/*
 * srv.c: the server runtime (srv.h).
 */
#include "srv.h"

#include <stdarg.h>

#include "abi/errno.h"
#include "ulib.h"

int srv_kcall(enum kcall call, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3) {
  register uint32_t r0 __asm__("a0") = a0;
  register uint32_t r1 __asm__("a1") = a1;
  register uint32_t r2 __asm__("a2") = a2;
  register uint32_t r3 __asm__("a3") = a3;
  register uint32_t r7 __asm__("a7") = (uint32_t)call;
  __asm__ volatile("ecall" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r7) : : "memory");
  return (int)r0;
}

uint64_t srv_cycles(void) {
  register uint32_t r0 __asm__("a0");
  register uint32_t r1 __asm__("a1");
  register uint32_t r7 __asm__("a7") = KC_CYCLES;
  __asm__ volatile("ecall" : "=r"(r0), "=r"(r1), "+r"(r7) : : "memory");
  return (uint64_t)r1 << 32 | r0;
}

uint32_t srv_ticks(void) {
  struct srv_msg m = {0};
  srv_ipc(KC_CYCLES, 0, &m);
  return m.w[0]; /* a2 */
}

int srv_name(const struct srv_msg *m, char *out, uint32_t size) {
  const char *buf = (const char *)BOOT_IPC_BUF;
  uint32_t n = 0;
  while (n < m->len && n < size && buf[n])
    n++;
  if (n == 0 || n >= m->len || n >= size) return -OSSIM_EINVAL;
  ulib_memcpy(out, buf, n + 1);
  return 0;
}

int srv_pinged(const struct srv_msg *m) {
  if (!srv_notified(m)) return 0;
  if (m->w[0] & DRV_NOTE_PING) srv_kcall(KC_SIGNAL, BOOT_SLOT_RS_NTFN, 0, 0, 0);
  return 1;
}

int srv_irq_ntfn(uint32_t irq, uint32_t slot) {
  int rc = srv_kcall(KC_NTFN_CREATE, slot, 0, 0, 0);
  return rc < 0 ? rc : srv_kcall(KC_IRQ_BIND, irq, slot, 0, 0);
}

void srv_serve(uint32_t ep, int (*handle)(struct srv_msg *m)) { srv_serve_taking(ep, -1, handle); }

void srv_serve_taking(uint32_t ep, int take, int (*handle)(struct srv_msg *m)) {
  struct srv_msg m = {0};
  int rc = SRV_LATER;
  for (;;) {
    if (rc == SRV_LATER) {
      m.len = 0;
      srv_ipc(KC_RECV, MSG_A0(ep, -1, take), &m);
    } else {
      m.label = (uint32_t)rc;
      srv_ipc(KC_REPLY_RECV, MSG_A0(ep, -1, take), &m);
    }
    rc = m.status < 0 ? SRV_LATER : handle(&m);
  }
}

void srv_exit(int status) {
  for (;;)
    srv_kcall(KC_EXIT, (uint32_t)status, 0, 0, 0); /* the kernel never returns */
}

static void flush(void *ctx, const char *s, size_t n) {
  (void)ctx;
  srv_kcall(KC_DEBUG_PUTS, (uint32_t)(uintptr_t)s, (uint32_t)n, BOOT_SLOT_DEBUG, 0);
}

void srv_printf(const char *fmt, ...) {
  char buf[128];
  struct ulib_out o = {.buf = buf, .size = sizeof buf, .flush = flush};
  va_list ap;
  va_start(ap, fmt);
  ulib_vformat(&o, fmt, ap);
  va_end(ap);
  ulib_out_flush(&o);
}

/* C's vsnprintf, for the portable components a server links that format their messages
 * (sim/elf_check.c): the C library's formatter. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  return ulib_vsnprintf(buf, size, fmt, ap);
}
