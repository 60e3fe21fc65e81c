/*
 * test_cpu_csr: the supervisor and counter CSRs as the Zicsr instructions see them.
 *
 * Access rules (privilege, read-only counters, which forms of the instructions write,
 * unknown and M-mode numbers), the write masks of sstatus, sie and sip, the counters and
 * their high halves, scounteren gating of U-mode counter reads, and stimecmp with STIP.
 * Not for trap entry or interrupt delivery (test_cpu_trap).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "support.h"

#define CODE 0x80000000u
#define TRAPVEC 0x80008000u

/* funct3 of the Zicsr instructions */
enum { CSRRW = 1, CSRRS = 2, CSRRC = 3, CSRRWI = 5, CSRRSI = 6, CSRRCI = 7 };

static uint32_t csr_op(unsigned f3, unsigned rd, unsigned rs1_or_uimm, uint32_t csr) {
  return enc_i(OPC_SYSTEM, rd, f3, rs1_or_uimm, (int32_t)csr);
}

static struct hart *boot(void) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  const uint32_t nop = ADDI(0, 0, 0);
  test_load(m, CODE, &nop, 1);
  ck_assert(csr_write(m->harts[0], CSR_STVEC, TRAPVEC));
  return m->harts[0];
}

static void done(struct hart *h) { machine_destroy(h->m); }

static void set_priv(struct hart *h, enum priv p) {
  h->priv = p;
  mmu_update_mode(h);
}

/* Runs one instruction at CODE in mode p. */
static void exec_in(struct hart *h, enum priv p, uint32_t word) {
  ck_assert(bus_ram_write(&h->m->bus, CODE, &word, 4));
  h->pc = CODE;
  set_priv(h, p);
  test_step(h);
}

static void expect_ok(struct hart *h, uint32_t word) {
  ck_assert_msg(h->pc == CODE + 4, "%08x did not complete: pc %08x scause %u", word, h->pc,
                h->scause);
}

static void expect_illegal(struct hart *h, uint32_t word) {
  ck_assert_msg(h->pc == TRAPVEC, "%08x did not trap: pc %08x", word, h->pc);
  ck_assert_uint_eq(h->scause, CAUSE_ILLEGAL_INSTRUCTION);
  ck_assert_uint_eq(h->stval, word);
  ck_assert_uint_eq(h->sepc, CODE);
  ck_assert_int_eq(h->priv, PRIV_S);
}

/* Reads a CSR with csrrs x7, csr, x0 in S mode. */
static uint32_t rd_csr(struct hart *h, uint32_t csr) {
  uint32_t w = csr_op(CSRRS, 7, 0, csr);
  h->x[7] = 0xdeadbeef;
  exec_in(h, PRIV_S, w);
  expect_ok(h, w);
  return h->x[7];
}

/* Writes a CSR with csrrw x0, csr, x6 in S mode. */
static void wr_csr(struct hart *h, uint32_t csr, uint32_t v) {
  uint32_t w = csr_op(CSRRW, 0, 6, csr);
  h->x[6] = v;
  exec_in(h, PRIV_S, w);
  expect_ok(h, w);
}

static const uint32_t s_csrs[] = {CSR_SSTATUS,  CSR_SIE,      CSR_STVEC,     CSR_SCOUNTEREN,
                                  CSR_SSCRATCH, CSR_SEPC,     CSR_SCAUSE,    CSR_STVAL,
                                  CSR_SIP,      CSR_STIMECMP, CSR_STIMECMPH, CSR_SATP};
static const uint32_t counters[] = {CSR_CYCLE,  CSR_TIME,  CSR_INSTRET,
                                    CSR_CYCLEH, CSR_TIMEH, CSR_INSTRETH};
#define N(a) (sizeof(a) / sizeof((a)[0]))

