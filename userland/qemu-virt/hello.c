/*
 * hello for QEMU's virt board: prints a line on the 16550 UART at 0x1000_0000 and powers
 * off through the SiFive test device at 0x0010_0000. It uses nothing else -- no CSR, no
 * runtime -- so the same ELF runs under `qemu-system-riscv32 -M virt -bios none -kernel`
 * and in `ossim --kernel bare`, which puts those two devices at the same addresses.
 */
#include <stdint.h>

#define UART_BASE 0x10000000u
#define UART_THR 0
#define UART_LSR 5
#define LSR_THR_EMPTY 0x20
#define TEST_BASE 0x00100000u
#define TEST_POWEROFF 0x5555u

static void putc_uart(char c) {
  volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
  while (!(uart[UART_LSR] & LSR_THR_EMPTY)) {
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
  *(volatile uint32_t *)TEST_BASE = TEST_POWEROFF;
  for (;;) {
  }
}
