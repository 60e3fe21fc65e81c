/*
 * ls [PATH...]: lists directories (or describes files) in xv6's format, one line each:
 *
 *   NAME TYPE INODE SIZE
 *
 * with NAME padded to DIRSIZ columns and TYPE a T_* number (1 directory, 2 file, 3 device,
 * 4 symbolic link: a directory's entries are not followed, so a link shows as itself).
 */
#include "user.h"

#include "kernel/fs.h"

/* The last component of path, padded with spaces to DIRSIZ characters (a longer name is
 * returned as it is). */
static const char *fmtname(const char *path) {
  static char buf[DIRSIZ + 1];
  const char *p = strrchr(path, '/');
  p = p ? p + 1 : path;
  size_t n = strlen(p);
  if (n >= DIRSIZ) return p;
  memcpy(buf, p, n);
  memset(buf + n, ' ', DIRSIZ - n);
  buf[DIRSIZ] = '\0';
  return buf;
}

static void show(const char *path, const struct stat *st) {
  printf("%s %d %d %d\n", fmtname(path), st->type, (int)st->ino, (int)st->size);
}

/* Lists path; returns 0, or 1 after reporting an error. */
static int ls(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) {
    fprintf(2, "ls: cannot open %s: %s\n", path, strerror(fd));
    return 1;
  }
  struct stat st;
  int r = fstat(fd, &st);
  if (r < 0) {
    fprintf(2, "ls: cannot stat %s: %s\n", path, strerror(r));
    close(fd);
    return 1;
  }
  if (st.type != T_DIR) {
    show(path, &st);
    close(fd);
    return 0;
  }
  static char buf[512];
  if (strlen(path) + 1 + DIRSIZ + 1 > sizeof buf) {
    fprintf(2, "ls: path too long\n");
    close(fd);
    return 1;
  }
  strcpy(buf, path);
  char *p = buf + strlen(buf);
  *p++ = '/';
  struct dirent de;
  int status = 0;
  while (read(fd, &de, sizeof de) == sizeof de) {
    if (de.inum == 0) continue; /* a free slot */
    memcpy(p, de.name, DIRSIZ);
    p[DIRSIZ] = '\0';
    r = lstat(buf, &st);
    if (r < 0) {
      fprintf(2, "ls: cannot stat %s: %s\n", buf, strerror(r));
      status = 1;
      continue;
    }
    show(buf, &st);
  }
  close(fd);
  return status;
}

int main(int argc, char *argv[]) {
  if (argc < 2) return ls(".");
  int status = 0;
  for (int i = 1; i < argc; i++)
    status |= ls(argv[i]);
  return status;
}
