/*
 * printf: the runtime's printf family, on the formatting engine the C library shares
 * (format.c, the conversions listed in rt.h), so that bare programs and user
 * programs format alike from one piece of code. Output goes to the UART a small buffer at a
 * time.
 */
#include "rt.h"
#include "ulib_base.h"

static void to_uart(void *ctx, const char *s, size_t n) {
  (void)ctx;
  for (size_t i = 0; i < n; i++)
    uart_putc(s[i]);
}

int vprintf(const char *fmt, va_list ap) {
  char buf[64];
  struct ulib_out o = {.buf = buf, .size = sizeof buf, .flush = to_uart};
  int n = ulib_vformat(&o, fmt, ap);
  ulib_out_flush(&o);
  return n;
}

int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vprintf(fmt, ap);
  va_end(ap);
  return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  return ulib_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}
