/*
 * cp SRC DST, cp SRC... DIR: copies files; DST is created or truncated.
 */
#include "user.h"

/* dst, or dst/basename(src) when dst is a directory, in buf (size bytes); NULL if that
 * does not fit. */
static const char *target(const char *src, const char *dst, char *buf, size_t size) {
  struct stat st;
  if (stat(dst, &st) < 0 || st.type != T_DIR) return dst;
  const char *base = strrchr(src, '/');
  base = base ? base + 1 : src;
  if ((size_t)snprintf(buf, size, "%s/%s", dst, base) >= size) return NULL;
  return buf;
}

/* Copies src to dst; returns 0, or 1 after reporting an error. */
static int cp(const char *src, const char *dst) {
  static char name[256], buf[1024];
  const char *to = target(src, dst, name, sizeof name);
  if (!to) {
    fprintf(2, "cp: %s/%s: name too long\n", dst, src);
    return 1;
  }
  int in = open(src, O_RDONLY);
  if (in < 0) {
    fprintf(2, "cp: %s: %s\n", src, strerror(in));
    return 1;
  }
  struct stat a, b;
  if (fstat(in, &a) >= 0 && a.type == T_DIR) {
    fprintf(2, "cp: %s: %s\n", src, strerror(-EISDIR));
    close(in);
    return 1;
  }
  if (stat(to, &b) >= 0 && a.dev == b.dev && a.ino == b.ino) {
    fprintf(2, "cp: %s and %s are the same file\n", src, to);
    close(in);
    return 1;
  }
  int out = open(to, O_WRONLY | O_CREATE | O_TRUNC);
  if (out < 0) {
    fprintf(2, "cp: %s: %s\n", to, strerror(out));
    close(in);
    return 1;
  }
  int n, status = 0;
  while ((n = read(in, buf, sizeof buf)) > 0) {
    int w = write(out, buf, n);
    if (w != n) {
      fprintf(2, "cp: %s: %s\n", to, strerror(w < 0 ? w : -EIO));
      status = 1;
      break;
    }
  }
  if (n < 0) {
    fprintf(2, "cp: %s: %s\n", src, strerror(n));
    status = 1;
  }
  close(in);
  close(out);
  return status;
}

int main(int argc, char *argv[]) {
  if (argc < 3) {
    fprintf(2, "usage: cp SRC DST | cp SRC... DIR\n");
    return 2;
  }
  struct stat st;
  if (argc > 3 && (stat(argv[argc - 1], &st) < 0 || st.type != T_DIR)) {
    fprintf(2, "cp: %s is not a directory\n", argv[argc - 1]);
    return 1;
  }
  int status = 0;
  for (int i = 1; i < argc - 1; i++)
    status |= cp(argv[i], argv[argc - 1]);
  return status;
}
