/* lsmod: lists the loaded kernel modules (name, size, reference count, state, users). */
#include "user.h"

int main(void) {
  static char buf[2048];
  int n = lsmod(buf, sizeof buf);
  if (n < 0) {
    fprintf(2, "lsmod: %s\n", strerror(n));
    return 1;
  }
  write(1, buf, n);
  return 0;
}
