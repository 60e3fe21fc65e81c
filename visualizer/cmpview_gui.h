/*
 * cmpview_gui: `ossim compare --viz` in the window (cmpview.h says what it shows), drawn
 * with the window's kit (gui_kit.h): the same font, colours and lane painter as the live view.
 *
 * Top to bottom: what ran, the key bar, a legend of the kernels' colours; the bars, one row
 * per metric and a column per kernel, every bar of a row on one scale, its ratio to the
 * baseline at its right; then a lane per hart of each kernel, all on one cycle axis.
 * cmpview_gui_layout says where each part is, for the tests that check pixels.
 *
 * Not for: the keys or the figures (cmpview.c, cli/).
 */
#ifndef OSSIM_CMPVIEW_GUI_H
#define OSSIM_CMPVIEW_GUI_H

#include <SDL.h>

#include "cmpview.h"

struct cmpview_gui_layout {
  int scale, lh, cw;              /* text scale, line height and character width */
  int rows_y;                     /* the first metric row's top; row r is lh lower each */
  int col_x[CMPVIEW_RUNS], col_w; /* each kernel's column of bars */
  int bar_max;                    /* the longest bar of a row, in pixels */
  int lanes_y, lane_h, lane_gap;  /* the first lane's top; lanes run kernel by kernel */
  int tl_x, tl_w;                 /* the lanes' left edge and width */
};

void cmpview_gui_layout(int w, int h, const struct cmpview *cv, struct cmpview_gui_layout *l);
/* The top of the lane of hart h of run k. */
int cmpview_gui_lane_top(const struct cmpview_gui_layout *l, const struct cmpview *cv, unsigned k,
                         unsigned h);
/* Draws cv into r, w x h pixels. */
void cmpview_gui_render(SDL_Renderer *r, int w, int h, const struct cmpview *cv);

#endif
