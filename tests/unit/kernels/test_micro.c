/*
 * test_micro: the microkernel's object logic without a machine — capability rules
 * (kernels/micro/cap.c), IPC on endpoints (ipc.c) and notifications (notify.c).
 *
 * A thread here is a TCB whose registers the test writes as a guest would before a kernel
 * call (micro/kabi.h); the kernel around the logic is three small callbacks that record who
 * was woken and copy "IPC buffers" that live in an array of the test.
 */
#include <check.h>
#include <string.h>

#include "abi/errno.h"
#include "cap.h"
#include "ipc.h"
#include "kobj.h"
#include "notify.h"
#include "runner.h"

static struct kobjs o;
static struct tcb *woken[16];
static int nwoken;
static uint8_t bufs[4][MSG_BUF_MAX]; /* IPC buffer of thread i: bufs[i] */

static void wake(void *ctx, struct tcb *t) {
  (void)ctx;
  if (nwoken < 16) woken[nwoken++] = t;
}

static int copy_buf(void *ctx, struct tcb *from, struct tcb *to, uint32_t n) {
  (void)ctx;
  if (!to->ipc_buf) return -OSSIM_EFAULT;
  memcpy(bufs[to - o.tcb], bufs[from - o.tcb], n);
  return 0;
}

static const struct kobj_ops ops = {.wake = wake, .copy_buf = copy_buf};

/* Threads 0..3 with cspaces 0..3, each with the endpoint 0 in slot 0 (all rights) and the
 * notification 0 in slot 1. */
static void setup(void) {
  kobj_init(&o, &ops, NULL);
  nwoken = 0;
  o.ep[0].live = o.ntfn[0].live = true;
  for (int i = 0; i < 4; i++) {
    struct tcb *t = &o.tcb[i];
    t->pid = i + 1;
    t->cs = &o.cspace[i];
    t->state = TS_RUNNABLE;
    t->ipc_buf = 0x1000;
    ck_assert_int_eq(cap_install(&o.caps, t->cs, 0, CAP_ENDPOINT, 0, CAP_ALL, 0), 0);
    ck_assert_int_eq(cap_install(&o.caps, t->cs, 1, CAP_NOTIFICATION, 0, CAP_ALL, 0), 0);
  }
}

/* Sets t up for a message of label and one word through slot, with a cap to send (send)
 * or a slot where a sent cap lands (receive); -1: none. */
static void msg(struct tcb *t, uint32_t slot, int cap, uint32_t label, uint32_t word) {
  t->x[R_A0] = MSG_A0(slot, cap, cap);
  t->x[R_A1] = label;
  t->x[R_A2] = word;
  t->x[R_A6] = 0;
}

static struct cspace *cs(int i) { return &o.cspace[i]; }

/* Thread 1 calls on endpoint 0 and thread 0 receives the call, owing the reply. */
static void call_received(void) {
  msg(&o.tcb[1], 0, -1, 5, 6);
  ck_assert_int_eq(ipc_send(&o, &o.tcb[1], true, true), IPC_BLOCKED);
  msg(&o.tcb[0], 0, -1, 0, 0);
  ck_assert_int_eq(ipc_recv(&o, &o.tcb[0], true), IPC_DONE);
  ck_assert_ptr_eq(o.tcb[0].reply_to, &o.tcb[1]);
}

START_TEST(copy_never_gains_a_right) {
  setup();
  struct cap *c;
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 0, cs(0), 2, CAP_W), 0);
  ck_assert_int_eq(cap_lookup(cs(0), 2, CAP_ENDPOINT, CAP_W, &c), 0);
  ck_assert_int_eq(c->rights, CAP_W);
  /* A copy of the send-only copy asking for everything still has send only. */
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 2, cs(1), 5, CAP_ALL), 0);
  ck_assert_int_eq(cap_lookup(cs(1), 5, CAP_ENDPOINT, 0, &c), 0);
  ck_assert_int_eq(c->rights, CAP_W);
  ck_assert_int_eq(cap_lookup(cs(1), 5, CAP_ENDPOINT, CAP_R, &c), -OSSIM_EPERM);
  /* Nor by minting. */
  ck_assert_int_eq(cap_mint(&o.caps, cs(1), 5, cs(1), 6, CAP_ALL, 7), 0);
  ck_assert_int_eq(cap_lookup(cs(1), 6, CAP_ENDPOINT, 0, &c), 0);
  ck_assert_int_eq(c->rights, CAP_W);
  ck_assert_int_eq(c->badge, 7);
}
END_TEST

