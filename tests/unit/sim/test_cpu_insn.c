/*
 * test_cpu_insn: every RV32I, M and A instruction, one at a time, with its edge cases.
 *
 * Each test places instructions in RAM, sets registers directly and runs the hart one step
 * at a time (test_step), then checks registers, memory and the trap CSRs against the
 * unprivileged spec. Results of M instructions are checked against 64-bit host arithmetic
 * over a seeded sweep. Not for CSR, trap or MMU rules (test_cpu_csr, test_cpu_trap,
 * test_mmu).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "support.h"

#define CODE 0x80000000u
#define TRAPVEC 0x80008000u /* stvec; only pc is checked, nothing runs there */
#define DATA 0x80040000u
#define RAM_END (MACHINE_RAM_BASE + (1u << 20)) /* test_machine(0, ...) has 1 MiB */
#define NOWHERE 0x40000000u                     /* neither RAM nor a device */

#define AMO(f5, rd, rs1, rs2) enc_r(OPC_AMO, rd, 2, rs1, rs2, (f5) << 2)
enum {
  F5_ADD = 0x00,
  F5_SWAP = 0x01,
  F5_LR = 0x02,
  F5_SC = 0x03,
  F5_XOR = 0x04,
  F5_OR = 0x08,
  F5_AND = 0x0c,
  F5_MIN = 0x10,
  F5_MAX = 0x14,
  F5_MINU = 0x18,
  F5_MAXU = 0x1c
};

/* A one-hart machine with 1 MiB of RAM, reset at CODE with stvec = TRAPVEC. */
static struct hart *boot(unsigned ncpus) {
  struct machine *m = test_machine(0, ncpus, NULL, NULL);
  const uint32_t nop = ADDI(0, 0, 0);
  test_load(m, CODE, &nop, 1);
  for (unsigned i = 0; i < m->nharts; i++)
    ck_assert(csr_write(m->harts[i], CSR_STVEC, TRAPVEC));
  return m->harts[0];
}

static void done(struct hart *h) { machine_destroy(h->m); }

static void poke(struct hart *h, uint32_t pa, uint32_t v) {
  ck_assert(bus_ram_write(&h->m->bus, pa, &v, 4));
}

static uint32_t peek(struct hart *h, uint32_t pa) {
  uint32_t v;
  ck_assert(bus_ram_read(&h->m->bus, pa, &v, 4));
  return v;
}

/* Writes `word` at pc (through the bus, so the decode cache forgets the old one), points the
 * hart at it and runs exactly one step. */
static int exec_at(struct hart *h, uint32_t pc, uint32_t word) {
  poke(h, pc, word);
  h->pc = pc;
  return test_step(h);
}

static int exec(struct hart *h, uint32_t word) { return exec_at(h, CODE, word); }

/* The instruction ran to completion and fell through. */
static void expect_next(struct hart *h, uint32_t pc) {
  ck_assert_msg(h->pc == pc + 4, "pc %08x, expected %08x (scause %u)", h->pc, pc + 4, h->scause);
}

/* The instruction at pc trapped with this cause and tval. */
static void expect_trap(struct hart *h, uint32_t pc, uint32_t cause, uint32_t tval) {
  ck_assert_msg(h->pc == TRAPVEC, "no trap: pc %08x", h->pc);
  ck_assert_uint_eq(h->scause, cause);
  ck_assert_uint_eq(h->stval, tval);
  ck_assert_uint_eq(h->sepc, pc);
}

/* rd = x7 <- x5 op x6 */
static uint32_t op_rr(struct hart *h, unsigned f3, unsigned f7, uint32_t a, uint32_t b) {
  h->x[5] = a;
  h->x[6] = b;
  h->x[7] = 0xdeadbeef;
  exec(h, enc_r(OPC_OP, 7, f3, 5, 6, f7));
  expect_next(h, CODE);
  return h->x[7];
}

/* rd = x7 <- x5 op imm */
static uint32_t op_ri(struct hart *h, unsigned f3, uint32_t a, int32_t imm) {
  h->x[5] = a;
  h->x[7] = 0xdeadbeef;
  exec(h, enc_i(OPC_OP_IMM, 7, f3, 5, imm));
  expect_next(h, CODE);
  return h->x[7];
}

/* x7 <- load f3 from x5 + imm */
static uint32_t load(struct hart *h, unsigned f3, uint32_t addr, int32_t imm) {
  h->x[5] = addr;
  h->x[7] = 0xdeadbeef;
  exec(h, enc_i(OPC_LOAD, 7, f3, 5, imm));
  return h->x[7];
}

static void store(struct hart *h, unsigned f3, uint32_t addr, int32_t imm, uint32_t v) {
  h->x[5] = addr;
  h->x[6] = v;
  exec(h, enc_s(OPC_STORE, f3, 5, 6, imm));
}

START_TEST(test_x0_writes_dropped) {
  struct hart *h = boot(1);
  poke(h, DATA, 0x12345678);
  h->x[5] = DATA;
  h->x[6] = 5;
  const uint32_t words[] = {
      ADDI(0, 0, 5),                  /* addi x0, x0, 5 */
      LUI(0, 0x12345),                /* lui */
      enc_u(OPC_AUIPC, 0, 0x1),       /* auipc */
      LW(0, 5, 0),                    /* lw */
      ADD(0, 5, 6),                   /* add */
      enc_r(OPC_OP, 0, 0, 5, 6, 1),   /* mul */
      CSRRS(0, CSR_SSCRATCH, 0),      /* csrr */
      AMO(F5_LR, 0, 5, 0),            /* lr.w */
      enc_i(OPC_OP_IMM, 0, 3, 0, -1), /* sltiu x0, x0, -1 */
  };
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    exec(h, words[i]);
    expect_next(h, CODE);
    ck_assert_msg(h->x[0] == 0, "word %08x wrote x0", words[i]);
  }
  /* jal x0 jumps without linking; an AMO with rd = x0 still writes memory */
  exec(h, enc_j(0, 16));
  ck_assert_uint_eq(h->pc, CODE + 16);
  ck_assert_uint_eq(h->x[0], 0);
  exec(h, AMO(F5_ADD, 0, 5, 6));
  ck_assert_uint_eq(h->x[0], 0);
  ck_assert_uint_eq(peek(h, DATA), 0x12345678 + 5);
  /* reading x0 gives 0 */
  h->x[7] = 1;
  exec(h, ADD(7, 0, 0));
  ck_assert_uint_eq(h->x[7], 0);
  done(h);
}
END_TEST

