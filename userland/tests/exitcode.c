/* exitcode: ends through the test device's fail command with code 42, which ossim (like
 * QEMU) turns into its exit status. */
#include "rt.h"

int main(void) {
  puts("exiting with code 42");
  return 42;
}