START_TEST(a_receive_needs_the_read_right) {
  setup();
  ck_assert_int_eq(cap_copy(&o.caps, cs(1), 0, cs(1), 2, CAP_W), 0);
  msg(&o.tcb[1], 2, -1, 0, 0);
  ck_assert_int_eq(ipc_recv(&o, &o.tcb[1], true), -OSSIM_EPERM);
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 0, cs(0), 2, CAP_R), 0);
  msg(&o.tcb[0], 2, -1, 0, 0);
  ck_assert_int_eq(ipc_send(&o, &o.tcb[0], true, false), -OSSIM_EPERM);
}
END_TEST

START_TEST(mint_badges_once_and_only_endpoints) {
  setup();
  ck_assert_int_eq(cap_mint(&o.caps, cs(0), 0, cs(0), 2, CAP_ALL, 5), 0);
  ck_assert_int_eq(cap_mint(&o.caps, cs(0), 2, cs(0), 3, CAP_ALL, 6), -OSSIM_EINVAL);
  ck_assert_int_eq(cap_mint(&o.caps, cs(0), 0, cs(0), 3, CAP_ALL, 0), -OSSIM_EINVAL);
  ck_assert_int_eq(cap_install(&o.caps, cs(0), 4, CAP_THREAD, 0, CAP_ALL, 0), 0);
  ck_assert_int_eq(cap_mint(&o.caps, cs(0), 4, cs(0), 3, CAP_ALL, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 0, cs(0), 2, CAP_ALL), -OSSIM_EEXIST);
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 9, cs(0), 10, CAP_ALL), -OSSIM_EBADF);
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 0, cs(0), CSPACE_SLOTS, CAP_ALL), -OSSIM_EBADF);
}
END_TEST

START_TEST(revoke_reaches_every_derived_cap_and_nothing_else) {
  setup();
  /* 0:0 -> 1:2 -> 2:2 -> 3:2, and 0:0 -> 0:3; 1:0 is an original of its own. */
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 0, cs(1), 2, CAP_ALL), 0);
  ck_assert_int_eq(cap_copy(&o.caps, cs(1), 2, cs(2), 2, CAP_W), 0);
  ck_assert_int_eq(cap_mint(&o.caps, cs(2), 2, cs(3), 2, CAP_W, 9), 0);
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 0, cs(0), 3, CAP_R), 0);
  /* Deleting the middle one leaves its child reachable from the grandparent. */
  ck_assert_int_eq(cap_delete(&o.caps, cs(2), 2), 0);
  ck_assert_int_eq(cap_revoke(&o.caps, cs(0), 0), 3);
  struct cap *c;
  ck_assert_int_eq(cap_lookup(cs(0), 0, CAP_ENDPOINT, 0, &c), 0);
  ck_assert_int_eq(cap_lookup(cs(1), 0, CAP_ENDPOINT, 0, &c), 0);
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq(cap_lookup(cs(i), 2, CAP_NULL, 0, &c), -OSSIM_EBADF);
  ck_assert_int_eq(cap_lookup(cs(0), 3, CAP_NULL, 0, &c), -OSSIM_EBADF);
  /* A revoked cap fails when used. */
  msg(&o.tcb[3], 2, -1, 1, 2);
  ck_assert_int_eq(ipc_send(&o, &o.tcb[3], true, false), -OSSIM_EBADF);
}
END_TEST

START_TEST(senders_are_served_in_order) {
  setup();
  for (int i = 1; i <= 3; i++) {
    msg(&o.tcb[i], 0, -1, 100 + (uint32_t)i, 0);
    ck_assert_int_eq(ipc_send(&o, &o.tcb[i], true, false), IPC_BLOCKED);
    ck_assert_int_eq(o.tcb[i].state, TS_SEND);
  }
  ck_assert_int_eq(nwoken, 0);
  for (int i = 1; i <= 3; i++) {
    msg(&o.tcb[0], 0, -1, 0, 0);
    ck_assert_int_eq(ipc_recv(&o, &o.tcb[0], true), IPC_DONE);
    ck_assert_uint_eq(o.tcb[0].x[R_A1], 100 + (uint32_t)i);
    ck_assert_ptr_eq(woken[i - 1], &o.tcb[i]);
    ck_assert_int_eq(o.tcb[i].state, TS_RUNNABLE);
    ck_assert_uint_eq(o.tcb[i].x[R_A0], 0);
  }
}
END_TEST

