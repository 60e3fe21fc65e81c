// find DIR NAME: prints the path of every file, directory or device under DIR (DIR itself
// included) whose name is NAME, walking down every directory, one path a line. Lab 11;
// written as an xv6 program.
#include "kernel/fs.h"
#include "kernel/stat.h"
#include "kernel/types.h"
#include "user/user.h"

// LAB 11 BEGIN
// The last component of path.
static char *basename(char *path) {
  char *p = path + strlen(path);
  while (p > path && p[-1] != '/')
    p--;
  return p;
}

// Visits path, of which buf holds a copy with room for more: prints it if its name is
// name, and when it is a directory visits each entry but "." and ".." (which lead back up,
// so a walk into them never ends).
static void find(char *buf, int size, char *name) {
  struct stat st;
  if (stat(buf, &st) < 0) {
    fprintf(2, "find: cannot stat %s\n", buf);
    return;
  }
  if (strcmp(basename(buf), name) == 0) printf("%s\n", buf);
  if (st.type != T_DIR) return;
  int len = strlen(buf);
  if (len + 1 + DIRSIZ + 1 > size) {
    fprintf(2, "find: path too long: %s\n", buf);
    return;
  }
  int fd = open(buf, 0);
  if (fd < 0) {
    fprintf(2, "find: cannot open %s\n", buf);
    return;
  }
  struct dirent de;
  while (read(fd, &de, sizeof de) == sizeof de) {
    if (de.inum == 0 || strcmp(de.name, ".") == 0 || strcmp(de.name, "..") == 0) continue;
    buf[len] = '/';
    memmove(buf + len + 1, de.name, DIRSIZ);
    buf[len + 1 + DIRSIZ] = 0;
    find(buf, size, name);
  }
  buf[len] = 0;
  close(fd);
}

int main(int argc, char *argv[]) {
  static char buf[512];
  if (argc != 3 || strlen(argv[1]) >= sizeof buf) {
    fprintf(2, "usage: find DIR NAME\n");
    exit(1);
  }
  strcpy(buf, argv[1]);
  find(buf, sizeof buf, argv[2]);
  exit(0);
}
// LAB 11 STARTER
// int main(int argc, char *argv[]) {
//   (void)argc;
//   (void)argv;
//   fprintf(2, "find: not written yet\n");
//   exit(1);
// }
// LAB 11 END
