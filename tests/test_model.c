/* The visualizer's model of the running system (visualizer/model.c), fed synthetic events. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "abi/proc.h"
#include "model.h"
#include "runner.h"
#include "vizdata.h"

static void feed(void *ctx, const struct ev_record *r) { model_feed(ctx, r); }

static struct model *demo(void) {
  struct model *m = malloc(sizeof *m);
  model_init(m);
  vizdata_feed(feed, m);
  return m;
}

static void put(struct model *m, uint64_t cycle, uint16_t hart, uint16_t type, uint32_t a0,
                uint32_t a1) {
  struct ev_record r = vizdata_rec(cycle, hart, type, a0, a1, 0, 0);
  model_feed(m, &r);
}

static void check_seg(const struct model_hart *h, uint64_t i, uint64_t start, uint64_t end,
                      uint32_t pid, uint8_t mode) {
  const struct model_seg *s = &h->segs[i % MODEL_SEGS];
  ck_assert_uint_eq(s->start, start);
  ck_assert_uint_eq(s->end, end);
  ck_assert_uint_eq(s->pid, pid);
  ck_assert_uint_eq(s->mode, mode);
}

START_TEST(timeline_shades_user_kernel_and_idle_per_hart) {
  struct model *m = demo();
  ck_assert_uint_eq(m->nharts, 2);
  ck_assert_uint_eq(m->now, VIZ_END);
  const struct model_hart *h0 = &m->harts[0];
  ck_assert_uint_eq(h0->nsegs, 6);
  check_seg(h0, 0, 0, 1000, 0, MODEL_IDLE);
  check_seg(h0, 1, 1000, 2000, 1, MODEL_USER);
  check_seg(h0, 2, 2000, 3000, 1, MODEL_KERNEL);
  check_seg(h0, 3, 3000, 5000, 1, MODEL_USER);
  check_seg(h0, 4, 5000, 8000, 0, MODEL_IDLE);
  check_seg(h0, 5, 8000, VIZ_END, 1, MODEL_USER);
  const struct model_hart *h1 = &m->harts[1];
  ck_assert_uint_eq(h1->nsegs, 1);
  check_seg(h1, 0, 1000, VIZ_END, 2, MODEL_USER);
  ck_assert_uint_eq(h1->pid, 0);
  free(m);
}
END_TEST

START_TEST(process_table_has_names_cpu_time_memory_and_tickets) {
  struct model *m = demo();
  const struct model_proc *init = model_proc(m, 1), *sh = model_proc(m, 2);
  ck_assert_ptr_nonnull(init);
  ck_assert_ptr_nonnull(sh);
  ck_assert_str_eq(init->name, "init");
  ck_assert_str_eq(sh->name, "sh");
  ck_assert_uint_eq(sh->ppid, 1);
  ck_assert_uint_eq(init->cpu_cycles, 4000 + 2000);
  ck_assert_uint_eq(sh->cpu_cycles, 9000);
  ck_assert_int_eq(init->priority, 5);
  ck_assert_int_eq(init->tickets, 10);
  ck_assert_int_eq(sh->priority, -1);
  ck_assert_uint_eq(init->pages, 20);
  ck_assert_uint_eq(sh->pages, 30);
  ck_assert_uint_eq(m->kernel_pages, 100);
  ck_assert_uint_eq(init->state, PROC_RUNNING);
  char buf[16];
  ck_assert_str_eq(model_proc_name(m, 2, buf, sizeof buf), "sh");
  ck_assert_str_eq(model_proc_name(m, 0, buf, sizeof buf), "idle");
  ck_assert_str_eq(model_proc_name(m, 77, buf, sizeof buf), "pid 77");
  free(m);
}
END_TEST

START_TEST(modules_ipc_and_servers) {
  struct model *m = demo();
  const struct model_module *hello = &m->modules[0], *bad = &m->modules[1];
  ck_assert_str_eq(hello->name, "hello");
  ck_assert_uint_eq(hello->state, MODEL_MOD_LOADED);
  ck_assert_uint_eq(hello->size, 4096);
  ck_assert_uint_eq(hello->changed, 2500);
  ck_assert_int_eq(hello->refs, -1);
  ck_assert_str_eq(bad->name, "bad");
  ck_assert_uint_eq(bad->state, MODEL_MOD_FAILED);
  ck_assert_uint_eq(bad->error, 2);
  ck_assert_uint_eq(m->nmsgs, 3);
  const struct model_msg *recv = &m->msgs[1];
  ck_assert_uint_eq(recv->kind, EV_IPC_RECV);
  ck_assert_uint_eq(recv->from, 1);
  ck_assert_uint_eq(recv->to, 2);
  ck_assert_uint_eq(recv->label, 7);
  ck_assert_uint_eq(recv->size, 64);
  unsigned servers = 0;
  for (unsigned i = 0; i < MODEL_SERVERS; i++) {
    const struct model_server *s = &m->servers[i];
    if (!s->used) continue;
    servers++;
    ck_assert_uint_eq(s->pid, 4); /* the restarted one carries the history */
    ck_assert_str_eq(s->name, "fs");
    ck_assert(s->alive);
    ck_assert_uint_eq(s->deaths, 1);
    ck_assert_uint_eq(s->restarts, 1);
  }
  ck_assert_uint_eq(servers, 1);
  free(m);
}
END_TEST