START_TEST(a_receiver_blocks_until_a_message_and_sees_the_badge) {
  setup();
  msg(&o.tcb[0], 0, -1, 0, 0);
  ck_assert_int_eq(ipc_recv(&o, &o.tcb[0], true), IPC_BLOCKED);
  ck_assert_int_eq(o.tcb[0].state, TS_RECV);
  ck_assert_int_eq(cap_mint(&o.caps, cs(1), 0, cs(1), 2, CAP_W, 42), 0);
  msg(&o.tcb[1], 2, -1, 7, 0xbeef);
  ck_assert_int_eq(ipc_send(&o, &o.tcb[1], true, false), IPC_DONE);
  ck_assert_int_eq(nwoken, 1);
  ck_assert_ptr_eq(woken[0], &o.tcb[0]);
  ck_assert_uint_eq(o.tcb[0].x[R_A1], 7);
  ck_assert_uint_eq(o.tcb[0].x[R_A2], 0xbeef);
  ck_assert_uint_eq(o.tcb[0].x[R_A7], 42);
}
END_TEST

START_TEST(non_blocking_variants_fail_without_blocking) {
  setup();
  msg(&o.tcb[0], 0, -1, 0, 0);
  ck_assert_int_eq(ipc_recv(&o, &o.tcb[0], false), -OSSIM_EAGAIN);
  ck_assert_int_eq(o.tcb[0].state, TS_RUNNABLE);
  msg(&o.tcb[1], 0, -1, 1, 0);
  ck_assert_int_eq(ipc_send(&o, &o.tcb[1], false, false), -OSSIM_EAGAIN);
  ck_assert_int_eq(o.tcb[1].state, TS_RUNNABLE);
  ck_assert_ptr_null(o.ep[0].q.head);
  /* With a partner waiting, both go through at once. */
  ck_assert_int_eq(ipc_recv(&o, &o.tcb[0], true), IPC_BLOCKED);
  ck_assert_int_eq(ipc_send(&o, &o.tcb[1], false, false), IPC_DONE);
  ck_assert_uint_eq(o.tcb[0].x[R_A1], 1);
}
END_TEST

START_TEST(call_and_reply_are_one_shot) {
  setup();
  struct tcb *server = &o.tcb[0], *client = &o.tcb[1];
  msg(server, 0, -1, 0, 0);
  ck_assert_int_eq(ipc_recv(&o, server, true), IPC_BLOCKED);
  msg(client, 0, -1, 5, 6);
  ck_assert_int_eq(ipc_send(&o, client, true, true), IPC_BLOCKED);
  ck_assert_int_eq(client->state, TS_REPLY);
  ck_assert_ptr_eq(server->reply_to, client);
  server->x[R_A1] = 99;
  server->x[R_A6] = 0;
  ck_assert_int_eq(ipc_reply(&o, server), 0);
  ck_assert_int_eq(client->state, TS_RUNNABLE);
  ck_assert_uint_eq(client->x[R_A1], 99);
  ck_assert_int_eq(ipc_reply(&o, server), -OSSIM_EINVAL); /* used up */
}
END_TEST

START_TEST(a_malformed_reply_keeps_the_right_to_answer) {
  setup();
  call_received();
  o.tcb[0].x[R_A6] = MSG_BUF_MAX + 1;
  ck_assert_int_eq(ipc_reply(&o, &o.tcb[0]), -OSSIM_EINVAL);
  ck_assert_int_eq(o.tcb[1].state, TS_REPLY);
  o.tcb[0].x[R_A6] = 0;
  ck_assert_int_eq(ipc_reply(&o, &o.tcb[0]), 0);
  ck_assert_int_eq(o.tcb[1].state, TS_RUNNABLE);
}
END_TEST

START_TEST(a_saved_reply_cap_answers_later_once) {
  setup();
  struct tcb *server = &o.tcb[0], *client = &o.tcb[1];
  call_received();
  server->x[R_A0] = 7;
  ck_assert_int_eq(ipc_reply_save(&o, server), 0);
  ck_assert_int_eq(ipc_reply(&o, server), -OSSIM_EINVAL);
  struct cap *c;
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 7, cs(0), 8, CAP_ALL), -OSSIM_EINVAL);
  msg(server, 7, -1, 1234, 0);
  ck_assert_int_eq(ipc_send(&o, server, true, false), IPC_DONE);
  ck_assert_uint_eq(client->x[R_A1], 1234);
  ck_assert_int_eq(client->state, TS_RUNNABLE);
  ck_assert_int_eq(cap_lookup(cs(0), 7, CAP_NULL, 0, &c), -OSSIM_EBADF);
}
END_TEST

