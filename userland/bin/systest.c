/*
 * systest: the in-guest test suite of the kernels, in the spirit of xv6's usertests.
 *
 *   systest            runs every test
 *   systest NAME...    runs the named tests
 *   systest -l         lists the tests
 *
 * Each test prints one line, "test NAME: ok", "test NAME: FAILED (why)" or "skip NAME: why",
 * and the run ends with "systest: N passed, M failed, K skipped". A test is skipped when the
 * first call it needs answers -ENOSYS: what the kernel's architecture cannot do (the
 * unikernel has no fork, exec, wait or kill; only mono loads modules). Skips are not passes,
 * but not failures either: the exit status is 0 when none failed.
 *
 * Each test runs in a child process, so a test that crashes or is killed is reported as
 * failed and the others still run. On a kernel without fork (the unikernel) the tests run
 * in this process, and those that need fork are skipped. A test stops at its first failed
 * check (fail() exits its process, or longjmps back when it runs in this one). Helper
 * children that a test forks report a failed check with a line of their own and exit 1;
 * the test checks their exit statuses.
 *
 * Tests work in the current directory, on names starting "st.", and remove them. Large
 * buffers are static: a process's stack may be small.
 */
#include "user.h"

#include "abi/syscall.h"
#include "kernel/fs.h"

#define PGSIZE 4096
#define SKIPPED 2 /* the exit status of a skipped test's process */

/* ---- the harness ---- */

static const char *current; /* the test running */
static int test_pid;        /* the process running it */
static int in_process;      /* tests run in this process: fork is not available */
static jmp_buf test_done;   /* where fail() and skip() return to, in_process */

static void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void fail(const char *fmt, ...) {
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
  if (in_process) longjmp(test_done, 1);
  exit(1);
}

static void skip(const char *why) __attribute__((noreturn));
static void skip(const char *why) {
  printf("skip %s: %s\n", current, why);
  if (in_process) longjmp(test_done, SKIPPED);
  exit(SKIPPED);
}

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) fail("%s, line %d", #cond, __LINE__);                                             \
  } while (0)

/* EXPECT(expr, want): expr, an int, must equal want; a failure shows both, and the error's
 * name when expr gave a negative number. */
#define EXPECT(expr, want)                                                                         \
  do {                                                                                             \
    int got_ = (int)(expr), want_ = (int)(want);                                                   \
    if (got_ != want_)                                                                             \
      fail("%s gave %d%s%s%s, want %d, line %d", #expr, got_, got_ < 0 ? " (" : "",                \
           got_ < 0 ? strerror(got_) : "", got_ < 0 ? ")" : "", want_, __LINE__);                  \
  } while (0)

/* The result r of a call the test needs: -ENOSYS skips the test, saying that `what` is not
 * on this kernel; anything else is handed back. */
static int need(int r, const char *what) {
  if (r == -ENOSYS) skip(what);
  return r;
}

/* A fork that skips the test on a kernel without fork and fails it on any other error. */
static int xfork(void) {
  int pid = need(fork(), "no fork on this kernel");
  if (pid < 0) fail("fork: %s", strerror(pid));
  return pid;
}

