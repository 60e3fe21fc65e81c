/*
 * uptime: the number of timer ticks since boot.
 */
#include "user.h"

int main(void) {
  int t = uptime();
  if (t < 0) {
    fprintf(2, "uptime: %s\n", strerror(t));
    return 1;
  }
  printf("up %d ticks\n", t);
  return 0;
}
