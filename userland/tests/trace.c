/* trace: writes a few marks to the trace port. The test only checks that the writes are
 * accepted and the program runs on; the marks themselves show up with --events. */
#include "rt.h"

int main(void) {
  for (uint32_t i = 0; i < 3; i++)
    trace_mark(100 + i, i, i * 2, i * 3);
  (void)mmio_read32(MACHINE_TRACE_BASE); /* reads return 0 and must not fault */
  puts("trace: 3 marks written");
  return 0;
}
