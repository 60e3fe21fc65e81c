/*
 * nosys: every call the unikernel cannot offer, with what it answers. Linked as a uni image
 * only (kernels/uni/libos/CMakeLists.txt); tests/uni.cmake boots it with --image and expects
 * each line to say -ENOSYS (38), and the calls it can offer to work.
 */
#include "user.h"

static int bad;

static void expect(const char *what, int got, int want) {
  printf("%s: %d%s\n", what, got, got == want ? "" : " (unexpected)");
  if (got != want) bad = 1;
}

int main(void) {
  int status = 0, p[2];
  char msg[64], buf[64];
  char *argv[] = {"echo", "hi", 0};
  expect("fork", fork(), -ENOSYS);
  expect("errno after fork", errno, ENOSYS);
  expect("exec", exec("/bin/echo", argv), -ENOSYS);
  expect("wait", wait(&status), -ENOSYS);
  expect("kill", kill(1), -ENOSYS);
  expect("kill other", kill(2), -ENOSYS);
  expect("insmod", insmod("quiet", "", msg, sizeof msg), -ENOSYS);
  expect("rmmod", rmmod("quiet", msg, sizeof msg), -ENOSYS);
  expect("lsmod", lsmod(buf, sizeof buf), -ENOSYS);
  expect("getpid", getpid(), 1);
  expect("getppid", getppid(), 0);
  expect("yield", yield(), 0);
  expect("pipe", pipe(p), 0);
  expect("read of an empty pipe", read(p[0], buf, 1), -EAGAIN);
  struct procinfo pi;
  expect("procinfo", procinfo(&pi, 1), 1);
  printf("nosys: %s\n", bad ? "FAILED" : "ok");
  return bad;
}
