/*
 * cat [FILE...]: copies the files, or standard input, to standard output.
 */
#include "user.h"

static char buf[512];

/* Copies fd to standard output; returns 0, or 1 after reporting an error. */
static int cat(int fd, const char *name) {
  int n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    int w = write(1, buf, n);
    if (w != n) {
      fprintf(2, "cat: write error: %s\n", strerror(w < 0 ? w : -EIO));
      return 1;
    }
  }
  if (n < 0) {
    fprintf(2, "cat: %s: %s\n", name, strerror(n));
    return 1;
  }
  return 0;
}

int main(int argc, char *argv[]) {
  if (argc <= 1) return cat(0, "standard input");
  int status = 0;
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(2, "cat: %s: %s\n", argv[i], strerror(fd));
      status = 1;
      continue;
    }
    status |= cat(fd, argv[i]);
    close(fd);
  }
  return status;
}
