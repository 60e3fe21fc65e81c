/*
 * test_fuzz: the hart against random instruction words.
 *
 * Millions of seeded random 32-bit words, each run for one step at a random pc with random
 * registers and CSRs, in U or S mode, sometimes with Sv32 on over a root table of random
 * PTEs (and random RAM beneath it, which random pointers make into second-level tables).
 * An oracle written here from the spec's opcode tables (RV32IMA, Zicsr, Zifencei and the
 * system instructions ecall, ebreak, sret, wfi, sfence.vma, with the privilege and CSR
 * access rules) says whether each word is legal: an illegal word must trap with cause 2 and
 * stval = the word, a legal one must never do so, and one that completes without a trap
 * must retire and (unless it jumps) fall through. Above all the host must survive every
 * word: run this under -DOSSIM_SANITIZE=ON too (about three times slower).
 *
 * OSSIM_FUZZ_ITERS and OSSIM_FUZZ_SEED in the environment change the count and the seed;
 * a failure message names the seed and the iteration so it can be replayed.
 */
#include <check.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "support.h"

#define RAM_SIZE (1u << 20)
#define RAM_BASE MACHINE_RAM_BASE
#define CODE_BYTES (512u << 10)           /* words are run from the first half of RAM */
#define ROOT (RAM_BASE + RAM_SIZE - 4096) /* the Sv32 root table: the last page */
#define S_CODE_VA RAM_BASE                /* identity superpage, S only */
#define U_CODE_VA 0x40000000u             /* the same RAM as a U superpage */
#define DEFAULT_ITERS 2000000u
#define REFILL_EVERY 65536u /* fresh random RAM and PTEs this often */

/* Fails without Check's per-assertion bookkeeping, which is too slow for millions. */
#define FUZZ_CHECK(cond, ...)                                                                      \
  do {                                                                                             \
    if (!(cond)) ck_abort_msg(__VA_ARGS__);                                                        \
  } while (0)

static uint64_t next(uint64_t *s) { /* xorshift64 */
  uint64_t x = *s;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return *s = x;
}

static uint64_t env_u64(const char *name, uint64_t dflt) {
  const char *v = getenv(name);
  return v && *v ? strtoull(v, NULL, 0) : dflt;
}

/* ---- The oracle: is this word a legal instruction here? ---- */

static bool csr_known(uint32_t csr) {
  switch (csr) {
  case CSR_SSTATUS:
  case CSR_SIE:
  case CSR_STVEC:
  case CSR_SCOUNTEREN:
  case CSR_SSCRATCH:
  case CSR_SEPC:
  case CSR_SCAUSE:
  case CSR_STVAL:
  case CSR_SIP:
  case CSR_STIMECMP:
  case CSR_STIMECMPH:
  case CSR_SATP:
  case CSR_CYCLE:
  case CSR_TIME:
  case CSR_INSTRET:
  case CSR_CYCLEH:
  case CSR_TIMEH:
  case CSR_INSTRETH: return true;
  default: return false;
  }
}

/* Zicsr (funct3 != 0, 4) under the privileged spec's access rules: csr[11:10] = 3 is
 * read-only, csr[9:8] is the lowest privilege allowed, and U-mode counter reads need
 * their scounteren bit (there is no M mode, so mcounteren imposes nothing). */
static bool csr_legal(uint32_t w, enum priv p, uint32_t scounteren) {
  uint32_t f3 = (w >> 12) & 7, field = (w >> 15) & 31, csr = w >> 20;
  if (!csr_known(csr)) return false;
  bool writes = f3 == 1 || f3 == 5 || field != 0; /* csrrw/csrrwi always write */
  if ((csr >> 10) == 3 && writes) return false;
  if (p == PRIV_U) {
    if (((csr >> 8) & 3) > 0) return false;
    if ((csr & 0xf00) == 0xc00) return (scounteren >> (csr & 0x1f)) & 1;
  }
  return true;
}

static bool system_legal(uint32_t w, enum priv p, uint32_t scounteren) {
  uint32_t f3 = (w >> 12) & 7;
  if (f3 == 4) return false;
  if (f3 != 0) return csr_legal(w, p, scounteren);
  if (w == ECALL || w == EBREAK) return true;
  if (w == SRET || w == WFI) return p == PRIV_S;
  if ((w & 0xfe007fffu) == 0x12000073u) return p == PRIV_S; /* sfence.vma rs1, rs2 */
  return false;
}

