/*
 * systest's harness: runs one test in a child process (or in this one when there is no
 * fork), and the checks and helpers the tests share (systest.h). fail() and skip() need to
 * know the test running and where it runs, so that state is kept here.
 */
#include "systest.h"

static const char *current; /* the test running */
static int test_pid;        /* the process running it */
static int in_process;      /* tests run in this process: fork is not available */
static jmp_buf test_done;   /* where fail() and skip() return to, in_process */

void fail(const char *fmt, ...) {
  char msg[200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if (getpid() != test_pid) { /* a helper child: its parent checks its exit status */
    printf("systest: %s: child %d: %s\n", current, getpid(), msg);
    exit(1);
  }
  printf("test %s: FAILED (%s)\n", current, msg);
  if (in_process) longjmp(test_done, TEST_FAILED);
  exit(TEST_FAILED);
}

void skip(const char *why) {
  printf("skip %s: %s\n", current, why);
  if (in_process) longjmp(test_done, TEST_SKIPPED);
  exit(TEST_SKIPPED);
}

int need(int r, const char *what) {
  if (r == -ENOSYS) skip(what);
  return r;
}

int xfork(void) {
  int pid = need(fork(), "no fork on this kernel");
  if (pid < 0) fail("fork: %s", strerror(pid));
  return pid;
}

int xwait(int pid) {
  /* wait() reaps any child: keep the statuses of the others for their own xwait. */
  static struct { int pid, status; } reaped[64];
  static int nreaped;
  for (int i = 0; i < nreaped; i++)
    if (reaped[i].pid == pid) {
      int status = reaped[i].status;
      reaped[i] = reaped[--nreaped];
      return status;
    }
  int status, r;
  while ((r = wait(&status)) != pid) {
    if (r < 0) fail("wait for %d: %s", pid, strerror(r));
    if (nreaped < 64) {
      reaped[nreaped].pid = r;
      reaped[nreaped++].status = status;
    }
  }
  return status;
}

void wait_ok(int pid, const char *what) {
  int status = xwait(pid);
  if (status != 0) fail("%s: child exited with %d", what, status);
}

char pattern(uint32_t off, uint32_t seed) { return (char)(off * 7u + off / 1021u + seed * 13u); }

void make_file(const char *name, uint32_t n, uint32_t seed) {
  static char buf[1024];
  int fd = open(name, O_CREATE | O_WRONLY | O_TRUNC);
  if (fd < 0) fail("create %s: %s", name, strerror(fd));
  for (uint32_t off = 0; off < n;) {
    uint32_t k = n - off < sizeof buf ? n - off : sizeof buf;
    for (uint32_t i = 0; i < k; i++)
      buf[i] = pattern(off + i, seed);
    int w = write(fd, buf, (int)k);
    if (w != (int)k) fail("write %s at %u: %d", name, off, w);
    off += k;
  }
  close(fd);
}

void check_file(const char *name, uint32_t n, uint32_t seed) {
  static char buf[777]; /* an odd size, so reads straddle blocks */
  int fd = open(name, O_RDONLY);
  if (fd < 0) fail("open %s: %s", name, strerror(fd));
  uint32_t off = 0;
  int r;
  while ((r = read(fd, buf, sizeof buf)) > 0) {
    for (int i = 0; i < r; i++)
      if (buf[i] != pattern(off + (uint32_t)i, seed))
        fail("%s: wrong byte at offset %u", name, off + (uint32_t)i);
    off += (uint32_t)r;
  }
  close(fd);
  if (r < 0) fail("read %s: %s", name, strerror(r));
  if (off != n) fail("%s holds %u bytes, want %u", name, off, n);
}

int read_small(const char *name, char *buf, int size) {
  int fd = open(name, O_RDONLY);
  if (fd < 0) fail("open %s: %s", name, strerror(fd));
  int n = 0, r;
  while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
    n += r;
  close(fd);
  buf[n] = '\0';
  return n;
}

char *heap_page_end(void) {
  char *b = sbrk(0);
  uintptr_t need = (PGSIZE - (uintptr_t)b % PGSIZE) % PGSIZE + PGSIZE;
  CHECK(sbrk((int)need) == b);
  return b + need;
}

int run_test(const char *name, void (*fn)(void)) {
  current = name;
  int pid = in_process ? -ENOSYS : fork();
  if (pid == 0) {
    test_pid = getpid();
    fn();
    printf("test %s: ok\n", name);
    exit(TEST_PASSED);
  }
  if (pid == -ENOSYS) { /* no fork: run it here, and come back here when it stops */
    in_process = 1;
    test_pid = getpid();
    int r = setjmp(test_done);
    if (r) return r;
    fn();
    printf("test %s: ok\n", name);
    return TEST_PASSED;
  }
  if (pid < 0) {
    printf("test %s: FAILED (fork: %s)\n", name, strerror(pid));
    return TEST_FAILED;
  }
  int status, r;
  while ((r = wait(&status)) != pid) {
    if (r < 0) {
      printf("test %s: FAILED (wait: %s)\n", name, strerror(r));
      return TEST_FAILED;
    }
  }
  if (status == TEST_PASSED || status == TEST_FAILED || status == TEST_SKIPPED) return status;
  printf("test %s: FAILED (its process died with status %d)\n", name, status);
  return TEST_FAILED;
}