START_TEST(test_lui_auipc) {
  struct hart *h = boot(1);
  exec(h, LUI(7, 0xfffff));
  ck_assert_uint_eq(h->x[7], 0xfffff000);
  exec(h, LUI(7, 0x12345));
  ck_assert_uint_eq(h->x[7], 0x12345000);
  exec_at(h, CODE + 0x100, enc_u(OPC_AUIPC, 7, 0x1));
  ck_assert_uint_eq(h->x[7], CODE + 0x100 + 0x1000);
  /* auipc with a "negative" immediate wraps around 2^32 */
  exec_at(h, CODE + 0x100, enc_u(OPC_AUIPC, 7, 0x80000));
  ck_assert_uint_eq(h->x[7], CODE + 0x100 + 0x80000000u);
  exec_at(h, CODE + 0x100, enc_u(OPC_AUIPC, 7, 0xfffff));
  ck_assert_uint_eq(h->x[7], CODE + 0x100 - 0x1000);
  expect_next(h, CODE + 0x100);
  done(h);
}
END_TEST

START_TEST(test_imm_sign_extension) {
  struct hart *h = boot(1);
  ck_assert_uint_eq(op_ri(h, 0, 0, -1), 0xffffffff); /* addi */
  ck_assert_uint_eq(op_ri(h, 0, 0, -2048), 0xfffff800);
  ck_assert_uint_eq(op_ri(h, 0, 0, 2047), 2047);
  ck_assert_uint_eq(op_ri(h, 0, 0xffffffff, 1), 0);           /* wraps */
  ck_assert_uint_eq(op_ri(h, 7, 0x12345678, -1), 0x12345678); /* andi: imm is all ones */
  ck_assert_uint_eq(op_ri(h, 7, 0x12345678, 0x7ff), 0x678);
  ck_assert_uint_eq(op_ri(h, 7, 0x12345678, -2048), 0x12345000);
  ck_assert_uint_eq(op_ri(h, 4, 0x12345678, -1), ~0x12345678u);  /* xori -1 = not */
  ck_assert_uint_eq(op_ri(h, 6, 0x10000000, -2048), 0xfffff800); /* ori */
  /* slti compares signed, sltiu compares with the sign-extended immediate as unsigned */
  ck_assert_uint_eq(op_ri(h, 2, 0xffffffff, 0), 1);
  ck_assert_uint_eq(op_ri(h, 2, 0, -1), 0);
  ck_assert_uint_eq(op_ri(h, 2, 0x80000000, -2048), 1);
  ck_assert_uint_eq(op_ri(h, 3, 0xfffffffe, -1), 1);
  ck_assert_uint_eq(op_ri(h, 3, 0xffffffff, -1), 0);
  ck_assert_uint_eq(op_ri(h, 3, 0, 1), 1); /* seqz */
  ck_assert_uint_eq(op_ri(h, 3, 5, 1), 0);
  ck_assert_uint_eq(op_ri(h, 3, 0xffffffff, 0), 0);
  /* store offsets are sign-extended too */
  store(h, 2, DATA + 8, -8, 0xcafef00d);
  ck_assert_uint_eq(peek(h, DATA), 0xcafef00d);
  done(h);
}
END_TEST

START_TEST(test_add_sub_logic) {
  struct hart *h = boot(1);
  ck_assert_uint_eq(op_rr(h, 0, 0, 0x7fffffff, 1), 0x80000000); /* add wraps */
  ck_assert_uint_eq(op_rr(h, 0, 0, 0xffffffff, 2), 1);
  ck_assert_uint_eq(op_rr(h, 0, 0x20, 0, 1), 0xffffffff); /* sub */
  ck_assert_uint_eq(op_rr(h, 0, 0x20, 0x80000000, 1), 0x7fffffff);
  ck_assert_uint_eq(op_rr(h, 4, 0, 0xff00ff00, 0x0ff00ff0), 0xf0f0f0f0); /* xor */
  ck_assert_uint_eq(op_rr(h, 6, 0, 0xff00ff00, 0x0ff00ff0), 0xfff0fff0); /* or */
  ck_assert_uint_eq(op_rr(h, 7, 0, 0xff00ff00, 0x0ff00ff0), 0x0f000f00); /* and */
  /* rd = rs1 = rs2 */
  h->x[5] = 21;
  exec(h, ADD(5, 5, 5));
  ck_assert_uint_eq(h->x[5], 42);
  done(h);
}
END_TEST

START_TEST(test_slt_sltu) {
  struct hart *h = boot(1);
  ck_assert_uint_eq(op_rr(h, 2, 0, 0xffffffff, 1), 1); /* -1 < 1 */
  ck_assert_uint_eq(op_rr(h, 3, 0, 0xffffffff, 1), 0); /* 0xffffffff > 1 */
  ck_assert_uint_eq(op_rr(h, 2, 0, 0x80000000, 0x7fffffff), 1);
  ck_assert_uint_eq(op_rr(h, 3, 0, 0x80000000, 0x7fffffff), 0);
  ck_assert_uint_eq(op_rr(h, 2, 0, 5, 5), 0);
  ck_assert_uint_eq(op_rr(h, 3, 0, 5, 5), 0);
  ck_assert_uint_eq(op_rr(h, 2, 0, 0xfffffffe, 0xffffffff), 1);
  ck_assert_uint_eq(op_rr(h, 3, 0, 0xfffffffe, 0xffffffff), 1);
  ck_assert_uint_eq(op_rr(h, 3, 0, 0, 1), 1);
  ck_assert_uint_eq(op_rr(h, 3, 0, 1, 0), 0);
  done(h);
}
END_TEST

