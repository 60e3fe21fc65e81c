/*
 * ulib: the portable core of the user C library -- formatting, strings, ctype, number
 * parsing, the malloc arena, getopt and strerror -- under ulib_ names.
 *
 * Everything here is plain C with no system calls and no globals, so the same files build
 * for the guest (where libc.c wraps them under the public names of user.h: printf, strcpy,
 * malloc ...) and for the host, where tests/test_ulib.c tests them beside the host's own
 * C library without a clash of names. State that the public API keeps in globals (the
 * heap, getopt's optind) lives here in structs the caller owns.
 *
 * Not for: user programs, which include user.h. memcpy, memmove, memset, memcmp, strlen
 * and strcmp of the guest come from the bare runtime (userland/rt/helpers.c), since clang
 * emits calls to them anyway; the ulib_ versions here are for the rest of this library.
 */
#ifndef OSSIM_ULIB_H
#define OSSIM_ULIB_H

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

/* ---- the heap: K&R's first-fit free list over memory from sbrk ---- */

/* A free block's header, which is also the allocation unit: 8-byte aligned on the guest. */
union ulib_header {
  struct {
    union ulib_header *next; /* the next free block, in address order */
    size_t units;            /* the block's size in headers, this one included */
  } s;
  uint64_t align;
};

/*
 * A heap. The caller sets `more` (and ctx) and zeroes the rest; `more(ctx, n)` must return
 * n fresh bytes following the ones it gave before (sbrk), or NULL when there are none.
 * Memory is never given back to `more`.
 */
struct ulib_heap {
  void *(*more)(void *ctx, size_t n);
  void *ctx;
  union ulib_header base;   /* a zero-size block that anchors the circular free list */
  union ulib_header *freep; /* where the next search starts; NULL before the first call */
};

/* C's malloc, free, realloc and calloc on heap h. NULL on exhaustion or on a size that
 * cannot be represented (calloc's nmemb * size overflowing included). */
void *ulib_malloc(struct ulib_heap *h, size_t n);
void ulib_free(struct ulib_heap *h, void *p);
void *ulib_realloc(struct ulib_heap *h, void *p, size_t n);
void *ulib_calloc(struct ulib_heap *h, size_t nmemb, size_t size);

/* ---- getopt ---- */

enum { ULIB_GETOPT_OK, ULIB_GETOPT_UNKNOWN, ULIB_GETOPT_NOARG };

/* getopt's state: optind starts at 1 (0 also means "start over"); the rest start at 0. */
struct ulib_getopt {
  int optind;   /* the next argv element to look at */
  int optopt;   /* the option character of the last error */
  char *optarg; /* the last option's argument */
  int error;    /* the last call's ULIB_GETOPT_* */
  int pos;      /* position inside a cluster such as -abc; 0 between elements */
};

/*
 * POSIX getopt: returns the next option character of argv as optstring allows ("ab:c"
 * takes -a, -b ARG or -bARG, -c), '?' for an unknown option or a missing argument (':' for
 * the latter when optstring starts with ':'), with g->error saying which, and -1 at the
 * first non-option, at "-" or after "--". Prints nothing: the caller reports errors.
 */
int ulib_getopt(struct ulib_getopt *g, int argc, char *const argv[], const char *optstring);

/* ---- errors ---- */

/* The message for error number e (either sign: -ENOENT and ENOENT are the same), or
 * "unknown error" for a number abi/errno.h does not define; 0 gives "success". */
const char *ulib_strerror(int e);

#endif
