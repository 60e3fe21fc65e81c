/*
 * ln OLD NEW: makes NEW another name (a hard link) for the file OLD.
 * ln -s TARGET NEW: makes NEW a symbolic link to the path TARGET (which need not exist).
 */
#include "user.h"

int main(int argc, char *argv[]) {
  int soft = argc == 4 && strcmp(argv[1], "-s") == 0;
  if (argc != 3 + soft) {
    fprintf(2, "usage: ln [-s] OLD NEW\n");
    return 2;
  }
  const char *old = argv[1 + soft], *new = argv[2 + soft];
  int r = soft ? symlink(old, new) : link(old, new);
  if (r < 0) {
    fprintf(2, "ln: %s -> %s: %s\n", new, old, strerror(r));
    return 1;
  }
  return 0;
}