START_TEST(a_dropped_reply_or_a_dead_server_fails_the_call) {
  setup();
  struct tcb *server = &o.tcb[0], *client = &o.tcb[1];
  call_received();
  server->x[R_A0] = 7;
  ck_assert_int_eq(ipc_reply_save(&o, server), 0);
  ck_assert_int_eq(cap_delete(&o.caps, cs(0), 7), 0);
  ck_assert_int_eq(client->state, TS_RUNNABLE);
  ck_assert_int_eq((int)client->x[R_A0], -OSSIM_EPIPE);
  /* A server that dies owing a reply. */
  call_received();
  ipc_cancel(&o, server);
  ck_assert_int_eq((int)client->x[R_A0], -OSSIM_EPIPE);
}
END_TEST

START_TEST(a_cap_travels_only_with_the_grant_right) {
  setup();
  struct tcb *a = &o.tcb[0], *b = &o.tcb[1];
  ck_assert_int_eq(cap_copy(&o.caps, cs(0), 0, cs(0), 2, CAP_W), 0); /* no grant */
  msg(b, 0, 9, 0, 0);                                                /* receive into 9 */
  ck_assert_int_eq(ipc_recv(&o, b, true), IPC_BLOCKED);
  msg(a, 2, 1, 3, 0);
  ck_assert_int_eq(ipc_send(&o, a, true, false), -OSSIM_EPERM);
  msg(a, 0, 1, 3, 0);
  ck_assert_int_eq(ipc_send(&o, a, true, false), IPC_DONE);
  ck_assert_uint_eq(b->x[R_A0], MSG_CAP_MOVED);
  struct cap *c;
  ck_assert_int_eq(cap_lookup(cs(1), 9, CAP_NOTIFICATION, CAP_ALL, &c), 0);
}
END_TEST

START_TEST(long_messages_go_buffer_to_buffer) {
  setup();
  struct tcb *a = &o.tcb[0], *b = &o.tcb[1];
  memset(bufs[0], 'x', 3000);
  msg(b, 0, -1, 0, 0);
  ck_assert_int_eq(ipc_recv(&o, b, true), IPC_BLOCKED);
  msg(a, 0, -1, 1, 0);
  a->x[R_A6] = MSG_BUF_MAX + 1;
  ck_assert_int_eq(ipc_send(&o, a, true, false), -OSSIM_EINVAL);
  a->x[R_A6] = 3000;
  ck_assert_int_eq(ipc_send(&o, a, true, false), IPC_DONE);
  ck_assert_uint_eq(b->x[R_A6], 3000);
  ck_assert_int_eq(memcmp(bufs[1], bufs[0], 3000), 0);
}
END_TEST

START_TEST(signals_coalesce_until_a_wait) {
  setup();
  struct ntfn *n = &o.ntfn[0];
  ntfn_signal(&o, n, 1, 1);
  ntfn_signal(&o, n, 1, 1);
  ntfn_signal(&o, n, 4, 2);
  ck_assert_int_eq(ntfn_wait(&o, &o.tcb[0], n, true), NTFN_DONE);
  ck_assert_uint_eq(o.tcb[0].x[R_A1], 5);
  ck_assert_int_eq(ntfn_wait(&o, &o.tcb[0], n, false), NTFN_DONE); /* poll: nothing */
  ck_assert_uint_eq(o.tcb[0].x[R_A1], 0);
  ck_assert_int_eq(ntfn_wait(&o, &o.tcb[0], n, true), NTFN_BLOCKED);
  ck_assert_int_eq(ntfn_wait(&o, &o.tcb[1], n, true), NTFN_BLOCKED);
  ntfn_signal(&o, n, 8, 0);
  ck_assert_int_eq(nwoken, 1);
  ck_assert_ptr_eq(woken[0], &o.tcb[0]); /* the first waiter */
  ck_assert_uint_eq(o.tcb[0].x[R_A1], 8);
  ck_assert_uint_eq(n->word, 0);
  ntfn_cancel(&o, &o.tcb[1]);
  ck_assert_ptr_null(n->q.head);
}
END_TEST

/* A thread that ends while it waits on a notification (a driver killed while it waits for
 * its interrupt) leaves the queue: the next signal does not wake the dead. The kernel ends a
 * thread with ipc_cancel, then ntfn_cancel. */