/* Waits for child pid (reaping any others on the way) and returns its exit status. */
static int xwait(int pid) {
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

/* Waits for child pid, which must exit with status 0. */
static void wait_ok(int pid, const char *what) {
  int status = xwait(pid);
  if (status != 0) fail("%s: child exited with %d", what, status);
}

/* The byte at offset off of test data number seed: varies within and across blocks. */
static char pattern(uint32_t off, uint32_t seed) {
  return (char)(off * 7u + off / 1021u + seed * 13u);
}

/* Creates (or truncates) name with n bytes of pattern(seed). */
static void make_file(const char *name, uint32_t n, uint32_t seed) {
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

/* Checks that name holds exactly n bytes of pattern(seed). */
static void check_file(const char *name, uint32_t n, uint32_t seed) {
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

/* The whole of a small file, NUL-terminated, in buf; returns its length. */
static int read_small(const char *name, char *buf, int size) {
  int fd = open(name, O_RDONLY);
  if (fd < 0) fail("open %s: %s", name, strerror(fd));
  int n = 0, r;
  while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
    n += r;
  close(fd);
  buf[n] = '\0';
  return n;
}

/* Makes the heap end on a page boundary with at least one whole page below it, and
 * returns that end: [end - PGSIZE, end) is valid memory and end itself is not mapped. */
static char *heap_page_end(void) {
  char *b = sbrk(0);
  uintptr_t need = (PGSIZE - (uintptr_t)b % PGSIZE) % PGSIZE + PGSIZE;
  CHECK(sbrk((int)need) == b);
  return b + need;
}

/* ---- processes ---- */

static void test_forkwait(void) {
  int parent = getpid();
  int pid = xfork();
  if (pid == 0) {
    if (getppid() != parent) exit(10);
    exit(42);
  }
  CHECK(pid > 0 && pid != parent);
  int status = -1;
  EXPECT(wait(&status), pid);
  EXPECT(status, 42);
  EXPECT(wait(&status), -ECHILD);
  pid = xfork();
  if (pid == 0) exit(0);
  EXPECT(wait(NULL), pid); /* a NULL status is allowed */
}

static void test_exitstatus(void) {
  static const int codes[] = {0, 1, 2, 42, 127, 255};
  enum { N = sizeof codes / sizeof codes[0] };
  int pids[N], got[N];
  for (int i = 0; i < N; i++) {
    pids[i] = xfork();
    if (pids[i] == 0) exit(codes[i]);
    got[i] = -1;
  }
  for (int n = 0; n < N; n++) { /* in whatever order they end */
    int status, pid = wait(&status), i = 0;
    while (i < N && pids[i] != pid)
      i++;
    if (i == N) fail("wait gave %d, not one of the children", pid);
    got[i] = status;
  }
  for (int i = 0; i < N; i++)
    EXPECT(got[i], codes[i]);
  /* main's return value is the exit status */
  char *t[] = {"true", NULL}, *f[] = {"false", NULL};
  int pid = xfork();
  if (pid == 0) exit(exec("/bin/true", t) == 0 ? 0 : 99);
  EXPECT(xwait(pid), 0);
  pid = xfork();
  if (pid == 0) exit(exec("/bin/false", f) == 0 ? 0 : 99);
  EXPECT(xwait(pid), 1);
}

/* A process of the tree: forks two subtrees of depth - 1 and exits with the number of
 * processes in its own tree. */
static void forktree(int depth) __attribute__((noreturn));
static void forktree(int depth) {
  int total = 1;
  if (depth > 0) {
    int a = fork();
    if (a == 0) forktree(depth - 1);
    int b = a < 0 ? a : fork();
    if (b == 0) forktree(depth - 1);
    if (a < 0 || b < 0) exit(0); /* a short count: the test sees the wrong total */
    total += xwait(a) + xwait(b);
  }
  exit(total);
}

static void test_forktree(void) {
  /* depth 4: 31 processes, each waiting for its two children. */
  int pid = xfork();
  if (pid == 0) {
    int a = xfork(), b;
    if (a == 0) forktree(3);
    b = xfork();
    if (b == 0) forktree(3);
    exit(1 + xwait(a) + xwait(b));
  }
  EXPECT(xwait(pid), 31);
}

static void test_exec(void) {
  char *argv[] = {"echo", "hello", "exec", NULL};
  EXPECT(need(exec("/st.no/such/program", argv), "no exec on this kernel"), -ENOENT);
  make_file("st.notelf", 100, 1);
  EXPECT(exec("st.notelf", argv), -ENOEXEC);
  unlink("st.notelf");
  CHECK(exec(".", argv) < 0); /* a directory */

  int pid = xfork();
  if (pid == 0) { /* echo's output into a file */
    close(1);
    if (open("st.execout", O_CREATE | O_WRONLY | O_TRUNC) != 1) exit(98);
    exec("/bin/echo", argv);
    exit(99);
  }
  EXPECT(xwait(pid), 0);
  static char buf[1024];
  read_small("st.execout", buf, sizeof buf);
  if (strcmp(buf, "hello exec\n") != 0) fail("echo wrote \"%s\"", buf);

  /* many arguments, each long */
  static char words[20][40];
  char *many[22] = {"echo"};
  for (int i = 0; i < 20; i++) {
    memset(words[i], 'a' + i, sizeof words[i] - 1);
    many[i + 1] = words[i];
  }
  pid = xfork();
  if (pid == 0) {
    close(1);
    if (open("st.execout", O_CREATE | O_WRONLY | O_TRUNC) != 1) exit(98);
    exec("/bin/echo", many);
    exit(99);
  }
  EXPECT(xwait(pid), 0);
  EXPECT(read_small("st.execout", buf, sizeof buf), 20 * 40);
  CHECK(buf[0] == 'a' && buf[40] == 'b' && buf[799] == '\n');
  unlink("st.execout");
}

static void test_kill(void) {
  EXPECT(need(kill(999999), "no other process to kill on this kernel"), -ESRCH);
  int pid = xfork();
  if (pid == 0)
    for (;;) /* spins until killed */
      ;
  EXPECT(kill(pid), 0);
  CHECK(xwait(pid) != 0);

  pid = xfork(); /* killed while sleeping */
  if (pid == 0) {
    sleep(1000000);
    exit(0);
  }
  sleep(1);
  EXPECT(kill(pid), 0);
  CHECK(xwait(pid) != 0);

  int p[2];
  EXPECT(pipe(p), 0);
  pid = xfork(); /* killed while blocked reading a pipe that stays open */
  if (pid == 0) {
    char c;
    read(p[0], &c, 1);
    exit(0);
  }
  sleep(1);
  EXPECT(kill(pid), 0);
  CHECK(xwait(pid) != 0);
  close(p[0]);
  close(p[1]);
}

static void test_forklimit(void) {
  enum { MAX = 1000 };
  int n = 0, r = 0;
  for (; n < MAX; n++) { /* children exit at once and stay zombies until waited for */
    r = need(fork(), "no fork on this kernel");
    if (r == 0) exit(0);
    if (r < 0) break;
  }
  if (n < MAX && r != -EAGAIN && r != -ENOMEM)
    fail("fork number %d failed with %d (%s), want -EAGAIN or -ENOMEM", n + 1, r, strerror(r));
  for (int i = 0; i < n; i++)
    if (wait(NULL) < 0) fail("only %d of %d children to wait for", i, n);
  EXPECT(wait(NULL), -ECHILD);
  int pid = xfork(); /* and the process table recovered */
  if (pid == 0) exit(0);
  EXPECT(xwait(pid), 0);
}

static void test_concfork(void) {
  int pids[4];
  for (int i = 0; i < 4; i++) {
    pids[i] = xfork();
    if (pids[i] == 0) {
      for (int j = 0; j < 20; j++) {
        int pid = fork();
        if (pid == 0) exit(j);
        if (pid < 0 || xwait(pid) != j) exit(1);
      }
      exit(0);
    }
  }
  for (int i = 0; i < 4; i++)
    wait_ok(pids[i], "fork loop");
}

static void test_sleep(void) {
  int t0 = uptime();
  CHECK(t0 >= 0);
  EXPECT(sleep(0), 0);
  EXPECT(sleep(3), 0);
  int t1 = uptime();
  if (t1 - t0 < 3) fail("slept 3 ticks but uptime went from %d to %d", t0, t1);
}

/* ---- pipes ---- */

static void test_pipe(void) {
  int p[2];
  EXPECT(pipe(p), 0);
  CHECK(p[0] >= 0 && p[1] >= 0 && p[0] != p[1]);
  EXPECT(write(p[1], "hello", 5), 5);
  char buf[16];
  EXPECT(read(p[0], buf, sizeof buf), 5);
  CHECK(memcmp(buf, "hello", 5) == 0);
  EXPECT(read(p[1], buf, 1), -EBADF); /* the ends go one way */
  EXPECT(write(p[0], buf, 1), -EBADF);
  EXPECT(lseek(p[0], 0, SEEK_SET), -ESPIPE);
  close(p[0]);
  close(p[1]);
}

static void test_pipebig(void) {
  enum { TOTAL = 256 * 1024 };
  int p[2];
  EXPECT(pipe(p), 0);
  int pid = xfork();
  if (pid == 0) { /* writes in chunks of changing sizes, 1 to 4096 bytes */
    static char buf[4096];
    close(p[0]);
    uint32_t off = 0;
    for (uint32_t k = 1; off < TOTAL; k = k * 3 % 4096 + 1) {
      uint32_t n = TOTAL - off < k ? TOTAL - off : k;
      for (uint32_t i = 0; i < n; i++)
        buf[i] = pattern(off + i, 5);
      if (write(p[1], buf, (int)n) != (int)n) exit(1);
      off += n;
    }
    exit(0);
  }
  close(p[1]);
  static char buf[3000];
  uint32_t off = 0;
  int r;
  while ((r = read(p[0], buf, sizeof buf)) > 0) {
    for (int i = 0; i < r; i++)
      if (buf[i] != pattern(off + (uint32_t)i, 5)) fail("wrong byte at %u", off + (uint32_t)i);
    off += (uint32_t)r;
  }
  EXPECT(r, 0);
  EXPECT(off, TOTAL);
  close(p[0]);
  wait_ok(pid, "writer");
}

static void test_pipeclosed(void) {
  int p[2];
  char c = 'x';
  EXPECT(pipe(p), 0); /* no writer left: end of file, after the data */
  EXPECT(write(p[1], &c, 1), 1);
  close(p[1]);
  EXPECT(read(p[0], &c, 1), 1);
  EXPECT(read(p[0], &c, 1), 0);
  close(p[0]);

  EXPECT(pipe(p), 0); /* no reader left: -EPIPE, and the writer lives on */
  close(p[0]);
  EXPECT(write(p[1], &c, 1), -EPIPE);
  close(p[1]);

  EXPECT(pipe(p), 0); /* a reader blocked until the last writer, a child, exits */
  int pid = xfork();
  if (pid == 0) {
    close(p[0]);
    sleep(2);
    write(p[1], "abc", 3);
    exit(0); /* closes p[1] */
  }
  close(p[1]);
  char buf[8];
  int n = 0, r;
  while ((r = read(p[0], buf + n, (int)sizeof buf - n)) > 0)
    n += r;
  EXPECT(r, 0);
  EXPECT(n, 3);
  close(p[0]);
  wait_ok(pid, "writer");

  EXPECT(pipe(p), 0); /* a writer blocked on a full pipe, whose reader goes away */
  pid = xfork();
  if (pid == 0) {
    static char big[4096];
    close(p[0]);
    /* more than any pipe buffer holds */
    for (int i = 0; i < 64; i++)
      if (write(p[1], big, sizeof big) < 0) exit(0); /* -EPIPE once the reader is gone */
    exit(1);
  }
  close(p[1]);
  sleep(2);
  close(p[0]);
  wait_ok(pid, "writer to a closed pipe");
}

static void test_concpipe(void) {
  enum { WRITERS = 4, EACH = 10000 };
  int p[2];
  EXPECT(pipe(p), 0);
  for (int w = 0; w < WRITERS; w++) {
    int pid = xfork();
    if (pid == 0) { /* every byte of writer w is 'A' + w */
      char buf[100];
      memset(buf, 'A' + w, sizeof buf);
      close(p[0]);
      for (int i = 0; i < EACH / 100; i++)
        if (write(p[1], buf, sizeof buf) != sizeof buf) exit(1);
      exit(0);
    }
  }
  close(p[1]);
  int counts[WRITERS] = {0}, r;
  static char buf[512];
  while ((r = read(p[0], buf, sizeof buf)) > 0)
    for (int i = 0; i < r; i++) {
      int w = buf[i] - 'A';
      if (w < 0 || w >= WRITERS) fail("stray byte %d", buf[i]);
      counts[w]++;
    }
  EXPECT(r, 0);
  for (int w = 0; w < WRITERS; w++)
    EXPECT(counts[w], EACH);
  close(p[0]);
  for (int w = 0; w < WRITERS; w++)
    if (wait(NULL) < 0) fail("wait");
}

/* One round of closerace: child A's last close of a file must wait for the file system,
 * which this process holds, writing; meanwhile child B makes a pipe. A's file must not be
 * handed to B's pipe before A's close is over: B's pipe works after A is done. */
static void closerace_round(int round) {
  static char big[16 * 1024];
  int ready[2], go[2], ack[2];
  EXPECT(pipe(ready), 0);
  EXPECT(pipe(go), 0);
  EXPECT(pipe(ack), 0);
  int a = xfork();
  if (a == 0) {
    int fd = open("st.cra", O_CREATE | O_RDWR);
    CHECK(fd >= 0);
    char c;
    EXPECT(write(ready[1], "r", 1), 1);
    EXPECT(read(go[0], &c, 1), 1);
    EXPECT(write(ack[1], "a", 1), 1); /* B may go on */
    EXPECT(close(fd), 0);             /* waits: the parent is writing */
    exit(0);
  }
  char c;
  EXPECT(read(ready[0], &c, 1), 1); /* A holds its file */
  int b = xfork();
  if (b == 0) {
    int p[2];
    EXPECT(read(ack[0], &c, 1), 1);
    EXPECT(pipe(p), 0);                           /* while A's close waits */
    int fd = open("st.crb", O_CREATE | O_RDWR); /* waits for the parent's write, as A */
    CHECK(fd >= 0);
    EXPECT(close(fd), 0);
    sleep(2); /* A's close is over by now */
    EXPECT(write(p[1], "y", 1), 1);
    EXPECT(read(p[0], &c, 1), 1);
    CHECK(c == 'y');
    exit(0);
  }
  int fd = open("st.crbig", O_CREATE | O_RDWR | O_TRUNC);
  CHECK(fd >= 0);
  memset(big, 'a' + round, sizeof big);
  EXPECT(write(go[1], "g", 1), 1);
  EXPECT(write(fd, big, sizeof big), (int)sizeof big);
  EXPECT(close(fd), 0);
  wait_ok(a, "A");
  wait_ok(b, "B");
  int fds[] = {ready[0], ready[1], go[0], go[1], ack[0], ack[1]};
  for (int i = 0; i < 6; i++)
    EXPECT(close(fds[i]), 0);
}

/* A file closed while its close waits for the file system, in many short-lived processes
 * with pipes: none of their files may change hands early, and none may leak (an open file
 * that changed hands early was given back twice, or never). */
static void test_closerace(void) {
  if (in_process) skip("no fork on this kernel"); /* before its pipes: they would stay open */
  for (int round = 0; round < 8; round++)
    closerace_round(round);
  const char *names[] = {"st.cra", "st.crb", "st.crbig"};
  for (int i = 0; i < 3; i++)
    EXPECT(unlink(names[i]), 0);
}

/* ---- memory ---- */

static void test_sbrk(void) {
  char *a = sbrk(0);
  CHECK(a != SBRK_ERROR);
  enum { N = 10 * PGSIZE };
  EXPECT(sbrk(N) - a, 0);
  CHECK(sbrk(0) == a + N);
  for (int i = 0; i < N; i++) /* new memory is zero */
    if (a[i]) fail("byte %d of new memory is %d", i, a[i]);
  for (int i = 0; i < N; i++)
    a[i] = (char)i;
  for (int i = 0; i < N; i++)
    if (a[i] != (char)i) fail("byte %d of new memory did not keep its value", i);
  EXPECT(sbrk(-N) - (a + N), 0);
  CHECK(sbrk(0) == a);
  EXPECT(sbrk(N) - a, 0); /* grown again: zero again */
  for (int i = 0; i < N; i++)
    if (a[i]) fail("byte %d of re-grown memory is %d", i, a[i]);

  /* many small steps */
  char *b = sbrk(0);
  for (int i = 0; i < 1000; i++)
    if (sbrk(37) != b + 37 * i) fail("sbrk step %d", i);
  b[37 * 1000 - 1] = 1;
  CHECK(sbrk(-37 * 1000) == b + 37 * 1000);

  /* the kernel writes into memory no one has touched yet */
  char *c = sbrk(0);
  CHECK(sbrk(2 * PGSIZE) == c);
  int p[2];
  EXPECT(pipe(p), 0);
  EXPECT(write(p[1], "0123456789", 10), 10);
  EXPECT(read(p[0], c + PGSIZE - 5, 10), 10); /* across a page boundary */
  CHECK(memcmp(c + PGSIZE - 5, "0123456789", 10) == 0);
  close(p[0]);
  close(p[1]);
}

static void test_sbrkshrink(void) {
  int pid = xfork();
  if (pid == 0) { /* memory given back is gone: touching it kills the process */
    volatile char *end = heap_page_end();
    end[-1] = 1;
    sbrk(-PGSIZE);
    end[-1] = 2;
    exit(0);
  }
  if (xwait(pid) == 0) fail("a process wrote to memory it had given back with sbrk");
}

static void test_cow(void) {
  enum { N = 16 * PGSIZE };
  char *a = sbrk(N);
  CHECK(a != SBRK_ERROR);
  for (int i = 0; i < N; i++)
    a[i] = pattern((uint32_t)i, 1);
  int p[2];
  EXPECT(pipe(p), 0);
  int pid = xfork();
  if (pid == 0) {
    for (int i = 0; i < N; i++) /* the child sees the parent's memory... */
      if (a[i] != pattern((uint32_t)i, 1)) exit(1);
    for (int i = 0; i < N; i++) /* ...and its writes stay its own */
      a[i] = pattern((uint32_t)i, 2);
    for (int i = 0; i < N; i++)
      if (a[i] != pattern((uint32_t)i, 2)) exit(2);
    char c;
    read(p[0], &c, 1); /* wait until the parent has written too */
    for (int i = 0; i < N; i++)
      if (a[i] != pattern((uint32_t)i, 2)) exit(3);
    exit(0);
  }
  for (int i = 0; i < N; i += 2) /* the parent writes half the bytes */
    a[i] = pattern((uint32_t)i, 3);
  write(p[1], "x", 1);
  wait_ok(pid, "child checking its copy");
  for (int i = 0; i < N; i++)
    if (a[i] != pattern((uint32_t)i, i % 2 ? 1 : 3)) fail("parent's byte %d changed", i);
  close(p[0]);
  close(p[1]);
}

static void test_oom(void) {
  /* A heap past the top of the address space: sbrk must fail by the fourth GiB (or the
   * first, on a kernel that allocates memory as sbrk asks for it). */
  char *a = sbrk(0);
  int failed = 0;
  for (int i = 0; i < 4 && !failed; i++) {
    errno = 0;
    if (sbrk(0x40000000) == SBRK_ERROR) {
      failed = 1;
      EXPECT(errno, ENOMEM);
    }
  }
  CHECK(failed);
  while (sbrk(0) > a) { /* give it back */
    uintptr_t over = (uintptr_t)(sbrk(0) - a);
    CHECK(sbrk(-(int)(over > 0x40000000 ? 0x40000000 : over)) != SBRK_ERROR);
  }
  CHECK(sbrk(0) == a);
  CHECK(sbrk(-0x7ff00000) == SBRK_ERROR); /* below the start of the heap */
  CHECK(sbrk(0) == a);
  CHECK(malloc(0xfff00000u) == NULL);

  int pid = xfork();
  if (pid == 0) { /* takes memory until there is none: sbrk fails, or the kernel kills it */
    for (int i = 0; i < 4096; i++) {
      char *p = sbrk(1 << 20);
      if (p == SBRK_ERROR) exit(errno == ENOMEM ? 0 : 78);
      for (int j = 0; j < (1 << 20); j += PGSIZE)
        p[j] = 1;
    }
    exit(77); /* 4 GiB, and never out of memory? */
  }
  int status = xwait(pid);
  if (status == 77) fail("the memory hog got 4 GiB");
  if (status == 78) fail("the memory hog's sbrk failed without ENOMEM");
  pid = xfork(); /* and the memory came back */
  if (pid == 0) {
    char *p = sbrk(8 << 20);
    if (p == SBRK_ERROR) exit(1);
    for (int j = 0; j < (8 << 20); j += PGSIZE)
      p[j] = 1;
    exit(0);
  }
  wait_ok(pid, "8 MiB after the memory hog exited");
}

/* ---- bad pointers: every call that takes one must refuse a bad one with -EFAULT ---- */

static void test_badptr(void) {
  char *end = heap_page_end();
  char *bad[] = {NULL, (char *)0x1000, end, end + 16 * PGSIZE};
  int fd = open("/bin/sh", O_RDONLY), p[2];
  CHECK(fd >= 0);
  EXPECT(pipe(p), 0);
  EXPECT(write(p[1], "data", 4), 4);
  char *argv[] = {"echo", NULL};
  /* exec's pointers only where there is exec (the test of the rest still runs) */
  int has_exec = exec("/st.no/such/program", argv) != -ENOSYS;
  for (int i = 0; i < 4; i++) {
    char *b = bad[i];
    EXPECT(read(fd, b, 10), -EFAULT);
    EXPECT(write(p[1], b, 10), -EFAULT);
    EXPECT(pipe((int *)b), -EFAULT);
    EXPECT(open(b, O_RDONLY), -EFAULT);
    EXPECT(open(b, O_CREATE | O_RDWR), -EFAULT);
    EXPECT(mknod(b, CONSOLE_MAJOR, 0), -EFAULT);
    EXPECT(unlink(b), -EFAULT);
    EXPECT(link(b, "st.badlink"), -EFAULT);
    EXPECT(link("/bin/sh", b), -EFAULT);
    EXPECT(mkdir(b), -EFAULT);
    EXPECT(chdir(b), -EFAULT);
    EXPECT(fstat(fd, (struct stat *)b), -EFAULT);
    if (has_exec) {
      EXPECT(exec(b, argv), -EFAULT);
      EXPECT(exec("/bin/echo", (char **)b), -EFAULT);
    }
    EXPECT(procinfo((struct procinfo *)b, 4), -EFAULT);
  }
  /* the vDSO page can be read but not written */
  EXPECT(read(fd, (void *)(uintptr_t)VDSO_BASE, 10), -EFAULT);
  /* a buffer that runs off the end of the heap */
  EXPECT(read(fd, end - 10, 100), -EFAULT);
  EXPECT(write(p[1], end - 10, 100), -EFAULT);
  /* a string that runs off the end of the heap, without its NUL */
  memset(end - 8, 'a', 8);
  EXPECT(open(end - 8, O_RDONLY), -EFAULT);
  if (has_exec) {
    EXPECT(exec(end - 8, argv), -EFAULT);
    /* an argv with a bad string in it, and one that runs off the end of the heap */
    char *badargv[] = {"echo", (char *)0x1000, NULL};
    EXPECT(exec("/bin/echo", badargv), -EFAULT);
    char **edge = (char **)(end - sizeof(char *));
    edge[0] = "echo"; /* the NULL that should follow is past the end */
    EXPECT(exec("/bin/echo", edge), -EFAULT);
  }
  /* the data in the pipe is still there: failed calls took nothing */
  char buf[8];
  EXPECT(read(p[0], buf, sizeof buf), 4);
  close(p[0]);
  close(p[1]);
  close(fd);
  EXPECT(open("st.badlink", O_RDONLY), -ENOENT);

  int pid = fork(); /* wait's status pointer (only where there is fork) */
  if (pid == 0) exit(0);
  if (pid > 0) {
    sleep(1);
    EXPECT(wait((int *)0x1000), -EFAULT);
    while (wait(NULL) >= 0) /* the child, if the failed wait left it */
      ;
  }
}

static void test_badfd(void) {
  char c;
  struct stat st;
  EXPECT(read(-1, &c, 1), -EBADF);
  EXPECT(read(100, &c, 1), -EBADF);
  EXPECT(write(57, &c, 1), -EBADF);
  EXPECT(close(99), -EBADF);
  EXPECT(fstat(63, &st), -EBADF);
  EXPECT(dup(-5), -EBADF);
  EXPECT(lseek(40, 0, SEEK_SET), -EBADF);
  int fd = open("/bin/sh", O_RDONLY);
  CHECK(fd >= 0);
  EXPECT(write(fd, &c, 1), -EBADF); /* opened read-only */
  EXPECT(close(fd), 0);
  EXPECT(close(fd), -EBADF); /* already closed */
  EXPECT(read(fd, &c, 1), -EBADF);
}

static void test_fdlimit(void) {
  int fds[256], n = 0, r = 0;
  while (n < 256 && (r = dup(0)) >= 0)
    fds[n++] = r;
  if (n == 256) fail("256 dups and no limit");
  EXPECT(r, -EMFILE);
  int p[2];
  EXPECT(pipe(p), -EMFILE);
  EXPECT(open("/bin/sh", O_RDONLY), -EMFILE);
  for (int i = 0; i < n; i++)
    EXPECT(close(fds[i]), 0);
  r = dup(0);
  CHECK(r >= 0);
  close(r);
}

/* ---- files ---- */

static void test_create(void) {
  unlink("st.create");
  EXPECT(open("st.create", O_RDONLY), -ENOENT);
  int fd = open("st.create", O_CREATE | O_RDWR);
  CHECK(fd >= 0);
  EXPECT(write(fd, "0123456789", 10), 10);
  close(fd);
  struct stat st;
  EXPECT(stat("st.create", &st), 0);
  EXPECT(st.type, T_FILE);
  EXPECT(st.nlink, 1);
  EXPECT(st.size, 10);
  fd = open("st.create", O_CREATE | O_RDWR); /* O_CREATE of a file that exists: opens it */
  CHECK(fd >= 0);
  char buf[32];
  EXPECT(read(fd, buf, sizeof buf), 10);
  CHECK(memcmp(buf, "0123456789", 10) == 0);
  EXPECT(read(fd, buf, sizeof buf), 0); /* at the end */
  close(fd);
  fd = open("st.create", O_WRONLY);
  EXPECT(read(fd, buf, 1), -EBADF); /* opened write-only */
  close(fd);
  EXPECT(open("st.create/x", O_CREATE | O_RDWR), -ENOTDIR);
  EXPECT(open("st.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", O_CREATE | O_RDWR), -ENAMETOOLONG);
  EXPECT(unlink("st.create"), 0);
  EXPECT(unlink("st.create"), -ENOENT);
}

static void test_truncate(void) {
  make_file("st.trunc", 20000, 1); /* into the indirect block */
  int fd = open("st.trunc", O_WRONLY | O_TRUNC);
  CHECK(fd >= 0);
  struct stat st;
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.size, 0);
  EXPECT(write(fd, "abc", 3), 3);
  close(fd);
  static char buf[64];
  EXPECT(read_small("st.trunc", buf, sizeof buf), 3);
  CHECK(strcmp(buf, "abc") == 0);
  make_file("st.trunc", 5000, 2); /* regrown: the old bytes do not come back */
  check_file("st.trunc", 5000, 2);
  EXPECT(unlink("st.trunc"), 0);
}

static void test_append(void) {
  make_file("st.append", 0, 0);
  int fd = open("st.append", O_WRONLY | O_APPEND);
  CHECK(fd >= 0);
  EXPECT(write(fd, "abc", 3), 3);
  EXPECT(lseek(fd, 0, SEEK_SET), 0);
  EXPECT(write(fd, "def", 3), 3); /* still at the end */
  close(fd);
  static char buf[16];
  read_small("st.append", buf, sizeof buf);
  CHECK(strcmp(buf, "abcdef") == 0);
  EXPECT(unlink("st.append"), 0);
}

static void test_lseek(void) {
  make_file("st.seek", 3000, 4);
  int fd = open("st.seek", O_RDWR);
  CHECK(fd >= 0);
  char c;
  EXPECT(lseek(fd, 1500, SEEK_SET), 1500);
  EXPECT(read(fd, &c, 1), 1);
  CHECK(c == pattern(1500, 4));
  EXPECT(lseek(fd, -501, SEEK_CUR), 1000);
  EXPECT(read(fd, &c, 1), 1);
  CHECK(c == pattern(1000, 4));
  EXPECT(lseek(fd, -1, SEEK_END), 2999);
  EXPECT(read(fd, &c, 1), 1);
  CHECK(c == pattern(2999, 4));
  EXPECT(lseek(fd, -1, SEEK_SET), -EINVAL);
  EXPECT(lseek(fd, 0, 7), -EINVAL);
  EXPECT(lseek(fd, 10000, SEEK_SET), 10000); /* past the end: a hole, then data */
  EXPECT(write(fd, "z", 1), 1);
  struct stat st;
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.size, 10001);
  EXPECT(lseek(fd, 5000, SEEK_SET), 5000);
  static char buf[5001];
  EXPECT(read(fd, buf, sizeof buf), 5001);
  for (int i = 0; i < 5000; i++)
    if (buf[i] != 0) fail("byte %d of the hole is %d", 5000 + i, buf[i]);
  CHECK(buf[5000] == 'z');
  close(fd);
  EXPECT(unlink("st.seek"), 0);
}

static void test_dup(void) {
  int fd = open("st.dup", O_CREATE | O_RDWR | O_TRUNC);
  CHECK(fd >= 0);
  int fd2 = dup(fd);
  CHECK(fd2 >= 0 && fd2 != fd);
  EXPECT(write(fd, "ab", 2), 2);
  EXPECT(write(fd2, "cd", 2), 2); /* the offset is shared */
  EXPECT(close(fd), 0);
  EXPECT(lseek(fd2, 0, SEEK_SET), 0);
  char buf[8];
  EXPECT(read(fd2, buf, sizeof buf), 4);
  CHECK(memcmp(buf, "abcd", 4) == 0);
  close(fd2);
  EXPECT(unlink("st.dup"), 0);
}

static void test_bigfile(void) {
  /* 11 direct + 256 indirect blocks of 1 KiB: 267 KiB. 300 KiB reach the doubly
   * indirect blocks. */
  enum { SIZE = 300 * 1024 };
  make_file("st.big", SIZE, 7);
  struct stat st;
  EXPECT(stat("st.big", &st), 0);
  EXPECT(st.size, SIZE);
  check_file("st.big", SIZE, 7);
  int fd = open("st.big", O_RDWR); /* a write straddling the doubly indirect boundary */
  CHECK(fd >= 0);
  static char buf[2048];
  uint32_t at = 267 * 1024 - 1000;
  for (uint32_t i = 0; i < sizeof buf; i++)
    buf[i] = pattern(at + i, 7);
  EXPECT(lseek(fd, (int)at, SEEK_SET), (int)at);
  EXPECT(write(fd, buf, sizeof buf), sizeof buf);
  EXPECT(lseek(fd, (int)at, SEEK_SET), (int)at);
  memset(buf, 0, sizeof buf);
  EXPECT(read(fd, buf, sizeof buf), sizeof buf);
  for (uint32_t i = 0; i < sizeof buf; i++)
    if (buf[i] != pattern(at + i, 7)) fail("byte %u", at + i);
  close(fd);
  EXPECT(unlink("st.big"), 0);
}

static void test_unlinkopen(void) {
  make_file("st.unl", 5000, 3);
  int fd = open("st.unl", O_RDWR);
  CHECK(fd >= 0);
  EXPECT(unlink("st.unl"), 0);
  EXPECT(open("st.unl", O_RDONLY), -ENOENT);
  struct stat st;
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.nlink, 0);
  static char buf[5000];
  EXPECT(read(fd, buf, sizeof buf), 5000);
  for (int i = 0; i < 5000; i++)
    if (buf[i] != pattern((uint32_t)i, 3)) fail("byte %d", i);
  EXPECT(write(fd, "more", 4), 4); /* still a file, though nameless */
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.size, 5004);
  make_file("st.unl", 10, 4); /* the name can be used again meanwhile */
  check_file("st.unl", 10, 4);
  close(fd);
  EXPECT(unlink("st.unl"), 0);
}

