/*
 * libc: the public names of user.h for the portable core in ulib.h -- the wrappers that
 * hold the library's per-process state (the heap, getopt's globals) and send formatted
 * output to file descriptors -- and the few functions built on system calls (stat, gets).
 *
 * memcpy, memmove, memset, memcmp, strlen and strcmp are not here: the guest gets them
 * from the bare runtime's helpers.c, linked into every program (userland/CMakeLists.txt).
 */
#include <limits.h>

#include "pthread.h"
#include "ulib.h"
#include "user.h"
#include "user/xv6.h"

/* ---- formatted output ---- */

/* A file descriptor being printed to, and the first error writing to it. */
struct fd_sink {
  int fd;
  int err;
};

/* Writes all of s[0..n) to the sink's descriptor; a short write is retried, an error is
 * kept and the rest dropped. */
static void flush_fd(void *ctx, const char *s, size_t n) {
  struct fd_sink *k = ctx;
  while (n > 0 && !k->err) {
    int r = write(k->fd, s, (int)n);
    if (r <= 0) {
      k->err = r < 0 ? r : -EIO;
      break;
    }
    s += r;
    n -= (size_t)r;
  }
}

/* Formats into a buffer on the stack, which goes out in one write when the text fits: a
 * line printed by one call is not interleaved with another process's output. */
static int print_fd(int fd, int xv6, const char *fmt, va_list ap) {
  char buf[256];
  struct fd_sink sink = {fd, 0};
  struct ulib_out o = {.buf = buf, .size = sizeof buf, .flush = flush_fd, .ctx = &sink, .xv6 = xv6};
  int n = ulib_vformat(&o, fmt, ap);
  ulib_out_flush(&o);
  return sink.err ? sink.err : n;
}

int vfprintf(int fd, const char *fmt, va_list ap) { return print_fd(fd, 0, fmt, ap); }

int fprintf(int fd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(fd, fmt, ap);
  va_end(ap);
  return n;
}

int vprintf(const char *fmt, va_list ap) { return vfprintf(1, fmt, ap); }

int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(1, fmt, ap);
  va_end(ap);
  return n;
}

/* user/user.h's printf and fprintf: xv6's dialect, and nothing returned, as in xv6. */
void xv6_fprintf(int fd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_fd(fd, 1, fmt, ap);
  va_end(ap);
}

void xv6_printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  print_fd(1, 1, fmt, ap);
  va_end(ap);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  return ulib_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = ulib_vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}

int puts(const char *s) { return printf("%s\n", s) < 0 ? -1 : 0; }

char *strerror(int err) { return (char *)ulib_strerror(err); }

/* ---- strings ---- */

char *strcpy(char *dst, const char *src) { return ulib_strcpy(dst, src); }
char *strncpy(char *dst, const char *src, size_t n) { return ulib_strncpy(dst, src, n); }
char *strcat(char *dst, const char *src) { return ulib_strcat(dst, src); }
char *strchr(const char *s, int c) { return ulib_strchr(s, c); }
char *strrchr(const char *s, int c) { return ulib_strrchr(s, c); }
char *strstr(const char *haystack, const char *needle) { return ulib_strstr(haystack, needle); }
int atoi(const char *s) { return ulib_atoi(s); }

long strtol(const char *s, char **end, int base) {
  int overflow;
  long v = ulib_strtol(s, end, base, &overflow);
  if (overflow) errno = ERANGE;
  return v;
}

char *strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

int isdigit(int c) { return ulib_isdigit(c); }
int isxdigit(int c) { return ulib_isxdigit(c); }
int isalpha(int c) { return ulib_isalpha(c); }
int isalnum(int c) { return ulib_isalnum(c); }
int isupper(int c) { return ulib_isupper(c); }
int islower(int c) { return ulib_islower(c); }
int isspace(int c) { return ulib_isspace(c); }
int isprint(int c) { return ulib_isprint(c); }
int ispunct(int c) { return ulib_ispunct(c); }
int toupper(int c) { return ulib_toupper(c); }
int tolower(int c) { return ulib_tolower(c); }

/* ---- built on system calls ---- */

/* stat and lstat: path opened with flags, its fstat. */
static int stat_open(const char *path, int flags, struct stat *st) {
  int fd = open(path, flags);
  if (fd < 0) return fd;
  int r = fstat(fd, st);
  close(fd);
  return r;
}

int stat(const char *path, struct stat *st) { return stat_open(path, O_RDONLY, st); }
int lstat(const char *path, struct stat *st) { return stat_open(path, O_RDONLY | O_NOFOLLOW, st); }

/* One byte per read, as xv6 does: reading ahead would take input that belongs to the
 * next program reading the same descriptor (the shell's children share fd 0). */
char *gets(char *buf, int max) {
  int i = 0;
  while (i + 1 < max) {
    char c;
    if (read(0, &c, 1) < 1) break;
    buf[i++] = c;
    if (c == '\n' || c == '\r') break;
  }
  if (max > 0) buf[i] = '\0';
  return buf;
}

/* ---- the heap ---- */

/* The heap's source of memory: sbrk, which hands out memory following the last piece. */
static void *heap_more(void *ctx, size_t n) {
  (void)ctx;
  if (n > INT_MAX) {
    errno = ENOMEM;
    return NULL;
  }
  char *p = sbrk((int)n);
  return p == SBRK_ERROR ? NULL : p;
}

static struct ulib_heap heap = {.more = heap_more};

/* The allocators set errno to ENOMEM when they fail. */
static void *check(void *p) {
  if (!p) errno = ENOMEM;
  return p;
}

/* One lock for the heap, so that threads may allocate at once (the allocator's core in
 * malloc.c is plain single-threaded C, shared with the host build). */
static pthread_mutex_t heap_lock = PTHREAD_MUTEX_INITIALIZER;

void *malloc(size_t n) {
  pthread_mutex_lock(&heap_lock);
  void *p = ulib_malloc(&heap, n);
  pthread_mutex_unlock(&heap_lock);
  return check(p);
}
void free(void *p) {
  pthread_mutex_lock(&heap_lock);
  ulib_free(&heap, p);
  pthread_mutex_unlock(&heap_lock);
}
/* realloc(p, 0) frees p and returns NULL, which is no failure. */
void *realloc(void *p, size_t n) {
  pthread_mutex_lock(&heap_lock);
  void *q = ulib_realloc(&heap, p, n);
  pthread_mutex_unlock(&heap_lock);
  return n ? check(q) : q;
}
void *calloc(size_t nmemb, size_t size) {
  pthread_mutex_lock(&heap_lock);
  void *p = ulib_calloc(&heap, nmemb, size);
  pthread_mutex_unlock(&heap_lock);
  return check(p);
}

/* ---- getopt ---- */

char *optarg;
int optind = 1, opterr = 1, optopt;
static struct ulib_getopt getopt_state;

int getopt(int argc, char *const argv[], const char *optstring) {
  struct ulib_getopt *g = &getopt_state;
  if (optind != g->optind) { /* first call, or the program moved optind: start there */
    g->optind = optind;
    g->pos = 0;
  }
  int c = ulib_getopt(g, argc, argv, optstring);
  optind = g->optind;
  optarg = g->optarg;
  if (g->error != ULIB_GETOPT_OK) {
    optopt = g->optopt;
    if (opterr && optstring[0] != ':')
      fprintf(2, "%s: %s -- '%c'\n", argv[0],
              g->error == ULIB_GETOPT_NOARG ? "option requires an argument" : "unknown option",
              g->optopt);
  }
  return c;
}