START_TEST(test_s_csrs_from_s_and_u) {
  struct hart *h = boot();
  for (size_t i = 0; i < N(s_csrs); i++) {
    uint32_t w = csr_op(CSRRS, 7, 0, s_csrs[i]);
    exec_in(h, PRIV_S, w);
    expect_ok(h, w);
    /* every form, from U: illegal, rd untouched, CSR untouched */
    const uint32_t forms[] = {w, csr_op(CSRRW, 7, 6, s_csrs[i]), csr_op(CSRRC, 0, 6, s_csrs[i]),
                              csr_op(CSRRWI, 7, 3, s_csrs[i]), csr_op(CSRRSI, 7, 0, s_csrs[i])};
    for (size_t f = 0; f < N(forms); f++) {
      h->x[7] = 0x5a5a5a5a;
      exec_in(h, PRIV_U, forms[f]);
      expect_illegal(h, forms[f]);
      ck_assert_uint_eq(h->x[7], 0x5a5a5a5a);
    }
  }
  /* the host API agrees */
  uint32_t v;
  set_priv(h, PRIV_U);
  ck_assert(!csr_read(h, CSR_SSTATUS, &v));
  ck_assert(!csr_write(h, CSR_SSCRATCH, 1));
  set_priv(h, PRIV_S);
  ck_assert(csr_read(h, CSR_SSTATUS, &v));
  done(h);
}
END_TEST

START_TEST(test_csr_read_modify_write) {
  struct hart *h = boot();
  wr_csr(h, CSR_SSCRATCH, 0xf0f0f0f0);
  h->x[6] = 0x0000ffff;
  exec_in(h, PRIV_S, csr_op(CSRRS, 7, 6, CSR_SSCRATCH));
  ck_assert_uint_eq(h->x[7], 0xf0f0f0f0);
  ck_assert_uint_eq(rd_csr(h, CSR_SSCRATCH), 0xf0f0ffff);
  h->x[6] = 0xff0000ff;
  exec_in(h, PRIV_S, csr_op(CSRRC, 7, 6, CSR_SSCRATCH));
  ck_assert_uint_eq(h->x[7], 0xf0f0ffff);
  ck_assert_uint_eq(rd_csr(h, CSR_SSCRATCH), 0x00f0ff00);
  exec_in(h, PRIV_S, csr_op(CSRRWI, 7, 0x1f, CSR_SSCRATCH));
  ck_assert_uint_eq(h->x[7], 0x00f0ff00);
  ck_assert_uint_eq(rd_csr(h, CSR_SSCRATCH), 0x1f);
  exec_in(h, PRIV_S, csr_op(CSRRSI, 7, 0x13, CSR_SSCRATCH));
  ck_assert_uint_eq(rd_csr(h, CSR_SSCRATCH), 0x1f);
  exec_in(h, PRIV_S, csr_op(CSRRCI, 7, 0x05, CSR_SSCRATCH));
  ck_assert_uint_eq(h->x[7], 0x1f);
  ck_assert_uint_eq(rd_csr(h, CSR_SSCRATCH), 0x1a);
  /* csrrw rd = rs1 swaps */
  h->x[5] = 0x12345678;
  exec_in(h, PRIV_S, csr_op(CSRRW, 5, 5, CSR_SSCRATCH));
  ck_assert_uint_eq(h->x[5], 0x1a);
  ck_assert_uint_eq(rd_csr(h, CSR_SSCRATCH), 0x12345678);
  /* rd = x0 is dropped */
  exec_in(h, PRIV_S, csr_op(CSRRS, 0, 0, CSR_SSCRATCH));
  ck_assert_uint_eq(h->x[0], 0);
  /* stval, sepc, scause, stvec keep what is written (sepc's low two bits read as zero) */
  wr_csr(h, CSR_STVAL, 0xcafebabe);
  ck_assert_uint_eq(rd_csr(h, CSR_STVAL), 0xcafebabe);
  wr_csr(h, CSR_SEPC, 0x80001233);
  ck_assert_uint_eq(rd_csr(h, CSR_SEPC), 0x80001230);
  wr_csr(h, CSR_SCAUSE, CAUSE_INTERRUPT | 5);
  ck_assert_uint_eq(rd_csr(h, CSR_SCAUSE), CAUSE_INTERRUPT | 5);
  wr_csr(h, CSR_STVEC, 0x80004001);
  ck_assert_uint_eq(rd_csr(h, CSR_STVEC), 0x80004001);
  wr_csr(h, CSR_STVEC, 0x80004000);
  ck_assert_uint_eq(rd_csr(h, CSR_STVEC), 0x80004000);
  done(h);
}
END_TEST

/* cycle, time, instret and their high halves are read-only: any form that writes is
 * illegal, and the forms that do not write (rs1 = x0, uimm = 0) are fine. */
