/*
 * abi/uart.h: the console UART's registers, the NS16550A subset that QEMU's `virt` board
 * has at the same address (MACHINE_UART_BASE, abi/memmap.h). The device is sim/uart.c;
 * the drivers are kernels/lib/drivers/uartdrv.c and the bare runtime's putchar.
 */
#ifndef OSSIM_ABI_UART_H
#define OSSIM_ABI_UART_H

#define UART_WINDOW 0x100u

/* Register offsets from MACHINE_UART_BASE. With LCR.DLAB set, 0 and 1 are DLL and DLM. */
#define UART_RBR 0u /* R: receive buffer */
#define UART_THR 0u /* W: transmit holding */
#define UART_IER 1u /* RW: interrupt enable */
#define UART_IIR 2u /* R: interrupt identification */
#define UART_FCR 2u /* W: FIFO control */
#define UART_LCR 3u /* RW: line control */
#define UART_MCR 4u /* RW: modem control */
#define UART_LSR 5u /* R: line status */
#define UART_MSR 6u /* R: modem status */
#define UART_SCR 7u /* RW: scratch */
#define UART_DLL 0u
#define UART_DLM 1u

#define UART_IER_RDA 0x01u  /* interrupt when received data is available */
#define UART_IER_THRE 0x02u /* interrupt when the transmit holding register is empty */
#define UART_IIR_NONE 0xc1u /* FIFOs enabled, no interrupt pending */
#define UART_IIR_RDA 0xc4u
#define UART_IIR_THRE 0xc2u
#define UART_FCR_CLEAR_RX 0x02u
#define UART_LCR_DLAB 0x80u
#define UART_LSR_DR 0x01u   /* data ready */
#define UART_LSR_THRE 0x20u /* transmit holding register empty */
#define UART_LSR_TEMT 0x40u /* transmitter empty */
#define UART_MSR_DCD 0x80u  /* carrier detect: clear once the host's input is over */

#endif
