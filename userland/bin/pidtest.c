/*
 * pidtest [-n N] [-w]: getpid without a trap (lab 3). On mono each process has a read-only page
 * at USYSCALL (abi/syscall.h) holding its pid; ugetpid() below reads it, where getpid()
 * asks the kernel. pidtest calls ugetpid() N times (default 1000), then getpid() N times,
 * in itself and then in a child it forks, and prints what each said.
 *
 * For the grader, each loop is framed by marks in the event stream (trace_mark; the kernel
 * adds the caller's pid to each): 1 (a1 = what ugetpid said, a2 = N) before the ugetpid
 * loop and 2 (a1 = how many calls disagreed) after it; 3 and 4 around the getpid loop. So
 * the event stream shows whether the answer was right and what happened between the marks:
 * no system call, no page fault, and how many cycles it took.
 *
 * pidtest -w reads the page (mark 1 as above), then writes to it, which the kernel must not
 * allow: the page is the kernel's word to the process, read-only.
 *
 * Other kernels map nothing at USYSCALL: there, ugetpid() faults.
 */
#include "abi/syscall.h"
#include "user.h"

/* The pid, from the page the kernel shares with this process: a load, no trap. */
static int ugetpid(void) {
  const volatile struct usyscall *u = (const volatile struct usyscall *)USYSCALL;
  return u->pid;
}

/* The two loops, framed by marks; prints what was seen. */
static void measure(const char *who, int n) {
  int pid = ugetpid(), bad = 0;
  trace_mark(1, pid, n, 0);
  for (int i = 0; i < n; i++)
    if (ugetpid() != pid) bad++;
  trace_mark(2, bad, 0, 0);
  int sys = getpid();
  trace_mark(3, sys, n, 0);
  for (int i = 0; i < n; i++)
    getpid();
  trace_mark(4, 0, 0, 0);
  printf("%s: ugetpid %d, getpid %d%s\n", who, pid, sys, bad ? " (ugetpid changed!)" : "");
}

/* Reads the page, then stores to it: the store must kill the process. */
static int write_page(void) {
  trace_mark(1, ugetpid(), 0, 0);
  *(volatile int *)USYSCALL = 0;
  printf("pidtest: the store to USYSCALL went through: the page is writable\n");
  return 1;
}

int main(int argc, char *argv[]) {
  int n = 1000;
  if (argc == 3 && strcmp(argv[1], "-n") == 0)
    n = atoi(argv[2]);
  else if (argc == 2 && strcmp(argv[1], "-w") == 0)
    return write_page();
  else if (argc != 1) {
    fprintf(2, "usage: pidtest [-n N] [-w]\n");
    return 2;
  }
  measure("parent", n);
  int pid = fork();
  if (pid < 0) {
    fprintf(2, "pidtest: fork: %s\n", strerror(pid));
    return 1;
  }
  if (pid == 0) {
    measure("child", n);
    exit(0);
  }
  int status = -1;
  wait(&status);
  return status;
}
