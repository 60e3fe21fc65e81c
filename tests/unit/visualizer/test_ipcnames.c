/* Names for IPC: the protocol tables of abi/ipcproto.h (one per server, found by the
 * server's name), and the model's naming of the messages it saw (visualizer/model.c): a
 * request by its own label, a reply by the call it answers, an unknown label by number. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ipcproto.h"
#include "abi/syscall.h"
#include "model.h"
#include "runner.h"
#include "vizdata.h"

START_TEST(each_server_names_its_own_labels) {
  ck_assert_str_eq(abi_ipc_name("fs", FS_FORK), "fork");
  ck_assert_str_eq(abi_ipc_name("fs", FS_READFILE), "readfile");
  ck_assert_str_eq(abi_ipc_name("blk", BLK_FLUSH), "flush");
  /* One number, two protocols: the receiver decides. */
  ck_assert_uint_eq(CON_WRITE, NS_REGISTER);
  ck_assert_str_eq(abi_ipc_name("con", CON_WRITE), "write");
  ck_assert_str_eq(abi_ipc_name("ns", NS_REGISTER), "register");
  ck_assert_str_eq(abi_ipc_name("ns", NS_LOOKUP), "lookup");
}
END_TEST

START_TEST(system_calls_are_named_where_programs_send_them) {
  ck_assert_str_eq(abi_ipc_name("pm", SYS_fork), "fork");
  ck_assert_str_eq(abi_ipc_name("fs", SYS_read), "read");
  ck_assert_str_eq(abi_ipc_name("rs", SYS_inject), "inject");
  ck_assert_ptr_null(abi_ipc_name("blk", SYS_read)); /* a driver takes no system calls */
}
END_TEST

START_TEST(kernel_labels_are_named_anywhere_and_unknowns_are_null) {
  ck_assert_str_eq(abi_ipc_name("pm", LABEL_FAULT), "fault");
  ck_assert_str_eq(abi_ipc_name(NULL, LABEL_EXIT), "exit");
  ck_assert_str_eq(abi_ipc_name("ping", LABEL_NOTIFY), "notify");
  ck_assert_ptr_null(abi_ipc_name("fs", FS_LABEL_END));
  ck_assert_ptr_null(abi_ipc_name("con", CON_LABEL_END));
  ck_assert_ptr_null(abi_ipc_name("pm", SYS_count));
  ck_assert_ptr_null(abi_ipc_name("nosuch", SYS_fork));
  ck_assert_ptr_null(abi_ipc_name(NULL, SYS_fork));
  ck_assert_ptr_null(abi_ipc_name("f", FS_FORK)); /* a prefix is not the name */
}
END_TEST

static void feed(struct model *m, struct ev_record r) { model_feed(m, &r); }

/* sh (pid 5) calls pm (pid 3) for fork, pm answers 6; then a label pm has no name for, and
 * a reply to a call never seen. */
static struct model *calls(void) {
  struct model *m = malloc(sizeof *m);
  model_init(m);
  feed(m, vizdata_name_rec(0, EV_SERVER_START, 3, "pm"));
  feed(m, vizdata_name_rec(0, EV_PROC_NAME, 5, "sh"));
  feed(m, vizdata_rec(10, 0, EV_IPC_SEND, 5, 3, SYS_fork, 16));
  feed(m, vizdata_rec(10, 0, EV_IPC_RECV, 3, 5, SYS_fork, 16));
  feed(m, vizdata_rec(20, 0, EV_IPC_REPLY, 3, 5, 6, 16));
  feed(m, vizdata_rec(30, 0, EV_IPC_SEND, 5, 3, 999, 0));
  feed(m, vizdata_rec(40, 0, EV_IPC_REPLY, 5, 3, (uint32_t)-11, 0));
  feed(m, vizdata_rec(50, 0, EV_NOTIFY, 0, 3, 1, 0));
  return m;
}

static const char *text(const struct model *m, unsigned i, char *buf, unsigned len) {
  return model_msg_text(m, &m->msgs[i], "->", buf, len);
}

START_TEST(messages_are_named_by_their_server_and_replies_by_their_call) {
  struct model *m = calls();
  char buf[80], op[24];
  ck_assert_uint_eq(m->nmsgs, 6);
  ck_assert_str_eq(text(m, 0, buf, sizeof buf), "sh -> pm fork 16 B");
  ck_assert_str_eq(text(m, 1, buf, sizeof buf), "sh -> pm fork 16 B"); /* the receive */
  ck_assert_str_eq(text(m, 2, buf, sizeof buf), "pm -> sh fork = 6, 16 B");
  ck_assert_str_eq(model_msg_op(m, &m->msgs[3], op, sizeof op), "label 999");
  ck_assert_str_eq(text(m, 3, buf, sizeof buf), "sh -> pm label 999");
  /* sh's last call went to pm, not from pm to sh: this reply answers nothing seen. */
  ck_assert_str_eq(text(m, 4, buf, sizeof buf), "sh -> pm reply = -11");
  ck_assert_str_eq(text(m, 5, buf, sizeof buf), "irq -> pm notify");
  free(m);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("ipcnames");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, each_server_names_its_own_labels);
  tcase_add_test(tc, system_calls_are_named_where_programs_send_them);
  tcase_add_test(tc, kernel_labels_are_named_anywhere_and_unknowns_are_null);
  tcase_add_test(tc, messages_are_named_by_their_server_and_replies_by_their_call);
  suite_add_tcase(s, tc);
  return s;
}
