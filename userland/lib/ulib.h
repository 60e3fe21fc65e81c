/*
 * ulib: the portable core of the user C library -- formatting, strings, ctype, number
 * parsing (the part the bare runtime needs too, in userland/rt/ulib_base.h), the malloc
 * arena, getopt and strerror -- under ulib_ names.
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

#include "ulib_base.h" /* formatting, strings, characters, numbers */

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
