/*
 * kill PID...: kills processes.
 */
#include "user.h"

int main(int argc, char *argv[]) {
  if (argc < 2) {
    fprintf(2, "usage: kill PID...\n");
    return 2;
  }
  int status = 0;
  for (int i = 1; i < argc; i++) {
    char *end;
    long pid = strtol(argv[i], &end, 10);
    int r = *end || end == argv[i] ? -EINVAL : kill((int)pid);
    if (r < 0) {
      fprintf(2, "kill: %s: %s\n", argv[i], strerror(r));
      status = 1;
    }
  }
  return status;
}
