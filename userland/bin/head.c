/*
 * head [-n N] [FILE...]: the first N lines (10 unless told) of each file, or of standard
 * input. With several files, each is introduced by a line "==> NAME <==".
 */
#include "user.h"

static char buf[512];

/* Copies the first `lines` lines of fd to standard output; returns 0, or 1 after an error. */
static int head(int fd, const char *name, int lines) {
  int n = 0;
  while (lines > 0 && (n = read(fd, buf, sizeof buf)) > 0) {
    int i = 0;
    while (i < n && lines > 0)
      if (buf[i++] == '\n') lines--;
    write(1, buf, i);
  }
  if (lines > 0 && n < 0) {
    fprintf(2, "head: %s: %s\n", name, strerror(n));
    return 1;
  }
  return 0;
}

int main(int argc, char *argv[]) {
  int lines = 10, c;
  while ((c = getopt(argc, argv, "n:")) != -1) {
    if (c != 'n') {
      fprintf(2, "usage: head [-n N] [FILE...]\n");
      return 2;
    }
    char *end;
    lines = (int)strtol(optarg, &end, 10);
    if (*end || lines < 0) {
      fprintf(2, "head: bad line count: %s\n", optarg);
      return 2;
    }
  }
  if (optind == argc) return head(0, "standard input", lines);
  int status = 0;
  for (int i = optind; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(2, "head: %s: %s\n", argv[i], strerror(fd));
      status = 1;
      continue;
    }
    if (argc - optind > 1) printf("%s==> %s <==\n", i > optind ? "\n" : "", argv[i]);
    status |= head(fd, argv[i], lines);
    close(fd);
  }
  return status;
}