/* The number of entries in use in directory path ('.' and '..' included). */
static int count_entries(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) fail("open %s: %s", path, strerror(fd));
  struct dirent de;
  int n = 0, r;
  while ((r = read(fd, &de, sizeof de)) == sizeof de)
    if (de.inum) n++;
  close(fd);
  if (r != 0) fail("reading directory %s: %d", path, r);
  return n;
}

static void test_manyfiles(void) {
  enum { N = 200 }; /* 32 entries a block: the directory spans 7 blocks */
  char name[32];
  mkdir("st.many");
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "st.many/file%d", i);
    make_file(name, (uint32_t)i, (uint32_t)i);
  }
  EXPECT(count_entries("st.many"), N + 2);
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "st.many/file%d", i);
    check_file(name, (uint32_t)i, (uint32_t)i);
  }
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "st.many/file%d", i);
    EXPECT(unlink(name), 0);
  }
  EXPECT(count_entries("st.many"), 2);
  EXPECT(unlink("st.many"), 0);
}

static void test_dirs(void) {
  EXPECT(mkdir("st.d"), 0);
  EXPECT(mkdir("st.d"), -EEXIST);
  EXPECT(mkdir("st.d/a/b"), -ENOENT);
  make_file("st.d/f", 10, 1);
  EXPECT(mkdir("st.d/f/x"), -ENOTDIR);
  EXPECT(open("st.d/f/x", O_RDONLY), -ENOTDIR);
  EXPECT(chdir("st.d/f"), -ENOTDIR);
  EXPECT(open("st.d", O_RDWR), -EISDIR);
  EXPECT(open("st.d", O_WRONLY), -EISDIR);
  EXPECT(open("st.d", O_CREATE), -EISDIR); /* a directory is not the file O_CREATE asks for */
  EXPECT(open("st.d", O_CREATE | O_RDWR), -EISDIR);
  int fd = open("st.d", O_RDONLY);
  CHECK(fd >= 0);
  struct stat st, st2;
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.type, T_DIR);
  close(fd);
  EXPECT(stat("st.d/.", &st2), 0); /* '.' and '..' */
  CHECK(st2.ino == st.ino);
  EXPECT(stat("st.d/..", &st), 0);
  EXPECT(stat(".", &st2), 0);
  CHECK(st.ino == st2.ino);
  check_file("st.d//f", 10, 1); /* extra slashes and dots */
  check_file("./st.d/./f", 10, 1);
  EXPECT(mkdir("st.d/a"), 0); /* relative paths after chdir */
  EXPECT(mkdir("st.d/a/b"), 0);
  EXPECT(chdir("st.d/a/b"), 0);
  make_file("deep", 100, 2);
  check_file("../../f", 10, 1);
  EXPECT(chdir("../../.."), 0);
  check_file("st.d/a/b/deep", 100, 2);
  EXPECT(unlink("st.d"), -ENOTEMPTY);
  CHECK(unlink("st.d/.") < 0);
  CHECK(unlink("st.d/..") < 0);
  EXPECT(unlink("st.d/a/b/deep"), 0);
  EXPECT(unlink("st.d/a/b"), 0);
  EXPECT(unlink("st.d/a"), 0);
  EXPECT(unlink("st.d/f"), 0);
  EXPECT(unlink("st.d"), 0);
  EXPECT(chdir("st.d"), -ENOENT);
}