static bool amo_legal(uint32_t w) {
  if (((w >> 12) & 7) != 2) return false; /* .W only */
  switch (w >> 27) {
  case 0x02: return ((w >> 20) & 31) == 0; /* lr.w: rs2 must be 0 */
  case 0x03:
  case 0x01:
  case 0x00:
  case 0x04:
  case 0x0c:
  case 0x08:
  case 0x10:
  case 0x14:
  case 0x18:
  case 0x1c: return true;
  default: return false;
  }
}

static bool rv_legal(uint32_t w, enum priv p, uint32_t scounteren) {
  uint32_t f3 = (w >> 12) & 7, f7 = w >> 25;
  switch (w & 0x7f) {
  case OPC_LOAD: return f3 != 3 && f3 < 6;
  case OPC_MISC_MEM: return f3 <= 1; /* fence (reserved fm/sets act as fence), fence.i */
  case OPC_OP_IMM:
    if (f3 == 1) return f7 == 0;               /* slli: shamt[5] = 0 on RV32 */
    if (f3 == 5) return f7 == 0 || f7 == 0x20; /* srli, srai */
    return true;
  case OPC_AUIPC:
  case OPC_LUI:
  case OPC_JAL: return true;
  case OPC_STORE: return f3 <= 2;
  case OPC_AMO: return amo_legal(w);
  case OPC_OP:
    if (f7 == 0 || f7 == 1) return true;       /* RV32I and M */
    return f7 == 0x20 && (f3 == 0 || f3 == 5); /* sub, sra */
  case OPC_BRANCH: return f3 != 2 && f3 != 3;
  case OPC_JALR: return f3 == 0;
  case OPC_SYSTEM: return system_legal(w, p, scounteren);
  default: return false;
  }
}

static bool jumps(uint32_t w) {
  uint32_t opc = w & 0x7f;
  return opc == OPC_JAL || opc == OPC_JALR || opc == OPC_BRANCH || w == SRET;
}

/* ---- The random machine state ---- */

struct fuzz {
  struct machine *m;
  struct hart *h;
  uint32_t *buf; /* RAM_SIZE bytes of random words, written over RAM by refill() */
  uint64_t rng, seed;
  uint64_t iters, checked, illegal, fetch_faults, interrupted, halted;
  uint64_t causes[16];
};

static uint32_t random_pte(uint64_t *rng) {
  uint64_t r = next(rng);
  uint32_t flags = (uint32_t)r & 0x3ff, ram_ppn = (RAM_BASE >> 12) + (uint32_t)(r >> 12) % 256;
  switch ((r >> 10) & 3) {
  case 0: return (uint32_t)(r >> 32);                        /* anything */
  case 1: return ram_ppn << 10 | (flags & ~0xeu) | PTE_V;    /* a table in RAM */
  case 2: return ram_ppn << 10 | flags | PTE_V;              /* a leaf in RAM */
  default: return (uint32_t)(r >> 52) << 20 | flags | PTE_V; /* a superpage anywhere */
  }
}

/* Turns a random word into one with a real opcode and, often, plausible fields. The
 * oracle still judges it: shaping only moves the mix towards legal words. */
