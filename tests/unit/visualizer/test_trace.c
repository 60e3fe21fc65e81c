/* The Chrome Trace Event writer (visualizer/trace.c), on the synthetic sequence. The JSON
 * it writes is also left in $VIZ_TRACE_OUT for tests/viz/trace_check.py to parse. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "runner.h"
#include "trace.h"
#include "vizdata.h"

struct both {
  struct model m;
  struct trace t;
};

static void feed(void *ctx, const struct ev_record *r) {
  struct both *b = ctx;
  model_feed(&b->m, r);
  trace_feed(&b->t, r);
}

/* The whole trace of the sequence, as a string (caller frees). */
static char *demo_json(void) {
  struct both *b = malloc(sizeof *b);
  FILE *f = tmpfile();
  ck_assert_ptr_nonnull(f);
  model_init(&b->m);
  trace_begin(&b->t, f, &b->m);
  vizdata_feed(feed, b);
  trace_end(&b->t);
  long len = ftell(f);
  char *s = calloc(1, (size_t)len + 1);
  rewind(f);
  ck_assert_uint_eq(fread(s, 1, (size_t)len, f), (size_t)len);
  fclose(f);
  free(b);
  const char *out = getenv("VIZ_TRACE_OUT");
  FILE *o = out ? fopen(out, "w") : NULL;
  if (o) {
    fputs(s, o);
    fclose(o);
  }
  return s;
}

static unsigned occurrences(const char *s, const char *what) {
  unsigned n = 0;
  for (const char *p = s; (p = strstr(p, what)); p++)
    n++;
  return n;
}

START_TEST(slices_per_hart_with_syscalls_nested) {
  char *s = demo_json();
  /* init 1000-5000 and 8000-10000 on hart 0, its system call (5: read) 2000-3000; sh
   * 1000-10000. */
  const char *init =
      "\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":1.000,\"dur\":4.000,\"name\":\"init\"";
  const char *call =
      "\"ph\":\"X\",\"pid\":1,\"tid\":1,\"ts\":2.000,\"dur\":1.000,\"name\":\"read\"";
  ck_assert_ptr_nonnull(strstr(s, init));
  ck_assert_ptr_nonnull(strstr(s, call));
  ck_assert(strstr(s, call) < strstr(s, init)); /* written as it ends: inner first */
  ck_assert_ptr_nonnull(strstr(s, "\"tid\":1,\"ts\":8.000,\"dur\":2.000,\"name\":\"init\""));
  ck_assert_ptr_nonnull(
      strstr(s, "\"ph\":\"X\",\"pid\":1,\"tid\":2,\"ts\":1.000,\"dur\":9.000,\"name\":\"sh\""));
  ck_assert_uint_eq(occurrences(s, "\"ph\":\"X\""), 4);
  ck_assert_uint_eq(occurrences(s, "\"ph\":\"B\""), 0);
  ck_assert_ptr_nonnull(
      strstr(s, "\"thread_name\",\"pid\":1,\"tid\":2,\"args\":{\"name\":\"hart 1\"}"));
  free(s);
}
END_TEST

