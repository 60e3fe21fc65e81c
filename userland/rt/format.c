/*
 * format: the printf engine of the C library (ulib_base.h lists what it understands). One
 * function, ulib_vformat, parses the format and writes through a struct ulib_out, which
 * either fills a caller's buffer (snprintf) or flushes a small buffer to a file descriptor
 * as it fills (printf, fprintf: see libc.c).
 */
#include "ulib_base.h"

#include <stdbool.h>

/* Appends one character, flushing a full buffer first when there is somewhere to flush. */
static void put(struct ulib_out *o, char c) {
  if (o->len == o->size && o->flush) ulib_out_flush(o);
  if (o->len < o->size) o->buf[o->len++] = c;
  o->count++;
}

static void put_n(struct ulib_out *o, char c, int n) {
  while (n-- > 0)
    put(o, c);
}

void ulib_out_flush(struct ulib_out *o) {
  if (o->flush && o->len) o->flush(o->ctx, o->buf, o->len);
  o->len = 0;
}

/* One conversion's flags, width and precision. */
struct spec {
  bool left, zero, plus, space;
  int width;
  int prec;   /* -1: none given */
  int length; /* -2 hh, -1 h, 0 int, 1 long, 2 long long */
};

/*
 * Writes a converted field: sign or prefix, then `body` (len characters) preceded by `zeros`
 * leading zeros, padded with spaces (or zeros, for the '0' flag) to the field width.
 */
static void put_field(struct ulib_out *o, const struct spec *sp, const char *prefix,
                      const char *body, int len, int zeros) {
  int plen = (int)ulib_strlen(prefix);
  int pad = sp->width - plen - zeros - len;
  if (!sp->left && !sp->zero) put_n(o, ' ', pad);
  while (*prefix)
    put(o, *prefix++);
  if (!sp->left && sp->zero) put_n(o, '0', pad);
  put_n(o, '0', zeros);
  for (int i = 0; i < len; i++)
    put(o, body[i]);
  if (sp->left) put_n(o, ' ', pad);
}

/*
 * The digits of v in `base`, most significant first, into buf (room for 23); returns their
 * count. Values that fit in 32 bits divide in 32 bits: on the guest a 64-bit division is a
 * call to a shift-and-subtract loop.
 */
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

/* The next argument as an unsigned number, truncated to the length modifier's type. */
static uint64_t arg_unsigned(va_list *ap, int length) {
  switch (length) {
  case 2: return va_arg(*ap, unsigned long long);
  case 1: return va_arg(*ap, unsigned long);
  case -1: return (unsigned short)va_arg(*ap, unsigned int);
  case -2: return (unsigned char)va_arg(*ap, unsigned int);
  default: return va_arg(*ap, unsigned int);
  }
}

static int64_t arg_signed(va_list *ap, int length) {
  switch (length) {
  case 2: return va_arg(*ap, long long);
  case 1: return va_arg(*ap, long);
  case -1: return (short)va_arg(*ap, int);
  case -2: return (signed char)va_arg(*ap, int);
  default: return va_arg(*ap, int);
  }
}

/* Reads a width or precision: digits, or '*' taking an int argument. */
static const char *parse_number(const char *f, int *out, va_list *ap) {
  if (*f == '*') {
    *out = va_arg(*ap, int);
    return f + 1;
  }
  *out = 0;
  while (*f >= '0' && *f <= '9')
    *out = *out * 10 + (*f++ - '0');
  return f;
}

/* Parses flags, width, precision and length after a '%'; returns the position of the
 * conversion character. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap) {
  *sp = (struct spec){.prec = -1};
  for (;; f++) {
    if (*f == '-')
      sp->left = true;
    else if (*f == '0')
      sp->zero = true;
    else if (*f == '+')
      sp->plus = true;
    else if (*f == ' ')
      sp->space = true;
    else
      break;
  }
  f = parse_number(f, &sp->width, ap);
  if (sp->width < 0) { /* a negative '*' width means left-justified, as in C */
    sp->left = true;
    sp->width = -sp->width;
  }
  if (*f == '.') {
    f = parse_number(f + 1, &sp->prec, ap);
    if (sp->prec < 0) sp->prec = -1; /* a negative '*' precision is as if none were given */
  }
  for (; *f == 'l' && sp->length < 2; f++)
    sp->length++;
  for (; *f == 'h' && sp->length > -2; f++)
    sp->length--;
  if (*f == 'z') { /* size_t is unsigned long on ilp32 and lp64 alike */
    sp->length = 1;
    f++;
  }
  if (sp->left) sp->zero = false;
  return f;
}