START_TEST(an_ended_waiter_leaves_the_notification) {
  setup();
  struct ntfn *n = &o.ntfn[0];
  ck_assert_int_eq(ntfn_wait(&o, &o.tcb[0], n, true), NTFN_BLOCKED);
  ipc_cancel(&o, &o.tcb[0]);
  ntfn_cancel(&o, &o.tcb[0]);
  ck_assert_ptr_null(n->q.head);
  ntfn_signal(&o, n, 1, 0);
  ck_assert_int_eq(nwoken, 0);
  ck_assert_uint_eq(n->word, 1);
}
END_TEST

/* A bound notification ends a receive as a message; a signal before the receive is taken by
 * it at once; one thread, one binding. */
START_TEST(a_bound_notification_ends_a_receive) {
  setup();
  struct ntfn *n = &o.ntfn[0];
  struct tcb *t = &o.tcb[0];
  ck_assert_int_eq(ntfn_bind(n, t), 0);
  ck_assert_int_eq(ntfn_bind(n, &o.tcb[1]), -OSSIM_EBUSY);
  msg(t, 0, -1, 0, 0);
  ck_assert_int_eq(ipc_recv(&o, t, true), IPC_BLOCKED);
  ntfn_signal(&o, n, 2, 0);
  ck_assert_int_eq(nwoken, 1);
  ck_assert_int_eq(t->state, TS_RUNNABLE);
  ck_assert_uint_eq(t->x[R_A0], MSG_NOTIFY);
  ck_assert_uint_eq(t->x[R_A1], LABEL_NOTIFY);
  ck_assert_uint_eq(t->x[R_A2], 2);
  ck_assert_ptr_null(o.ep[0].q.head); /* off the endpoint's queue */
  ntfn_signal(&o, n, 4, 0);           /* nobody receives: it waits in the word */
  msg(&o.tcb[1], 0, -1, 7, 0);        /* and comes before a waiting sender */
  ck_assert_int_eq(ipc_send(&o, &o.tcb[1], true, false), IPC_BLOCKED);
  msg(t, 0, -1, 0, 0);
  ck_assert_int_eq(ipc_recv(&o, t, true), IPC_DONE);
  ck_assert_uint_eq(t->x[R_A1], LABEL_NOTIFY);
  ck_assert_uint_eq(t->x[R_A2], 4);
  msg(t, 0, -1, 0, 0);
  ck_assert_int_eq(ipc_recv(&o, t, true), IPC_DONE); /* then the sender */
  ck_assert_uint_eq(t->x[R_A0], 0);                  /* a message, even with the label */
  ck_assert_uint_eq(t->x[R_A1], 7);
  ntfn_cancel(&o, t); /* its end unbinds */
  ck_assert_ptr_null(n->bound);
}
END_TEST

START_TEST(a_destroyed_endpoint_releases_its_waiters) {
  setup();
  msg(&o.tcb[1], 0, -1, 1, 0);
  ck_assert_int_eq(ipc_send(&o, &o.tcb[1], true, true), IPC_BLOCKED);
  ipc_ep_destroy(&o, &o.ep[0]);
  ck_assert_int_eq(o.tcb[1].state, TS_RUNNABLE);
  ck_assert_int_eq((int)o.tcb[1].x[R_A0], -OSSIM_EPIPE);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("micro");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, copy_never_gains_a_right);
  tcase_add_test(tc, a_receive_needs_the_read_right);
  tcase_add_test(tc, mint_badges_once_and_only_endpoints);
  tcase_add_test(tc, revoke_reaches_every_derived_cap_and_nothing_else);
  tcase_add_test(tc, senders_are_served_in_order);
  tcase_add_test(tc, a_receiver_blocks_until_a_message_and_sees_the_badge);
  tcase_add_test(tc, non_blocking_variants_fail_without_blocking);
  tcase_add_test(tc, call_and_reply_are_one_shot);
  tcase_add_test(tc, a_malformed_reply_keeps_the_right_to_answer);
  tcase_add_test(tc, a_saved_reply_cap_answers_later_once);
  tcase_add_test(tc, a_dropped_reply_or_a_dead_server_fails_the_call);
  tcase_add_test(tc, a_cap_travels_only_with_the_grant_right);
  tcase_add_test(tc, long_messages_go_buffer_to_buffer);
  tcase_add_test(tc, signals_coalesce_until_a_wait);
  tcase_add_test(tc, a_destroyed_endpoint_releases_its_waiters);
  tcase_add_test(tc, a_bound_notification_ends_a_receive);
  tcase_add_test(tc, an_ended_waiter_leaves_the_notification);
  suite_add_tcase(s, tc);
  return s;
}
