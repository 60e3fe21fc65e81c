/* systest, bad arguments: every call that takes a pointer refuses a bad one with -EFAULT; bad
 * descriptors give -EBADF, and the descriptor table has a limit. */
#include "systest.h"

void test_badptr(void) {
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

void test_badfd(void) {
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

void test_fdlimit(void) {
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
