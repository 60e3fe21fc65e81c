/*
 * sleep TICKS: waits for TICKS timer ticks (as xv6's sleep, which counts ticks).
 */
#include "user.h"

int main(int argc, char *argv[]) {
  char *end;
  long ticks = argc == 2 ? strtol(argv[1], &end, 10) : -1;
  if (argc != 2 || *end || end == argv[1] || ticks < 0) {
    fprintf(2, "usage: sleep TICKS\n");
    return 2;
  }
  int r = sleep((int)ticks);
  if (r < 0) {
    fprintf(2, "sleep: %s\n", strerror(r));
    return 1;
  }
  return 0;
}