static void test_links(void) {
  make_file("st.l1", 300, 5);
  EXPECT(link("st.l1", "st.l2"), 0);
  struct stat a, b;
  EXPECT(stat("st.l1", &a), 0);
  EXPECT(stat("st.l2", &b), 0);
  CHECK(a.ino == b.ino);
  EXPECT(a.nlink, 2);
  check_file("st.l2", 300, 5);
  EXPECT(link("st.l1", "st.l2"), -EEXIST);
  EXPECT(link("st.nosuch", "st.l3"), -ENOENT);
  CHECK(link(".", "st.l3") < 0); /* directories cannot be linked */
  EXPECT(open("st.l3", O_RDONLY), -ENOENT);
  EXPECT(unlink("st.l1"), 0);
  EXPECT(stat("st.l2", &b), 0);
  EXPECT(b.nlink, 1);
  check_file("st.l2", 300, 5);
  EXPECT(unlink("st.l2"), 0);
}

/* Symbolic links: open follows them (a chain, a link to a directory in the middle of a
 * path, a relative target from the link's own directory), lstat and readlink see the link,
 * a loop gives -ELOOP, a dangling link -ENOENT, and unlink removes the link only. */
static void test_symlinks(void) {
  make_file("st.s1", 300, 9);
  EXPECT(need(symlink("st.s1", "st.s2"), "no symbolic links on this kernel"), 0);
  EXPECT(symlink("st.s1", "st.s2"), -EEXIST);
  check_file("st.s2", 300, 9);
  struct stat a, b;
  EXPECT(stat("st.s2", &a), 0);
  EXPECT(stat("st.s1", &b), 0);
  CHECK(a.ino == b.ino);
  EXPECT(lstat("st.s2", &a), 0);
  EXPECT(a.type, T_SYMLINK);
  EXPECT(a.size, 5);
  char buf[32];
  EXPECT(readlink("st.s2", buf, sizeof buf), 5);
  CHECK(memcmp(buf, "st.s1", 5) == 0);
  EXPECT(readlink("st.s1", buf, sizeof buf), -EINVAL);
  EXPECT(symlink("st.s2", "st.s3"), 0);
  check_file("st.s3", 300, 9);
  EXPECT(mkdir("st.sd"), 0);
  make_file("st.sd/f", 100, 3);
  EXPECT(symlink("f", "st.sd/l"), 0);
  EXPECT(symlink("st.sd", "st.s4"), 0);
  check_file("st.s4/l", 100, 3);
  EXPECT(symlink("st.s6", "st.s5"), 0);
  EXPECT(symlink("st.s5", "st.s6"), 0);
  EXPECT(open("st.s5", O_RDONLY), -ELOOP);
  EXPECT(symlink("st.nosuch", "st.s7"), 0);
  EXPECT(open("st.s7", O_RDONLY), -ENOENT);
  EXPECT(unlink("st.s2"), 0);
  EXPECT(open("st.s3", O_RDONLY), -ENOENT);
  check_file("st.s1", 300, 9);
  const char *names[] = {"st.s1", "st.s3", "st.s4", "st.s5", "st.s6", "st.s7", "st.sd/l",
                         "st.sd/f", "st.sd"};
  for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
    EXPECT(unlink(names[i]), 0);
}

