/*
 * rt: console output, exit and trap dispatch of the bare runtime (the API is rt.h).
 */
#include "rt.h"

#include "abi/testdev.h"
#include "abi/uart.h"

void uart_putc(char c) {
  while (!(mmio_read8(MACHINE_UART_BASE + UART_LSR) & UART_LSR_THRE)) {
  }
  mmio_write8(MACHINE_UART_BASE + UART_THR, (uint8_t)c);
}

int uart_getc(void) {
  if (!(mmio_read8(MACHINE_UART_BASE + UART_LSR) & UART_LSR_DR)) return -1;
  return mmio_read8(MACHINE_UART_BASE + UART_RBR);
}

void rt_puts(const char *s) {
  while (*s)
    uart_putc(*s++);
}

int puts(const char *s) {
  rt_puts(s);
  uart_putc('\n');
  return 0;
}

_Noreturn void exit(int code) {
  /* A failure code whose low 16 bits are 0 would read as success: make it 1. */
  uint32_t c = (uint32_t)code & 0xffffu;
  if (code != 0 && c == 0) c = 1;
  fence(); /* everything written before the exit is visible to whoever looks after */
  mmio_write32(MACHINE_TEST_BASE, c == 0 ? TESTDEV_PASS : (c << 16) | TESTDEV_FAIL);
  for (;;)
    wfi();
}

/* The handler rt_trap_init installed, shared by all harts. A guest-side global: this
 * runtime is the whole "kernel" of a bare program, and stvec is per hart anyway. */
static volatile rt_trap_handler trap_handler;

static void default_handler(struct rt_trapframe *tf) {
  printf("unexpected trap: scause=0x%08x sepc=0x%08x stval=0x%08x\n", tf->scause, tf->sepc,
         tf->stval);
  exit(1);
}

void rt_trap_dispatch(struct rt_trapframe *tf);
/* Called by rt_trap_entry (trap.S) with the saved registers. */
void rt_trap_dispatch(struct rt_trapframe *tf) {
  rt_trap_handler fn = trap_handler;
  (fn ? fn : default_handler)(tf);
}

void rt_trap_init(rt_trap_handler fn) {
  trap_handler = fn;
  csr_write(stvec, (uintptr_t)rt_trap_entry);
}
