#include "cmpview_tui.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui_kit.h"

#define LABEL 24 /* the metric's name before the bars */
#define CELL 9   /* the ratio after a bar */
#define LANE 9   /* "micro h0 " before a timeline strip */

/* Each kernel's colour pair: the terminal colour nearest cmpview_colour's (blue, yellow for
 * orange, green, magenta for pink, cyan, red), as indexes of tui.c's colours. */
static attr_t run_attr(unsigned k) {
  static const unsigned palette[] = {3, 2, 1, 4, 5, 0};
  return (attr_t)COLOR_PAIR(tui_colour_pair(palette[k % TUI_NCOLOURS]));
}

static int draw_bars(const struct cmpview *cv, int y) {
  int n = cv->nruns ? (int)cv->nruns : 1, cw = (COLS - LABEL) / n, bar_max = cw - CELL - 1;
  if (bar_max < 1) bar_max = 1;
  attron(A_BOLD);
  mvprintw(y, 0, "%-*s", LABEL, "ratio to the baseline");
  for (unsigned k = 0; k < cv->nruns; k++) {
    attron(run_attr(k));
    mvprintw(y, LABEL + (int)k * cw, "%.*s", cw - 1, cv->runs[k].name);
    attroff(run_attr(k));
  }
  attroff(A_BOLD);
  for (unsigned r = 0; r < cv->nrows && ++y < LINES; r++) {
    const struct cmpview_row *row = &cv->rows[r];
    mvprintw(y, 0, "%-*.*s", LABEL - 1, LABEL - 1, row->label);
    for (unsigned k = 0; k < cv->nruns; k++) {
      int len = (int)(cmpview_fraction(cv, r, k) * bar_max + 0.5), x = LABEL + (int)k * cw;
      if (len == 0 && row->known[k] && row->value[k]) len = 1;
      attron(run_attr(k) | A_BOLD);
      for (int i = 0; i < len; i++)
        mvaddch(y, x + i, '#');
      attroff(run_attr(k) | A_BOLD);
      if (!row->known[k]) attron(A_DIM);
      mvprintw(y, x + len + (len > 0), "%.*s", CELL - 1, row->cell[k]);
      attroff(A_DIM);
    }
  }
  return y + 1;
}

static int draw_lanes(const struct cmpview *cv, int y) {
  uint64_t left, span;
  cmpview_window(cv, &left, &span);
  uint64_t right = left + span;
  int width = COLS - LANE;
  if (width < 8 || ++y >= LINES) return y;
  mvprintw(y++, 0, "Timelines: cycles %llu to %llu (letter: user, ^: kernel, .: idle)",
           (unsigned long long)left, (unsigned long long)right);
  for (unsigned k = 0; k < cv->nruns; k++) {
    const struct cmpview_run *run = &cv->runs[k];
    for (unsigned h = 0; h < cmpview_lanes(cv, k) && y < LINES; h++, y++) {
      attron(run_attr(k) | A_BOLD);
      mvprintw(y, 0, "%.5s h%u", run->name, h);
      attroff(run_attr(k) | A_BOLD);
      struct tui_strip st = {y, LANE, width, left, span, run->m};
      if (run->ov) {
        ov_segments(run->ov, h, left, left + span, tui_strip_paint, &st);
        ov_segments(run->ov, h, left, left + span, tui_strip_initial, &st);
      }
      if (!run->ok) mvprintw(y, LANE, "n/a: did not run (see below)");
    }
  }
  for (unsigned k = 0; k < cv->nruns && y < LINES; k++)
    if (!cv->runs[k].ok)
      mvprintw(y++, 0, "n/a on %s: %.*s", cv->runs[k].name, COLS > 20 ? COLS - 20 : 1,
               cv->runs[k].reason ? cv->runs[k].reason : "");
  return y;
}

void cmpview_tui_draw(const struct cmpview *cv) {
  attron(A_REVERSE);
  mvprintw(0, 0, "%-*.*s", COLS, COLS, cv->title ? cv->title : "ossim compare");
  attroff(A_REVERSE);
  mvprintw(1, 0, "%.*s", COLS, cv->subtitle ? cv->subtitle : "");
  mvprintw(2, 0, "%.*s", COLS, cmpview_keybar());
  int y = draw_bars(cv, 4);
  draw_lanes(cv, y);
  if (cv->help) tui_help(cmpview_help_lines);
}
