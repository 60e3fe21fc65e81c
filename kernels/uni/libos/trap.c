/*
 * trap.c: the library OS's trap handler. Interrupts never trap (libos waits for them in wfi
 * with sstatus.SIE clear: see dev.c), so a trap is an exception of the program -- or of the
 * library OS, which shares its address space and privilege: a bad pointer, a jump into
 * nowhere, an illegal instruction. There is no kernel to survive it, so it is reported on the
 * console with the cause, the pc and the address, and the run fails with status 128 + cause
 * (the shells' convention for a process killed by signal n).
 *
 * The vector is the bare runtime's (userland/rt/trap.S), which saves every register in a
 * struct rt_trapframe on the stack and calls rt_trap_dispatch.
 */
#include "libos.h"
#include "rt.h"

#define FAULT_STATUS_BASE 128

static const char *cause_name(uint32_t cause) {
  static const char *const names[] = {"instruction address misaligned",
                                      "instruction access fault",
                                      "illegal instruction",
                                      "breakpoint",
                                      "load address misaligned",
                                      "load access fault",
                                      "store address misaligned",
                                      "store access fault",
                                      "environment call from U mode",
                                      "environment call from S mode",
                                      "reserved",
                                      "environment call from M mode",
                                      "instruction page fault",
                                      "load page fault",
                                      "reserved",
                                      "store page fault"};
  return cause < sizeof names / sizeof names[0] ? names[cause] : "unknown cause";
}

void rt_trap_dispatch(struct rt_trapframe *tf);
void rt_trap_dispatch(struct rt_trapframe *tf) {
  if (tf->scause & SCAUSE_INTERRUPT)
    libos_panic(FAULT_STATUS_BASE, "uni: unexpected interrupt %u at pc 0x%08x\n",
                tf->scause & ~SCAUSE_INTERRUPT, tf->sepc);
  libos_panic(FAULT_STATUS_BASE + (int)tf->scause,
              "uni: fault: %s (scause %u) at pc 0x%08x, address 0x%08x\n", cause_name(tf->scause),
              tf->scause, tf->sepc, tf->stval);
}