START_TEST(ipc_flows_have_both_ends) {
  char *s = demo_json();
  /* The send starts on hart 0 at 4 us and ends where sh receives it, on hart 1 at 6 us. sh is
   * no server, so the label stays a number; the arrow is written as a JSON escape. */
  ck_assert_ptr_nonnull(strstr(s, "\"ph\":\"s\",\"pid\":1,\"tid\":1,\"ts\":4.000,\"name\":"
                                  "\"init \\u2192 sh label 7 64 B\",\"cat\":\"ipc\",\"id\":1}"));
  ck_assert_ptr_nonnull(strstr(s, "\"ph\":\"f\",\"pid\":1,\"tid\":2,\"ts\":6.000,\"name\":\"ipc\","
                                  "\"cat\":\"ipc\",\"id\":1,\"bp\":\"e\"}"));
  /* The reply (its label, 7, is its result) goes back from hart 1 at 7 us to init running
   * again on hart 0 at 8 us, named by the call it answers. */
  ck_assert_ptr_nonnull(strstr(s,
                               "\"ph\":\"s\",\"pid\":1,\"tid\":2,\"ts\":7.000,\"name\":"
                               "\"sh \\u2192 init label 7 = 7, 16 B\",\"cat\":\"ipc\",\"id\":2}"));
  ck_assert_ptr_nonnull(strstr(s, "\"ph\":\"f\",\"pid\":1,\"tid\":1,\"ts\":8.000,\"name\":"
                                  "\"reply\",\"cat\":\"ipc\",\"id\":2,\"bp\":\"e\"}"));
  ck_assert_uint_eq(occurrences(s, "\"ph\":\"s\""), 2);
  ck_assert_uint_eq(occurrences(s, "\"ph\":\"f\""), 2);
  free(s);
}
END_TEST

START_TEST(instants_for_modules_faults_and_servers) {
  char *s = demo_json();
  ck_assert_ptr_nonnull(
      strstr(s, "\"ts\":2.500,\"name\":\"insmod hello (4096 bytes)\",\"s\":\"g\""));
  ck_assert_ptr_nonnull(strstr(s, "\"name\":\"module bad failed (error 2)\""));
  ck_assert_ptr_nonnull(strstr(s, "\"name\":\"page fault 0x1000\",\"s\":\"t\""));
  ck_assert_ptr_nonnull(strstr(s, "\"name\":\"server fs died (fault)\""));
  ck_assert_ptr_nonnull(strstr(s, "\"name\":\"server fs restarted as pid 4 (was 3)\""));
  ck_assert_ptr_nonnull(strstr(s, "\"clock_hz\":1000000000"));
  free(s);
}
END_TEST

/* Flows still open at the end are closed; a flow that ends on a hart whose clock is behind
 * the sender's never ends before it starts; odd bytes in names are escaped. */
START_TEST(open_flows_close_at_the_end_and_names_are_escaped) {
  struct both *b = malloc(sizeof *b);
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  model_init(&b->m);
  trace_begin(&b->t, f, &b->m);
  struct ev_record rs[] = {
      vizdata_rec(0, 0, EV_PROC_NAME, 1, 0x0a22615c, 0, 0), /* \a"<newline> */
      vizdata_rec(500, 0, EV_SCHED_SWITCH, 1, 0, 0, 0),
      vizdata_rec(900, 0, EV_IPC_SEND, 1, 2, 1, 8),
      vizdata_rec(800, 1, EV_IPC_RECV, 2, 1, 1, 8),
      vizdata_rec(1000, 0, EV_IPC_SEND, 1, 3, 1, 8),
  };
  for (unsigned i = 0; i < sizeof rs / sizeof rs[0]; i++)
    feed(b, &rs[i]);
  trace_end(&b->t);
  fclose(f);
  ck_assert_ptr_nonnull(strstr(buf, "\"name\":\"\\\\a\\\"\\u000a\""));
  ck_assert_ptr_nonnull(strstr(
      buf,
      "\"ph\":\"f\",\"pid\":1,\"tid\":2,\"ts\":0.900,\"name\":\"ipc\",\"cat\":\"ipc\",\"id\":1"));
  ck_assert_ptr_nonnull(strstr(
      buf,
      "\"ph\":\"f\",\"pid\":1,\"tid\":1,\"ts\":1.000,\"name\":\"ipc\",\"cat\":\"ipc\",\"id\":2"));
  free(buf);
  free(b);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("trace");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, slices_per_hart_with_syscalls_nested);
  tcase_add_test(tc, ipc_flows_have_both_ends);
  tcase_add_test(tc, instants_for_modules_faults_and_servers);
  tcase_add_test(tc, open_flows_close_at_the_end_and_names_are_escaped);
  suite_add_tcase(s, tc);
  return s;
}
