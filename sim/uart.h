/*
 * uart: the console, a subset of the NS16550A that QEMU's `virt` board has at the same
 * address, so drivers written for QEMU (xv6's, for one) work unchanged.
 *
 * Output is immediate: a byte written to THR goes to host->put at once, so the transmitter
 * is always empty (LSR.THRE and LSR.TEMT read 1) and a THR-empty interrupt is pending
 * again right after each write. Input comes through a 16-byte receive FIFO that the UART
 * fills from host->get on a simulated-time poll (every UART_POLL_CYCLES cycles, until the
 * host reports end of input), so what the guest sees depends on simulated time only. The
 * interrupt line (MACHINE_IRQ_UART at the PLIC) is high while IER enables RX data and the
 * FIFO holds a byte, or IER enables THR empty and that condition is pending.
 *
 * Registers are one byte wide; a wider access is accepted only at offset 0 (RBR/THR, using
 * the low byte). The divisor latch, LCR, MCR and SCR are storage with no effect on timing;
 * loopback mode and modem-status changes are not modelled (MSR reads DCD, DSR and CTS set).
 *
 * Not for: terminal handling on the host side (raw mode, echo): that is the front end's.
 */
#ifndef OSSIM_UART_H
#define OSSIM_UART_H

#include <stdbool.h>

#include "abi/uart.h"

#define UART_FIFO_SIZE 16
#define UART_POLL_CYCLES 10000u

struct machine;
struct uart_host;
struct uart;

/* Maps the UART at MACHINE_UART_BASE and starts polling host->get (if any). host is copied;
 * NULL, or a NULL put or get, means no output or no input. NULL on out of memory (or if the
 * window is taken, which only a machine-construction bug can cause). */
struct uart *uart_create(struct machine *m, const struct uart_host *host);
/* Cancels the input poll; call before the machine's event queue goes away. */
void uart_destroy(struct uart *u);
/* True once the host's input has ended and every byte of it has been read by the guest:
 * the console's input is over (a hosted kernel powers off at the end of piped input). */
bool uart_input_done(const struct uart *u);

#endif