START_TEST(test_shifts) {
  struct hart *h = boot(1);
  /* register shifts use the low 5 bits of rs2 */
  ck_assert_uint_eq(op_rr(h, 1, 0, 1, 31), 0x80000000); /* sll */
  ck_assert_uint_eq(op_rr(h, 1, 0, 1, 32), 1);
  ck_assert_uint_eq(op_rr(h, 1, 0, 1, 33), 2);
  ck_assert_uint_eq(op_rr(h, 1, 0, 3, 0xffffffe1), 6);
  ck_assert_uint_eq(op_rr(h, 5, 0, 0x80000000, 31), 1); /* srl */
  ck_assert_uint_eq(op_rr(h, 5, 0, 0x80000000, 0x24), 0x08000000);
  ck_assert_uint_eq(op_rr(h, 5, 0x20, 0x80000000, 31), 0xffffffff); /* sra */
  ck_assert_uint_eq(op_rr(h, 5, 0x20, 0x80000000, 0x41), 0xc0000000);
  ck_assert_uint_eq(op_rr(h, 5, 0x20, 0x40000000, 30), 1);
  ck_assert_uint_eq(op_rr(h, 5, 0x20, 0x87654321, 0), 0x87654321);
  /* immediate shifts */
  ck_assert_uint_eq(op_ri(h, 1, 0x00000003, 31), 0x80000000);         /* slli */
  ck_assert_uint_eq(op_ri(h, 5, 0xf0000000, 28), 0xf);                /* srli */
  ck_assert_uint_eq(op_ri(h, 5, 0xf0000000, 0x400 | 28), 0xffffffff); /* srai */
  ck_assert_uint_eq(op_ri(h, 5, 0x70000000, 0x400 | 28), 7);
  ck_assert_uint_eq(op_ri(h, 5, 0x80000000, 0x400 | 0), 0x80000000);
  done(h);
}
END_TEST

/* On RV32, shamt[5] set is reserved, as are funct7 values other than 0 and 0x20. */
START_TEST(test_shift_imm_reserved_illegal) {
  struct hart *h = boot(1);
  const uint32_t words[] = {
      enc_i(OPC_OP_IMM, 7, 1, 5, 0x020),     /* slli shamt 32 */
      enc_i(OPC_OP_IMM, 7, 1, 5, 0x03f),     /* slli shamt 63 */
      enc_i(OPC_OP_IMM, 7, 5, 5, 0x020),     /* srli shamt 32 */
      enc_i(OPC_OP_IMM, 7, 5, 5, 0x420 | 1), /* srai shamt 33 */
      enc_i(OPC_OP_IMM, 7, 1, 5, 0x400 | 1), /* slli with funct7 0x20 */
      enc_i(OPC_OP_IMM, 7, 5, 5, 0x200 | 1), /* srli with funct7 0x10 */
      enc_r(OPC_OP, 7, 1, 5, 6, 0x20),       /* sll with funct7 0x20 */
      enc_r(OPC_OP, 7, 0, 5, 6, 0x40),       /* add with funct7 0x40 */
  };
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    h->x[7] = 0x5a5a5a5a;
    h->x[5] = 1;
    exec(h, words[i]);
    expect_trap(h, CODE, CAUSE_ILLEGAL_INSTRUCTION, words[i]);
    ck_assert_uint_eq(h->x[7], 0x5a5a5a5a);
  }
  done(h);
}
END_TEST

static uint32_t ref_div(uint32_t a, uint32_t b) {
  if (b == 0) return 0xffffffff;
  if (a == 0x80000000 && b == 0xffffffff) return a;
  return (uint32_t)((int32_t)a / (int32_t)b);
}

static uint32_t ref_rem(uint32_t a, uint32_t b) {
  if (b == 0) return a;
  if (a == 0x80000000 && b == 0xffffffff) return 0;
  return (uint32_t)((int32_t)a % (int32_t)b);
}

START_TEST(test_div_rem_edges) {
  struct hart *h = boot(1);
  /* division by zero: quotient all ones, remainder the dividend */
  ck_assert_uint_eq(op_rr(h, 4, 1, 1234, 0), 0xffffffff); /* div */
  ck_assert_uint_eq(op_rr(h, 4, 1, 0x80000000, 0), 0xffffffff);
  ck_assert_uint_eq(op_rr(h, 5, 1, 1234, 0), 0xffffffff);       /* divu */
  ck_assert_uint_eq(op_rr(h, 6, 1, 0xfffffff9, 0), 0xfffffff9); /* rem */
  ck_assert_uint_eq(op_rr(h, 7, 1, 1234, 0), 1234);             /* remu */
  /* overflow: INT_MIN / -1 = INT_MIN, remainder 0 */
  ck_assert_uint_eq(op_rr(h, 4, 1, 0x80000000, 0xffffffff), 0x80000000);
  ck_assert_uint_eq(op_rr(h, 6, 1, 0x80000000, 0xffffffff), 0);
  /* truncation toward zero, remainder takes the dividend's sign */
  ck_assert_uint_eq(op_rr(h, 4, 1, (uint32_t)-7, 2), (uint32_t)-3);
  ck_assert_uint_eq(op_rr(h, 6, 1, (uint32_t)-7, 2), (uint32_t)-1);
  ck_assert_uint_eq(op_rr(h, 4, 1, 7, (uint32_t)-2), (uint32_t)-3);
  ck_assert_uint_eq(op_rr(h, 6, 1, 7, (uint32_t)-2), 1);
  ck_assert_uint_eq(op_rr(h, 5, 1, 0x80000000, 0xffffffff), 0);
  ck_assert_uint_eq(op_rr(h, 7, 1, 0x80000000, 0xffffffff), 0x80000000);
  done(h);
}
END_TEST

