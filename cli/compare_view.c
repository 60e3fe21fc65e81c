/*
 * The pictures of `ossim compare --viz` and `--tui`: the results of the runs, turned into
 * the comparison view (visualizer/cmpview.h) and shown on the display the options ask for.
 * The cells beside the bars are the ratio table's own (cmp_cell), so the picture and the
 * printed table cannot disagree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmpview.h"
#include "compare_run.h"
#include "session.h"

int cmp_pictures_begin(struct cmp_result *rs, unsigned n) {
  for (unsigned k = 0; k < n; k++) {
    rs[k].model = malloc(sizeof *rs[k].model);
    rs[k].ov = malloc(sizeof *rs[k].ov);
    if (!rs[k].model || !rs[k].ov) {
      fprintf(stderr, "ossim compare: out of memory for the pictures\n");
      return -1;
    }
    model_init(rs[k].model);
    ov_init(rs[k].ov);
    rs[k].model->on_seg = ov_on_seg; /* the model's rings keep only the newest segments */
    rs[k].model->on_seg_ctx = rs[k].ov;
  }
  return 0;
}

void cmp_pictures_end(struct cmp_result *rs, unsigned n) {
  for (unsigned k = 0; k < n; k++) {
    free(rs[k].model);
    free(rs[k].ov);
    rs[k].model = NULL;
    rs[k].ov = NULL;
  }
}

/* Fills cv from the results: a row per metric, a run per kernel. */
static void fill(struct cmpview *cv, const struct cmp_result *rs, unsigned n, unsigned baseline) {
  const struct cmp_result *base = baseline < n && rs[baseline].ok ? &rs[baseline] : NULL;
  cv->nruns = n < CMPVIEW_RUNS ? n : CMPVIEW_RUNS;
  cv->nrows = METRIC_COUNT < CMPVIEW_ROWS ? METRIC_COUNT : CMPVIEW_ROWS;
  for (unsigned k = 0; k < cv->nruns; k++)
    cv->runs[k] =
        (struct cmpview_run){rs[k].ops->name, rs[k].ok, rs[k].reason, rs[k].model, rs[k].ov};
  for (unsigned m = 0; m < cv->nrows; m++) {
    struct cmpview_row *row = &cv->rows[m];
    row->label = metric_label((enum metric)m);
    for (unsigned k = 0; k < cv->nruns; k++) {
      row->known[k] = rs[k].ok && rs[k].mx.known[m];
      row->value[k] = rs[k].mx.v[m];
      cmp_cell(row->cell[k], CMPVIEW_CELL, &rs[k], base, (int)m);
      if (row->known[k] && row->cell[k][0] == '-') /* no ratio (the baseline has none) */
        cmp_cell(row->cell[k], CMPVIEW_CELL, &rs[k], NULL, (int)m);
    }
  }
}

int cmp_show(const struct options *o, const struct cmp_heading *h, const struct cmp_result *results,
             unsigned n, unsigned baseline) {
  struct cmpview *cv = calloc(1, sizeof *cv);
  if (!cv) return -1;
  char title[600], subtitle[200];
  if (h->workload)
    snprintf(title, sizeof title, "ossim compare: workload %s (%s): %s", h->workload, h->about,
             h->command);
  else
    snprintf(title, sizeof title, "ossim compare: %s", h->command);
  snprintf(subtitle, sizeof subtitle,
           "%u hart%s, seed %llu; bars of a row on one scale, the "
           "numbers are ratios to %s",
           h->cpus, h->cpus == 1 ? "" : "s", h->seed,
           baseline < n ? results[baseline].ops->name : "-");
  cv->title = title;
  cv->subtitle = subtitle;
  fill(cv, results, n, baseline);
  struct ui_display d;
  char err[256];
  int rc = session_open_display(o, &d, err, sizeof err);
  if (rc < 0) {
    fprintf(stderr, "ossim compare: %s\n", err);
  } else {
    /* Stay on screen for a person at a terminal, who can quit; a script gets one frame. */
    cmpview_run(&d, cv, isatty(STDIN_FILENO) && isatty(STDOUT_FILENO));
    session_close_display(o, &d);
  }
  free(cv);
  return rc;
}