static void test_mknod(void) {
  unlink("st.node");
  EXPECT(mknod("st.node", CONSOLE_MAJOR, 0), 0);
  struct stat st;
  EXPECT(stat("st.node", &st), 0);
  EXPECT(st.type, T_DEVICE);
  EXPECT(mknod("st.node", CONSOLE_MAJOR, 0), -EEXIST);
  EXPECT(unlink("st.node"), 0);
}

/* setpriority: what ps shows follows (priority, or tickets under lottery and stride, or the
 * MLFQ level); errors name the wrong argument. */
static void test_setpriority(void) {
  struct procinfo pi[64];
  int r = setpriority(0, 3, 300);
  if (r == -ENOSYS) skip("no setpriority on this kernel");
  EXPECT(r, 0);
  int n = procinfo(pi, 64), shown = -1;
  for (int i = 0; i < n; i++)
    if (pi[i].pid == getpid()) shown = pi[i].priority;
  CHECK(shown == 3 || shown == 300 || (shown >= 0 && shown <= 2));
  EXPECT(setpriority(0, -1, -5), -EINVAL);
  EXPECT(setpriority(99999, 1, 0), -ESRCH);
  EXPECT(setpriority(0, 8, 100), 0); /* back to the defaults */
}

/* Loadable modules (mono): load and unload one a thousand times; nothing must be left over
 * (the sanitizer build checks the kernel for leaks). */