static uint64_t xorshift64(uint64_t *s) {
  uint64_t x = *s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

/* Operands that find sign and overflow mistakes, then random ones. */
static uint32_t operand(uint64_t *rng, unsigned i) {
  static const uint32_t edge[] = {0,          1,          2,          3,
                                  0x7fffffff, 0x80000000, 0x80000001, 0xffffffff,
                                  0xfffffffe, 0x0000ffff, 0xffff0000, 0x12345678};
  const unsigned n = sizeof edge / sizeof edge[0];
  if (i < n) return edge[i];
  uint64_t r = xorshift64(rng);
  switch (r & 3) {
  case 0: return (uint32_t)(r >> 32) >> (r >> 8 & 31); /* small magnitudes */
  case 1: return edge[(r >> 16) % n];
  default: return (uint32_t)(r >> 32);
  }
}

START_TEST(test_mul_div_sweep) {
  struct hart *h = boot(1);
  uint64_t rng = 0x9e3779b97f4a7c15ull;
  for (unsigned i = 0; i < 1500; i++) {
    uint32_t a = operand(&rng, i % 40), b = operand(&rng, i / 40 % 40);
    int64_t sa = (int32_t)a, sb = (int32_t)b;
    uint32_t want[8] = {
        (uint32_t)((uint64_t)a * b),
        (uint32_t)((uint64_t)(sa * sb) >> 32),
        (uint32_t)((uint64_t)(sa * (int64_t)b) >> 32),
        (uint32_t)(((uint64_t)a * b) >> 32),
        ref_div(a, b),
        b ? a / b : 0xffffffff,
        ref_rem(a, b),
        b ? a % b : a,
    };
    for (unsigned f3 = 0; f3 < 8; f3++) {
      uint32_t got = op_rr(h, f3, 1, a, b);
      ck_assert_msg(got == want[f3], "M funct3 %u of %08x, %08x: got %08x want %08x", f3, a, b, got,
                    want[f3]);
    }
  }
  done(h);
}
END_TEST

START_TEST(test_branches) {
  struct hart *h = boot(1);
  struct {
    unsigned f3;
    uint32_t a, b;
    bool taken;
  } cases[] = {
      {0, 5, 5, true},          {0, 5, 6, false},                                     /* beq */
      {1, 5, 6, true},          {1, 5, 5, false},                                     /* bne */
      {4, 0xffffffff, 1, true}, {4, 1, 0xffffffff, false}, {4, 3, 3, false},          /* blt */
      {5, 1, 0xffffffff, true}, {5, 3, 3, true},           {5, 0x80000000, 0, false}, /* bge */
      {6, 1, 0xffffffff, true}, {6, 0xffffffff, 1, false}, {6, 3, 3, false},          /* bltu */
      {7, 0xffffffff, 1, true}, {7, 3, 3, true},           {7, 0, 0x80000000, false}, /* bgeu */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    h->x[5] = cases[i].a;
    h->x[6] = cases[i].b;
    exec_at(h, CODE + 0x800, enc_b(cases[i].f3, 5, 6, -0x100));
    uint32_t want = cases[i].taken ? CODE + 0x700 : CODE + 0x804;
    ck_assert_msg(h->pc == want, "case %zu: pc %08x want %08x", i, h->pc, want);
  }
  /* the largest forward and backward offsets */
  h->x[5] = h->x[6] = 0;
  exec_at(h, CODE + 0x2000, enc_b(0, 5, 6, 4092));
  ck_assert_uint_eq(h->pc, CODE + 0x2000 + 4092);
  exec_at(h, CODE + 0x2000, enc_b(0, 5, 6, -4096));
  ck_assert_uint_eq(h->pc, CODE + 0x1000);
  done(h);
}
END_TEST

/* With no C extension, a taken branch or a jump to an address with bit 1 set traps with
 * cause 0, tval = the target, sepc = the jump; a branch not taken does not. */
START_TEST(test_misaligned_targets) {
  struct hart *h = boot(1);
  h->x[5] = h->x[6] = 1;
  exec_at(h, CODE + 0x100, enc_b(0, 5, 6, 6)); /* beq taken to +6 */
  expect_trap(h, CODE + 0x100, CAUSE_MISALIGNED_FETCH, CODE + 0x106);
  exec_at(h, CODE + 0x100, enc_b(1, 5, 6, 6)); /* bne not taken */
  expect_next(h, CODE + 0x100);
  h->x[1] = 0x11111111;
  exec_at(h, CODE + 0x100, enc_j(1, -2)); /* jal to +(-2) */
  expect_trap(h, CODE + 0x100, CAUSE_MISALIGNED_FETCH, CODE + 0xfe);
  ck_assert_uint_eq(h->x[1], 0x11111111); /* a trapping jump does not link */
  h->x[5] = CODE + 0x203;                 /* jalr clears bit 0 first: target +0x202 */
  exec_at(h, CODE + 0x100, enc_i(OPC_JALR, 1, 0, 5, 0));
  expect_trap(h, CODE + 0x100, CAUSE_MISALIGNED_FETCH, CODE + 0x202);
  ck_assert_uint_eq(h->x[1], 0x11111111);
  done(h);
}
END_TEST

START_TEST(test_jal_jalr) {
  struct hart *h = boot(1);
  exec_at(h, CODE + 0x1000, enc_j(1, 0x7fc));
  ck_assert_uint_eq(h->pc, CODE + 0x17fc);
  ck_assert_uint_eq(h->x[1], CODE + 0x1004);
  exec_at(h, CODE + 0x1000, enc_j(1, -0x1000));
  ck_assert_uint_eq(h->pc, CODE);
  ck_assert_uint_eq(h->x[1], CODE + 0x1004);
  exec_at(h, CODE + 0x1000, enc_j(1, 0x40000)); /* a far target */
  ck_assert_uint_eq(h->pc, CODE + 0x41000);
  /* jalr: target = (rs1 + imm) & ~1 */
  h->x[5] = CODE + 0x301;
  exec_at(h, CODE + 0x1000, enc_i(OPC_JALR, 1, 0, 5, -1));
  ck_assert_uint_eq(h->pc, CODE + 0x300);
  ck_assert_uint_eq(h->x[1], CODE + 0x1004);
  h->x[5] = CODE + 0x300;
  exec_at(h, CODE + 0x1000, enc_i(OPC_JALR, 1, 0, 5, 1));
  ck_assert_uint_eq(h->pc, CODE + 0x300);
  h->x[5] = CODE + 0x800;
  exec_at(h, CODE + 0x1000, enc_i(OPC_JALR, 1, 0, 5, -2048));
  ck_assert_uint_eq(h->pc, CODE);
  /* rd = rs1: the target uses the old value */
  h->x[5] = CODE + 0x400;
  exec_at(h, CODE + 0x1000, enc_i(OPC_JALR, 5, 0, 5, 4));
  ck_assert_uint_eq(h->pc, CODE + 0x404);
  ck_assert_uint_eq(h->x[5], CODE + 0x1004);
  /* jalr with funct3 != 0 is reserved */
  uint32_t bad = enc_i(OPC_JALR, 1, 1, 5, 0);
  exec_at(h, CODE + 0x1000, bad);
  expect_trap(h, CODE + 0x1000, CAUSE_ILLEGAL_INSTRUCTION, bad);
  done(h);
}
END_TEST

START_TEST(test_load_sign) {
  struct hart *h = boot(1);
  poke(h, DATA, 0x8081f0f1);
  poke(h, DATA + 4, 0x7f017fff);
  ck_assert_uint_eq(load(h, 0, DATA, 0), 0xfffffff1); /* lb */
  ck_assert_uint_eq(load(h, 0, DATA, 3), 0xffffff80);
  ck_assert_uint_eq(load(h, 0, DATA, 7), 0x7f);
  ck_assert_uint_eq(load(h, 4, DATA, 0), 0xf1); /* lbu */
  ck_assert_uint_eq(load(h, 4, DATA, 3), 0x80);
  ck_assert_uint_eq(load(h, 1, DATA, 0), 0xfffff0f1); /* lh */
  ck_assert_uint_eq(load(h, 1, DATA, 2), 0xffff8081);
  ck_assert_uint_eq(load(h, 1, DATA, 4), 0x7fff);
  ck_assert_uint_eq(load(h, 5, DATA, 2), 0x8081);     /* lhu */
  ck_assert_uint_eq(load(h, 2, DATA, 0), 0x8081f0f1); /* lw */
  ck_assert_uint_eq(load(h, 2, DATA + 8, -4), 0x7f017fff);
  expect_next(h, CODE);
  /* reserved load widths */
  static const unsigned reserved[] = {3, 6, 7};
  for (size_t i = 0; i < 3; i++) {
    uint32_t w = enc_i(OPC_LOAD, 7, reserved[i], 5, 0);
    exec(h, w);
    expect_trap(h, CODE, CAUSE_ILLEGAL_INSTRUCTION, w);
  }
  done(h);
}
END_TEST

START_TEST(test_store_widths) {
  struct hart *h = boot(1);
  poke(h, DATA, 0x11223344);
  store(h, 0, DATA, 1, 0xabcdefaa); /* sb writes one byte */
  ck_assert_uint_eq(peek(h, DATA), 0x1122aa44);
  store(h, 1, DATA, 2, 0xabcd5566); /* sh */
  ck_assert_uint_eq(peek(h, DATA), 0x5566aa44);
  store(h, 2, DATA, 0, 0xdeadbeef); /* sw */
  ck_assert_uint_eq(peek(h, DATA), 0xdeadbeef);
  expect_next(h, CODE);
  uint32_t w = enc_s(OPC_STORE, 3, 5, 6, 0);
  exec(h, w);
  expect_trap(h, CODE, CAUSE_ILLEGAL_INSTRUCTION, w);
  done(h);
}
END_TEST

/* Every width works up to the last byte of RAM, and one byte past it (or before it) is an
 * access fault with tval = the address and nothing written. */
START_TEST(test_ram_edges) {
  struct hart *h = boot(1);
  poke(h, RAM_END - 4, 0x8899aabb);
  ck_assert_uint_eq(load(h, 2, RAM_END - 4, 0), 0x8899aabb);
  ck_assert_uint_eq(load(h, 5, RAM_END - 2, 0), 0x8899);
  ck_assert_uint_eq(load(h, 4, RAM_END - 1, 0), 0x88);
  store(h, 0, RAM_END - 1, 0, 0x77);
  store(h, 1, RAM_END - 4, 0, 0x6655);
  expect_next(h, CODE);
  ck_assert_uint_eq(peek(h, RAM_END - 4), 0x77996655);
  store(h, 2, RAM_END - 4, 0, 0x01020304);
  ck_assert_uint_eq(peek(h, RAM_END - 4), 0x01020304);
  ck_assert_uint_eq(load(h, 2, MACHINE_RAM_BASE, 0), peek(h, MACHINE_RAM_BASE));

  static const unsigned widths[][2] = {{0, 1}, {1, 2}, {2, 4}, {4, 1}, {5, 2}};
  for (size_t i = 0; i < 5; i++) {
    unsigned f3 = widths[i][0], size = widths[i][1];
    load(h, f3, RAM_END, 0);
    expect_trap(h, CODE, CAUSE_LOAD_ACCESS, RAM_END);
    ck_assert_uint_eq(h->x[7], 0xdeadbeef); /* what load() put there: rd not written */
    load(h, f3, MACHINE_RAM_BASE - size, 0);
    expect_trap(h, CODE, CAUSE_LOAD_ACCESS, MACHINE_RAM_BASE - size);
    load(h, f3, NOWHERE, 0);
    expect_trap(h, CODE, CAUSE_LOAD_ACCESS, NOWHERE);
  }
  for (unsigned f3 = 0; f3 < 3; f3++) {
    unsigned size = 1u << f3;
    store(h, f3, RAM_END, 0, 0);
    expect_trap(h, CODE, CAUSE_STORE_ACCESS, RAM_END);
    store(h, f3, MACHINE_RAM_BASE - size, 0, 0);
    expect_trap(h, CODE, CAUSE_STORE_ACCESS, MACHINE_RAM_BASE - size);
    store(h, f3, 0xfffffffc, 0, 0);
    expect_trap(h, CODE, CAUSE_STORE_ACCESS, 0xfffffffc);
  }
  ck_assert_uint_eq(peek(h, RAM_END - 4), 0x01020304);
  done(h);
}
END_TEST

/* With trap_misaligned, misaligned loads and stores trap and change nothing. */
START_TEST(test_misaligned_load_store) {
  struct hart *h = boot(1);
  h->m->cfg.trap_misaligned = true;
  poke(h, DATA, 0x11111111);
  poke(h, DATA + 4, 0x22222222);
  const struct { unsigned f3, off; } loads[] = {{1, 1}, {5, 3}, {2, 1}, {2, 2}, {2, 3}};
  for (size_t i = 0; i < 5; i++) {
    load(h, loads[i].f3, DATA, (int32_t)loads[i].off);
    expect_trap(h, CODE, CAUSE_MISALIGNED_LOAD, DATA + loads[i].off);
    ck_assert_uint_eq(h->x[7], 0xdeadbeef); /* rd not written */
  }
  const struct { unsigned f3, off; } stores[] = {{1, 1}, {1, 3}, {2, 1}, {2, 2}, {2, 3}};
  for (size_t i = 0; i < 5; i++) {
    store(h, stores[i].f3, DATA, (int32_t)stores[i].off, 0);
    expect_trap(h, CODE, CAUSE_MISALIGNED_STORE, DATA + stores[i].off);
  }
  ck_assert_uint_eq(peek(h, DATA), 0x11111111);
  ck_assert_uint_eq(peek(h, DATA + 4), 0x22222222);
  done(h);
}
END_TEST

/* By default the machine completes them as firmware would, at the cost of a trap. */
START_TEST(test_misaligned_completed) {
  struct hart *h = boot(1);
  const struct cost_model *c = &h->m->cfg.cost;
  poke(h, DATA, 0x44332211);
  poke(h, DATA + 4, 0x88776655);
  const struct {
    unsigned f3, off;
    uint32_t want;
  } loads[] = {{1, 1, 0x3322},     {5, 3, 0x5544},     {1, 3, 0x5544},
               {2, 1, 0x55443322}, {2, 3, 0x77665544}, {1, 7, 0x88}};
  for (size_t i = 0; i < 6; i++) {
    uint64_t cycles = h->cycles, n = h->stats.misaligned;
    load(h, loads[i].f3, DATA, (int32_t)loads[i].off);
    expect_next(h, CODE);
    ck_assert_uint_eq(h->x[7], loads[i].want);
    ck_assert_uint_eq(h->stats.misaligned, n + 1);
    ck_assert_uint_eq(h->cycles - cycles, c->load + c->trap_entry + c->trap_return);
  }
  /* lh sign-extends: 0x8877 at DATA + 6, read from an odd address across it */
  poke(h, DATA + 4, 0x77665544);
  poke(h, DATA + 8, 0x000000ff);
  load(h, 1, DATA, 7); /* bytes 0x77, 0xff */
  expect_next(h, CODE);
  ck_assert_uint_eq(h->x[7], 0xffffff77);
  store(h, 2, DATA, 3, 0xa1b2c3d4);
  expect_next(h, CODE);
  ck_assert_uint_eq(peek(h, DATA), 0xd4332211);
  ck_assert_uint_eq(peek(h, DATA + 4), 0x77a1b2c3);
  store(h, 1, DATA, 1, 0xbeef);
  expect_next(h, CODE);
  ck_assert_uint_eq(peek(h, DATA), 0xd4beef11);
  /* across the end of RAM: beyond RAM they keep the misaligned fault, and write nothing */
  poke(h, RAM_END - 4, 0x01020304);
  store(h, 2, RAM_END - 4, 2, 0);
  expect_trap(h, CODE, CAUSE_MISALIGNED_STORE, RAM_END - 2);
  ck_assert_uint_eq(peek(h, RAM_END - 4), 0x01020304);
  load(h, 2, RAM_END - 4, 1);
  expect_trap(h, CODE, CAUSE_MISALIGNED_LOAD, RAM_END - 3);
  done(h);
}
END_TEST

START_TEST(test_lr_sc) {
  struct hart *h = boot(1);
  poke(h, DATA, 100);
  poke(h, DATA + 8, 200);
  h->x[5] = DATA;
  h->x[8] = DATA + 8;
  h->x[6] = 42;
  /* sc with no reservation fails: rd = 1, memory unchanged */
  exec(h, AMO(F5_SC, 7, 5, 6));
  expect_next(h, CODE);
  ck_assert_uint_eq(h->x[7], 1);
  ck_assert_uint_eq(peek(h, DATA), 100);
  /* lr then sc succeeds */
  exec(h, AMO(F5_LR, 7, 5, 0));
  ck_assert_uint_eq(h->x[7], 100);
  exec(h, AMO(F5_SC, 7, 5, 6));
  ck_assert_uint_eq(h->x[7], 0);
  ck_assert_uint_eq(peek(h, DATA), 42);
  /* a second sc fails: the first one consumed the reservation */
  h->x[6] = 43;
  exec(h, AMO(F5_SC, 7, 5, 6));
  ck_assert_uint_eq(h->x[7], 1);
  ck_assert_uint_eq(peek(h, DATA), 42);
  /* sc to another address fails, and clears the reservation too */
  exec(h, AMO(F5_LR, 7, 5, 0));
  exec(h, AMO(F5_SC, 7, 8, 6));
  ck_assert_uint_eq(h->x[7], 1);
  ck_assert_uint_eq(peek(h, DATA + 8), 200);
  exec(h, AMO(F5_SC, 7, 5, 6));
  ck_assert_uint_eq(h->x[7], 1);
  ck_assert_uint_eq(peek(h, DATA), 42);
  /* aq/rl bits do not change the meaning */
  exec(h, AMO(F5_LR, 7, 5, 0) | 3u << 25);
  exec(h, AMO(F5_SC, 7, 5, 6) | 3u << 25);
  ck_assert_uint_eq(h->x[7], 0);
  ck_assert_uint_eq(peek(h, DATA), 43);
  /* lr.w with rs2 != 0 is reserved */
  uint32_t bad = AMO(F5_LR, 7, 5, 6);
  exec(h, bad);
  expect_trap(h, CODE, CAUSE_ILLEGAL_INSTRUCTION, bad);
  done(h);
}
END_TEST

/* A store, AMO or SC by another hart to the reserved word makes the sc fail, even when
 * that hart already had the page in its TLB for fast stores. */
START_TEST(test_lr_sc_other_hart) {
  struct hart *h = boot(2);
  struct hart *h1 = h->m->harts[1];
  const uint32_t others[] = {SW(6, 5, 0), AMO(F5_SWAP, 7, 5, 6), AMO(F5_ADD, 0, 5, 6)};
  for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
    poke(h, DATA, 7);
    h->x[5] = h1->x[5] = DATA;
    h->x[6] = 1;
    h1->x[6] = 2;
    exec_at(h1, CODE + 0x100, SW(6, 5, 4)); /* warm hart 1's TLB for this page */
    exec_at(h, CODE, AMO(F5_LR, 7, 5, 0));
    ck_assert_uint_eq(h->x[7], 7);
    exec_at(h1, CODE + 0x100, others[i]);
    ck_assert_uint_eq(h1->pc, CODE + 0x104);
    exec_at(h, CODE, AMO(F5_SC, 7, 5, 6));
    ck_assert_msg(h->x[7] == 1, "case %zu: sc succeeded after the other hart's write", i);
    ck_assert_uint_ne(peek(h, DATA), 1);
  }
  /* the other hart's successful sc counts as a store too */
  poke(h, DATA, 7);
  exec_at(h, CODE, AMO(F5_LR, 7, 5, 0));
  exec_at(h1, CODE + 0x100, AMO(F5_LR, 7, 5, 0));
  exec_at(h1, CODE + 0x100, AMO(F5_SC, 7, 5, 6));
  ck_assert_uint_eq(h1->x[7], 0);
  exec_at(h, CODE, AMO(F5_SC, 7, 5, 6));
  ck_assert_uint_eq(h->x[7], 1);
  ck_assert_uint_eq(peek(h, DATA), 2);
  /* with no interference, the pair still succeeds on either hart */
  exec_at(h, CODE, AMO(F5_LR, 7, 5, 0));
  exec_at(h1, CODE + 0x100, LW(8, 5, 0));
  exec_at(h, CODE, AMO(F5_SC, 7, 5, 6));
  ck_assert_uint_eq(h->x[7], 0);
  ck_assert_uint_eq(peek(h, DATA), 1);
  done(h);
}
END_TEST

