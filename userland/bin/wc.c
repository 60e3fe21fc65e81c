/*
 * wc [FILE...]: counts lines, words and bytes, printed as xv6 does:
 *
 *   LINES WORDS BYTES NAME
 *
 * (NAME empty for standard input).
 */
#include "user.h"

static char buf[512];

/* Counts fd; returns 0, or 1 after reporting an error. */
static int wc(int fd, const char *name) {
  int lines = 0, words = 0, bytes = 0, inword = 0, n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    for (int i = 0; i < n; i++) {
      bytes++;
      if (buf[i] == '\n') lines++;
      if (strchr(" \r\t\n\v", buf[i])) {
        inword = 0;
      } else if (!inword) {
        words++;
        inword = 1;
      }
    }
  }
  if (n < 0) {
    fprintf(2, "wc: %s: %s\n", name, strerror(n));
    return 1;
  }
  printf("%d %d %d %s\n", lines, words, bytes, name);
  return 0;
}

int main(int argc, char *argv[]) {
  if (argc <= 1) return wc(0, "");
  int status = 0;
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(2, "wc: %s: %s\n", argv[i], strerror(fd));
      status = 1;
      continue;
    }
    status |= wc(fd, argv[i]);
    close(fd);
  }
  return status;
}
