/*
 * xv6: the functions behind user/user.h, xv6's interface to this library. Each system call
 * returns -1 where ossim's returns a negative errno (errno keeps the number); xv6's printf
 * is in libc.c beside ours. Built into every program; the linker keeps these only for the
 * programs that call them.
 */
#include "user/xv6.h"
#include "user.h"

/* xv6's convention: any error is -1. */
static int minus_one(int r) { return r < 0 ? -1 : r; }

int xv6_fork(void) { return minus_one(fork()); }
int xv6_wait(int *status) { return minus_one(wait(status)); }
int xv6_pipe(int *fds) { return minus_one(pipe(fds)); }
/* xv6 refuses a write that starts past the end of a file (a file truncated under an open
 * descriptor, as usertests' truncate2 does), where ossim, like POSIX, fills the gap. */
int xv6_write(int fd, const void *buf, int n) {
  /* The offset first: a file only grows under it, unless it is truncated, so a write by
   * another process sharing the descriptor cannot make a good offset look past the end. */
  struct stat st;
  int off = lseek(fd, 0, SEEK_CUR);
  if (off >= 0 && fstat(fd, &st) == 0 && st.type == T_FILE && (uint64)off > st.size) return -1;
  return minus_one(write(fd, buf, n));
}
int xv6_read(int fd, void *buf, int n) { return minus_one(read(fd, buf, n)); }
int xv6_close(int fd) { return minus_one(close(fd)); }
int xv6_kill(int pid) { return minus_one(kill(pid)); }
int xv6_exec(const char *path, char **argv) { return minus_one(exec(path, argv)); }
int xv6_open(const char *path, int flags) { return minus_one(open(path, flags)); }
int xv6_mknod(const char *path, short major, short minor) {
  return minus_one(mknod(path, major, minor));
}
int xv6_unlink(const char *path) { return minus_one(unlink(path)); }
int xv6_fstat(int fd, struct stat *st) { return minus_one(fstat(fd, st)); }
int xv6_link(const char *oldpath, const char *newpath) { return minus_one(link(oldpath, newpath)); }
int xv6_mkdir(const char *path) { return minus_one(mkdir(path)); }
int xv6_chdir(const char *path) { return minus_one(chdir(path)); }
int xv6_dup(int fd) { return minus_one(dup(fd)); }
int xv6_sleep(int ticks) { return minus_one(sleep(ticks)); }
int xv6_stat(const char *path, struct stat *st) { return minus_one(stat(path, st)); }
