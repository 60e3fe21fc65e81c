/*
 * test_bpf_fuzz: random instruction sequences through the verifier and the interpreter
 * (kernels/lib/bpf). Whatever the bytes, the host never crashes; a program the verifier
 * accepts never touches memory outside what it was given (the interpreter would stop it
 * with -OSSIM_EFAULT, and the canaries around the context and the maps would change) and
 * ends within the verifier's complexity limit. The seed is fixed: a failure replays.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_asm.h"
#include "runner.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define PROGRAMS 20000
#define MAXLEN 48
#define CANARY 0xa5
#define PAD 64

static uint64_t rng_state;
static uint64_t rnd(void) { /* xorshift64 */
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}
static int pick(int n) { return (int)(rnd() % (uint64_t)n); }

static const uint16_t all_helpers[] = {1, 2, 3, 5, 8, 14, 16, 130, 0};
static const struct bpf_hook hook = {"fuzz", 16, 8, 16, all_helpers, INT64_MIN, INT64_MAX};

/* Memory the programs are given, each region between canaries. */
struct arena {
  uint8_t before[PAD], ctx[16], after[PAD];
};
struct map_arena {
  uint8_t storage[8192], after[PAD];
};

static struct arena arena;
static struct map_arena map_mem[3];
static struct bpf_map maps[3];
static struct bpf_map *map_ptrs[3];

static void setup_maps(void) {
  static const struct bpf_map_def defs[3] = {{BPF_MAP_TYPE_ARRAY, 4, 16, 4, "arr"},
                                             {BPF_MAP_TYPE_HASH, 4, 8, 8, "hash"},
                                             {BPF_MAP_TYPE_RINGBUF, 0, 0, 256, "ring"}};
  for (int i = 0; i < 3; i++) {
    memset(&map_mem[i], CANARY, sizeof map_mem[i]);
    ck_assert_int_eq(
        bpf_map_init(&maps[i], &defs[i], 1, map_mem[i].storage, sizeof map_mem[i].storage), 0);
    map_ptrs[i] = &maps[i];
  }
  memset(&arena, CANARY, sizeof arena);
  memset(arena.ctx, 0, sizeof arena.ctx);
}

/* Whether every canary is intact. (Plain tests, not ck_assert: Check records each
 * assertion, which would cost more than the programs.) */
static int canaries_intact(void) {
  for (int i = 0; i < PAD; i++) {
    if (arena.before[i] != CANARY || arena.after[i] != CANARY) return 0;
    for (int m = 0; m < 3; m++)
      if (map_mem[m].after[i] != CANARY) return 0;
  }
  for (int m = 0; m < 3; m++)
    for (size_t b = maps[m].size; b < sizeof map_mem[m].storage; b++)
      if (map_mem[m].storage[b] != CANARY) return 0;
  return 1;
}

static int reg(void) { return pick(8) ? pick(11) : pick(16); }
static int32_t imm(void) {
  static const int32_t common[] = {0, 1, -1, 2, 4, 7, 8, 15, 16, 31, 32, 63, 64, -8, -16, 512};
  return pick(4) ? common[pick(N(common))] : (int32_t)rnd();
}
static int16_t mem_off(void) {
  return pick(4) ? (int16_t)(-8 * pick(66) + pick(3) * 4) : (int16_t)rnd();
}
static int size(void) { return pick(4) << 3; }

/* One instruction (or two, for an lddw) at p[i]; returns how many. */
static int random_insn(struct bpf_insn *p, int i, int len) {
  static const int alu_ops[] = {BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR,  BPF_AND,  BPF_LSH,
                                BPF_RSH, BPF_NEG, BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH, BPF_END};
  static const int jmp_ops[] = {BPF_JEQ,  BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT,
                                BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE};
  static const int atomics[] = {BPF_ADD,  BPF_OR,     BPF_AND, BPF_XOR, BPF_ADD | BPF_FETCH,
                                BPF_XCHG, BPF_CMPXCHG};
  int16_t jump = (int16_t)(pick(len + 1) - i - 1);
  switch (pick(12)) {
  case 0:
  case 1:
  case 2: {
    int op = alu_ops[pick(N(alu_ops))];
    int cls = pick(2) ? BPF_ALU64 : BPF_ALU;
    if (pick(2))
      p[i] = INSN(cls | BPF_X | op, reg(), reg(), 0, 0);
    else
      p[i] = INSN(cls | BPF_K | op, reg(), 0, 0, op == BPF_END ? 16 << pick(3) : imm());
    return 1;
  }
  case 3:
    p[i] = INSN(BPF_LDX | BPF_MEM | size(), reg(), pick(2) ? 10 : reg(), mem_off(), 0);
    return 1;
  case 4:
    p[i] = INSN(BPF_STX | BPF_MEM | size(), pick(2) ? 10 : reg(), reg(), mem_off(), 0);
    return 1;
  case 5:
    p[i] = INSN(BPF_ST | BPF_MEM | size(), pick(2) ? 10 : reg(), 0, mem_off(), imm());
    return 1;
  case 6:
    p[i] = INSN(BPF_STX | BPF_ATOMIC | (pick(2) ? BPF_DW : BPF_W), reg(), reg(), mem_off(),
                atomics[pick(N(atomics))]);
    return 1;
  case 7:
  case 8: {
    int cls = pick(2) ? BPF_JMP : BPF_JMP32, op = jmp_ops[pick(N(jmp_ops))];
    if (pick(2))
      p[i] = INSN(cls | BPF_X | op, reg(), reg(), jump, 0);
    else
      p[i] = INSN(cls | BPF_K | op, reg(), 0, jump, imm());
    return 1;
  }
  case 9:
    p[i] = pick(3) ? CALL(all_helpers[pick(N(all_helpers) - 1)]) : pick(2) ? JA(jump) : EXIT();
    return 1;
  case 10:
    if (i + 1 >= len) break;
    if (pick(2)) {
      struct bpf_insn two[] = {LD_MAP(reg(), pick(4))};
      memcpy(&p[i], two, sizeof two);
    } else {
      struct bpf_insn two[] = {LDDW(reg(), rnd())};
      memcpy(&p[i], two, sizeof two);
    }
    return 2;
  default: break;
  }
  /* Bytes, or one of the programs' usual openings. */
  if (pick(2)) {
    uint64_t r = rnd();
    memcpy(&p[i], &r, sizeof p[i]);
  } else {
    p[i] = pick(2) ? MOV64_IMM(0, imm()) : MOV64_REG(pick(10), pick(11));
  }
  return 1;
}

