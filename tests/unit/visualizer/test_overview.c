/* A whole run's timeline at bounded resolution (visualizer/overview.c), fed segments. */
#include <check.h>
#include <stdlib.h>

#include "overview.h"
#include "runner.h"

static void seg(struct overview *o, unsigned h, uint64_t start, uint64_t end, uint32_t pid,
                uint8_t mode) {
  struct model_seg s = {start, end, pid, mode};
  ov_on_seg(o, h, &s);
}

/* What ov_segments gives, collected. */
struct got {
  unsigned n;
  struct model_seg s[OV_COLS];
};

static void collect(void *ctx, const struct model_seg *s) {
  struct got *g = ctx;
  g->s[g->n++] = *s;
}

static struct overview *fresh(void) {
  struct overview *o = malloc(sizeof *o);
  ov_init(o);
  return o;
}

START_TEST(columns_merge_into_runs_of_one_process_and_mode) {
  struct overview *o = fresh();
  uint64_t w = OV_FIRST_SPAN / OV_COLS;
  seg(o, 0, 0, 10 * w, 0, MODEL_IDLE);
  seg(o, 0, 10 * w, 30 * w, 4, MODEL_USER);
  seg(o, 0, 30 * w, 40 * w, 4, MODEL_KERNEL);
  struct got *g = calloc(1, sizeof *g);
  ov_segments(o, 0, 0, UINT64_MAX, collect, g);
  ck_assert_uint_eq(g->n, 3);
  ck_assert_uint_eq(g->s[0].mode, MODEL_IDLE);
  ck_assert_uint_eq(g->s[1].start, 10 * w);
  ck_assert_uint_eq(g->s[1].end, 30 * w);
  ck_assert_uint_eq(g->s[1].pid, 4);
  ck_assert_uint_eq(g->s[1].mode, MODEL_USER);
  ck_assert_uint_eq(g->s[2].mode, MODEL_KERNEL);
  ck_assert_uint_eq(g->s[2].end, 40 * w); /* the run's end, not the span's */
  ck_assert_uint_eq(o->end, 40 * w);
  g->n = 0; /* a window shows only what overlaps it */
  ov_segments(o, 0, 12 * w, 20 * w, collect, g);
  ck_assert_uint_eq(g->n, 1);
  ck_assert_uint_eq(g->s[0].pid, 4);
  free(g);
  free(o);
}
END_TEST

/* A run past the span doubles it until it fits: columns merge pairwise, keeping the cycles
 * and the process with most of them. */
START_TEST(a_long_run_widens_the_span) {
  struct overview *o = fresh();
  seg(o, 0, 0, OV_FIRST_SPAN / 2, 7, MODEL_USER);
  seg(o, 1, 0, 3 * (uint64_t)OV_FIRST_SPAN, 9, MODEL_KERNEL);
  ck_assert_uint_eq(o->span, 4 * (uint64_t)OV_FIRST_SPAN);
  ck_assert_uint_eq(o->nharts, 2);
  uint64_t user = 0, kernel = 0;
  for (unsigned i = 0; i < OV_COLS; i++) {
    user += o->cols[0][i].user;
    kernel += o->cols[1][i].kernel;
  }
  ck_assert_uint_eq(user, OV_FIRST_SPAN / 2);
  ck_assert_uint_eq(kernel, 3 * (uint64_t)OV_FIRST_SPAN);
  ck_assert_uint_eq(o->cols[0][0].pid, 7);
  struct got *g = calloc(1, sizeof *g);
  ov_segments(o, 1, 0, UINT64_MAX, collect, g);
  ck_assert_uint_eq(g->n, 1); /* one process all along */
  ck_assert_uint_eq(g->s[0].end, 3 * (uint64_t)OV_FIRST_SPAN);
  free(g);
  free(o);
}
END_TEST

/* In a column shared by processes, the one with the most cycles names it; mostly idle is idle. */
START_TEST(a_column_shows_its_busiest_process) {
  struct overview *o = fresh();
  uint64_t w = OV_FIRST_SPAN / OV_COLS;
  seg(o, 0, 0, w / 4, 1, MODEL_USER);
  seg(o, 0, w / 4, w, 2, MODEL_USER);
  seg(o, 0, w, w + w / 4, 3, MODEL_USER); /* column 1: a quarter busy */
  seg(o, 0, w + w / 4, 2 * w, 0, MODEL_IDLE);
  struct got *g = calloc(1, sizeof *g);
  ov_segments(o, 0, 0, UINT64_MAX, collect, g);
  ck_assert_uint_eq(g->n, 2);
  ck_assert_uint_eq(g->s[0].pid, 2);
  ck_assert_uint_eq(g->s[1].mode, MODEL_IDLE);
  free(g);
  free(o);
}
END_TEST

/* ov_finish adds what the model has not closed yet: each hart's running segment. */
START_TEST(finish_adds_the_running_segments) {
  struct overview *o = fresh();
  struct model *m = malloc(sizeof *m);
  model_init(m);
  m->on_seg = ov_on_seg;
  m->on_seg_ctx = o;
  struct ev_record r = {.cycle = 0, .type = EV_SCHED_SWITCH, .hart = 0, .a = {5}};
  model_feed(m, &r);
  r = (struct ev_record){.cycle = 3000, .type = EV_SYSCALL_ENTER, .hart = 0, .a = {5, 1}};
  model_feed(m, &r);
  uint64_t user = 0, kernel = 0;
  for (unsigned i = 0; i < OV_COLS; i++)
    user += o->cols[0][i].user;
  ck_assert_uint_eq(user, 3000); /* closed by the system call */
  r = (struct ev_record){.cycle = 5000, .type = EV_MARK, .hart = 0};
  model_feed(m, &r);
  ov_finish(o, m);
  for (unsigned i = 0; i < OV_COLS; i++)
    kernel += o->cols[0][i].kernel;
  ck_assert_uint_eq(kernel, 2000); /* still in the kernel when the run ended */
  ck_assert_uint_eq(o->end, 5000);
  free(m);
  free(o);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("overview");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, columns_merge_into_runs_of_one_process_and_mode);
  tcase_add_test(tc, a_long_run_widens_the_span);
  tcase_add_test(tc, a_column_shows_its_busiest_process);
  tcase_add_test(tc, finish_adds_the_running_segments);
  suite_add_tcase(s, tc);
  return s;
}
