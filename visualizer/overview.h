/*
 * overview: a whole run's timeline per hart at a bounded resolution, for drawing runs side
 * by side (`ossim compare --viz`), where the model's rings keep only the newest segments.
 *
 * Each hart has OV_COLS columns that together span [0, span) cycles. A segment adds its
 * cycles to the columns it covers: user, kernel, and which process had the most of the
 * column. When a segment ends past span, span doubles and neighbouring columns merge, so a
 * run of any length fits and a short one keeps its detail. Feed it the model's closed
 * segments (model.on_seg = ov_on_seg) and, at the end, ov_finish.
 *
 * Not for: the live view (model.h keeps exact recent segments), or any figure a table
 * prints (the columns are approximate by design).
 */
#ifndef OSSIM_OVERVIEW_H
#define OSSIM_OVERVIEW_H

#include <stdint.h>

#include "model.h"

#define OV_COLS 1024
#define OV_FIRST_SPAN (1u << 20) /* cycles across at first: a millisecond at 1 GHz */

struct ov_col {
  uint64_t user, kernel; /* cycles of the column in each mode; the rest is idle */
  uint64_t pid_cycles;   /* busy cycles of pid, the process seen most in the column */
  uint32_t pid;
};

struct overview {
  uint64_t span;   /* cycles across the OV_COLS columns */
  uint64_t end;    /* the last cycle any segment reached */
  unsigned nharts; /* 1 + the highest hart seen */
  struct ov_col cols[MODEL_HARTS][OV_COLS];
};

void ov_init(struct overview *o);
/* model.on_seg: adds segment s of hart h (ctx is the overview). */
void ov_on_seg(void *ctx, unsigned h, const struct model_seg *s);
/* Adds the segments still open in m (each hart's current one, up to m->now). */
void ov_finish(struct overview *o, const struct model *m);
/* Calls fn for hart h's stretches that overlap [left, right), oldest first: runs of columns
 * with the same process and mode, as segments (mode: idle if the column is mostly idle,
 * else the busier of user and kernel). The same callback as ui_segments takes. */
void ov_segments(const struct overview *o, unsigned h, uint64_t left, uint64_t right,
                 void (*fn)(void *ctx, const struct model_seg *s), void *ctx);

#endif
