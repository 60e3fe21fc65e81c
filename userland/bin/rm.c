/*
 * rm FILE...: removes directory entries (a directory only when it is empty).
 */
#include "user.h"

int main(int argc, char *argv[]) {
  if (argc < 2) {
    fprintf(2, "usage: rm FILE...\n");
    return 2;
  }
  int status = 0;
  for (int i = 1; i < argc; i++) {
    int r = unlink(argv[i]);
    if (r < 0) {
      fprintf(2, "rm: %s: %s\n", argv[i], strerror(r));
      status = 1;
    }
  }
  return status;
}
