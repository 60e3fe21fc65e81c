/* hello: the smallest bare program -- one line on the UART, then power-off (status 0). */
#include "rt.h"

int main(void) {
  puts("hello from ossim bare mode");
  return 0;
}
