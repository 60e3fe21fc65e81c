/* Replaying a saved event file: its lines read back into records (visualizer/evfile.c),
 * and the player's clock, seek and step (visualizer/replay.c), on synthetic events. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "evfile.h"
#include "pace.h"
#include "replay.h"
#include "runner.h"
#include "vizdata.h"

START_TEST(lines_read_back_as_the_writer_wrote_them) {
  struct ev_record r;
  ck_assert_int_eq(evfile_parse("4990 1 ipc-send 0x65 0x64 0x200 0x10\n", &r), 0);
  ck_assert_uint_eq(r.cycle, 4990);
  ck_assert_uint_eq(r.hart, 1);
  ck_assert_uint_eq(r.type, EV_IPC_SEND);
  ck_assert_uint_eq(r.a[0], 0x65);
  ck_assert_uint_eq(r.a[3], 0x10);
  ck_assert_int_eq(evfile_parse("0 - proc-mem 0 0x1 0 0", &r), 0);
  ck_assert_uint_eq(r.hart, EV_HART_NONE);
  ck_assert_uint_eq(r.type, EV_PROC_MEM);
  ck_assert_int_eq(evfile_parse("7 0 exception 0x8 0xffffffff 0 0", &r), 0);
  ck_assert_uint_eq(r.type, EV_EXCEPTION);
  ck_assert_uint_eq(r.a[1], 0xffffffffu);
  ck_assert_int_eq(evfile_parse("9 0 type-65280 0x5 0 0x1 0", &r), 0);
  ck_assert_uint_eq(r.type, 0xff00);
}
END_TEST

START_TEST(other_lines_are_refused) {
  struct ev_record r;
  ck_assert_int_eq(evfile_parse("", &r), -EINVAL);
  ck_assert_int_eq(evfile_parse("garbage", &r), -EINVAL);
  ck_assert_int_eq(evfile_parse("1 0 no-such-type 0 0 0 0", &r), -EINVAL);
  ck_assert_int_eq(evfile_parse("1 0 ipc-send 0 0 0", &r), -EINVAL);       /* a word short */
  ck_assert_int_eq(evfile_parse("1 0 ipc-send 0 0 0 0 0", &r), -EINVAL);   /* one too many */
  ck_assert_int_eq(evfile_parse("1 x ipc-send 0 0 0 0", &r), -EINVAL);     /* no hart */
  ck_assert_int_eq(evfile_parse("1 65535 ipc-send 0 0 0 0", &r), -EINVAL); /* not a hart */
  ck_assert_int_eq(evfile_parse("1 0 type-70000 0 0 0 0", &r), -EINVAL);   /* no such type */
  FILE *f = tmpfile();
  fputs("1 0 ipc-send 0 0 0 0\nbad\n", f);
  rewind(f);
  struct evfile e;
  size_t line;
  ck_assert_int_eq(evfile_load(f, &e, &line), -EINVAL);
  ck_assert_uint_eq(line, 2);
  fclose(f);
}
END_TEST

struct recs {
  struct ev_record r[64];
  size_t n;
};

static void keep(void *ctx, const struct ev_record *r) {
  struct recs *k = ctx;
  ck_assert_uint_lt(k->n, 64);
  k->r[k->n++] = *r;
}

static void feed(void *ctx, const struct ev_record *r) { model_feed(ctx, r); }

/* Two models agree on what the displays show of them (padding aside). */
static void same_model(const struct model *a, const struct model *b) {
  ck_assert_uint_eq(a->nevents, b->nevents);
  ck_assert_uint_eq(a->now, b->now);
  ck_assert_uint_eq(a->nmsgs, b->nmsgs);
  ck_assert_uint_eq(a->pages, b->pages);
  for (unsigned h = 0; h < MODEL_HARTS; h++) {
    ck_assert_uint_eq(a->harts[h].nsegs, b->harts[h].nsegs);
    ck_assert_uint_eq(a->harts[h].pid, b->harts[h].pid);
  }
  for (unsigned i = 0; i < MODEL_PROCS; i++) {
    ck_assert_int_eq(a->procs[i].used, b->procs[i].used);
    ck_assert_uint_eq(a->procs[i].pid, b->procs[i].pid);
    ck_assert_uint_eq(a->procs[i].cpu_cycles, b->procs[i].cpu_cycles);
    ck_assert_str_eq(a->procs[i].name, b->procs[i].name);
  }
}

/* The model fed the sequence's records up to cycle `to`, as one that never seeks. */
static void fed_to(struct model *m, const struct recs *k, uint64_t to) {
  model_init(m);
  for (size_t i = 0; i < k->n && k->r[i].cycle <= to; i++)
    feed(m, &k->r[i]);
}

START_TEST(seeking_back_and_forth_gives_the_model_of_a_straight_run) {
  struct recs *k = calloc(1, sizeof *k);
  vizdata_feed(keep, k);
  struct model *m = malloc(sizeof *m), *want = malloc(sizeof *want);
  struct replay p;
  replay_init(&p, k->r, k->n, m);
  ck_assert_uint_eq(replay_end(&p), k->r[k->n - 1].cycle);
  replay_seek(&p, m, 7000);
  replay_seek(&p, m, 3000); /* back: rebuilt from the start */
  fed_to(want, k, 3000);
  same_model(m, want);
  replay_seek(&p, m, 9000);
  fed_to(want, k, 9000);
  same_model(m, want);
  /* A step feeds exactly one record. */
  uint64_t before = m->nevents;
  replay_step(&p, m);
  ck_assert_uint_eq(m->nevents, before + 1);
  free(m);
  free(want);
  free(k);
}
END_TEST

/* A quiet stretch longer than the cap is crossed at once, less the cap. */
START_TEST(the_clock_skips_quiet_stretches) {
  struct ev_record rs[] = {vizdata_rec(0, 0, EV_MARK, 1, 0, 0, 0),
                           vizdata_rec(100 * PACE_IDLE_CAP, 0, EV_MARK, 2, 0, 0, 0)};
  struct model *m = malloc(sizeof *m);
  struct replay p;
  replay_init(&p, rs, 2, m);
  replay_advance(&p, m, 10);
  ck_assert_uint_eq(p.pos, 1);
  replay_advance(&p, m, 10); /* the next record is far: the clock jumps to a cap before it */
  ck_assert_uint_eq(p.clock, 99 * PACE_IDLE_CAP + 10);
  ck_assert_uint_eq(p.pos, 1);
  replay_advance(&p, m, PACE_IDLE_CAP);
  ck_assert_uint_eq(p.pos, 2);
  free(m);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("replay");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, lines_read_back_as_the_writer_wrote_them);
  tcase_add_test(tc, other_lines_are_refused);
  tcase_add_test(tc, seeking_back_and_forth_gives_the_model_of_a_straight_run);
  tcase_add_test(tc, the_clock_skips_quiet_stretches);
  suite_add_tcase(s, tc);
  return s;
}
