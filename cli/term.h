/*
 * term: the host side of the guest's UART — standard output, and standard input in raw
 * mode when it is a terminal.
 *
 * On a terminal every key goes to the guest (^C included, as on a serial console); Ctrl-A x
 * quits ossim (exit status 0, whatever the guest was doing), Ctrl-A h lists these keys and
 * Ctrl-A Ctrl-A sends a literal Ctrl-A, as in QEMU. The terminal is restored
 * on every exit, including signals. When standard input is not a terminal it is read one
 * byte at a time whenever the guest's UART has room, so piped input gives the same run
 * every time.
 *
 * Not for: the simulated UART's registers (sim/uart.c).
 */
#ifndef OSSIM_TERM_H
#define OSSIM_TERM_H

#include <stdbool.h>

#include "machine.h"

struct term {
  bool is_tty; /* standard input is a terminal: poll it, never wait */
  bool raw;    /* and we put it in raw mode (standard output is a terminal too) */
  bool escape; /* the last key was Ctrl-A */
  bool quit;   /* the user asked to quit */
  bool eof;
};

/* Sets up standard input and output. Returns 0, or -1 if the terminal cannot be set up. */
int term_open(struct term *t);
/* Restores the terminal. Safe to call more than once. */
void term_close(struct term *t);
/* The UART host interface that reads and writes through t. */
struct uart_host term_uart_host(struct term *t);
/* The guest is idle, waiting for input: on a terminal, let the host rest until a key is
 * pressed or a few milliseconds pass (simulated time does not move meanwhile, so nothing
 * the guest sees changes); elsewhere, return at once. */
void term_rest(struct term *t);
/* On a terminal in raw mode, a line naming the kernel, its harts and the keys (and the
 * shell's help, when the run is a shell's); else nothing. */
void term_banner(struct term *t, const char *kernel, unsigned harts, bool shell);
/* Writes what the guest printed so far. */
void term_flush(struct term *t);

#endif