/* A module's reference count follows EV_MODULE_REF; a new load forgets the old count. */
START_TEST(module_refs_follow_the_kernel) {
  struct model *m = demo();
  struct ev_record ref = vizdata_rec(VIZ_END, 0, EV_MODULE_REF, 2, 0x6c6c6568, 0x6f, 0);
  model_feed(m, &ref); /* "hello" */
  const struct model_module *hello = &m->modules[0];
  ck_assert_int_eq(hello->refs, 2);
  ck_assert_uint_eq(hello->changed, 2500); /* a count is not a load: no flash */
  struct ev_record again = ref;
  again.type = EV_MODULE_LOAD;
  again.a[0] = 4096;
  model_feed(m, &again);
  ck_assert_int_eq(hello->refs, -1);
  free(m);
}
END_TEST

START_TEST(counters_and_per_type_counts) {
  struct model *m = demo();
  ck_assert_uint_eq(m->total[MODEL_SYSCALLS], 1);
  ck_assert_uint_eq(m->total[MODEL_SWITCHES], 3);
  ck_assert_uint_eq(m->total[MODEL_IPC], 2); /* the send and the reply */
  ck_assert_uint_eq(m->total[MODEL_PAGE_FAULTS], 1);
  ck_assert_uint_eq(model_type_count(m, EV_SCHED_SWITCH), 6);
  ck_assert_uint_eq(model_type_count(m, EV_PROC_NAME), 2);
  ck_assert_uint_eq(m->nevents, 29);
  struct ev_record tlb = vizdata_rec(VIZ_END, EV_HART_NONE, MODEL_EV_TLB_SAMPLE, 5, 1, 0, 0);
  model_feed(m, &tlb);
  ck_assert_uint_eq(m->total[MODEL_TLB_MISSES], 5 + (1ull << 32));
  ck_assert_uint_eq(m->nevents, 29); /* the front end's sample is not a machine event */
  free(m);
}
END_TEST

START_TEST(rates_are_per_million_cycles_over_a_window) {
  struct model *m = malloc(sizeof *m);
  model_init(m);
  for (unsigned i = 0; i < 10; i++)
    put(m, i, 0, EV_SYSCALL_ENTER, 1, 1);
  ck_assert_uint_eq(m->windows, 0);
  put(m, MODEL_WINDOW / 2, 0, EV_PAGE_FAULT, 1, 0);
  put(m, MODEL_WINDOW, 0, EV_PAGE_FAULT, 1, 0);
  ck_assert_uint_eq(m->windows, 1);
  ck_assert_double_eq(m->rate[MODEL_SYSCALLS], 10.0);
  ck_assert_double_eq(m->rate[MODEL_PAGE_FAULTS], 2.0);
  put(m, 3 * MODEL_WINDOW, 0, EV_PAGE_FAULT, 1, 0); /* a quiet stretch of two windows */
  ck_assert_double_eq(m->rate[MODEL_SYSCALLS], 0.0);
  ck_assert_double_eq(m->rate[MODEL_PAGE_FAULTS], 0.5);
  free(m);
}
END_TEST

