#include "cmpview_gui.h"

#include <stdio.h>
#include <string.h>

#include "gui_kit.h"

#define LABEL_CHARS 24  /* the metric's name before the bars */
#define CELL_CHARS 9    /* the ratio after a bar ("13443.67" and a space) */
#define ROW_GAP_LINES 2 /* between the bars and the timelines */

void cmpview_gui_layout(int w, int h, const struct cmpview *cv, struct cmpview_gui_layout *l) {
  l->scale = gui_scale(w, h);
  l->lh = gui_line_h(l->scale);
  l->cw = gui_char_w(l->scale);
  l->rows_y = 4 + 5 * l->lh; /* title, machine, keys, legend, the columns' names */
  int x0 = 4 + LABEL_CHARS * l->cw, n = cv->nruns ? (int)cv->nruns : 1;
  l->col_w = (w - x0 - 8) / n;
  for (int k = 0; k < n && k < CMPVIEW_RUNS; k++)
    l->col_x[k] = x0 + k * l->col_w;
  l->bar_max = l->col_w - CELL_CHARS * l->cw - l->cw;
  if (l->bar_max < 1) l->bar_max = 1;
  l->tl_x = 4 + 10 * l->cw;
  l->tl_w = w - l->tl_x - 10 > 10 ? w - l->tl_x - 10 : 10;
  l->lanes_y = l->rows_y + ((int)cv->nrows + ROW_GAP_LINES) * l->lh;
  unsigned lanes = 0;
  for (unsigned k = 0; k < cv->nruns; k++)
    lanes += cmpview_lanes(cv, k);
  int room = h - l->lanes_y - 4 - l->lh; /* below the lanes: the n/a reasons */
  int per = room / (int)(lanes ? lanes : 1);
  l->lane_h = per * 2 / 3 < 20 * l->scale ? per * 2 / 3 : 20 * l->scale; /* as the live view */
  if (l->lane_h < 2) l->lane_h = 2;
  l->lane_gap = per - l->lane_h < l->lane_h / 2 ? per - l->lane_h : l->lane_h / 2;
  if (l->lane_gap < l->scale) l->lane_gap = l->scale;
}

int cmpview_gui_lane_top(const struct cmpview_gui_layout *l, const struct cmpview *cv, unsigned k,
                         unsigned h) {
  unsigned before = h;
  for (unsigned i = 0; i < k && i < cv->nruns; i++)
    before += cmpview_lanes(cv, i);
  return l->lanes_y + (int)before * (l->lane_h + l->lane_gap);
}

static void text(SDL_Renderer *r, const struct cmpview_gui_layout *l, int x, int y, uint32_t rgb,
                 const char *s) {
  gui_text(r, x, y, l->scale, rgb, s, 1 << 20);
}

/* The heading, the key bar and the kernels' colours. */
static void draw_heading(SDL_Renderer *r, const struct cmpview_gui_layout *l,
                         const struct cmpview *cv) {
  text(r, l, 4, 4, GUI_FLASH, cv->title ? cv->title : "ossim compare");
  text(r, l, 4, 4 + l->lh, GUI_DIM, cv->subtitle ? cv->subtitle : "");
  text(r, l, 4, 4 + 2 * l->lh, GUI_DIM, cmpview_keybar());
  int x = 4;
  for (unsigned k = 0; k < cv->nruns; k++) {
    gui_fill(r, x, 4 + 3 * l->lh, 2 * l->cw, l->lh - 3 * l->scale, cmpview_colour(k));
    text(r, l, x + 3 * l->cw, 4 + 3 * l->lh, GUI_FG, cv->runs[k].name);
    x += (int)(strlen(cv->runs[k].name) + 6) * l->cw;
  }
}

/* One metric: its name, then a bar per kernel on the row's scale and the ratio beside it. */
static void draw_row(SDL_Renderer *r, const struct cmpview_gui_layout *l, const struct cmpview *cv,
                     unsigned row) {
  int y = l->rows_y + (int)row * l->lh;
  const struct cmpview_row *rw = &cv->rows[row];
  if (row % 2) gui_fill(r, 0, y, l->col_x[0] + (int)cv->nruns * l->col_w, l->lh, GUI_PANEL);
  gui_text(r, 4, y + l->scale, l->scale, GUI_FG, rw->label, LABEL_CHARS - 1);
  for (unsigned k = 0; k < cv->nruns; k++) {
    int len = (int)(cmpview_fraction(cv, row, k) * l->bar_max + 0.5);
    if (len == 0 && rw->known[k] && rw->value[k]) len = 1; /* not nothing: a sliver */
    int x = l->col_x[k];
    if (len) gui_fill(r, x, y + l->scale, len, l->lh - 3 * l->scale, cmpview_colour(k));
    text(r, l, x + len + l->cw, y + l->scale, rw->known[k] ? GUI_FG : GUI_DIM, rw->cell[k]);
  }
}

