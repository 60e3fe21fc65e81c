#include "overview.h"

#include <string.h>

void ov_init(struct overview *o) {
  memset(o, 0, sizeof *o);
  o->span = OV_FIRST_SPAN;
}

/* Adds busy cycles of pid to column c: the process with the most of the column names it. */
static void add_pid(struct ov_col *c, uint32_t pid, uint64_t cycles) {
  if (c->pid == pid) {
    c->pid_cycles += cycles;
  } else if (cycles > c->pid_cycles) {
    c->pid = pid;
    c->pid_cycles = cycles;
  }
}

/* Doubles the span: column i takes columns 2i and 2i+1; the upper half starts empty. */
static void widen(struct overview *o) {
  for (unsigned h = 0; h < MODEL_HARTS; h++) {
    struct ov_col *cols = o->cols[h];
    for (unsigned i = 0; i < OV_COLS / 2; i++) {
      struct ov_col a = cols[2 * i], b = cols[2 * i + 1];
      cols[i] = (struct ov_col){a.user + b.user, a.kernel + b.kernel, a.pid_cycles, a.pid};
      add_pid(&cols[i], b.pid, b.pid_cycles);
    }
    memset(&cols[OV_COLS / 2], 0, OV_COLS / 2 * sizeof cols[0]);
  }
  o->span *= 2;
}

void ov_on_seg(void *ctx, unsigned h, const struct model_seg *s) {
  struct overview *o = ctx;
  if (h >= MODEL_HARTS || s->end <= s->start) return;
  if (h + 1 > o->nharts) o->nharts = h + 1;
  if (s->end > o->end) o->end = s->end;
  while (s->end > o->span && o->span < (UINT64_MAX >> 1))
    widen(o);
  if (s->mode == MODEL_IDLE) return; /* idle is what no mode claims */
  uint64_t width = o->span / OV_COLS;
  for (uint64_t i = s->start / width; i < OV_COLS && i * width < s->end; i++) {
    uint64_t lo = i * width > s->start ? i * width : s->start;
    uint64_t hi = (i + 1) * width < s->end ? (i + 1) * width : s->end;
    struct ov_col *c = &o->cols[h][i];
    if (s->mode == MODEL_KERNEL)
      c->kernel += hi - lo;
    else
      c->user += hi - lo;
    add_pid(c, s->pid, hi - lo);
  }
}

void ov_finish(struct overview *o, const struct model *m) {
  for (unsigned h = 0; h < m->nharts && h < MODEL_HARTS; h++) {
    const struct model_hart *hart = &m->harts[h];
    struct model_seg cur = {hart->since, m->now, hart->pid, hart->mode};
    if (hart->seen) ov_on_seg(o, h, &cur);
    if (h + 1 > o->nharts) o->nharts = h + 1;
  }
  if (m->now > o->end) o->end = m->now;
}

/* What column c shows: idle when it is mostly idle, else its process in its busier mode. */
static struct model_seg column(const struct ov_col *c, uint64_t start, uint64_t width) {
  struct model_seg s = {start, start + width, c->pid, MODEL_IDLE};
  if (2 * (c->user + c->kernel) >= width) s.mode = c->kernel > c->user ? MODEL_KERNEL : MODEL_USER;
  if (s.mode == MODEL_IDLE) s.pid = 0;
  return s;
}

void ov_segments(const struct overview *o, unsigned h, uint64_t left, uint64_t right,
                 void (*fn)(void *ctx, const struct model_seg *s), void *ctx) {
  if (h >= MODEL_HARTS) return;
  uint64_t width = o->span / OV_COLS;
  struct model_seg run = {0};
  bool open = false;
  for (uint64_t i = 0; i < OV_COLS && i * width < o->end && i * width < right; i++) {
    struct model_seg s = column(&o->cols[h][i], i * width, width);
    if (s.end > o->end) s.end = o->end;
    if (open && s.pid == run.pid && s.mode == run.mode) {
      run.end = s.end;
      continue;
    }
    if (open && run.end > left) fn(ctx, &run);
    run = s;
    open = true;
  }
  if (open && run.end > left) fn(ctx, &run);
}