static void test_modules(void) {
  char msg[128];
  EXPECT(need(insmod("quiet", "", msg, sizeof msg), "no loadable modules on this kernel"), 0);
  EXPECT(insmod("quiet", "", msg, sizeof msg), -EEXIST);
  EXPECT(rmmod("quiet", msg, sizeof msg), 0);
  for (int i = 0; i < 1000; i++) {
    EXPECT(insmod("quiet", "", msg, sizeof msg), 0);
    EXPECT(rmmod("quiet", msg, sizeof msg), 0);
  }
  static char list[2048];
  int n = lsmod(list, sizeof list - 1);
  CHECK(n > 0);
  list[n > 0 ? n : 0] = 0;
  CHECK(strstr(list, "quiet") == NULL);
}

static void test_fulldisk(void) {
  static char buf[4096];
  char name[32];
  memset(buf, 'f', sizeof buf);
  int files = 0, r = 0;
  uint32_t total = 0;
  for (; files < 64 && r != -ENOSPC; files++) { /* one file, or more if it grows too big */
    snprintf(name, sizeof name, "st.full%d", files);
    int fd = open(name, O_CREATE | O_WRONLY | O_TRUNC);
    if (fd == -ENOSPC) break;
    if (fd < 0) fail("create %s: %s", name, strerror(fd));
    while ((r = write(fd, buf, sizeof buf)) == sizeof buf)
      total += sizeof buf;
    if (r > 0) { /* a short write at the end of the space: the next one must fail */
      total += (uint32_t)r;
      r = write(fd, buf, sizeof buf);
    }
    close(fd);
    if (r != -ENOSPC && r != -EFBIG) fail("write after %u bytes gave %d, want -ENOSPC", total, r);
  }
  if (r != -ENOSPC) fail("wrote %u bytes and the disk never filled", total);
  for (int i = 0; i < files; i++) {
    snprintf(name, sizeof name, "st.full%d", i);
    EXPECT(unlink(name), 0);
  }
  make_file("st.full", 100 * 1024, 9); /* the space came back */
  check_file("st.full", 100 * 1024, 9);
  EXPECT(unlink("st.full"), 0);
}

