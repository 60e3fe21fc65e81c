/*
 * spin: a boot module that only computes, forever: a CPU-bound thread to run beside the IPC
 * benchmark (lab 7: `--module ping:N --module pong --module spin`), so that a message whose
 * receiver waits in the run queue waits behind it, and the fast path's direct switch shows.
 */
#include "srv.h"

int main(uint32_t arg, uint32_t index) {
  (void)arg, (void)index;
  for (volatile uint32_t n = 0;; n++)
    ;
}