static void draw_bars(SDL_Renderer *r, const struct cmpview_gui_layout *l,
                      const struct cmpview *cv) {
  int y = l->rows_y - l->lh;
  text(r, l, 4, y, GUI_DIM, "ratio to the baseline");
  for (unsigned k = 0; k < cv->nruns; k++)
    text(r, l, l->col_x[k], y, cmpview_colour(k), cv->runs[k].name);
  for (unsigned row = 0; row < cv->nrows; row++)
    draw_row(r, l, cv, row);
}

/* A lane of one run: the painter's lane, and the run's model for the processes' names. */
struct named_lane {
  struct gui_lane ln;
  const struct model *m;
};

/* Writes the name of a segment's process on it, if the segment is wide enough to hold it. */
static void name_seg(void *ctx, const struct model_seg *s) {
  const struct named_lane *nl = ctx;
  const struct gui_lane *ln = &nl->ln;
  const struct model_proc *p = s->mode == MODEL_IDLE ? NULL : model_proc(nl->m, s->pid);
  if (!p || !p->name[0]) return;
  int x0 = gui_lane_x(ln, s->start), x1 = gui_lane_x(ln, s->end), cw = gui_char_w(ln->scale);
  if (x0 < ln->x) x0 = ln->x;
  if (x1 > ln->x + ln->w) x1 = ln->x + ln->w;
  if (x1 - x0 < (int)(strlen(p->name) + 1) * cw) return;
  gui_text(ln->r, x0 + cw / 2, ln->top + (ln->h - 7 * ln->scale) / 2, ln->scale,
           s->mode == MODEL_KERNEL ? GUI_FG : GUI_BG, p->name, 16);
}

/* Each kernel's harts, one lane each, on the one cycle axis; a run that failed says why. */
static void draw_lanes(SDL_Renderer *r, const struct cmpview_gui_layout *l,
                       const struct cmpview *cv) {
  uint64_t left, span;
  cmpview_window(cv, &left, &span);
  uint64_t right = left + span;
  char label[96];
  snprintf(label, sizeof label, "cycles %llu to %llu; user: bright, kernel: dark, idle: grey",
           (unsigned long long)left, (unsigned long long)right);
  text(r, l, l->tl_x, l->lanes_y - l->lh, GUI_DIM, label);
  int reasons_y = l->lanes_y;
  for (unsigned k = 0; k < cv->nruns; k++) {
    const struct cmpview_run *run = &cv->runs[k];
    for (unsigned h = 0; h < cmpview_lanes(cv, k); h++) {
      int top = cmpview_gui_lane_top(l, cv, k, h);
      snprintf(label, sizeof label, "%.6s h%u", run->name, h);
      text(r, l, 4, top + (l->lane_h - 7 * l->scale) / 2, cmpview_colour(k), label);
      gui_fill(r, l->tl_x, top, l->tl_w, l->lane_h, GUI_PANEL);
      struct named_lane nl = {{r, l->tl_x, l->tl_w, top, l->lane_h, l->scale, left, span}, run->m};
      if (run->ov) ov_segments(run->ov, h, left, left + span, gui_lane_seg, &nl.ln);
      if (run->ov && run->m) ov_segments(run->ov, h, left, left + span, name_seg, &nl);
      if (!run->ok) text(r, l, l->tl_x + l->cw, top, GUI_DIM, "n/a: did not run (see below)");
      reasons_y = top + l->lane_h + l->lane_gap;
    }
  }
  for (unsigned k = 0; k < cv->nruns; k++) {
    if (cv->runs[k].ok) continue;
    snprintf(label, sizeof label, "n/a on %s: %s", cv->runs[k].name,
             cv->runs[k].reason ? cv->runs[k].reason : "");
    text(r, l, 4, reasons_y, GUI_DIM, label);
    reasons_y += l->lh;
  }
}

void cmpview_gui_render(SDL_Renderer *r, int w, int h, const struct cmpview *cv) {
  struct cmpview_gui_layout l;
  cmpview_gui_layout(w, h, cv, &l);
  gui_fill(r, 0, 0, w, h, GUI_BG);
  draw_heading(r, &l, cv);
  draw_bars(r, &l, cv);
  draw_lanes(r, &l, cv);
  if (cv->help) gui_help(r, l.scale, w, h, cmpview_help_lines);
}