START_TEST(exited_processes_give_up_their_slots_when_the_table_is_full) {
  struct model *m = malloc(sizeof *m);
  model_init(m);
  for (uint32_t pid = 1; pid <= MODEL_PROCS; pid++)
    put(m, pid, 0, EV_PROC_CREATE, pid, 0);
  put(m, 200, 0, EV_PROC_CREATE, 500, 1);
  ck_assert_ptr_null(model_proc(m, 500)); /* full, nobody exited: not shown */
  put(m, 201, 0, EV_PROC_EXIT, 7, 0);
  ck_assert_uint_eq(model_proc(m, 7)->state, PROC_ZOMBIE);
  put(m, 202, 0, EV_PROC_CREATE, 501, 1);
  ck_assert_ptr_nonnull(model_proc(m, 501));
  ck_assert_ptr_null(model_proc(m, 7));
  free(m);
}
END_TEST

/* Memory by owner: the latest count per owner, their sum and its peak. A page table
 * charged before the process's creation event counts; a zombie keeps its pages until the
 * kernel reports them freed; a zombie with pages is not recycled when the table is full. */
START_TEST(memory_by_owner_sums_to_the_pages_in_use) {
  struct model *m = malloc(sizeof *m);
  model_init(m);
  put(m, 0, 0, EV_PROC_MEM, 0, 2);
  put(m, 1, 0, EV_PROC_MEM, 9, 1); /* pid 9's page table, before it exists */
  put(m, 2, 0, EV_PROC_CREATE, 9, 1);
  ck_assert_uint_eq(model_proc(m, 9)->pages, 1);
  put(m, 3, 0, EV_PROC_MEM, 9, 40);
  put(m, 4, 0, EV_PROC_MEM, 1, 10);
  ck_assert_uint_eq(m->pages, 52);
  put(m, 5, 0, EV_PROC_EXIT, 9, 0);
  ck_assert_uint_eq(model_proc(m, 9)->pages, 40); /* a zombie: not reaped yet */
  put(m, 6, 0, EV_PROC_MEM, 9, 25);
  put(m, 7, 0, EV_PROC_MEM, 1, 11); /* a copy-on-write page moved to init */
  ck_assert_uint_eq(m->pages, 38);
  for (uint32_t pid = 100; pid < 100 + MODEL_PROCS; pid++)
    put(m, 8, 0, EV_PROC_CREATE, pid, 1);
  ck_assert_ptr_nonnull(model_proc(m, 9)); /* holds memory: kept */
  put(m, 9, 0, EV_PROC_MEM, 9, 0);
  ck_assert_uint_eq(m->pages, 13);
  ck_assert_uint_eq(m->peak_pages, 52);
  ck_assert_uint_eq(m->kernel_pages, 2);
  free(m);
}
END_TEST

/* The model names states without including abi/proc.h; the two must agree. */
START_TEST(state_names_follow_the_abi) {
  ck_assert_str_eq(model_state_name(PROC_UNUSED), "unused");
  ck_assert_str_eq(model_state_name(PROC_SLEEPING), "sleeping");
  ck_assert_str_eq(model_state_name(PROC_RUNNABLE), "runnable");
  ck_assert_str_eq(model_state_name(PROC_RUNNING), "running");
  ck_assert_str_eq(model_state_name(PROC_ZOMBIE), "zombie");
  ck_assert_str_eq(model_state_name(99), "?");
}
END_TEST

START_TEST(names_unpack_from_three_words) {
  uint32_t w[3] = {0x6c6c6568, 0x6f77206f, 0x21646c72}; /* "hello world!" */
  char out[16];
  model_unpack_name(w, out);
  ck_assert_str_eq(out, "hello world!");
}
END_TEST

int main(void) {
  Suite *s = suite_create("model");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, timeline_shades_user_kernel_and_idle_per_hart);
  tcase_add_test(tc, process_table_has_names_cpu_time_memory_and_tickets);
  tcase_add_test(tc, modules_ipc_and_servers);
  tcase_add_test(tc, module_refs_follow_the_kernel);
  tcase_add_test(tc, counters_and_per_type_counts);
  tcase_add_test(tc, rates_are_per_million_cycles_over_a_window);
  tcase_add_test(tc, exited_processes_give_up_their_slots_when_the_table_is_full);
  tcase_add_test(tc, memory_by_owner_sums_to_the_pages_in_use);
  tcase_add_test(tc, state_names_follow_the_abi);
  tcase_add_test(tc, names_unpack_from_three_words);
  suite_add_tcase(s, tc);
  return test_run(s);
}
