/*
 * init: the first user process. Opens the console as file descriptors 0, 1 and 2 (making
 * /dev/console first if the disk lacks it), then:
 *
 *   init               runs /bin/sh, and runs it again whenever it exits, as xv6's init;
 *                      it also waits for orphans, which the kernel gives to init
 *   init PROG [ARG...] runs PROG once and exits with its status, so that a kernel can run
 *                      one command (for example `init /bin/sh -c CMD`) and stop
 */
#include "user.h"

/* Opens the console on the lowest free descriptor, creating the device file if need be. */
static int open_console(void) {
  int fd = open("/dev/console", O_RDWR);
  if (fd >= 0) return fd;
  mkdir("/dev"); /* fails harmlessly if it exists */
  int r = mknod("/dev/console", CONSOLE_MAJOR, 0);
  if (r < 0 && r != -EEXIST) return r;
  return open("/dev/console", O_RDWR);
}

/* Starts argv[0] in a child; returns its pid, or a negative errno. */
static int spawn(char *argv[]) {
  int pid = fork();
  if (pid == 0) {
    int r = exec(argv[0], argv);
    fprintf(2, "init: exec %s: %s\n", argv[0], strerror(r));
    exit(127);
  }
  return pid;
}

int main(int argc, char *argv[]) {
  if (open_console() < 0) return 1; /* nowhere even to say so */
  dup(0);                           /* standard output */
  dup(0);                           /* standard error */

  if (argc > 1) {
    int pid = spawn(argv + 1);
    if (pid < 0) {
      fprintf(2, "init: fork: %s\n", strerror(pid));
      return 1;
    }
    int status, r;
    while ((r = wait(&status)) != pid) /* reap orphans until PROG ends */
      if (r < 0) return 1;
    return status;
  }

  char *sh[] = {"/bin/sh", NULL};
  for (;;) {
    printf("init: starting sh\n");
    int pid = spawn(sh);
    if (pid < 0) {
      fprintf(2, "init: fork: %s\n", strerror(pid));
      return 1;
    }
    int r;
    while ((r = wait(NULL)) != pid) { /* the shell, or an orphan, exited */
      if (r < 0) {
        fprintf(2, "init: wait: %s\n", strerror(r));
        return 1;
      }
    }
  }
}