/* An AMO or SC whose store lands in the page holding the instruction itself (so the decode
 * cache forgets that page in the middle of the instruction) still writes its own rd, and
 * never x0. */
START_TEST(test_amo_to_own_code_page) {
  struct hart *h = boot(1);
  poke(h, CODE + 0x800, 40);
  h->x[5] = CODE + 0x800;
  h->x[6] = 2;
  exec(h, AMO(F5_ADD, 7, 5, 6));
  expect_next(h, CODE);
  ck_assert_uint_eq(h->x[0], 0);
  ck_assert_uint_eq(h->x[7], 40);
  ck_assert_uint_eq(peek(h, CODE + 0x800), 42);
  exec(h, AMO(F5_LR, 8, 5, 0));
  ck_assert_uint_eq(h->x[8], 42);
  h->x[9] = 0x5a5a5a5a;
  exec(h, AMO(F5_SC, 9, 5, 6));
  expect_next(h, CODE);
  ck_assert_uint_eq(h->x[0], 0);
  ck_assert_uint_eq(h->x[9], 0);
  ck_assert_uint_eq(peek(h, CODE + 0x800), 2);
  /* and over its own word: the old word lands in rd, the new one in RAM */
  h->x[5] = CODE;
  h->x[6] = ADDI(0, 0, 0);
  uint32_t w = AMO(F5_SWAP, 7, 5, 6);
  exec(h, w);
  expect_next(h, CODE);
  ck_assert_uint_eq(h->x[0], 0);
  ck_assert_uint_eq(h->x[7], w);
  ck_assert_uint_eq(peek(h, CODE), ADDI(0, 0, 0));
  done(h);
}
END_TEST

