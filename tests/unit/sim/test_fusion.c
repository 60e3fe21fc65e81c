/* Superinstructions (sim/decode.h) must be invisible: a run with them and the same run
 * decoded plain give the same event stream, and a cycle limit stops both at the same
 * instruction with the same state, whether it falls inside a fused pair or not. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "support.h"

#define RAM MACHINE_RAM_BASE
#define LOOP 14    /* the copy loop's first slot */
#define HANDLER 64 /* the trap handler's slot (RAM + 0x100) */

/* A word-copy loop (lw, sw, addi, addi, bltu: fused whole, as LW_SW_ADDI_ADDI_BLTU) run 20
 * times, each time followed by a load from address 0, an access fault inside a fused LW_ADDI
 * that the handler steps over. A timer interrupt re-armed at ever longer odd intervals
 * lands at every kind of slot. */
static void load_program(struct machine *m) {
  static uint32_t prog[HANDLER + 12];
  const uint32_t main_part[] = {/* 0 */ LUI(5, 0x80000),
                                ADDI(5, 5, HANDLER * 4),
                                CSRRW(0, CSR_STVEC, 5),
                                /* 3 */ LI(5, SIP_STIP),
                                CSRRW(0, CSR_SIE, 5),
                                LI(22, 50),
                                /* 6 */ CSRRW(0, CSR_STIMECMPH, 0),
                                CSRRW(0, CSR_STIMECMP, 22),
                                LI(5, SSTATUS_SIE),
                                /* 9 */ CSRRS(0, CSR_SSTATUS, 5),
                                LI(9, 20),
                                LUI(5, 0x80002),
                                /* 12 */ LUI(6, 0x80003),
                                ADDI(7, 5, 256),
                                /* 14: LOOP */ LW(8, 5, 0),
                                SW(8, 6, 0),
                                ADDI(5, 5, 4),
                                ADDI(6, 6, 4),
                                /* 18 */ enc_b(6, 5, 7, (LOOP - 18) * 4),
                                ADDI(5, 5, -256),
                                ADDI(6, 6, -256),
                                /* 21 */ LW(10, 0, 0),
                                ADDI(9, 9, -1),
                                enc_b(1, 9, 0, (LOOP - 23) * 4),
                                /* 24 */ LUI(10, 0x100),
                                LUI(11, 0x5),
                                ADDI(11, 11, 0x555),
                                SW(11, 10, 0),
                                /* 28 */ enc_j(0, 0)};
  const uint32_t handler[] = {
      /* 0 */ CSRRS(20, CSR_SCAUSE, 0),
      enc_b(4, 20, 0, 20),
      CSRRS(21, CSR_SEPC, 0),
      /* 3: an exception: step over it */ ADDI(21, 21, 4),
      CSRRW(0, CSR_SEPC, 21),
      SRET,
      /* 6: the timer: next one 7 cycles later than the last */ CSRRS(22, CSR_TIME, 0),
      /* 7 */ ADDI(23, 23, 7),
      ADD(22, 22, 23),
      ADDI(22, 22, 37),
      /* 10 */ CSRRW(0, CSR_STIMECMP, 22),
      SRET};
  memcpy(prog, main_part, sizeof main_part);
  memcpy(prog + HANDLER, handler, sizeof handler);
  test_load(m, RAM, prog, sizeof prog / 4);
}

static struct machine *program_machine(bool plain, struct test_recorder *rc) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  m->dcache.plain = plain;
  if (rc) ev_set_sink(&m->ev, test_record, rc);
  load_program(m);
  return m;
}

static size_t count_events(const struct test_recorder *rc, uint16_t type, uint32_t a0) {
  size_t n = 0;
  for (size_t i = 0; i < rc->n; i++)
    n += rc->r[i].type == type && rc->r[i].a[0] == a0;
  return n;
}

START_TEST(fused_and_plain_runs_give_the_same_event_stream) {
  struct test_recorder *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
  struct machine *fused = program_machine(false, a), *plain = program_machine(true, b);
  ck_assert_int_eq(machine_run(fused, 10000000), MACHINE_POWEROFF);
  ck_assert_int_eq(machine_run(plain, 10000000), MACHINE_POWEROFF);
  /* The program did what it is for: 20 faults inside fused pairs, many interrupts. */
  ck_assert_uint_eq(count_events(a, EV_EXCEPTION, CAUSE_LOAD_ACCESS), 20);
  ck_assert_uint_ge(count_events(a, EV_INTERRUPT, IRQ_S_TIMER), 20);
  ck_assert_uint_eq(a->n, b->n);
  ck_assert_int_eq(memcmp(a->r, b->r, a->n * sizeof a->r[0]), 0);
  ck_assert_uint_eq(fused->harts[0]->instret, plain->harts[0]->instret);
  ck_assert_uint_eq(fused->harts[0]->cycles, plain->harts[0]->cycles);
  machine_destroy(fused);
  machine_destroy(plain);
  free(a);
  free(b);
}
END_TEST

START_TEST(the_loop_is_fused_only_when_asked) {
  struct machine *fused = program_machine(false, NULL), *plain = program_machine(true, NULL);
  machine_run(fused, 2000);
  machine_run(plain, 2000);
  const struct insn *f = fused->dcache.pages[0]->slot, *p = plain->dcache.pages[0]->slot;
  ck_assert_str_eq(decode_op_name((enum op)f[LOOP].op), "LW_SW_ADDI_ADDI_BLTU");
  ck_assert_str_eq(decode_op_name((enum op)f[LOOP + 2].op), "ADDI_ADDI_BLTU");
  ck_assert_str_eq(decode_op_name((enum op)p[LOOP].op), "LW");
  ck_assert_str_eq(decode_op_name((enum op)p[LOOP + 2].op), "ADDI");
  machine_destroy(fused);
  machine_destroy(plain);
}
END_TEST

START_TEST(a_cycle_limit_stops_fused_and_plain_code_alike) {
  struct machine *fused = program_machine(false, NULL), *plain = program_machine(true, NULL);
  struct hart *f = fused->harts[0], *p = plain->harts[0];
  unsigned stops = 0;
  /* Limits 1, 2, 4, 7, 11, ...: steps of 1 to 5 cycles fall at every offset in the loop. */
  for (uint64_t limit = 1; fused->state == MACHINE_RUNNING; limit += 1 + stops % 5) {
    enum machine_state sf = machine_run(fused, limit), sp = machine_run(plain, limit);
    ck_assert_int_eq(sf, sp);
    ck_assert_uint_eq(f->pc, p->pc);
    ck_assert_uint_eq(f->instret, p->instret);
    ck_assert_uint_eq(f->cycles, p->cycles);
    ck_assert_int_eq(memcmp(f->x, p->x, sizeof f->x), 0);
    stops++;
  }
  ck_assert_int_eq(fused->state, MACHINE_POWEROFF);
  ck_assert_uint_gt(stops, 1000);
  machine_destroy(fused);
  machine_destroy(plain);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("fusion");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, fused_and_plain_runs_give_the_same_event_stream);
  tcase_add_test(tc, the_loop_is_fused_only_when_asked);
  tcase_add_test(tc, a_cycle_limit_stops_fused_and_plain_code_alike);
  suite_add_tcase(s, tc);
  return s;
}
