/*
 * poweroff [STATUS], also /bin/halt: stops the machine, and ossim exits with STATUS (0
 * unless given) once the console's output is out. Returns only if the kernel refuses (on
 * micro, a program the console's shells did not start: docs/micro.md).
 */
#include "user.h"

int main(int argc, char *argv[]) {
  char *end = "";
  long status = argc == 2 ? strtol(argv[1], &end, 10) : 0;
  if (argc > 2 || *end || status < 0 || status > 255) {
    fprintf(2, "usage: %s [STATUS 0-255]\n", argv[0]);
    return 2;
  }
  int r = poweroff((int)status);
  fprintf(2, "%s: %s\n", argv[0], strerror(r));
  return 1;
}
