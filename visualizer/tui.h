/*
 * tui: the visualizer's terminal display (--tui), with ncurses: the per-hart timeline as
 * strips of letters (a process's initial in user mode, ^ in the kernel, . idle), the
 * process table, modules, IPC, counters, memory by owner, and the guest console, with the
 * keys of ui.h shown on screen. Works over ssh; follows resizes. The same terminal shows
 * `ossim compare --tui` (cmpview_tui.h), drawn with the same painters (tui_kit.h).
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

#endif
