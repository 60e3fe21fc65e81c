/*
 * cmpview_tui: `ossim compare --tui` in the terminal (cmpview.h says what it shows), drawn
 * with the live dashboard's painters (tui_kit.h): a row per metric with a bar of '#'s per
 * kernel, all of a row on one scale, and the ratio to the baseline after each; then a strip
 * per hart of each kernel on one cycle axis (a process's initial where it starts running,
 * ^ in the kernel, . idle), and why a kernel could not run the workload.
 *
 * Not for: the keys or the figures (cmpview.c, cli/).
 */
#ifndef OSSIM_CMPVIEW_TUI_H
#define OSSIM_CMPVIEW_TUI_H

#include "cmpview.h"

/* Draws cv on the whole of the ncurses screen (the caller erases and refreshes). */
void cmpview_tui_draw(const struct cmpview *cv);

#endif