START_TEST(test_counters_read_only) {
  struct hart *h = boot();
  for (size_t i = 0; i < N(counters); i++) {
    uint32_t c = counters[i];
    const uint32_t fine[] = {csr_op(CSRRS, 7, 0, c), csr_op(CSRRC, 7, 0, c),
                             csr_op(CSRRSI, 7, 0, c), csr_op(CSRRCI, 7, 0, c),
                             csr_op(CSRRS, 0, 0, c)};
    for (size_t f = 0; f < N(fine); f++) {
      exec_in(h, PRIV_S, fine[f]);
      expect_ok(h, fine[f]);
    }
    h->x[6] = 0; /* a zero value in a register other than x0 is still a write */
    const uint32_t bad[] = {csr_op(CSRRW, 7, 6, c),  csr_op(CSRRW, 0, 0, c),
                            csr_op(CSRRS, 7, 6, c),  csr_op(CSRRC, 7, 6, c),
                            csr_op(CSRRWI, 7, 0, c), csr_op(CSRRSI, 7, 1, c),
                            csr_op(CSRRCI, 7, 4, c)};
    for (size_t f = 0; f < N(bad); f++) {
      exec_in(h, PRIV_S, bad[f]);
      expect_illegal(h, bad[f]);
    }
  }
  ck_assert(!csr_write(h, CSR_CYCLE, 0));
  done(h);
}
END_TEST

START_TEST(test_unknown_and_m_csrs) {
  struct hart *h = boot();
  static const uint32_t bad[] = {
      0x000, 0x001, 0x002, 0x003, /* ustatus (gone), fflags, frm, fcsr: no F */
      0x102, 0x103, 0x107, 0x145, 0x14e, 0x15c, 0x181, 0x1ff, 0x200, 0x5a8,
      0x5ff, 0x600, 0x680, /* hypervisor and custom space */
      0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x306, 0x340, 0x341, 0x342,
      0x343, 0x344, 0x3a0, 0x3b0, 0x7a0, 0x7b0, 0xb00, 0xb02, 0xb80, 0xf11,
      0xf12, 0xf13, 0xf14, 0xfff, 0xc20, 0xcc0, 0xd00, 0xda0,
  };
  for (size_t i = 0; i < N(bad); i++) {
    uint32_t w = csr_op(CSRRS, 7, 0, bad[i]);
    h->x[7] = 0x5a5a5a5a;
    exec_in(h, PRIV_S, w);
    expect_illegal(h, w);
    ck_assert_uint_eq(h->x[7], 0x5a5a5a5a);
    w = csr_op(CSRRW, 0, 6, bad[i]);
    exec_in(h, PRIV_S, w);
    expect_illegal(h, w);
    uint32_t v;
    ck_assert_msg(!csr_read(h, bad[i], &v), "csr_read(%03x) succeeded", bad[i]);
  }
  done(h);
}
END_TEST

START_TEST(test_sstatus_mask) {
  struct hart *h = boot();
  wr_csr(h, CSR_SSTATUS, 0xffffffff);
  ck_assert_uint_eq(rd_csr(h, CSR_SSTATUS), SSTATUS_WRITABLE);
  wr_csr(h, CSR_SSTATUS, 0);
  ck_assert_uint_eq(rd_csr(h, CSR_SSTATUS), 0);
  wr_csr(h, CSR_SSTATUS, SSTATUS_SUM | 1u << 6 | 3u << 13); /* UBE, FS are read-only zero */
  ck_assert_uint_eq(rd_csr(h, CSR_SSTATUS), SSTATUS_SUM);
  h->x[6] = SSTATUS_MXR;
  exec_in(h, PRIV_S, csr_op(CSRRS, 0, 6, CSR_SSTATUS));
  ck_assert_uint_eq(rd_csr(h, CSR_SSTATUS), SSTATUS_SUM | SSTATUS_MXR);
  exec_in(h, PRIV_S, csr_op(CSRRCI, 0, 0x1f, CSR_SSTATUS)); /* clears nothing above bit 4 */
  ck_assert_uint_eq(rd_csr(h, CSR_SSTATUS), SSTATUS_SUM | SSTATUS_MXR);
  done(h);
}
END_TEST

