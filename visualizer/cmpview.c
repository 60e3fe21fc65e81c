#include "cmpview.h"

#include <time.h>

#define MIN_SPAN 1000u /* the deepest zoom: cycles across the timelines */

unsigned cmpview_lanes(const struct cmpview *cv, unsigned k) {
  const struct overview *ov = cv->runs[k].ov;
  return ov && ov->nharts ? ov->nharts : 1;
}

uint64_t cmpview_end(const struct cmpview *cv) {
  uint64_t end = 0;
  for (unsigned k = 0; k < cv->nruns; k++)
    if (cv->runs[k].ov && cv->runs[k].ov->end > end) end = cv->runs[k].ov->end;
  return end ? end : 1;
}

void cmpview_window(const struct cmpview *cv, uint64_t *left, uint64_t *span) {
  *left = cv->span ? cv->left : 0;
  *span = cv->span ? cv->span : cmpview_end(cv);
}

double cmpview_fraction(const struct cmpview *cv, unsigned r, unsigned k) {
  const struct cmpview_row *row = &cv->rows[r];
  uint64_t max = 0;
  for (unsigned i = 0; i < cv->nruns; i++)
    if (row->known[i] && row->value[i] > max) max = row->value[i];
  return row->known[k] && max ? (double)row->value[k] / (double)max : 0;
}

/* The runs' colours: bright, apart from each other, in the order --kernels gave them. */
static const uint32_t run_colours[] = {0x4363d8, 0xf58231, 0x3cb44b, 0xf032e6,
                                       0x46f0f0, 0xffe119, 0xe6194b, 0xbcf60c};

uint32_t cmpview_colour(unsigned k) {
  return run_colours[k % (sizeof run_colours / sizeof run_colours[0])];
}

const char *const cmpview_help_lines[] = {
    "bars    one row per metric, the kernels on one scale;",
    "        the number is the ratio to the baseline kernel",
    "lanes   each kernel's harts on one cycle axis: a process",
    "        in its colour, bright user, dark kernel, grey idle",
    "z x     zoom the timelines in / out",
    "< >     pan the timelines (arrows); f fits the whole runs",
    "?       this help",
    "q       quit",
    NULL,
};

const char *cmpview_keybar(void) { return "z/x zoom  arrows pan  f fit  ? help  q quit"; }

void cmpview_apply(struct cmpview *cv, enum ui_action a) {
  uint64_t left, span, end = cmpview_end(cv);
  cmpview_window(cv, &left, &span);
  switch (a) {
  case UI_HELP: cv->help = !cv->help; return;
  case UI_FOLLOW: cv->span = 0; return; /* f: fit */
  case UI_ZOOM_IN:
    left += span / 4; /* about the middle */
    span = span / 2 > MIN_SPAN ? span / 2 : MIN_SPAN;
    break;
  case UI_ZOOM_OUT:
    left = left > span / 2 ? left - span / 2 : 0;
    span *= 2;
    break;
  case UI_PAN_LEFT: left = left > span / 4 ? left - span / 4 : 0; break;
  case UI_PAN_RIGHT: left = left + span / 4 < end ? left + span / 4 : left; break;
  default: return;
  }
  cv->left = left;
  cv->span = left == 0 && span >= end ? 0 : span; /* all of it again: fit */
}

void cmpview_run(const struct ui_display *d, struct cmpview *cv, bool hold) {
  d->draw_compare(d->ctx, cv);
  for (unsigned idle = 0; hold; idle++) {
    struct ui_input in;
    bool any = false;
    while (d->poll(d->ctx, false, &in)) {
      if (in.action == UI_QUIT) return;
      cmpview_apply(cv, in.action);
      any = true;
    }
    /* A key, a resized terminal (UI_NONE), or now and then for a window that was covered. */
    if (any || idle % 10 == 0) d->draw_compare(d->ctx, cv);
    nanosleep(&(struct timespec){0, 20000000}, NULL);
  }
}
