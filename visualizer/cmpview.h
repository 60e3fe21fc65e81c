/*
 * cmpview: `ossim compare --viz` and `--tui`, the kernels side by side. Two pictures of
 * runs that are over: for each metric a row of bars, one per kernel on one scale (the
 * longest bar is the row's largest figure) with the ratio to the baseline beside it; and
 * the runs' hart timelines (overview.h) one under the other on one cycle axis, so that the
 * kernel that took longer visibly ends further right.
 *
 * The front end fills a struct cmpview (figures, the cells' text, each run's model for
 * process names and its overview), then cmpview_run shows it on a display (ui.h) whose
 * draw_compare draws it: cmpview_gui.c in the window, cmpview_tui.c in the terminal, with
 * the same painters as the live view (gui.h, tui.h). Keys: z x zoom the timelines, the
 * arrows pan, f fits the whole runs again, ? help, q quits.
 *
 * Not for: running the kernels or computing figures (cli/compare*.c, cli/metrics.h).
 */
#ifndef OSSIM_CMPVIEW_H
#define OSSIM_CMPVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "overview.h"
#include "ui.h"

#define CMPVIEW_RUNS 8
#define CMPVIEW_ROWS 24
#define CMPVIEW_CELL 16

/* One kernel's run. */
struct cmpview_run {
  const char *name;          /* the kernel */
  bool ok;                   /* false: it could not run the workload */
  const char *reason;        /* why, when not ok */
  const struct model *m;     /* its processes' names, or NULL */
  const struct overview *ov; /* its timeline, or NULL */
};

/* One metric: a figure per run (known[k] false: no bar), and the text beside each bar. */
struct cmpview_row {
  const char *label;
  uint64_t value[CMPVIEW_RUNS];
  bool known[CMPVIEW_RUNS];
  char cell[CMPVIEW_RUNS][CMPVIEW_CELL]; /* the ratio to the baseline, "n/a", "-" */
};

struct cmpview {
  const char *title;    /* what ran ("workload syscall: bench -n 20000 getpid") */
  const char *subtitle; /* the machine, the baseline */
  unsigned nruns, nrows;
  struct cmpview_run runs[CMPVIEW_RUNS];
  struct cmpview_row rows[CMPVIEW_ROWS];
  /* Set by the controls: the timelines show cycles [left, left + span); span 0 fits them. */
  uint64_t left, span;
  bool help;
};

/* The lanes of run k: its harts (one, for a run with no timeline). */
unsigned cmpview_lanes(const struct cmpview *cv, unsigned k);
/* The cycle the longest run reached. */
uint64_t cmpview_end(const struct cmpview *cv);
/* The timelines' window [*left, *left + *span), as the controls left it (or all of it). */
void cmpview_window(const struct cmpview *cv, uint64_t *left, uint64_t *span);
/* Run k's bar in row r as a fraction of the longest in the row, 0 to 1 (0: no bar). */
double cmpview_fraction(const struct cmpview *cv, unsigned r, unsigned k);
/* A colour per run, 0xRRGGBB, bright and apart from each other. */
uint32_t cmpview_colour(unsigned k);
/* The key bar, and the help lines (NULL-terminated). */
extern const char *const cmpview_help_lines[];
const char *cmpview_keybar(void);
/* Applies a control to the timelines' window (zoom, pan, fit) or the help. */
void cmpview_apply(struct cmpview *cv, enum ui_action a);
/* Draws cv on d, then (hold) follows the keys until q; without hold it returns at once. */
void cmpview_run(const struct ui_display *d, struct cmpview *cv, bool hold);

#endif
