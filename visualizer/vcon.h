/*
 * vcon: the guest console as the TUI and GUI show it — the last lines the guest printed,
 * as text. A tiny terminal: \n ends a line, \r goes to its start, backspace steps back,
 * tabs become spaces, escape sequences and other control bytes are skipped.
 *
 * Not for: the real terminal (cli/term.c) or the UART (sim/uart.c).
 */
#ifndef OSSIM_VCON_H
#define OSSIM_VCON_H

#include <stdint.h>

#define VCON_LINES 256
#define VCON_COLS 160

struct vcon {
  uint64_t nlines; /* lines begun; the current one is lines[(nlines - 1) % VCON_LINES] */
  unsigned col;    /* where the next byte goes in the current line */
  uint8_t esc;     /* inside an escape sequence: 1 after ESC, 2 inside CSI */
  char lines[VCON_LINES][VCON_COLS + 1];
};

void vcon_init(struct vcon *c);
void vcon_put(struct vcon *c, uint8_t byte);
/* The line `back` lines above the current one (0: the current line), or NULL if gone. */
const char *vcon_line(const struct vcon *c, unsigned back);

#endif
