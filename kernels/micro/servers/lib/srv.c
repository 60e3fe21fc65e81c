/*
 * srv.c: the server runtime (srv.h).
 */
#include "srv.h"

#include <stdarg.h>

#include "ulib.h"

void srv_ipc(enum kcall call, uint32_t a0, struct srv_msg *m) {
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

void srv_exit(int status) {
  for (;;)
    srv_kcall(KC_EXIT, (uint32_t)status, 0, 0, 0); /* the kernel never returns */
}

static void flush(void *ctx, const char *s, size_t n) {
  (void)ctx;
  srv_kcall(KC_DEBUG_PUTS, (uint32_t)(uintptr_t)s, (uint32_t)n, 0, 0);
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
