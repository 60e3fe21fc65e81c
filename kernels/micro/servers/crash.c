/*
 * crash: a boot module that ends badly on purpose, to test how the kernel ends threads:
 * --module crash:1 loads from address 4 (a page fault), crash:2 runs an illegal
 * instruction, and crash (or crash:0) returns 3 from main (an exit).
 */
#include "srv.h"

int main(uint32_t how, uint32_t index) {
  (void)index;
  if (how == 1) return *(volatile int *)4;
  if (how == 2) __asm__ volatile(".word 0");
  return 3;
}
