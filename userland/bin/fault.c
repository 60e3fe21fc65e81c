/*
 * fault [read|write|jump|illegal]: does one thing a user program must not do, so that you can
 * watch the kernel kill it with a message naming the cause and the address while the shell
 * goes on. With no argument, it reads through a NULL pointer.
 *
 *   read     loads a word from address 0 (page 0 is never mapped)
 *   write    stores a word at 0xf0000000, above user memory
 *   jump     calls a function at address 0x10 (an instruction page fault)
 *   illegal  runs an all-zero instruction word, which RISC-V defines as illegal
 *
 * The faulting code is in main, first in the program's text, so that the pc in the
 * kernel's message stays put when the C library changes (the scripted shell sessions in
 * tests/sessions compare it byte for byte).
 */
#include "user.h"

int main(int argc, char *argv[]) {
  const char *what = argc > 1 ? argv[1] : "read";
  /* volatile: the compiler may not drop or reorder an access it can prove is undefined. */
  if (strcmp(what, "read") == 0) {
    volatile int *p = (volatile int *)0;
    return *p;
  }
  if (strcmp(what, "write") == 0) {
    *(volatile int *)0xf0000000u = 1;
    return 0;
  }
  if (strcmp(what, "jump") == 0) {
    void (*volatile f)(void) = (void (*)(void))0x10;
    f();
    return 0;
  }
  if (strcmp(what, "illegal") == 0) {
    __asm__ volatile(".word 0");
    return 0;
  }
  fprintf(2, "usage: fault [read|write|jump|illegal]\n");
  return 2;
}
