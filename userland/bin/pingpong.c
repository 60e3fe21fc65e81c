// pingpong: two processes pass one byte each way over two pipes. The parent writes a byte
// to the child; the child prints "PID: received ping" and writes the byte back; the parent
// then prints "PID: received pong" (PID: the printing process's own). Written, as lab 11
// asks, as an xv6 program: xv6's headers and calls, -1 for a failed call.
#include "kernel/types.h"
#include "user/user.h"

// LAB 11 BEGIN
// Two pipes, as a pipe carries bytes one way only: to_child from the parent, to_parent back.
int main(void) {
  int to_child[2], to_parent[2];
  if (pipe(to_child) < 0 || pipe(to_parent) < 0) {
    fprintf(2, "pingpong: pipe failed\n");
    exit(1);
  }
  char byte = 'x';
  int pid = fork();
  if (pid < 0) {
    fprintf(2, "pingpong: fork failed\n");
    exit(1);
  }
  if (pid == 0) {
    close(to_child[1]);
    close(to_parent[0]);
    if (read(to_child[0], &byte, 1) != 1) exit(1);
    printf("%d: received ping\n", getpid());
    write(to_parent[1], &byte, 1);
    exit(0);
  }
  close(to_child[0]);
  close(to_parent[1]);
  write(to_child[1], &byte, 1);
  if (read(to_parent[0], &byte, 1) != 1) exit(1);
  printf("%d: received pong\n", getpid());
  wait(0);
  exit(0);
}
// LAB 11 STARTER
// int main(void) {
//   fprintf(2, "pingpong: not written yet\n");
//   exit(1);
// }
// LAB 11 END
