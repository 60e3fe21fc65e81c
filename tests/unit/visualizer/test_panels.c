/* The panels' text (visualizer/ui.c), which both displays draw: the memory panel counts the
 * owners it has no room for, and the IPC panel names operations. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ipcproto.h"
#include "runner.h"
#include "ui.h"
#include "vizdata.h"

static void feed(struct model *m, struct ev_record r) { model_feed(m, &r); }

/* Ten processes owning 1..10 pages, and the kernel 50. */
static struct model *owners(void) {
  struct model *m = malloc(sizeof *m);
  model_init(m);
  feed(m, vizdata_rec(0, 0, EV_PROC_MEM, 0, 50, 0, 0));
  for (uint32_t pid = 1; pid <= 10; pid++) {
    feed(m, vizdata_rec(pid, 0, EV_PROC_CREATE, pid, 0, 0, 0));
    feed(m, vizdata_rec(pid, 0, EV_PROC_MEM, pid, pid, 0, 0));
  }
  return m;
}

START_TEST(memory_lists_the_largest_owners_and_counts_the_rest) {
  struct model *m = owners();
  struct ui_view v = {.m = m};
  struct ui_line lines[16];
  ck_assert_uint_eq(ui_panel_lines(&v, UI_MEMORY, lines, 16), 12); /* all, and two totals */
  unsigned n = ui_panel_lines(&v, UI_MEMORY, lines, 6);
  ck_assert_uint_eq(n, 6);
  ck_assert_ptr_nonnull(strstr(lines[0].text, "in use"));
  ck_assert_ptr_nonnull(strstr(lines[0].text, " 105 pages"));
  ck_assert_ptr_nonnull(strstr(lines[2].text, "10 ")); /* pid 10, the most pages, first */
  ck_assert_ptr_nonnull(strstr(lines[4].text, "8 "));
  /* pids 7 down to 1 are left: 7 owners, 28 pages. */
  ck_assert_ptr_nonnull(strstr(lines[5].text, "+7 more"));
  ck_assert_ptr_nonnull(strstr(lines[5].text, " 28 pages"));
  free(m);
}
END_TEST

START_TEST(ipc_panel_names_the_operation_and_a_reply_its_result) {
  struct model *m = malloc(sizeof *m);
  model_init(m);
  feed(m, vizdata_name_rec(0, EV_SERVER_START, 3, "fs"));
  feed(m, vizdata_name_rec(0, EV_PROC_NAME, 7, "wc"));
  feed(m, vizdata_rec(10, 0, EV_IPC_SEND, 7, 3, SYS_read, 16));
  feed(m, vizdata_rec(20, 0, EV_IPC_REPLY, 3, 7, 512, 528));
  struct ui_view v = {.m = m};
  struct ui_line lines[4];
  ck_assert_uint_eq(ui_panel_lines(&v, UI_IPC, lines, 4), 2);
  ck_assert_ptr_nonnull(strstr(ui_panel_header(UI_IPC, false), "OPERATION"));
  ck_assert_msg(strstr(lines[0].text, "reply fs     wc     read=512 "), "%s", lines[0].text);
  ck_assert_msg(strstr(lines[1].text, "send  wc     fs     read "), "%s", lines[1].text);
  free(m);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("panels");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, memory_lists_the_largest_owners_and_counts_the_rest);
  tcase_add_test(tc, ipc_panel_names_the_operation_and_a_reply_its_result);
  suite_add_tcase(s, tc);
  return s;
}