static uint32_t shape(uint32_t w, uint64_t r) {
  static const uint32_t opcodes[] = {OPC_LOAD,   OPC_MISC_MEM, OPC_OP_IMM, OPC_AUIPC,
                                     OPC_STORE,  OPC_AMO,      OPC_OP,     OPC_LUI,
                                     OPC_BRANCH, OPC_JALR,     OPC_JAL,    OPC_SYSTEM};
  static const uint32_t csrs[] = {
      CSR_SSTATUS, CSR_SIE,    CSR_STVEC,    CSR_SCOUNTEREN, CSR_SSCRATCH, CSR_SEPC,  CSR_SCAUSE,
      CSR_STVAL,   CSR_SIP,    CSR_STIMECMP, CSR_STIMECMPH,  CSR_SATP,     CSR_CYCLE, CSR_TIME,
      CSR_INSTRET, CSR_CYCLEH, CSR_TIMEH,    CSR_INSTRETH,   0x300,        0xc03};
  static const uint32_t sys[] = {ECALL, EBREAK, SRET, WFI, 0x12000073u, 0x30200073u};
  uint32_t opc = opcodes[r % 12];
  bool tidy = (r >> 8) & 1;
  w = (w & ~0x7fu) | opc;
  switch (opc) {
  case OPC_OP:
    if (tidy) w = (w & 0x01ffffffu) | (uint32_t[]){0, 1, 0x20}[(r >> 9) % 3] << 25;
    break;
  case OPC_OP_IMM:
    if (tidy) w &= ~0xbe000000u; /* funct7 0 or 0x20 */
    break;
  case OPC_AMO:
    if (tidy) w = (w & ~0x7000u) | 2u << 12;
    break;
  case OPC_SYSTEM:
    if (tidy && ((w >> 12) & 7) != 0) {
      w = (w & 0x000fffffu) | csrs[(r >> 9) % 20] << 20;
    } else if (tidy) {
      w = sys[(r >> 9) % 6] | (((r >> 16) & 1) ? (w & 0x01ff8000u) : 0); /* rs1, rs2 */
    }
    break;
  default: break;
  }
  return w;
}

/* Random words everywhere, random PTEs in the root table. */
static void refill(struct fuzz *z) {
  uint32_t *buf = z->buf;
  for (size_t i = 0; i < RAM_SIZE / 4; i++)
    buf[i] = (uint32_t)next(&z->rng);
  /* half the words are shaped like real instructions, so the legal paths run too */
  for (size_t i = 0; i < CODE_BYTES / 4; i += 2)
    buf[i] = shape(buf[i], next(&z->rng));
  for (size_t i = 0; i < 1024; i++)
    buf[(ROOT - RAM_BASE) / 4 + i] = random_pte(&z->rng);
  FUZZ_CHECK(bus_ram_write(&z->m->bus, RAM_BASE, buf, RAM_SIZE), "refill");
}

static uint32_t random_reg(uint64_t *rng) {
  uint64_t r = next(rng);
  switch (r & 3) {
  case 0: return (uint32_t)(r >> 32);
  case 1: return RAM_BASE + (uint32_t)(r >> 32) % RAM_SIZE;         /* somewhere in RAM */
  case 2: return (uint32_t)(int32_t)((int64_t)(r >> 32) % 33 - 16); /* small */
  default: return RAM_BASE + RAM_SIZE - (uint32_t)(r >> 32) % 64;   /* the end of RAM */
  }
}

static void write_csr(struct hart *h, uint32_t csr, uint32_t v) {
  FUZZ_CHECK(csr_write(h, csr, v), "csr_write(%03x) refused in S mode", csr);
}

