/* systest, processes: fork, wait and exit statuses, exec, kill, sleep, the process limit and
 * setpriority. */
#include "systest.h"

void test_forkwait(void) {
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

void test_exitstatus(void) {
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

void test_forktree(void) {
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

void test_exec(void) {
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

void test_kill(void) {
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

void test_forklimit(void) {
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

void test_concfork(void) {
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

void test_sleep(void) {
  int t0 = uptime();
  CHECK(t0 >= 0);
  EXPECT(sleep(0), 0);
  EXPECT(sleep(3), 0);
  int t1 = uptime();
  if (t1 - t0 < 3) fail("slept 3 ticks but uptime went from %d to %d", t0, t1);
}

/* setpriority: what ps shows follows (priority, or tickets under lottery and stride, or the
 * MLFQ level); errors name the wrong argument. */
void test_setpriority(void) {
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