START_TEST(test_amos) {
  struct hart *h = boot(1);
  struct {
    unsigned f5;
    uint32_t mem, src, want;
  } cases[] = {
      {F5_SWAP, 5, 9, 9},
      {F5_ADD, 0xffffffff, 2, 1},
      {F5_XOR, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0},
      {F5_AND, 0xff00ff00, 0x0ff00ff0, 0x0f000f00},
      {F5_OR, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0},
      {F5_MIN, 0xffffffff, 1, 0xffffffff}, /* signed: -1 < 1 */
      {F5_MIN, 5, 0x80000000, 0x80000000},
      {F5_MAX, 0xffffffff, 1, 1},
      {F5_MAX, 0x7fffffff, 0x80000000, 0x7fffffff},
      {F5_MINU, 0xffffffff, 1, 1}, /* unsigned: 1 < 0xffffffff */
      {F5_MINU, 5, 0x80000000, 5},
      {F5_MAXU, 0xffffffff, 1, 0xffffffff},
      {F5_MAXU, 0x7fffffff, 0x80000000, 0x80000000},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    poke(h, DATA + 16, cases[i].mem);
    h->x[5] = DATA + 16;
    h->x[6] = cases[i].src;
    exec(h, AMO(cases[i].f5, 7, 5, 6));
    expect_next(h, CODE);
    ck_assert_msg(h->x[7] == cases[i].mem, "case %zu: rd %08x", i, h->x[7]);
    ck_assert_msg(peek(h, DATA + 16) == cases[i].want, "case %zu: mem %08x want %08x", i,
                  peek(h, DATA + 16), cases[i].want);
  }
  /* rd = rs2: the old value lands in rd, the store uses the old rs2 */
  poke(h, DATA, 10);
  h->x[5] = DATA;
  h->x[6] = 3;
  exec(h, AMO(F5_ADD, 6, 5, 6));
  ck_assert_uint_eq(h->x[6], 10);
  ck_assert_uint_eq(peek(h, DATA), 13);
  /* reserved AMO funct5 values and widths other than .W */
  const uint32_t bad[] = {AMO(0x05, 7, 5, 6), AMO(0x1e, 7, 5, 6),
                          enc_r(OPC_AMO, 7, 3, 5, 6, F5_ADD << 2),
                          enc_r(OPC_AMO, 7, 0, 5, 6, F5_ADD << 2)};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    exec(h, bad[i]);
    expect_trap(h, CODE, CAUSE_ILLEGAL_INSTRUCTION, bad[i]);
  }
  done(h);
}
END_TEST