/* ---- processes sharing files ---- */

static void test_concfiles(void) {
  enum { CHILDREN = 4 };
  int pids[CHILDREN];
  for (int c = 0; c < CHILDREN; c++) {
    pids[c] = xfork();
    if (pids[c] == 0) { /* each its own file, made, checked and removed three times */
      char name[16];
      snprintf(name, sizeof name, "st.conc%d", c);
      for (int round = 0; round < 3; round++) {
        make_file(name, 20000, (uint32_t)(c * 10 + round));
        check_file(name, 20000, (uint32_t)(c * 10 + round));
        if (unlink(name) < 0) exit(1);
      }
      exit(0);
    }
  }
  for (int c = 0; c < CHILDREN; c++)
    wait_ok(pids[c], "file writer");
}

static void test_concdir(void) {
  /* Processes create and remove the same names in one directory at once: each call may
   * succeed or find the name (not) there, but nothing may break. */
  enum { CHILDREN = 4, NAMES = 10 };
  mkdir("st.cd");
  for (int c = 0; c < CHILDREN; c++) {
    int pid = xfork();
    if (pid == 0) {
      char name[32];
      for (int round = 0; round < 5; round++)
        for (int i = 0; i < NAMES; i++) {
          snprintf(name, sizeof name, "st.cd/n%d", (i + c) % NAMES);
          if ((i + round + c) % 2 == 0) {
            int fd = open(name, O_CREATE | O_RDWR);
            if (fd < 0) exit(1);
            write(fd, "x", 1);
            close(fd);
          } else {
            int r = unlink(name);
            if (r < 0 && r != -ENOENT) exit(2);
          }
        }
      exit(0);
    }
  }
  for (int c = 0; c < CHILDREN; c++) {
    int status;
    if (wait(&status) < 0) fail("wait");
    if (status != 0) fail("a child exited with %d", status);
  }
  char name[32];
  for (int i = 0; i < NAMES; i++) { /* every name is a good file or absent */
    snprintf(name, sizeof name, "st.cd/n%d", i);
    struct stat st;
    int r = stat(name, &st);
    if (r == 0) {
      EXPECT(st.type, T_FILE);
      EXPECT(st.nlink, 1);
      EXPECT(unlink(name), 0);
    } else {
      EXPECT(r, -ENOENT);
    }
  }
  EXPECT(count_entries("st.cd"), 2);
  EXPECT(unlink("st.cd"), 0);
}

