/*
 * uartdrv: the console driver for a 16550-style UART (ossim's, QEMU virt's; the register
 * map is in abi/uart.h).
 *
 * Output is by polling: uartdrv_putc waits until the transmit holding register is empty and
 * writes one byte. Input is by interrupt: uartdrv_init turns on the receive interrupt, and
 * the kernel's handler for the UART's PLIC source calls uartdrv_intr, which hands every byte
 * waiting in the receive FIFO to the rx callback given at init (a console's line discipline,
 * typically), in order.
 *
 * Bytes go out exactly as given: turning '\n' into "\r\n" is the console layer's business.
 * Not thread-safe: the caller serialises calls on one struct uartdrv (mono holds its console
 * lock, a driver server is one thread).
 *
 * Not for: line editing, echo or ^C (the console above), or the host side of the terminal.
 */
#ifndef OSSIM_UARTDRV_H
#define OSSIM_UARTDRV_H

#include <stdbool.h>
#include <stdint.h>

#include "devbus.h"

typedef void (*uartdrv_rx_fn)(void *ctx, uint8_t byte);

/* Set by uartdrv_init and read-only afterwards. */
struct uartdrv {
  const struct devbus *bus;
  uint32_t base;    /* the UART's register window */
  uartdrv_rx_fn rx; /* called from uartdrv_intr, once per received byte; may be NULL */
  void *rx_ctx;
};

/* Sets the UART to 8 data bits, no parity, 1 stop bit, FIFOs on and emptied, and only the
 * receive-data interrupt enabled. bus must outlive u. */
void uartdrv_init(struct uartdrv *u, const struct devbus *bus, uint32_t base, uartdrv_rx_fn rx,
                  void *rx_ctx);
/* Sends one byte, first waiting (polling the line status) until the transmitter can take it. */
void uartdrv_putc(struct uartdrv *u, uint8_t byte);
/* The interrupt handler: feeds every byte the UART holds to rx. Returns how many. */
unsigned uartdrv_intr(struct uartdrv *u);
/* Polled input, for early boot or a kernel without interrupts: the next received byte, or
 * -1 when none is waiting. */
int uartdrv_getc_poll(struct uartdrv *u);
/* True when the carrier is gone (the modem status's DCD is clear): no more input will ever
 * come. On ossim's UART, the host's input is over and every byte of it has been read. */
bool uartdrv_hung_up(struct uartdrv *u);

#endif