START_TEST(test_sie_sip_masks) {
  struct hart *h = boot();
  wr_csr(h, CSR_SIE, 0xffffffff);
  ck_assert_uint_eq(rd_csr(h, CSR_SIE), SIE_MASK);
  wr_csr(h, CSR_SIE, 0);
  ck_assert_uint_eq(rd_csr(h, CSR_SIE), 0);
  /* only SSIP is writable through sip */
  wr_csr(h, CSR_SIP, 0xffffffff);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP), SIP_SSIP);
  wr_csr(h, CSR_SIP, 0);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP), 0);
  /* SEIP comes from the interrupt controller; software cannot clear or set it */
  cpu_set_pending(h, SIP_SEIP, true);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP), SIP_SEIP);
  wr_csr(h, CSR_SIP, 0);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP), SIP_SEIP);
  cpu_set_pending(h, SIP_SEIP, false);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP), 0);
  wr_csr(h, CSR_SIP, SIP_SEIP | SIP_STIP);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP), 0);
  done(h);
}
END_TEST

START_TEST(test_satp_scounteren_rw) {
  struct hart *h = boot();
  /* through the host API: with Sv32 on and an empty table, an instruction fetch would fault */
  uint32_t satp = SATP_MODE_SV32 | 0x1ffu << SATP_ASID_SHIFT | 0x80080, v = 0;
  ck_assert(csr_write(h, CSR_SATP, satp));
  ck_assert(csr_read(h, CSR_SATP, &v));
  ck_assert_uint_eq(v, satp);
  ck_assert(csr_write(h, CSR_SATP, 0));
  ck_assert_uint_eq(rd_csr(h, CSR_SATP), 0);
  wr_csr(h, CSR_SCOUNTEREN, 7);
  ck_assert_uint_eq(rd_csr(h, CSR_SCOUNTEREN) & 7, 7);
  wr_csr(h, CSR_SCOUNTEREN, 0);
  ck_assert_uint_eq(rd_csr(h, CSR_SCOUNTEREN), 0);
  done(h);
}
END_TEST

START_TEST(test_counters_advance) {
  struct hart *h = boot();
  const uint32_t prog[] = {
      csr_op(CSRRS, 10, 0, CSR_CYCLE),
      csr_op(CSRRS, 11, 0, CSR_INSTRET),
      csr_op(CSRRS, 12, 0, CSR_TIME),
      ADDI(0, 0, 0),
      ADDI(0, 0, 0),
      csr_op(CSRRS, 13, 0, CSR_CYCLE),
      csr_op(CSRRS, 14, 0, CSR_INSTRET),
      csr_op(CSRRS, 15, 0, CSR_TIME),
  };
  test_load(h->m, CODE, prog, N(prog));
  uint64_t c0 = h->cycles;
  for (size_t i = 0; i < N(prog); i++)
    test_step(h);
  ck_assert_uint_eq(h->pc, CODE + 4 * N(prog));
  ck_assert_uint_ge(h->x[10], (uint32_t)c0);
  ck_assert_uint_gt(h->x[13], h->x[10]);
  ck_assert_uint_gt(h->x[15], h->x[12]);
  ck_assert_uint_le(h->x[13], (uint32_t)h->cycles);
  /* five instructions retired between the two reads of instret */
  ck_assert_uint_eq(h->x[14] - h->x[11], 5);
  done(h);
}
END_TEST

/* time reads the hart's cycle count; the h CSRs read the upper halves. */
START_TEST(test_counter_high_halves) {
  struct hart *h = boot();
  h->cycles = 0x00000007fffffff0ull;
  h->instret = 0x0000000300000005ull;
  ck_assert_uint_eq(rd_csr(h, CSR_CYCLEH), 7);
  ck_assert_uint_eq(rd_csr(h, CSR_TIMEH), 7);
  ck_assert_uint_eq(rd_csr(h, CSR_INSTRETH), 3);
  uint32_t lo = rd_csr(h, CSR_INSTRET);
  ck_assert(lo >= 5 && lo < 16);
  uint64_t before = h->cycles;
  uint32_t t = rd_csr(h, CSR_TIME);
  ck_assert(t >= (uint32_t)before && t <= (uint32_t)h->cycles);
  /* run across the carry into the upper half */
  while (h->cycles < 0x0000000800000004ull)
    rd_csr(h, CSR_CYCLE);
  ck_assert_uint_eq(rd_csr(h, CSR_CYCLEH), 8);
  ck_assert_uint_eq(rd_csr(h, CSR_TIMEH), 8);
  ck_assert_uint_lt(rd_csr(h, CSR_TIME), 0x100);
  done(h);
}
END_TEST

