// workload: lab 13's one workload, the same program on mono, micro and uni (it needs no
// second process). It writes FILE_BYTES to the file /workload.dat in CHUNK-byte writes,
// reads it back in CHUNK / 2-byte reads checking every byte, removes it, then passes
// PIPE_BYTES through a pipe of its own a byte at a time (write one, read it back), and
// prints "workload: N bytes through /workload.dat, M through a pipe".
#include "user.h"

#define FILE_BYTES 32768
#define CHUNK 1024
#define PIPE_BYTES 100

// LAB 13 BEGIN
// The byte at offset i of the file: a pattern that differs from one chunk to the next, so
// a block read from the wrong place shows.
static char pattern(int i) { return (char)(i * 7 + i / CHUNK); }

static void die(const char *what) {
  fprintf(2, "workload: %s failed\n", what);
  exit(1);
}

static void through_file(void) {
  static char buf[CHUNK];
  int fd = open("/workload.dat", O_CREATE | O_WRONLY | O_TRUNC);
  if (fd < 0) die("create");
  for (int at = 0; at < FILE_BYTES; at += CHUNK) {
    for (int i = 0; i < CHUNK; i++)
      buf[i] = pattern(at + i);
    if (write(fd, buf, CHUNK) != CHUNK) die("write");
  }
  close(fd);
  fd = open("/workload.dat", O_RDONLY);
  if (fd < 0) die("open");
  for (int at = 0; at < FILE_BYTES; at += CHUNK / 2) {
    if (read(fd, buf, CHUNK / 2) != CHUNK / 2) die("read");
    for (int i = 0; i < CHUNK / 2; i++)
      if (buf[i] != pattern(at + i)) die("read back");
  }
  close(fd);
  if (unlink("/workload.dat") < 0) die("unlink");
}

static void through_pipe(void) {
  int fds[2];
  if (pipe(fds) < 0) die("pipe");
  for (int i = 0; i < PIPE_BYTES; i++) {
    char out = (char)i, in;
    if (write(fds[1], &out, 1) != 1 || read(fds[0], &in, 1) != 1 || in != out) die("pipe byte");
  }
  close(fds[0]);
  close(fds[1]);
}

int main(void) {
  through_file();
  through_pipe();
  printf("workload: %d bytes through /workload.dat, %d through a pipe\n", FILE_BYTES, PIPE_BYTES);
  return 0;
}
// LAB 13 STARTER
// int main(void) {
//   fprintf(2, "workload: not written yet\n");
//   return 1;
// }
// LAB 13 END
