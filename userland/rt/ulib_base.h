/*
 * ulib_base: the bottom of the C library, which the bare runtime needs as well: the printf
 * engine, strings and memory, character classes and number parsing, under ulib_ names (the
 * C library, userland/lib/ulib.h, builds on it and exports them under C's names). It lives
 * in the runtime so that the layers point down: programs, servers and the library OS on the
 * C library, the C library on the runtime, the runtime on abi/.
 *
 * Plain C with no system calls and no globals, so it builds for the guest and for the host
 * (tests/test_ulib.c tests it there, beside the host's own C library).
 *
 * Not for: user programs, which include user.h; memcpy and friends under their C names
 * (helpers.c, since clang emits calls to them anyway).
 */
#ifndef OSSIM_ULIB_BASE_H
#define OSSIM_ULIB_BASE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* ---- formatting ---- */

/*
 * Where formatted text goes: characters collect in buf[0..size). When the buffer is full,
 * flush(ctx, buf, len) is called (if set) and collection starts over, so output of any
 * length passes through a small buffer; the caller flushes the tail with ulib_out_flush.
 * Without flush, characters past the buffer are dropped but still counted (snprintf).
 * Fields other than the first six are the formatter's.
 */
struct ulib_out {
  char *buf;
  size_t size;
  void (*flush)(void *ctx, const char *s, size_t n);
  void *ctx;
  /* xv6's dialect (its printf on a 64-bit machine): 'l' and 'll' both mean 64 bits, and a
   * lone "%l" not followed by d, u or x is a 64-bit unsigned decimal, as old xv6 printed. */
  int xv6;
  size_t len;   /* characters in buf now */
  size_t count; /* characters produced in all */
};

/*
 * Formats like C's printf into o: conversions %d %i %u %x %X %o %p %s %c %%, length
 * modifiers hh h l ll z, flags '-' '0' '+' ' ', a width and a precision (digits or '*').
 * No floating point. An unknown conversion is written out as it stands, so the mistake
 * shows. Returns the number of characters produced by this call.
 */
int ulib_vformat(struct ulib_out *o, const char *fmt, va_list ap);
/* Hands whatever is buffered to o->flush. */
void ulib_out_flush(struct ulib_out *o);
/* C's vsnprintf and snprintf: at most size-1 characters and a terminator (when size > 0);
 * returns the length the whole text would have. */
int ulib_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ulib_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- strings and memory (C's semantics) ---- */

void *ulib_memcpy(void *dst, const void *src, size_t n);
void *ulib_memmove(void *dst, const void *src, size_t n);
void *ulib_memset(void *dst, int c, size_t n);
int ulib_memcmp(const void *a, const void *b, size_t n);
size_t ulib_strlen(const char *s);
char *ulib_strcpy(char *dst, const char *src);
char *ulib_strncpy(char *dst, const char *src, size_t n);
char *ulib_strcat(char *dst, const char *src);
char *ulib_strchr(const char *s, int c);
char *ulib_strrchr(const char *s, int c);
int ulib_strcmp(const char *a, const char *b);
int ulib_strncmp(const char *a, const char *b, size_t n);
char *ulib_strstr(const char *haystack, const char *needle);

/* ---- characters (the ASCII "C" locale; EOF and bytes above 127 are in no class) ---- */

int ulib_isdigit(int c);
int ulib_isxdigit(int c);
int ulib_isalpha(int c);
int ulib_isalnum(int c);
int ulib_isupper(int c);
int ulib_islower(int c);
int ulib_isspace(int c);
int ulib_isprint(int c);
int ulib_ispunct(int c);
int ulib_toupper(int c);
int ulib_tolower(int c);

/* ---- numbers ---- */

/* C's strtol: optional spaces and sign, base 2..36 or 0 (prefix 0x or 0 picks 16 or 8).
 * Out-of-range values clamp to LONG_MIN/LONG_MAX and set *overflow (if not NULL) to 1;
 * *end (if not NULL) gets the first character not used, or s when there were no digits. */
long ulib_strtol(const char *s, char **end, int base, int *overflow);
/* The decimal number at the start of s (after spaces, with a sign), as C's atoi. */
int ulib_atoi(const char *s);

#endif