/* From U, each counter (and its high half) is readable only when its scounteren bit is
 * set; from S, always. */
START_TEST(test_scounteren_gating) {
  struct hart *h = boot();
  for (uint32_t en = 0; en < 8; en++) {
    ck_assert(csr_write(h, CSR_SCOUNTEREN, en));
    for (size_t i = 0; i < N(counters); i++) {
      uint32_t c = counters[i], w = csr_op(CSRRS, 7, 0, c);
      bool allowed = en & 1u << (c & 0x1f);
      exec_in(h, PRIV_U, w);
      if (allowed)
        expect_ok(h, w);
      else
        expect_illegal(h, w);
      exec_in(h, PRIV_S, w);
      expect_ok(h, w);
    }
  }
  done(h);
}
END_TEST

START_TEST(test_stimecmp_and_stip) {
  struct hart *h = boot();
  /* stimecmp resets to all ones: no timer interrupt pending */
  ck_assert_uint_eq(rd_csr(h, CSR_STIMECMP), 0xffffffff);
  ck_assert_uint_eq(rd_csr(h, CSR_STIMECMPH), 0xffffffff);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP) & SIP_STIP, 0);
  /* the high half first, so no spurious match in between */
  wr_csr(h, CSR_STIMECMPH, 0);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP) & SIP_STIP, 0); /* 0x00000000ffffffff is far */
  uint64_t when = h->cycles + 50;
  wr_csr(h, CSR_STIMECMP, (uint32_t)when);
  ck_assert_uint_eq(rd_csr(h, CSR_STIMECMP), (uint32_t)when);
  ck_assert_uint_eq(rd_csr(h, CSR_STIMECMPH), 0);
  ck_assert_uint_eq(h->stimecmp, when);
  /* STIP follows time >= stimecmp (sie is 0: no interrupt is taken) */
  while (h->cycles < when) {
    uint32_t sip = rd_csr(h, CSR_SIP);
    if (h->cycles < when) /* the read happened before the match, whenever it was charged */
      ck_assert_msg(!(sip & SIP_STIP), "STIP at cycle %llu < %llu", (unsigned long long)h->cycles,
                    (unsigned long long)when);
  }
  ck_assert_uint_eq(rd_csr(h, CSR_SIP) & SIP_STIP, SIP_STIP);
  /* STIP is read-only in sip: writing 0 does not clear it */
  wr_csr(h, CSR_SIP, 0);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP) & SIP_STIP, SIP_STIP);
  /* moving stimecmp into the future clears it */
  wr_csr(h, CSR_STIMECMPH, 1);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP) & SIP_STIP, 0);
  /* and into the past sets it at once */
  wr_csr(h, CSR_STIMECMPH, 0);
  wr_csr(h, CSR_STIMECMP, 0);
  ck_assert_uint_eq(rd_csr(h, CSR_SIP) & SIP_STIP, SIP_STIP);
  /* U mode cannot touch it */
  uint32_t w = csr_op(CSRRW, 0, 6, CSR_STIMECMP);
  exec_in(h, PRIV_U, w);
  expect_illegal(h, w);
  done(h);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("cpu_csr");
  TCase *tc = tcase_create("csr");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_s_csrs_from_s_and_u);
  tcase_add_test(tc, test_csr_read_modify_write);
  tcase_add_test(tc, test_counters_read_only);
  tcase_add_test(tc, test_unknown_and_m_csrs);
  tcase_add_test(tc, test_sstatus_mask);
  tcase_add_test(tc, test_sie_sip_masks);
  tcase_add_test(tc, test_satp_scounteren_rw);
  tcase_add_test(tc, test_counters_advance);
  tcase_add_test(tc, test_counter_high_halves);
  tcase_add_test(tc, test_scounteren_gating);
  tcase_add_test(tc, test_stimecmp_and_stip);
  suite_add_tcase(s, tc);
  return s;
}
