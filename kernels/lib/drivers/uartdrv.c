#include "uartdrv.h"

#include "abi/uart.h"

/*
 * Registers used (offsets from the UART's base; abi/uart.h), all one byte:
 *   THR/RBR  0  byte to send / received byte     (DLL while LCR.DLAB is set)
 *   IER      1  interrupt enable                 (DLM while LCR.DLAB is set)
 *   FCR      2  FIFO control (write)
 *   LCR      3  line control: word length, parity, stop bits, DLAB
 *   LSR      5  line status: data ready, transmitter empty
 *   MSR      6  modem status: carrier detect
 */
#define LCR_8N1 0x03u      /* 8 data bits, no parity, 1 stop bit */
#define FCR_ENABLE 0x01u   /* FIFOs on */
#define FCR_CLEAR_TX 0x04u /* empty the transmit FIFO */
#define DIVISOR_38400 3u   /* 115200 / 38400, for a 1.8432 MHz clock, as xv6 sets */

static uint8_t rd(const struct uartdrv *u, uint32_t reg) {
  return (uint8_t)u->bus->read(u->bus->ctx, u->base + reg, 1);
}

static void wr(const struct uartdrv *u, uint32_t reg, uint8_t val) {
  u->bus->write(u->bus->ctx, u->base + reg, 1, val);
}

void uartdrv_init(struct uartdrv *u, const struct devbus *bus, uint32_t base, uartdrv_rx_fn rx,
                  void *rx_ctx) {
  u->bus = bus;
  u->base = base;
  u->rx = rx;
  u->rx_ctx = rx_ctx;
  /* Quiet while we set it up. */
  wr(u, UART_IER, 0);
  /* The baud rate: ossim's UART ignores it, real ones and QEMU's do not. The divisor latch
   * shares its addresses with THR and IER while LCR.DLAB is set. */
  wr(u, UART_LCR, UART_LCR_DLAB);
  wr(u, UART_DLL, DIVISOR_38400 & 0xffu);
  wr(u, UART_DLM, DIVISOR_38400 >> 8);
  /* Writing LCR without DLAB sets the format and gives THR and IER back. */
  wr(u, UART_LCR, LCR_8N1);
  /* Bytes that arrived before the kernel was ready belong to no one: drop them. */
  wr(u, UART_FCR, FCR_ENABLE | UART_FCR_CLEAR_RX | FCR_CLEAR_TX);
  wr(u, UART_IER, UART_IER_RDA);
}

void uartdrv_putc(struct uartdrv *u, uint8_t byte) {
  /* A real UART sends about one byte per 260 us at 38400 baud; ossim's sends at once, so
   * this loop never turns there, but it is what keeps bytes from being lost elsewhere. */
  while (!(rd(u, UART_LSR) & UART_LSR_THRE))
    devbus_relax(u->bus);
  wr(u, UART_THR, byte);
}

unsigned uartdrv_intr(struct uartdrv *u) {
  /* Read until LSR says the FIFO is empty rather than a fixed count: bytes may keep
   * arriving while we drain, and a byte left behind would keep the line high. */
  unsigned n = 0;
  for (int c; (c = uartdrv_getc_poll(u)) >= 0; n++)
    if (u->rx) u->rx(u->rx_ctx, (uint8_t)c);
  return n;
}

int uartdrv_getc_poll(struct uartdrv *u) {
  if (!(rd(u, UART_LSR) & UART_LSR_DR)) return -1;
  return rd(u, UART_RBR);
}

bool uartdrv_hung_up(struct uartdrv *u) { return !(rd(u, UART_MSR) & UART_MSR_DCD); }
