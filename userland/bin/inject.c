/*
 * inject SERVER [hang]: makes a system server fault (or, with hang, stop answering), as
 * `ossim --inject SERVER@CYCLE` does from the command line. On micro the reincarnation
 * server restarts it (blk, con, fs; only the drivers can hang); the other kernels have no servers
 * to inject into.
 */
#include "user.h"

int main(int argc, char *argv[]) {
  if (argc < 2 || argc > 3 || (argc == 3 && strcmp(argv[2], "hang") != 0)) {
    fprintf(2, "usage: inject SERVER [hang]\n");
    return 2;
  }
  char what[32];
  if (strlen(argv[1]) > 15) {
    fprintf(2, "inject: %s: no such server\n", argv[1]);
    return 1;
  }
  strcpy(what, argv[1]);
  if (argc == 3) strcat(what, ":hang");
  int r = inject(what);
  if (r == -ESRCH)
    fprintf(2, "inject: %s: no such server\n", argv[1]);
  else if (r == -EPERM && argc == 3)
    fprintf(2, "inject: %s: only a driver the reincarnation server pings can hang\n", argv[1]);
  else if (r == -EPERM)
    fprintf(2, "inject: %s: not a server that is restarted\n", argv[1]);
  else if (r == -ENOSYS)
    fprintf(2, "inject: this kernel has no servers to inject into\n");
  else if (r < 0)
    fprintf(2, "inject: %s: %s\n", argv[1], strerror(r));
  return r < 0;
}
