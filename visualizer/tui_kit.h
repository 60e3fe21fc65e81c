/*
 * tui_kit: what the terminal's two views draw with (tui.c, the live run; cmpview_tui.c,
 * `ossim compare --tui`): the colour pairs, timeline strips and their painters, and the
 * key-help box. tui_open sets the colour pairs up.
 *
 * Not for: any view's layout or content (tui.h, cmpview_tui.h).
 */
#ifndef OSSIM_TUI_KIT_H
#define OSSIM_TUI_KIT_H

#include <stdint.h>

#include "model.h"

#define TUI_NCOLOURS 6 /* the colours every terminal has, besides black and white */
/* The colour pair of palette index i (ui_colour_index), for COLOR_PAIR. */
int tui_colour_pair(unsigned index);
/* The colour pair of process pid. */
int tui_pid_pair(uint32_t pid);
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