START_TEST(test_amo_misaligned_and_faults) {
  struct hart *h = boot(1);
  poke(h, DATA, 0x11111111);
  poke(h, DATA + 4, 0x22222222);
  for (uint32_t off = 1; off < 4; off++) {
    h->x[5] = DATA + off;
    h->x[6] = 1;
    h->x[7] = 0x5a5a5a5a;
    exec(h, AMO(F5_ADD, 7, 5, 6));
    expect_trap(h, CODE, CAUSE_MISALIGNED_STORE, DATA + off);
    exec(h, AMO(F5_SWAP, 7, 5, 6));
    expect_trap(h, CODE, CAUSE_MISALIGNED_STORE, DATA + off);
    exec(h, AMO(F5_LR, 7, 5, 0));
    expect_trap(h, CODE, CAUSE_MISALIGNED_LOAD, DATA + off);
    exec(h, AMO(F5_SC, 7, 5, 6));
    expect_trap(h, CODE, CAUSE_MISALIGNED_STORE, DATA + off);
    ck_assert_uint_eq(h->x[7], 0x5a5a5a5a);
  }
  ck_assert_uint_eq(peek(h, DATA), 0x11111111);
  ck_assert_uint_eq(peek(h, DATA + 4), 0x22222222);
  /* outside RAM: AMOs are store/AMO access faults, lr a load access fault */
  h->x[5] = NOWHERE;
  exec(h, AMO(F5_ADD, 7, 5, 6));
  expect_trap(h, CODE, CAUSE_STORE_ACCESS, NOWHERE);
  exec(h, AMO(F5_LR, 7, 5, 0));
  expect_trap(h, CODE, CAUSE_LOAD_ACCESS, NOWHERE);
  h->x[5] = RAM_END;
  exec(h, AMO(F5_MAXU, 7, 5, 6));
  expect_trap(h, CODE, CAUSE_STORE_ACCESS, RAM_END);
  done(h);
}
END_TEST

