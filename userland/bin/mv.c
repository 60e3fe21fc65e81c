/*
 * mv SRC DST, mv SRC... DIR: renames files, by linking the new name and unlinking the old
 * one. A file already at DST is replaced. Directories cannot be moved (they cannot be
 * linked).
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

/* Moves src to dst; returns 0, or 1 after reporting an error. */
static int mv(const char *src, const char *dst) {
  static char buf[256];
  const char *to = target(src, dst, buf, sizeof buf);
  if (!to) {
    fprintf(2, "mv: %s/%s: name too long\n", dst, src);
    return 1;
  }
  struct stat from, old;
  int r = stat(src, &from);
  if (r < 0) {
    fprintf(2, "mv: %s: %s\n", src, strerror(r));
    return 1;
  }
  if (stat(to, &old) >= 0) { /* replace what is there, unless it is src itself */
    if (old.dev == from.dev && old.ino == from.ino) {
      fprintf(2, "mv: %s and %s are the same file\n", src, to);
      return 1;
    }
    if (old.type == T_DIR) {
      fprintf(2, "mv: %s: %s\n", to, strerror(-EISDIR));
      return 1;
    }
    unlink(to);
  }
  if ((r = link(src, to)) < 0 || (r = unlink(src)) < 0) {
    fprintf(2, "mv: %s -> %s: %s\n", src, to, strerror(r));
    return 1;
  }
  return 0;
}

int main(int argc, char *argv[]) {
  if (argc < 3) {
    fprintf(2, "usage: mv SRC DST | mv SRC... DIR\n");
    return 2;
  }
  struct stat st;
  if (argc > 3 && (stat(argv[argc - 1], &st) < 0 || st.type != T_DIR)) {
    fprintf(2, "mv: %s is not a directory\n", argv[argc - 1]);
    return 1;
  }
  int status = 0;
  for (int i = 1; i < argc - 1; i++)
    status |= mv(argv[i], argv[argc - 1]);
  return status;
}