static struct bpf_verifier *verifier(void) {
  static struct bpf_verifier *v;
  if (!v) v = malloc(bpf_verifier_size());
  return v;
}

/* Verifies p and runs it; an accepted program must run to its exit without a fault. Returns
 * whether it was accepted. */
static int try_program(struct bpf_insn *p, uint32_t len) {
  struct bpf_prog prog = {"fuzz", &hook, p, len, map_ptrs, 3};
  static char log[8192];
  int accepted = bpf_verify(&prog, verifier(), log, sizeof log, 0, NULL) == 0;
  uint64_t r0, steps;
  uint64_t budget = accepted ? BPF_COMPLEXITY_LIMIT : 4096;
  int rc = bpf_run(&prog, arena.ctx, NULL, budget, &r0, &steps);
  int ok = accepted ? rc == 0 : rc == 0 || rc == -OSSIM_ETIME || rc == -OSSIM_EFAULT;
  if (!ok || steps > budget || !canaries_intact()) {
    char text[96];
    for (uint32_t k = 0; k < len; k++) {
      bpf_disasm(&p[k], text, sizeof text);
      fprintf(stderr, "%u: %s\n", k, text);
    }
    ck_abort_msg("%s program ended with %d after %llu steps (canaries %s):\n%s",
                 accepted ? "an accepted" : "a refused", rc, (unsigned long long)steps,
                 canaries_intact() ? "intact" : "changed", log);
  }
  return accepted;
}

START_TEST(random_programs) {
  rng_state = 0x2545f4914f6cdd1dull;
  setup_maps();
  int accepted = 0;
  for (int n = 0; n < PROGRAMS; n++) {
    struct bpf_insn p[MAXLEN + 2];
    int len = 1 + pick(MAXLEN), i = 0;
    /* Most programs first set a few registers: a read of an unset one ends a walk early. */
    for (int k = pick(2) ? pick(8) : 0; k > 0 && i < len; k--)
      p[i++] = pick(2) ? MOV64_IMM(pick(10), imm()) : MOV64_REG(pick(10), pick(2) ? 1 : 10);
    while (i < len)
      i += random_insn(p, i, len);
    if (pick(2)) { /* end the way programs end, so that more are accepted */
      p[i++] = MOV64_IMM(0, 0);
      p[i++] = EXIT();
    }
    accepted += try_program(p, (uint32_t)i);
  }
  /* The generator must reach past the first checks, or the test proves little. */
  ck_assert_int_gt(accepted, PROGRAMS / 100);
}
END_TEST

/* Small changes to accepted programs: what the verifier must refuse lies close to them. */
START_TEST(mutated_programs) {
  rng_state = 0x9e3779b97f4a7c15ull;
  setup_maps();
  struct bpf_insn base[] = {MOV64_REG(6, 1),
                            ST(BPF_W, 10, -4, 1),
                            LD_MAP(1, 0),
                            MOV64_REG(2, 10),
                            ALU64_IMM(BPF_ADD, 2, -4),
                            CALL(BPF_FUNC_map_lookup_elem),
                            JMP_IMM(BPF_JEQ, 0, 0, 9),
                            LDX(BPF_W, 1, 6, 0),
                            JMP_IMM(BPF_JGT, 1, 8, 7),
                            ALU64_REG(BPF_ADD, 0, 1),
                            LDX(BPF_DW, 3, 0, 0),
                            MOV64_IMM(4, 1),
                            ATOMIC(BPF_DW, 0, 4, 0, BPF_ADD),
                            STX(BPF_DW, 10, 3, -16),
                            MOV64_REG(0, 3),
                            EXIT(),
                            MOV64_IMM(0, 0),
                            EXIT()};
  struct bpf_prog prog = {"base", &hook, base, N(base), map_ptrs, 3};
  static char log[16384];
  ck_assert_msg(bpf_verify(&prog, verifier(), log, sizeof log, 0, NULL) == 0, "%s", log);
  int accepted = 0;
  for (int n = 0; n < PROGRAMS / 2; n++) {
    struct bpf_insn p[N(base)];
    memcpy(p, base, sizeof p);
    for (int k = 1 + pick(3); k > 0; k--) {
      struct bpf_insn *in = &p[pick(N(p))];
      switch (pick(4)) {
      case 0: in->off = (int16_t)(in->off + pick(17) - 8); break;
      case 1: in->imm = imm(); break;
      case 2: in->regs = (uint8_t)rnd(); break;
      default: in->code ^= (uint8_t)(1u << pick(8)); break;
      }
    }
    accepted += try_program(p, N(p));
  }
  ck_assert_int_gt(accepted, 0);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("bpf_fuzz");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 300);
  tcase_add_test(tc, random_programs);
  tcase_add_test(tc, mutated_programs);
  suite_add_tcase(s, tc);
  return s;
}