/* ---- the list, and main ---- */

struct test {
  const char *name;
  void (*fn)(void);
};

static const struct test tests[] = {
    {"forkwait", test_forkwait},
    {"exitstatus", test_exitstatus},
    {"forktree", test_forktree},
    {"exec", test_exec},
    {"kill", test_kill},
    {"sleep", test_sleep},
    {"pipe", test_pipe},
    {"pipebig", test_pipebig},
    {"pipeclosed", test_pipeclosed},
    {"sbrk", test_sbrk},
    {"sbrkshrink", test_sbrkshrink},
    {"cow", test_cow},
    {"oom", test_oom},
    {"badptr", test_badptr},
    {"badfd", test_badfd},
    {"fdlimit", test_fdlimit},
    {"forklimit", test_forklimit},
    {"create", test_create},
    {"truncate", test_truncate},
    {"append", test_append},
    {"lseek", test_lseek},
    {"dup", test_dup},
    {"bigfile", test_bigfile},
    {"unlinkopen", test_unlinkopen},
    {"manyfiles", test_manyfiles},
    {"dirs", test_dirs},
    {"links", test_links},
    {"symlinks", test_symlinks},
    {"mknod", test_mknod},
    {"concfork", test_concfork},
    {"concpipe", test_concpipe},
    {"closerace", test_closerace},
    {"concfiles", test_concfiles},
    {"concdir", test_concdir},
    {"modules", test_modules},
    {"setpriority", test_setpriority},
    {"fulldisk", test_fulldisk},
};
#define NTESTS (int)(sizeof tests / sizeof tests[0])

/* Runs one test; returns 0 passed, 1 failed, SKIPPED. */
static int run(const struct test *t) {
  current = t->name;
  int pid = in_process ? -ENOSYS : fork();
  if (pid == 0) {
    test_pid = getpid();
    t->fn();
    printf("test %s: ok\n", t->name);
    exit(0);
  }
  if (pid == -ENOSYS) { /* no fork: run it here, and come back here when it stops */
    in_process = 1;
    test_pid = getpid();
    int r = setjmp(test_done);
    if (r) return r;
    t->fn();
    printf("test %s: ok\n", t->name);
    return 0;
  }
  if (pid < 0) {
    printf("test %s: FAILED (fork: %s)\n", t->name, strerror(pid));
    return 1;
  }
  int status, r;
  while ((r = wait(&status)) != pid) {
    if (r < 0) {
      printf("test %s: FAILED (wait: %s)\n", t->name, strerror(r));
      return 1;
    }
  }
  if (status == 0 || status == 1 || status == SKIPPED) return status;
  printf("test %s: FAILED (its process died with status %d)\n", t->name, status);
  return 1;
}

static const struct test *find(const char *name) {
  for (int i = 0; i < NTESTS; i++)
    if (strcmp(tests[i].name, name) == 0) return &tests[i];
  return NULL;
}

int main(int argc, char *argv[]) {
  if (argc == 2 && strcmp(argv[1], "-l") == 0) {
    for (int i = 0; i < NTESTS; i++)
      printf("%s\n", tests[i].name);
    return 0;
  }
  for (int i = 1; i < argc; i++) {
    if (!find(argv[i])) {
      fprintf(2, "systest: no test named %s (systest -l lists them)\n", argv[i]);
      return 2;
    }
  }
  int counts[3] = {0}; /* passed, failed, skipped */
  if (argc > 1) {
    for (int i = 1; i < argc; i++)
      counts[run(find(argv[i]))]++;
  } else {
    for (int i = 0; i < NTESTS; i++)
      counts[run(&tests[i])]++;
  }
  printf("systest: %d passed, %d failed, %d skipped\n", counts[0], counts[1], counts[2]);
  return counts[1] ? 1 : 0;
}