START_TEST(test_fences) {
  struct hart *h = boot(1);
  const uint32_t words[] = {
      0x0ff0000f, /* fence iorw, iorw */
      0x8330000f, /* fence.tso */
      0x0100000f, /* pause */
      0x0000000f, /* fence with empty sets */
      FENCE_I,
      0x0010100f | 5u << 15 | 7u << 7, /* fence.i with nonzero reserved fields: ignored */
  };
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    exec(h, words[i]);
    expect_next(h, CODE);
  }
  uint32_t bad = 0x0000200f; /* MISC-MEM funct3 2 */
  exec(h, bad);
  expect_trap(h, CODE, CAUSE_ILLEGAL_INSTRUCTION, bad);
  done(h);
}
END_TEST

/* Code that rewrites an instruction it already ran, then fence.i, sees the new one. */
START_TEST(test_self_modifying_code) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  const uint32_t prog[] = {
      ADDI(10, 10, 1), /* +0: rewritten to addi a0, a0, 100 */
      SW(6, 7, 0),     /* +4: *x7 = x6 */
      FENCE_I,         /* +8 */
      enc_j(0, -12),   /* +12: back to +0 */
  };
  test_load(m, CODE, prog, 4);
  struct hart *h = m->harts[0];
  h->x[6] = ADDI(10, 10, 100);
  h->x[7] = CODE;
  h->x[10] = 0;
  for (int i = 0; i < 5; i++)
    test_step(h);
  ck_assert_uint_eq(h->x[10], 101);
  ck_assert_uint_eq(h->pc, CODE + 4);
  /* and again through a different path: store to the next instruction in line */
  const uint32_t prog2[] = {
      SW(6, 7, 8),    /* +0: overwrite +8 */
      FENCE_I,        /* +4 */
      ADDI(11, 0, 1), /* +8: becomes addi a1, x0, 2 before it ever runs */
  };
  test_load(m, CODE + 0x1000, prog2, 3);
  h->x[6] = ADDI(11, 0, 2);
  h->x[7] = CODE + 0x1000;
  /* run it once with the old word to get it decoded, then rewrite it */
  h->pc = CODE + 0x1008;
  test_step(h);
  ck_assert_uint_eq(h->x[11], 1);
  h->pc = CODE + 0x1000;
  for (int i = 0; i < 3; i++)
    test_step(h);
  ck_assert_uint_eq(h->x[11], 2);
  machine_destroy(m);
}
END_TEST

/* The hart charges each instruction its class's cost from the machine's cost model. */
START_TEST(test_cost_classes) {
  struct hart *h = boot(1);
  const struct cost_model *c = &h->m->cfg.cost;
  poke(h, DATA, 1);
  h->x[5] = DATA;
  h->x[6] = 3;
  const struct {
    uint32_t word;
    uint32_t cost;
  } cases[] = {
      {ADDI(7, 5, 1), c->alu},
      {LUI(7, 1), c->alu},
      {enc_b(0, 5, 6, 8), c->alu}, /* not taken */
      {enc_b(1, 5, 6, 8), c->branch_taken},
      {enc_j(1, 8), c->branch_taken},
      {LW(7, 5, 0), c->load},
      {SW(6, 5, 0), c->store},
      {enc_r(OPC_OP, 7, 0, 5, 6, 1), c->mul},
      {enc_r(OPC_OP, 7, 4, 5, 6, 1), c->div},
      {AMO(F5_ADD, 7, 5, 6), c->amo},
      {CSRRS(7, CSR_SSCRATCH, 0), c->csr},
      {FENCE_I, c->fence},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    uint64_t before = h->cycles;
    exec(h, cases[i].word);
    ck_assert_msg(h->pc != TRAPVEC, "case %zu trapped", i);
    ck_assert_msg(h->cycles - before == cases[i].cost, "case %zu: %llu cycles, want %u", i,
                  (unsigned long long)(h->cycles - before), cases[i].cost);
  }
  /* a trap costs its entry on top */
  uint64_t before = h->cycles;
  exec(h, ECALL);
  ck_assert_uint_ge(h->cycles - before, c->trap_entry);
  done(h);
}
END_TEST

/* instret counts retired instructions; a trapping instruction does not retire. */
START_TEST(test_instret) {
  struct hart *h = boot(1);
  uint64_t before = h->instret;
  exec(h, ADDI(5, 5, 1));
  exec(h, ADDI(5, 5, 1));
  ck_assert_uint_eq(h->instret - before, 2);
  before = h->instret;
  exec(h, ECALL);
  exec(h, 0xffffffff);
  h->x[5] = NOWHERE;
  exec(h, LW(7, 5, 0));
  ck_assert_uint_eq(h->instret - before, 0);
  done(h);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("cpu_insn");
  TCase *tc = tcase_create("rv32ima");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_x0_writes_dropped);
  tcase_add_test(tc, test_lui_auipc);
  tcase_add_test(tc, test_imm_sign_extension);
  tcase_add_test(tc, test_add_sub_logic);
  tcase_add_test(tc, test_slt_sltu);
  tcase_add_test(tc, test_shifts);
  tcase_add_test(tc, test_shift_imm_reserved_illegal);
  tcase_add_test(tc, test_div_rem_edges);
  tcase_add_test(tc, test_mul_div_sweep);
  tcase_add_test(tc, test_branches);
  tcase_add_test(tc, test_misaligned_targets);
  tcase_add_test(tc, test_jal_jalr);
  tcase_add_test(tc, test_load_sign);
  tcase_add_test(tc, test_store_widths);
  tcase_add_test(tc, test_ram_edges);
  tcase_add_test(tc, test_misaligned_load_store);
  tcase_add_test(tc, test_misaligned_completed);
  tcase_add_test(tc, test_lr_sc);
  tcase_add_test(tc, test_lr_sc_other_hart);
  tcase_add_test(tc, test_amo_to_own_code_page);
  tcase_add_test(tc, test_amos);
  tcase_add_test(tc, test_amo_misaligned_and_faults);
  tcase_add_test(tc, test_fences);
  tcase_add_test(tc, test_self_modifying_code);
  tcase_add_test(tc, test_cost_classes);
  tcase_add_test(tc, test_instret);
  suite_add_tcase(s, tc);
  return s;
}