/* Puts the hart in a random state at a random word; returns the pc. */
static uint32_t setup(struct fuzz *z, uint32_t off, enum priv p, bool sv32, uint32_t *scen) {
  struct hart *h = z->h;
  uint64_t r = next(&z->rng);
  if ((r & 63) == 0 || h->wfi) {
    cpu_reset(h, 0);
  } else {
    h->priv = PRIV_S;
    write_csr(h, CSR_SIP, 0);
    write_csr(h, CSR_STIMECMPH, 0xffffffff);
    write_csr(h, CSR_STIMECMP, 0xffffffff);
  }
  h->host_traps = true;
  for (int i = 1; i < 32; i++)
    h->x[i] = random_reg(&z->rng);
  r = next(&z->rng);
  *scen = (uint32_t)(r >> 8) & 7;
  write_csr(h, CSR_SSTATUS, (uint32_t)r & SSTATUS_WRITABLE);
  write_csr(h, CSR_SIE, (uint32_t)(r >> 20) & SIE_MASK);
  write_csr(h, CSR_SCOUNTEREN, *scen);
  r = next(&z->rng);
  write_csr(h, CSR_SEPC, (uint32_t)r);
  write_csr(h, CSR_STVEC, (uint32_t)(r >> 32));
  write_csr(h, CSR_SSCRATCH, (uint32_t)(r >> 16));
  uint32_t pc = RAM_BASE + off;
  if (sv32) {
    /* the two code superpages must survive random stores into the root table */
    uint32_t s_pte = (RAM_BASE >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;
    uint32_t u_pte = s_pte | PTE_U;
    FUZZ_CHECK(bus_ram_write(&z->m->bus, ROOT + (S_CODE_VA >> 22) * 4, &s_pte, 4), "root");
    FUZZ_CHECK(bus_ram_write(&z->m->bus, ROOT + (U_CODE_VA >> 22) * 4, &u_pte, 4), "root");
    write_csr(h, CSR_SATP,
              SATP_MODE_SV32 | ((uint32_t)r & SATP_ASID_MASK) << SATP_ASID_SHIFT | ROOT >> 12);
    pc = (p == PRIV_U ? U_CODE_VA : S_CODE_VA) + off;
  } else {
    write_csr(h, CSR_SATP, 0);
  }
  h->priv = p;
  mmu_update_mode(h);
  h->pc = pc;
  return pc;
}

/* One random word, checked against the oracle. */
static void fuzz_one(struct fuzz *z, uint64_t i) {
  struct hart *h = z->h;
  uint64_t r = next(&z->rng);
  uint32_t off = (uint32_t)(r >> 32) % (CODE_BYTES / 4) * 4, scen;
  enum priv p = (r & 1) ? PRIV_U : PRIV_S;
  bool sv32 = ((r >> 1) & 3) == 0;
  uint32_t pc = setup(z, off, p, sv32, &scen), w;
  FUZZ_CHECK(bus_ram_read(&z->m->bus, RAM_BASE + off, &w, 4), "read word");
  bool legal = rv_legal(w, p, scen);
  uint64_t n = h->instret;

  int ret = test_step(h);

  FUZZ_CHECK(h->x[0] == 0, "seed %" PRIu64 " iter %" PRIu64 ": %08x wrote x0", z->seed, i, w);
  if (ret == CPU_EXIT_HALT) { /* a random store reached the test device */
    z->halted++;
    z->m->state = MACHINE_RUNNING;
    return;
  }
  bool trapped = ret == CPU_EXIT_TRAP;
  if (trapped && (h->scause & CAUSE_INTERRUPT) && h->sepc == pc) {
    z->interrupted++; /* a device raised an interrupt before the word ran */
    return;
  }
  if (trapped && h->sepc == pc &&
      (h->scause == CAUSE_FETCH_PAGE_FAULT || h->scause == CAUSE_FETCH_ACCESS)) {
    z->fetch_faults++; /* must not happen: the code pages are mapped (asserted at the end) */
    return;
  }
  z->checked++;
  if (trapped && !(h->scause & CAUSE_INTERRUPT) && h->scause < 16) z->causes[h->scause]++;
  const char *mode = p == PRIV_U ? "U" : "S";
  if (!legal) {
    z->illegal++;
    FUZZ_CHECK(trapped && h->scause == CAUSE_ILLEGAL_INSTRUCTION && h->stval == w && h->sepc == pc,
               "seed %" PRIu64 " iter %" PRIu64 ": illegal %08x in %s%s (scounteren %u) gave "
               "exit %d scause %u stval %08x sepc %08x",
               z->seed, i, w, mode, sv32 ? " with Sv32" : "", scen, ret, h->scause, h->stval,
               h->sepc);
    return;
  }
  FUZZ_CHECK(!(trapped && h->scause == CAUSE_ILLEGAL_INSTRUCTION),
             "seed %" PRIu64 " iter %" PRIu64 ": legal %08x in %s%s (scounteren %u) was "
             "illegal (stval %08x sepc %08x)",
             z->seed, i, w, mode, sv32 ? " with Sv32" : "", scen, h->stval, h->sepc);
  if (!trapped) {
    FUZZ_CHECK(h->instret == n + 1, "seed %" PRIu64 " iter %" PRIu64 ": %08x retired %" PRIu64,
               z->seed, i, w, h->instret - n);
    FUZZ_CHECK(jumps(w) || h->pc == pc + 4,
               "seed %" PRIu64 " iter %" PRIu64 ": %08x at %08x went to %08x", z->seed, i, w, pc,
               h->pc);
  }
}

START_TEST(test_random_words) {
  struct capture *cap = malloc(sizeof *cap); /* the UART's output, should a store reach it */
  ck_assert_ptr_nonnull(cap);
  cap->in = NULL;
  cap->in_pos = 0;
  struct fuzz z = {.m = test_machine(RAM_SIZE, 1, cap, NULL)};
  z.h = z.m->harts[0];
  z.buf = malloc(RAM_SIZE);
  ck_assert_ptr_nonnull(z.buf);
  z.seed = env_u64("OSSIM_FUZZ_SEED", 0x0551f00d5eedull);
  z.rng = z.seed ? z.seed : 1;
  z.iters = env_u64("OSSIM_FUZZ_ITERS", DEFAULT_ITERS);
  for (uint64_t i = 0; i < z.iters; i++) {
    if (i % REFILL_EVERY == 0) refill(&z);
    fuzz_one(&z, i);
  }
  printf("fuzz: %" PRIu64 " words, %" PRIu64 " checked, %" PRIu64 " illegal, %" PRIu64
         " interrupted, %" PRIu64 " halts, %" PRIu64 " fetch faults\n",
         z.iters, z.checked, z.illegal, z.interrupted, z.halted, z.fetch_faults);
  printf("fuzz: exceptions by cause:");
  for (int c = 0; c < 16; c++)
    if (z.causes[c]) printf(" %d:%" PRIu64, c, z.causes[c]);
  printf("\n");
  /* the run must have looked at nearly everything, and seen both sides of the oracle */
  ck_assert_uint_ge(z.checked, z.iters - z.iters / 20);
  ck_assert_uint_eq(z.fetch_faults, 0);
  ck_assert_uint_gt(z.illegal, z.iters / 10);
  ck_assert_uint_gt(z.checked - z.illegal, z.iters / 10);
  machine_destroy(z.m);
  free(z.buf);
  free(cap);
}
END_TEST

/* The oracle itself, on words whose answer is known. */
START_TEST(test_oracle) {
  ck_assert(rv_legal(ADDI(1, 2, 3), PRIV_U, 0));
  ck_assert(rv_legal(ECALL, PRIV_U, 0));
  ck_assert(!rv_legal(SRET, PRIV_U, 0));
  ck_assert(rv_legal(SRET, PRIV_S, 0));
  ck_assert(!rv_legal(WFI, PRIV_U, 0));
  ck_assert(rv_legal(SFENCE_VMA(3, 4), PRIV_S, 0));
  ck_assert(!rv_legal(SFENCE_VMA(3, 4), PRIV_U, 0));
  ck_assert(!rv_legal(0x30200073u, PRIV_S, 0)); /* mret */
  ck_assert(!rv_legal(0, PRIV_S, 0));
  ck_assert(!rv_legal(0xffffffffu, PRIV_S, 0));
  ck_assert(rv_legal(CSRRS(5, CSR_CYCLE, 0), PRIV_U, 1));
  ck_assert(!rv_legal(CSRRS(5, CSR_TIME, 0), PRIV_U, 1));
  ck_assert(!rv_legal(CSRRS(5, CSR_CYCLE, 1), PRIV_S, 7));
  ck_assert(!rv_legal(CSRRS(5, CSR_SSTATUS, 0), PRIV_U, 7));
  ck_assert(!rv_legal(CSRRS(5, 0x300, 0), PRIV_S, 7));
  ck_assert(rv_legal(enc_i(OPC_OP_IMM, 1, 5, 2, 0x41f), PRIV_S, 0));      /* srai 31 */
  ck_assert(!rv_legal(enc_i(OPC_OP_IMM, 1, 5, 2, 0x43f), PRIV_S, 0));     /* srai 63 */
  ck_assert(rv_legal(enc_r(OPC_AMO, 1, 2, 3, 0, 0x02 << 2), PRIV_U, 0));  /* lr.w */
  ck_assert(!rv_legal(enc_r(OPC_AMO, 1, 2, 3, 4, 0x02 << 2), PRIV_U, 0)); /* lr.w rs2 */
  ck_assert(!rv_legal(enc_r(OPC_AMO, 1, 3, 3, 4, 0), PRIV_U, 0));         /* amoadd.d */
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("fuzz");
  TCase *tc = tcase_create("random");
  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, test_oracle);
  tcase_add_test(tc, test_random_words);
  suite_add_tcase(s, tc);
  return s;
}
