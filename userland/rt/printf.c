/*
 * printf: the runtime's compact formatter (the conversions are listed in rt.h). One
 * engine writes through a `struct out`, which either sends characters to the UART or
 * stores them in a buffer (snprintf).
 */
#include "rt.h"

struct out {
  char *buf;    /* NULL: to the UART */
  size_t size;  /* room in buf, terminator included */
  size_t count; /* characters produced so far (also those that did not fit) */
};

static void emit(struct out *o, char c) {
  if (!o->buf)
    uart_putc(c);
  else if (o->count + 1 < o->size)
    o->buf[o->count] = c;
  o->count++;
}

static void emit_n(struct out *o, char c, int n) {
  while (n-- > 0)
    emit(o, c);
}

struct spec {
  bool left, zero;
  int width;
  int length; /* 0 int, 1 long, 2 long long */
};

/* Writes the sign (if any) and the digits body[0..len) padded to the spec's width. */
static void emit_padded(struct out *o, const struct spec *sp, const char *sign, const char *body,
                        int len) {
  int slen = (int)strlen(sign);
  int pad = sp->width - slen - len;
  if (!sp->left && !sp->zero) emit_n(o, ' ', pad);
  while (*sign)
    emit(o, *sign++);
  if (!sp->left && sp->zero) emit_n(o, '0', pad);
  for (int i = 0; i < len; i++)
    emit(o, body[i]);
  if (sp->left) emit_n(o, ' ', pad);
}

/* Digits of v in base 10 or 16, most significant first, into buf; returns their count.
 * Values that fit in 32 bits use 32-bit division: 64-bit division is a loop. */
static int digits(uint64_t v, unsigned base, bool upper, char *buf) {
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  char tmp[24];
  int n = 0;
  do {
    if (v >> 32) {
      tmp[n++] = set[v % base];
      v /= base;
    } else {
      uint32_t w = (uint32_t)v;
      tmp[n++] = set[w % base];
      v = w / base;
    }
  } while (v);
  for (int i = 0; i < n; i++)
    buf[i] = tmp[n - 1 - i];
  return n;
}

static uint64_t arg_unsigned(va_list *ap, int length) {
  if (length == 2) return va_arg(*ap, unsigned long long);
  if (length == 1) return va_arg(*ap, unsigned long);
  return va_arg(*ap, unsigned int);
}

static int64_t arg_signed(va_list *ap, int length) {
  if (length == 2) return va_arg(*ap, long long);
  if (length == 1) return va_arg(*ap, long);
  return va_arg(*ap, int);
}

/* Parses flags, width and length after a '%'; returns the conversion character's
 * position. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap) {
  *sp = (struct spec){0};
  for (;; f++) {
    if (*f == '-')
      sp->left = true;
    else if (*f == '0')
      sp->zero = true;
    else
      break;
  }
  if (*f == '*') {
    sp->width = va_arg(*ap, int);
    if (sp->width < 0) sp->left = true, sp->width = -sp->width;
    f++;
  }
  while (*f >= '0' && *f <= '9')
    sp->width = sp->width * 10 + (*f++ - '0');
  if (*f == 'l') {
    sp->length = 1;
    if (*++f == 'l') sp->length = 2, f++;
  } else if (*f == 'z') {
    sp->length = 1; /* size_t is unsigned long on ilp32 and lp64 alike */
    f++;
  }
  if (sp->left) sp->zero = false;
  return f;
}

/* Handles one conversion character c. */
static void convert(struct out *o, char c, struct spec *sp, va_list *ap) {
  char buf[24];
  switch (c) {
  case 'd':
  case 'i': {
    int64_t v = arg_signed(ap, sp->length);
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    emit_padded(o, sp, v < 0 ? "-" : "", buf, digits(mag, 10, false, buf));
    break;
  }
  case 'u':
    emit_padded(o, sp, "", buf, digits(arg_unsigned(ap, sp->length), 10, false, buf));
    break;
  case 'x':
  case 'X':
    emit_padded(o, sp, "", buf, digits(arg_unsigned(ap, sp->length), 16, c == 'X', buf));
    break;
  case 'p': {
    uintptr_t p = (uintptr_t)va_arg(*ap, void *);
    int n = digits(p, 16, false, buf + 8);
    int lead = 2 * (int)sizeof(void *) - n; /* all the digits of a pointer */
    memset(buf, '0', (size_t)lead);
    memmove(buf + lead, buf + 8, (size_t)n);
    emit_padded(o, sp, "0x", buf, lead + n);
    break;
  }
  case 's': {
    const char *s = va_arg(*ap, const char *);
    if (!s) s = "(null)";
    sp->zero = false;
    emit_padded(o, sp, "", s, (int)strlen(s));
    break;
  }
  case 'c':
    buf[0] = (char)va_arg(*ap, int);
    sp->zero = false;
    emit_padded(o, sp, "", buf, 1);
    break;
  case '%': emit(o, '%'); break;
  default: /* unknown: show it as written, so the mistake is visible */
    emit(o, '%');
    if (c) emit(o, c);
    break;
  }
}

static int format(struct out *o, const char *fmt, va_list ap) {
  va_list aq;
  va_copy(aq, ap);
  while (*fmt) {
    if (*fmt != '%') {
      emit(o, *fmt++);
      continue;
    }
    struct spec sp;
    fmt = parse_spec(fmt + 1, &sp, &aq);
    char c = *fmt;
    if (c) fmt++;
    convert(o, c, &sp, &aq);
  }
  va_end(aq);
  if (o->buf && o->size) o->buf[o->count < o->size ? o->count : o->size - 1] = '\0';
  return (int)o->count;
}

int vprintf(const char *fmt, va_list ap) {
  struct out o = {0};
  return format(&o, fmt, ap);
}

int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vprintf(fmt, ap);
  va_end(ap);
  return n;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  char dummy; /* snprintf(NULL, 0, ...) counts without writing anywhere, UART included */
  struct out o = {.buf = buf ? buf : &dummy, .size = buf ? size : 0, .count = 0};
  return format(&o, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}
