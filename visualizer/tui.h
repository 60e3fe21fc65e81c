/*
 * tui: the visualizer's terminal display (--tui), with ncurses: the per-hart timeline as
 * strips of letters (a process's initial in user mode, ^ in the kernel, . idle), the
 * process table, modules, IPC, counters, memory by owner, and the guest console, with the
 * keys of ui.h shown on screen. Works over ssh; follows resizes. The same terminal shows
 * `ossim compare --tui` (cmpview_tui.h), drawn with the painters below.
 *
 * Not for: the loop, the keys' meaning or the panels' text (ui.c); the window (gui.c).
 */
#ifndef OSSIM_TUI_H
#define OSSIM_TUI_H

#include <stddef.h>

#include "ui.h"

/* Takes over the terminal. Returns 0, or -1 with a message (no usable terminal). */
int tui_open(struct ui_display *d, char *err, size_t errlen);
/* Gives the terminal back as it was. */
void tui_close(struct ui_display *d);

/* What both views draw with (tui.c, cmpview_tui.c). */
#define TUI_NCOLOURS 6 /* the colours every terminal has, besides black and white */
/* The colour pair of palette index i (ui_colour_index), for COLOR_PAIR. */
int tui_colour_pair(unsigned index);
/* A strip of a timeline: cycles [left, left + span) across width columns from (y, x); the
 * model gives the processes' names (NULL: no initials). */
struct tui_strip {
  int y, x, width;
  uint64_t left, span;
  const struct model *m;
};
/* ui_segments / ov_segments callbacks on a struct tui_strip: paint a segment (a process in
 * its colour, ^ in the kernel, . idle, which never hides a process), and write a process's
 * initial where it starts running in user mode (after painting). */
void tui_strip_paint(void *strip, const struct model_seg *s);
void tui_strip_initial(void *strip, const struct model_seg *s);
/* The key help, in a box in the middle of the screen. */
void tui_help(const char *const *lines);

#endif