/* An integer conversion: the digits of mag in base, after the sign or prefix. A precision
 * sets the minimum number of digits (and turns off the '0' flag), as in C. */
static void put_integer(struct ulib_out *o, struct spec *sp, const char *prefix, uint64_t mag,
                        unsigned base, bool upper) {
  char buf[24];
  int n = digits(mag, base, upper, buf);
  if (sp->prec == 0 && mag == 0) n = 0; /* "%.0d" of 0 prints no digits */
  int zeros = 0;
  if (sp->prec >= 0) {
    sp->zero = false;
    if (sp->prec > n) zeros = sp->prec - n;
  }
  put_field(o, sp, prefix, buf, n, zeros);
}

/* Handles conversion character c. */
static void convert(struct ulib_out *o, char c, struct spec *sp, va_list *ap) {
  switch (c) {
  case 'd':
  case 'i': {
    int64_t v = arg_signed(ap, sp->length);
    const char *sign = v < 0 ? "-" : sp->plus ? "+" : sp->space ? " " : "";
    put_integer(o, sp, sign, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, 10, false);
    break;
  }
  case 'u': put_integer(o, sp, "", arg_unsigned(ap, sp->length), 10, false); break;
  case 'o': put_integer(o, sp, "", arg_unsigned(ap, sp->length), 8, false); break;
  case 'x':
  case 'X': put_integer(o, sp, "", arg_unsigned(ap, sp->length), 16, c == 'X'); break;
  case 'p': {
    /* All the digits of a pointer, as xv6 prints them: 0x0001f000. */
    sp->prec = 2 * (int)sizeof(void *);
    put_integer(o, sp, "0x", (uintptr_t)va_arg(*ap, void *), 16, false);
    break;
  }
  case 's': {
    const char *s = va_arg(*ap, const char *);
    if (!s) s = "(null)";
    int n = 0; /* with a precision, s need not be terminated within it */
    while ((sp->prec < 0 || n < sp->prec) && s[n])
      n++;
    sp->zero = false;
    put_field(o, sp, "", s, n, 0);
    break;
  }
  case 'c': {
    char ch = (char)va_arg(*ap, int);
    sp->zero = false;
    put_field(o, sp, "", &ch, 1, 0);
    break;
  }
  case '%': put(o, '%'); break;
  default: /* unknown: show it as written, so that the mistake is visible */
    put(o, '%');
    if (c) put(o, c);
    break;
  }
}

int ulib_vformat(struct ulib_out *o, const char *fmt, va_list ap) {
  size_t start = o->count;
  va_list aq;
  va_copy(aq, ap); /* parse_spec and convert take a va_list *, which must be a real object */
  while (*fmt) {
    if (*fmt != '%') {
      put(o, *fmt++);
      continue;
    }
    struct spec sp;
    fmt = parse_spec(fmt + 1, &sp, &aq);
    char c = *fmt;
    if (o->xv6 && sp.length > 0) {
      sp.length = 2; /* xv6's long is 64 bits */
      if (!c || !ulib_strchr("diuxXo", c))
        c = 'u'; /* a lone "%l": nothing consumed */
      else
        fmt++;
    } else if (c) {
      fmt++;
    }
    convert(o, c, &sp, &aq);
  }
  va_end(aq);
  return (int)(o->count - start);
}

int ulib_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  /* Keep the last byte for the terminator: the formatter fills at most size - 1. */
  struct ulib_out o = {.buf = buf, .size = size ? size - 1 : 0};
  int n = ulib_vformat(&o, fmt, ap);
  if (size) buf[o.len] = '\0';
  return n;
}

int ulib_snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = ulib_vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}
