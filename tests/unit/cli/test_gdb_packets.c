/*
 * test_gdb_packets: the gdb stub's framing and dispatcher (cli/gdb_packet.c, gdb_cmd.c)
 * against malformed packets, with no network: a bare machine on the hello image answers
 * seeded random packets, mutations of real ones and damaged frames. Every packet must get
 * a reply (E.. for a malformed one), and the host must survive all of them (run under the
 * sanitizers too).
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gdb_cmd.h"
#include "gdb_packet.h"
#include "gdb_target.h"
#include "kernel_options.h"
#include "runner.h"

static struct gdb_target target;
static struct gdb_session session;
static char reply[GDB_PACKET_MAX + 1];

static void no_output(void *ctx, uint8_t byte) { (void)ctx, (void)byte; }
static int no_input(void *ctx) {
  (void)ctx;
  return UART_HOST_EOF;
}
static bool never(void *ctx) {
  (void)ctx;
  return false;
}

static void open_target(void) {
  struct machine_config cfg;
  const struct kernel_ops *bare = kernel_find("bare");
  static char own[256]; /* bare's own options, as the front end fills them */
  char err[256];
  ck_assert_uint_le(bare->options_size, sizeof own);
  ck_assert_int_eq(kernel_option_set(kernel_option_find(bare, "--image", 7), own,
                                     OSSIM_GUEST_DIR "/test-hello.elf", NULL, 0, err, sizeof err),
                   0);
  struct kernel_args args = {.own = own};
  machine_config_default(&cfg);
  cfg.ram_size = 1u << 20;
  cfg.uart = (struct uart_host){no_output, no_input, NULL};
  ck_assert_msg(gdb_target_open(&target, bare, &cfg, &args, true, err, sizeof err) == 0, "%s", err);
  session = (struct gdb_session){.t = &target, .interrupted = never};
}

static const char *ask(const char *pkt) {
  size_t n;
  gdb_dispatch(&session, pkt, strlen(pkt), reply, &n);
  ck_assert_uint_eq(n, strlen(reply));
  return reply;
}

START_TEST(malformed_get_errors) {
  open_target();
  const char *bad[] = {"m",
                       "m80000000",
                       "m80000000,",
                       "mzz,4",
                       "m1,2,3",
                       "M80000000,4:zz",
                       "M80000000,4:00",
                       "p",
                       "pzz",
                       "P20",
                       "P20=12",
                       "Z0",
                       "Z0,1",
                       "Zq,1,2",
                       "Hx1",
                       "Hg999",
                       "T",
                       "Tzz",
                       "g1",
                       "G00",
                       "c1",
                       "vCont;x",
                       "vCont;C",
                       "qXfer:features:read:target.xml:zz",
                       "QCatchSyscalls:2",
                       "m123456789,4"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    ck_assert_msg(ask(bad[i])[0] == 'E', "'%s' got '%s'", bad[i], reply);
  ck_assert_str_eq(ask("qC"), "QC1");
  ck_assert_str_eq(ask("Xunknown"), "");
  ck_assert_str_eq(ask("p20"), "00000080"); /* pc = 0x80000000, little-endian */
  gdb_target_close(&target);
}
END_TEST

START_TEST(damaged_frames_are_refused) {
  struct gdb_reader r;
  gdb_reader_init(&r);
  const char *frames[] = {"$g#00", "$g#zz", "$g#6", "$}#00"};
  for (size_t f = 0; f < sizeof frames / sizeof frames[0]; f++) {
    enum gdb_rx last = GDB_RX_MORE;
    for (const char *p = frames[f]; *p; p++)
      last = gdb_reader_feed(&r, (uint8_t)*p);
    ck_assert_msg(last != GDB_RX_PACKET, "%s accepted", frames[f]);
    gdb_reader_init(&r);
  }
  char out[64];
  size_t n = gdb_frame("g", 1, out, sizeof out);
  enum gdb_rx last = GDB_RX_MORE;
  for (size_t i = 0; i < n; i++)
    last = gdb_reader_feed(&r, (uint8_t)out[i]);
  ck_assert_int_eq(last, GDB_RX_PACKET);
  ck_assert_str_eq(r.data, "g");
  for (size_t i = 0; i < GDB_PACKET_MAX + 10; i++)
    gdb_reader_feed(&r, i ? 'a' : '$');
  ck_assert_int_eq(gdb_reader_feed(&r, '#'), GDB_RX_MORE);
  gdb_reader_feed(&r, '0');
  ck_assert_int_ne(gdb_reader_feed(&r, '0'), GDB_RX_PACKET); /* too long: dropped */
}
END_TEST

static uint64_t next(uint64_t *s) {
  *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
  return *s;
}

/* Random bytes through the reader, and every packet it frames to the dispatcher; then real
 * packets with random bytes changed. */
START_TEST(random_packets_survive) {
  static const char *const real[] = {"m80000000,40",
                                     "M80000000,4:13000000",
                                     "p20",
                                     "P5=78563412",
                                     "Z0,80000010,4",
                                     "z0,80000010,4",
                                     "Z2,80001000,4",
                                     "qXfer:threads:read::0,fff",
                                     "Hg1",
                                     "T1",
                                     "qRcmd,7768657265",
                                     "QCatchSyscalls:1;10",
                                     "vCont;s:1",
                                     "s",
                                     "qfThreadInfo",
                                     "?",
                                     "bs",
                                     "bc",
                                     "qRcmd,706167657461626c65",
                                     "qRcmd,6576656e7473"};
  char pkt[256];
  uint64_t seed = 0x9e3779b97f4a7c15u;
  struct gdb_reader r;
  open_target();
  gdb_reader_init(&r);
  for (unsigned i = 0; i < 200000; i++) {
    uint8_t byte = (uint8_t)next(&seed);
    if (gdb_reader_feed(&r, i % 64 == 0 ? '$' : byte) == GDB_RX_PACKET) {
      size_t n;
      gdb_dispatch(&session, r.data, r.len, reply, &n);
    }
  }
  for (unsigned i = 0; i < 20000; i++) {
    const char *base = real[next(&seed) % (sizeof real / sizeof real[0])];
    size_t len = strlen(base), n;
    memcpy(pkt, base, len + 1);
    for (unsigned k = next(&seed) % 3; k-- > 0;)
      pkt[next(&seed) % len] = (char)(next(&seed) | 1);
    if (next(&seed) % 4 == 0) pkt[len = next(&seed) % len + 1] = 0;
    gdb_dispatch(&session, pkt, strlen(pkt), reply, &n);
    ck_assert_uint_le(n, GDB_PACKET_MAX);
  }
  gdb_target_close(&target);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("gdb_packets");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, malformed_get_errors);
  tcase_add_test(tc, damaged_frames_are_refused);
  tcase_add_test(tc, random_packets_survive);
  suite_add_tcase(s, tc);
  return s;
}
