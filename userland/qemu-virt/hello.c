/*
 * hello for QEMU's virt board: prints a line on the 16550 UART at 0x1000_0000 and powers
 * off through the SiFive test device at 0x0010_0000. It uses nothing else -- no CSR, no
 * runtime -- so the same ELF runs under `qemu-system-riscv32 -M virt -bios none -kernel`
 * and in `ossim --kernel bare`, which puts those two devices at the same addresses.
 */
#include <stdint.h>

#include "abi/memmap.h"
#include "abi/testdev.h"
#include "abi/uart.h"

static void putc_uart(char c) {
  volatile uint8_t *uart = (volatile uint8_t *)MACHINE_UART_BASE;
  while (!(uart[UART_LSR] & UART_LSR_THRE)) {
  }
  uart[UART_THR] = (uint8_t)c;
}

static void print(const char *s) {
  while (*s)
    putc_uart(*s++);
}

void hello_main(void);
void hello_main(void) {
  print("hello from a QEMU virt image\n");
  *(volatile uint32_t *)MACHINE_TEST_BASE = TESTDEV_PASS;
  for (;;) {
  }
}
