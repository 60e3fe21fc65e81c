/*
 * tail [-n N] [FILE]: the last N lines (10 unless told) of a file or of standard input.
 * The whole input is read into memory first, since its end is only known at its end.
 */
#include "user.h"

/* All of fd in a malloc'd buffer, its length in *len; NULL after reporting an error. */
static char *slurp(int fd, const char *name, int *len) {
  int size = 1024, have = 0, n;
  char *buf = malloc((size_t)size);
  while (buf) {
    if (have == size) {
      char *bigger = realloc(buf, (size_t)size * 2);
      if (!bigger) break;
      buf = bigger;
      size *= 2;
    }
    n = read(fd, buf + have, size - have);
    if (n < 0) {
      fprintf(2, "tail: %s: %s\n", name, strerror(n));
      free(buf);
      return NULL;
    }
    if (n == 0) {
      *len = have;
      return buf;
    }
    have += n;
  }
  fprintf(2, "tail: %s: %s\n", name, strerror(-ENOMEM));
  free(buf);
  return NULL;
}

/* Writes the last `lines` lines of fd; returns 0, or 1 after an error. */
static int tail(int fd, const char *name, int lines) {
  int len;
  char *buf = slurp(fd, name, &len);
  if (!buf) return 1;
  /* Walk back over `lines` newlines; the one that ends the last line does not count. */
  int start = len;
  if (start > 0 && buf[start - 1] == '\n') start--;
  for (int seen = 0; start > 0; start--)
    if (buf[start - 1] == '\n' && ++seen == lines) break;
  if (lines == 0) start = len;
  write(1, buf + start, len - start);
  free(buf);
  return 0;
}

int main(int argc, char *argv[]) {
  int lines = 10, c;
  while ((c = getopt(argc, argv, "n:")) != -1) {
    if (c != 'n') {
      fprintf(2, "usage: tail [-n N] [FILE]\n");
      return 2;
    }
    char *end;
    lines = (int)strtol(optarg, &end, 10);
    if (*end || lines < 0) {
      fprintf(2, "tail: bad line count: %s\n", optarg);
      return 2;
    }
  }
  if (optind == argc) return tail(0, "standard input", lines);
  if (argc - optind > 1) {
    fprintf(2, "usage: tail [-n N] [FILE]\n");
    return 2;
  }
  int fd = open(argv[optind], O_RDONLY);
  if (fd < 0) {
    fprintf(2, "tail: %s: %s\n", argv[optind], strerror(fd));
    return 1;
  }
  int status = tail(fd, argv[optind], lines);
  close(fd);
  return status;
}
