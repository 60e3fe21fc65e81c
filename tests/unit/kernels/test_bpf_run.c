/*
 * test_bpf_run: the interpreter (kernels/lib/bpf/run.c) against the semantics of every
 * opcode as Linux defines them, and the maps (map.c). Programs are run without the
 * verifier: the interpreter checks memory and its budget by itself.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_asm.h"
#include "runner.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const uint16_t all_helpers[] = {1, 2, 3, 5, 8, 14, 16, 130, 0};
static const struct bpf_hook test_hook = {"test", 16, 8, 16, all_helpers, INT64_MIN, INT64_MAX};

/* Runs insns with a 16-byte context (the last 8 writable); returns r0, failing the test if
 * the run does not end in an exit. */
static uint64_t run_maps(struct bpf_insn *insns, size_t n, struct bpf_map **maps, uint32_t nmaps,
                         const struct bpf_env *env) {
  uint8_t ctx[16] = {1, 2, 3, 4, 5, 6, 7, 8};
  struct bpf_prog p = {"t", &test_hook, insns, (uint32_t)n, maps, nmaps};
  uint64_t r0 = 0xdead, steps;
  ck_assert_int_eq(bpf_run(&p, ctx, env, 10000, &r0, &steps), 0);
  return r0;
}
#define RUN(...)                                                                                   \
  ({                                                                                               \
    struct bpf_insn prog_[] = {__VA_ARGS__};                                                       \
    run_maps(prog_, N(prog_), NULL, 0, NULL);                                                      \
  })

START_TEST(alu64_arithmetic) {
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 7), ALU64_IMM(BPF_ADD, 0, -9), EXIT()), (uint64_t)-2);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 7), MOV64_IMM(1, 9), ALU64_REG(BPF_SUB, 0, 1), EXIT()),
                    (uint64_t)-2);
  ck_assert_uint_eq(RUN(LDDW(0, 0x100000000ull), ALU64_IMM(BPF_MUL, 0, 3), EXIT()), 0x300000000ull);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, -1), ALU64_IMM(BPF_DIV, 0, 2), EXIT()), UINT64_MAX / 2);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 17), ALU64_IMM(BPF_MOD, 0, 5), EXIT()), 2);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 0x0f), ALU64_IMM(BPF_OR, 0, 0xf0), EXIT()), 0xff);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 0x3c), ALU64_IMM(BPF_AND, 0, 0x0f), EXIT()), 0x0c);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 0x3c), ALU64_IMM(BPF_XOR, 0, 0xff), EXIT()), 0xc3);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 5), ALU64_IMM(BPF_NEG, 0, 0), EXIT()), (uint64_t)-5);
  /* An immediate is sign-extended to 64 bits. */
  ck_assert_uint_eq(RUN(MOV64_IMM(0, -1), EXIT()), UINT64_MAX);
  ck_assert_uint_eq(RUN(LDDW(0, 0x123456789abcdef0ull), EXIT()), 0x123456789abcdef0ull);
}
END_TEST

START_TEST(alu32_zero_extends) {
  ck_assert_uint_eq(RUN(MOV64_IMM(0, -1), ALU32_IMM(BPF_ADD, 0, 1), EXIT()), 0);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, -1), ALU32_IMM(BPF_MOV, 0, -1), EXIT()), 0xffffffffull);
  ck_assert_uint_eq(RUN(LDDW(1, 0xffffffff00000005ull), ALU32_REG(BPF_MOV, 0, 1), EXIT()), 5);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 3), ALU32_IMM(BPF_SUB, 0, 5), EXIT()), 0xfffffffeull);
  ck_assert_uint_eq(RUN(LDDW(0, 0x1ffffffffull), ALU32_IMM(BPF_MUL, 0, 2), EXIT()), 0xfffffffeull);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 5), ALU32_IMM(BPF_NEG, 0, 0), EXIT()), 0xfffffffbull);
  /* 32-bit division is unsigned on the low halves. */
  ck_assert_uint_eq(RUN(MOV64_IMM(0, -4), ALU32_IMM(BPF_DIV, 0, 2), EXIT()), 0x7ffffffeull);
}
END_TEST

START_TEST(division_by_zero) {
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 9), MOV64_IMM(1, 0), ALU64_REG(BPF_DIV, 0, 1), EXIT()), 0);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 9), MOV64_IMM(1, 0), ALU32_REG(BPF_DIV, 0, 1), EXIT()), 0);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 9), MOV64_IMM(1, 0), ALU64_REG(BPF_MOD, 0, 1), EXIT()), 9);
  /* ALU32: dst keeps its low half, zero-extended. */
  ck_assert_uint_eq(RUN(LDDW(0, 0x700000009ull), MOV64_IMM(1, 0), ALU32_REG(BPF_MOD, 0, 1), EXIT()),
                    9);
}
END_TEST

START_TEST(shifts_are_masked) {
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 1), MOV64_IMM(1, 65), ALU64_REG(BPF_LSH, 0, 1), EXIT()), 2);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 1), MOV64_IMM(1, 33), ALU32_REG(BPF_LSH, 0, 1), EXIT()), 2);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 8), MOV64_IMM(1, 67), ALU64_REG(BPF_RSH, 0, 1), EXIT()), 1);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, -16), ALU64_IMM(BPF_ARSH, 0, 2), EXIT()), (uint64_t)-4);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, -16), ALU64_IMM(BPF_RSH, 0, 60), EXIT()), 15);
  /* 32-bit arithmetic shift: the sign is bit 31, and the result is zero-extended. */
  ck_assert_uint_eq(RUN(MOV64_IMM(0, -16), ALU32_IMM(BPF_ARSH, 0, 2), EXIT()), 0xfffffffcull);
  ck_assert_uint_eq(
      RUN(LDDW(0, 0x80000000ull), MOV64_IMM(1, 35), ALU32_REG(BPF_ARSH, 0, 1), EXIT()),
      0xf0000000ull);
}
END_TEST

START_TEST(byte_swaps) {
  ck_assert_uint_eq(RUN(LDDW(0, 0x1122334455667788ull), ENDIAN(BPF_K, 0, 16), EXIT()), 0x7788);
  ck_assert_uint_eq(RUN(LDDW(0, 0x1122334455667788ull), ENDIAN(BPF_K, 0, 32), EXIT()), 0x55667788);
  ck_assert_uint_eq(RUN(LDDW(0, 0x1122334455667788ull), ENDIAN(BPF_K, 0, 64), EXIT()),
                    0x1122334455667788ull);
  ck_assert_uint_eq(RUN(LDDW(0, 0x1122334455667788ull), ENDIAN(BPF_X, 0, 16), EXIT()), 0x8877);
  ck_assert_uint_eq(RUN(LDDW(0, 0x1122334455667788ull), ENDIAN(BPF_X, 0, 32), EXIT()), 0x88776655);
  ck_assert_uint_eq(RUN(LDDW(0, 0x1122334455667788ull), ENDIAN(BPF_X, 0, 64), EXIT()),
                    0x8877665544332211ull);
}
END_TEST

/* r0 = 1 if "if r1 op r2" jumps, else 0. */
static uint64_t jumps(uint8_t cls, int op, uint64_t a, uint64_t b) {
  struct bpf_insn p[] = {LDDW(1, a),      LDDW(2, b),
                         MOV64_IMM(0, 1), INSN(cls | BPF_X | op, 1, 2, 1, 0),
                         MOV64_IMM(0, 0), EXIT()};
  return run_maps(p, N(p), NULL, 0, NULL);
}

START_TEST(compares_signed_and_unsigned) {
  uint64_t minus1 = UINT64_MAX;
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JGT, minus1, 1), 1);  /* unsigned: huge > 1 */
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JSGT, minus1, 1), 0); /* signed: -1 > 1 is false */
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JSLT, minus1, 1), 1);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JSGE, 1, 1), 1);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JSLE, minus1, minus1), 1);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JLT, 1, minus1), 1);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JLE, 2, 1), 0);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JGE, 2, 2), 1);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JEQ, 3, 3), 1);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JNE, 3, 3), 0);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JSET, 6, 2), 1);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JSET, 6, 1), 0);
  /* JMP32 compares the low halves only, signed at bit 31. */
  ck_assert_uint_eq(jumps(BPF_JMP32, BPF_JEQ, 0x100000005ull, 5), 1);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JEQ, 0x100000005ull, 5), 0);
  ck_assert_uint_eq(jumps(BPF_JMP32, BPF_JSLT, 0x80000000ull, 0), 1);
  ck_assert_uint_eq(jumps(BPF_JMP, BPF_JSLT, 0x80000000ull, 0), 0);
  ck_assert_uint_eq(jumps(BPF_JMP32, BPF_JGT, 0xffffffffull, 0x1fffffffeull), 1);
  /* The immediate form, sign-extended. */
  ck_assert_uint_eq(
      RUN(MOV64_IMM(1, -1), MOV64_IMM(0, 1), JMP_IMM(BPF_JEQ, 1, -1, 1), MOV64_IMM(0, 0), EXIT()),
      1);
  ck_assert_uint_eq(RUN(MOV64_IMM(0, 1), JA(1), MOV64_IMM(0, 2), EXIT()), 1);
}
END_TEST

START_TEST(loads_and_stores_of_every_size) {
  ck_assert_uint_eq(
      RUN(LDDW(1, 0x1122334455667788ull), STX(BPF_DW, 10, 1, -8), LDX(BPF_W, 0, 10, -8), EXIT()),
      0x55667788);
  ck_assert_uint_eq(
      RUN(LDDW(1, 0x1122334455667788ull), STX(BPF_DW, 10, 1, -8), LDX(BPF_H, 0, 10, -2), EXIT()),
      0x1122);
  ck_assert_uint_eq(
      RUN(LDDW(1, 0x1122334455667788ull), STX(BPF_DW, 10, 1, -8), LDX(BPF_B, 0, 10, -7), EXIT()),
      0x77);
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, -2), LDX(BPF_DW, 0, 10, -8), EXIT()), (uint64_t)-2);
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, 0), ST(BPF_B, 10, -8, 0x1ab), ST(BPF_H, 10, -6, 0x1234),
                        LDX(BPF_DW, 0, 10, -8), EXIT()),
                    0x123400abull);
  /* The context: r1 points at it. */
  ck_assert_uint_eq(RUN(LDX(BPF_W, 0, 1, 4), EXIT()), 0x08070605);
  ck_assert_uint_eq(RUN(ST(BPF_W, 1, 8, 42), LDX(BPF_W, 0, 1, 8), EXIT()), 42);
}
END_TEST

START_TEST(atomics) {
  /* Each starts with 10 at fp-8 and r1 = 3, and returns the word, then r1 (old value). */
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, 10), MOV64_IMM(1, 3), ATOMIC(BPF_DW, 10, 1, -8, BPF_ADD),
                        LDX(BPF_DW, 0, 10, -8), EXIT()),
                    13);
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, 10), MOV64_IMM(1, 3),
                        ATOMIC(BPF_DW, 10, 1, -8, BPF_ADD | BPF_FETCH), MOV64_REG(0, 1), EXIT()),
                    10);
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, 10), MOV64_IMM(1, 3), ATOMIC(BPF_DW, 10, 1, -8, BPF_OR),
                        LDX(BPF_DW, 0, 10, -8), EXIT()),
                    11);
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, 10), MOV64_IMM(1, 3), ATOMIC(BPF_DW, 10, 1, -8, BPF_AND),
                        LDX(BPF_DW, 0, 10, -8), EXIT()),
                    2);
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, 10), MOV64_IMM(1, 3),
                        ATOMIC(BPF_DW, 10, 1, -8, BPF_XOR | BPF_FETCH), LDX(BPF_DW, 0, 10, -8),
                        ALU64_REG(BPF_MUL, 0, 1), EXIT()),
                    9 * 10);
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, 10), MOV64_IMM(1, 3),
                        ATOMIC(BPF_DW, 10, 1, -8, BPF_XCHG), LDX(BPF_DW, 0, 10, -8),
                        ALU64_IMM(BPF_MUL, 0, 100), ALU64_REG(BPF_ADD, 0, 1), EXIT()),
                    310);
  /* cmpxchg: stores r1 when the word equals r0; r0 gets the old word either way. */
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, 10), MOV64_IMM(1, 3), MOV64_IMM(0, 10),
                        ATOMIC(BPF_DW, 10, 1, -8, BPF_CMPXCHG), LDX(BPF_DW, 2, 10, -8),
                        ALU64_IMM(BPF_MUL, 0, 100), ALU64_REG(BPF_ADD, 0, 2), EXIT()),
                    1003);
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, 10), MOV64_IMM(1, 3), MOV64_IMM(0, 9),
                        ATOMIC(BPF_DW, 10, 1, -8, BPF_CMPXCHG), LDX(BPF_DW, 2, 10, -8),
                        ALU64_IMM(BPF_MUL, 0, 100), ALU64_REG(BPF_ADD, 0, 2), EXIT()),
                    1010);
  /* 32-bit: the word only, and the fetched value zero-extended. */
  ck_assert_uint_eq(RUN(ST(BPF_DW, 10, -8, -1), MOV64_IMM(1, 1),
                        ATOMIC(BPF_W, 10, 1, -8, BPF_ADD | BPF_FETCH), LDX(BPF_DW, 0, 10, -8),
                        ALU64_REG(BPF_ADD, 0, 1), EXIT()),
                    0xffffffff00000000ull + 0xffffffffull);
}
END_TEST

START_TEST(memory_outside_what_was_given_is_refused) {
  uint8_t ctx[16] = {0};
  uint64_t r0, steps;
  struct bpf_insn past_ctx[] = {LDX(BPF_W, 0, 1, 16), EXIT()};
  struct bpf_insn below_stack[] = {LDX(BPF_B, 0, 10, -513), EXIT()};
  struct bpf_insn at_r10[] = {ST(BPF_B, 10, 0, 1), MOV64_IMM(0, 0), EXIT()};
  struct bpf_insn wild[] = {LDDW(1, 0x1000), LDX(BPF_DW, 0, 1, 0), EXIT()};
  struct bpf_insn ctx_readonly[] = {ST(BPF_W, 1, 4, 1), MOV64_IMM(0, 0), EXIT()};
  struct bpf_insn off_the_end[] = {MOV64_IMM(0, 0)};
  struct bpf_insn bad_helper[] = {CALL(4), EXIT()};
  struct bpf_insn *progs[] = {past_ctx,     below_stack, at_r10,    wild,
                              ctx_readonly, off_the_end, bad_helper};
  uint32_t lens[] = {N(past_ctx),     N(below_stack), N(at_r10),    N(wild),
                     N(ctx_readonly), N(off_the_end), N(bad_helper)};
  for (size_t i = 0; i < N(progs); i++) {
    struct bpf_prog p = {"t", &test_hook, progs[i], lens[i], NULL, 0};
    ck_assert_int_eq(bpf_run(&p, ctx, NULL, 100, &r0, &steps), -OSSIM_EFAULT);
  }
}
END_TEST

START_TEST(budget_stops_a_loop) {
  struct bpf_insn loop[] = {MOV64_IMM(0, 0), ALU64_IMM(BPF_ADD, 0, 1), JA(-2), EXIT()};
  struct bpf_prog p = {"t", &test_hook, loop, N(loop), NULL, 0};
  uint64_t r0 = 0, steps = 0;
  ck_assert_int_eq(bpf_run(&p, NULL, NULL, 1000, &r0, &steps), -OSSIM_ETIME);
  ck_assert_uint_eq(steps, 1000);
}
END_TEST

static uint64_t fake_time(void *arg) { return *(uint64_t *)arg += 100; }
static uint64_t fake_pid(void *arg) {
  (void)arg;
  return 7ull << 32 | 7;
}
static int fake_comm(void *arg, char *buf, uint32_t size) {
  (void)arg;
  strncpy(buf, "sh", size);
  return 0;
}

START_TEST(helpers_reach_maps_and_the_kernel) {
  struct bpf_map_def def = {BPF_MAP_TYPE_HASH, 4, 8, 8, "h"};
  struct bpf_map m;
  static uint8_t storage[4096];
  ck_assert_int_eq(bpf_map_init(&m, &def, 1, storage, sizeof storage), 0);
  struct bpf_map *maps[] = {&m};
  uint64_t clock = 0;
  struct bpf_env env = {&clock, 2, fake_time, fake_pid, fake_comm};
  /* key 5 = ktime() + hart; then r0 = value found + comm's first byte */
  struct bpf_insn p[] = {ST(BPF_W, 10, -4, 5),
                         CALL(BPF_FUNC_ktime_get_ns),
                         MOV64_REG(6, 0),
                         CALL(BPF_FUNC_get_smp_processor_id),
                         ALU64_REG(BPF_ADD, 6, 0),
                         STX(BPF_DW, 10, 6, -16),
                         LD_MAP(1, 0),
                         MOV64_REG(2, 10),
                         ALU64_IMM(BPF_ADD, 2, -4),
                         MOV64_REG(3, 10),
                         ALU64_IMM(BPF_ADD, 3, -16),
                         MOV64_IMM(4, BPF_NOEXIST),
                         CALL(BPF_FUNC_map_update_elem),
                         LD_MAP(1, 0),
                         MOV64_REG(2, 10),
                         ALU64_IMM(BPF_ADD, 2, -4),
                         CALL(BPF_FUNC_map_lookup_elem),
                         JMP_IMM(BPF_JEQ, 0, 0, 7),
                         LDX(BPF_DW, 6, 0, 0),
                         MOV64_REG(1, 10),
                         ALU64_IMM(BPF_ADD, 1, -32),
                         MOV64_IMM(2, 16),
                         CALL(BPF_FUNC_get_current_comm),
                         LDX(BPF_B, 0, 10, -32),
                         ALU64_REG(BPF_ADD, 0, 6),
                         EXIT()};
  ck_assert_uint_eq(run_maps(p, N(p), maps, 1, &env), 100 + 2 + 's');
  uint32_t key = 5;
  ck_assert_uint_eq(*(uint64_t *)bpf_map_lookup(&m, &key, 0), 102);
  struct bpf_insn pid[] = {CALL(BPF_FUNC_get_current_pid_tgid), EXIT()};
  ck_assert_uint_eq(run_maps(pid, N(pid), NULL, 0, &env), 7ull << 32 | 7);
}
END_TEST

static void make_map(struct bpf_map *m, uint32_t type, uint32_t ks, uint32_t vs, uint32_t n,
                     uint32_t nharts) {
  struct bpf_map_def def = {type, ks, vs, n, "m"};
  size_t size = bpf_map_storage_size(&def, nharts);
  ck_assert_uint_gt(size, 0);
  ck_assert_int_eq(bpf_map_init(m, &def, nharts, calloc(1, size), size), 0);
}

START_TEST(array_maps) {
  struct bpf_map m;
  make_map(&m, BPF_MAP_TYPE_ARRAY, 4, 8, 4, 1);
  uint32_t k = 3, next;
  uint64_t v = 9;
  ck_assert_int_eq(bpf_map_update(&m, &k, &v, BPF_ANY, 0), 0);
  ck_assert_uint_eq(*(uint64_t *)bpf_map_lookup(&m, &k, 0), 9);
  ck_assert_int_eq(bpf_map_update(&m, &k, &v, BPF_NOEXIST, 0), -OSSIM_EEXIST);
  ck_assert_int_eq(bpf_map_delete(&m, &k), -OSSIM_EINVAL);
  k = 4;
  ck_assert_ptr_null(bpf_map_lookup(&m, &k, 0));
  ck_assert_int_eq(bpf_map_update(&m, &k, &v, BPF_ANY, 0), -OSSIM_E2BIG);
  ck_assert_int_eq(bpf_map_next_key(&m, NULL, &next), 0);
  ck_assert_uint_eq(next, 0);
  k = 3;
  ck_assert_int_eq(bpf_map_next_key(&m, &k, &next), -OSSIM_ENOENT);
  free(m.data);
  /* A per-hart array: each hart its own copy. */
  make_map(&m, BPF_MAP_TYPE_PERCPU_ARRAY, 4, 4, 2, 3);
  k = 1;
  uint32_t a = 10, b = 20;
  ck_assert_int_eq(bpf_map_update(&m, &k, &a, BPF_ANY, 0), 0);
  ck_assert_int_eq(bpf_map_update(&m, &k, &b, BPF_ANY, 2), 0);
  ck_assert_uint_eq(*(uint32_t *)bpf_map_lookup(&m, &k, 0), 10);
  ck_assert_uint_eq(*(uint32_t *)bpf_map_lookup(&m, &k, 1), 0);
  ck_assert_uint_eq(*(uint32_t *)bpf_map_lookup(&m, &k, 2), 20);
  ck_assert_ptr_null(bpf_map_lookup(&m, &k, 3));
  free(m.data);
}
END_TEST

START_TEST(hash_maps) {
  struct bpf_map m;
  make_map(&m, BPF_MAP_TYPE_HASH, 8, 4, 4, 1);
  uint64_t k;
  uint32_t v;
  for (k = 0; k < 4; k++) {
    v = (uint32_t)k * 10;
    ck_assert_int_eq(bpf_map_update(&m, &k, &v, BPF_NOEXIST, 0), 0);
  }
  ck_assert_int_eq(bpf_map_update(&m, &k, &v, BPF_ANY, 0), -OSSIM_E2BIG);
  ck_assert_int_eq(bpf_map_update(&m, &k, &v, BPF_EXIST, 0), -OSSIM_ENOENT);
  k = 2;
  ck_assert_int_eq(bpf_map_update(&m, &k, &v, BPF_NOEXIST, 0), -OSSIM_EEXIST);
  ck_assert_int_eq(bpf_map_update(&m, &k, &v, 7, 0), -OSSIM_EINVAL);
  ck_assert_int_eq(bpf_map_delete(&m, &k), 0);
  ck_assert_int_eq(bpf_map_delete(&m, &k), -OSSIM_ENOENT);
  ck_assert_ptr_null(bpf_map_lookup(&m, &k, 0));
  /* The others are still found past the tombstone, and the walk visits each once. */
  int seen = 0;
  uint64_t cur, next;
  for (int rc = bpf_map_next_key(&m, NULL, &next); rc == 0;
       rc = bpf_map_next_key(&m, &cur, &next)) {
    cur = next;
    ck_assert_uint_eq(*(uint32_t *)bpf_map_lookup(&m, &cur, 0), cur * 10);
    seen |= 1 << cur;
  }
  ck_assert_int_eq(seen, 0xb);
  v = 5;
  ck_assert_int_eq(bpf_map_update(&m, &k, &v, BPF_ANY, 0), 0);
  ck_assert_uint_eq(m.count, 4);
  free(m.data);
}
END_TEST

START_TEST(ring_buffers) {
  struct bpf_map m;
  make_map(&m, BPF_MAP_TYPE_RINGBUF, 0, 0, 64, 1);
  char buf[16];
  ck_assert_int_eq(bpf_ringbuf_read(&m, buf, sizeof buf), -OSSIM_EAGAIN);
  ck_assert_int_eq(bpf_ringbuf_output(&m, "hello", 5), 0);         /* 16 bytes */
  ck_assert_int_eq(bpf_ringbuf_output(&m, "0123456789ab", 12), 0); /* 24 */
  ck_assert_int_eq(bpf_ringbuf_output(&m, "0123456789ab", 12), 0); /* 24: full */
  ck_assert_int_eq(bpf_ringbuf_output(&m, "x", 1), -OSSIM_EAGAIN);
  ck_assert_uint_eq(m.lost, 1);
  ck_assert_int_eq(bpf_ringbuf_read(&m, buf, 4), -OSSIM_ENOSPC);
  ck_assert_int_eq(bpf_ringbuf_read(&m, buf, sizeof buf), 5);
  ck_assert_int_eq(memcmp(buf, "hello", 5), 0);
  /* Room again; the next record wraps round the end. */
  ck_assert_int_eq(bpf_ringbuf_output(&m, "wrapped!", 8), 0);
  ck_assert_int_eq(bpf_ringbuf_read(&m, buf, sizeof buf), 12);
  ck_assert_int_eq(bpf_ringbuf_read(&m, buf, sizeof buf), 12);
  ck_assert_int_eq(bpf_ringbuf_read(&m, buf, sizeof buf), 8);
  ck_assert_int_eq(memcmp(buf, "wrapped!", 8), 0);
  ck_assert_int_eq(bpf_ringbuf_output(&m, buf, 17), -OSSIM_EINVAL);
  free(m.data);
}
END_TEST

START_TEST(map_definitions_are_checked) {
  struct bpf_map_def bad[] = {
      {BPF_MAP_TYPE_ARRAY, 8, 8, 4, ""},      {BPF_MAP_TYPE_ARRAY, 4, 0, 4, ""},
      {BPF_MAP_TYPE_HASH, 4, 8, 0, ""},       {BPF_MAP_TYPE_RINGBUF, 0, 0, 100, ""},
      {BPF_MAP_TYPE_RINGBUF, 0, 0, 32, ""},   {99, 4, 4, 4, ""},
      {BPF_MAP_TYPE_HASH, 4, 8, 1u << 20, ""}};
  for (size_t i = 0; i < N(bad); i++)
    ck_assert_uint_eq(bpf_map_storage_size(&bad[i], 1), 0);
  struct bpf_map m;
  uint8_t small[8];
  struct bpf_map_def ok = {BPF_MAP_TYPE_ARRAY, 4, 8, 4, ""};
  ck_assert_int_eq(bpf_map_init(&m, &ok, 1, small, sizeof small), -OSSIM_ENOMEM);
  ck_assert_int_eq(bpf_map_init(&m, &bad[0], 1, small, sizeof small), -OSSIM_EINVAL);
}
END_TEST

START_TEST(disassembly_reads_like_llvm_objdump) {
  struct {
    struct bpf_insn insn[2];
    const char *text;
  } cases[] = {
      {{LDX(BPF_W, 1, 1, 0)}, "r1 = *(u32 *)(r1 + 0)"},
      {{STX(BPF_W, 10, 1, -4)}, "*(u32 *)(r10 - 4) = r1"},
      {{ALU64_IMM(BPF_ADD, 2, -4)}, "r2 += -4"},
      {{ALU32_REG(BPF_ARSH, 3, 4)}, "w3 s>>= w4"},
      {{JMP_IMM(BPF_JEQ, 0, 0, 2)}, "if r0 == 0 goto +2"},
      {{JMP32_REG(BPF_JSLT, 1, 2, -3)}, "if w1 s< w2 goto -3"},
      {{CALL(1)}, "call bpf_map_lookup_elem#1"},
      {{ATOMIC(BPF_DW, 0, 1, 0, BPF_ADD)}, "lock *(u64 *)(r0 + 0) += r1"},
      {{LD_MAP(1, 0)}, "r1 = map[0] ll"},
      {{EXIT()}, "exit"},
  };
  char buf[96];
  for (size_t i = 0; i < N(cases); i++) {
    bpf_disasm(cases[i].insn, buf, sizeof buf);
    ck_assert_str_eq(buf, cases[i].text);
  }
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("bpf_run");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, alu64_arithmetic);
  tcase_add_test(tc, alu32_zero_extends);
  tcase_add_test(tc, division_by_zero);
  tcase_add_test(tc, shifts_are_masked);
  tcase_add_test(tc, byte_swaps);
  tcase_add_test(tc, compares_signed_and_unsigned);
  tcase_add_test(tc, loads_and_stores_of_every_size);
  tcase_add_test(tc, atomics);
  tcase_add_test(tc, memory_outside_what_was_given_is_refused);
  tcase_add_test(tc, budget_stops_a_loop);
  tcase_add_test(tc, helpers_reach_maps_and_the_kernel);
  tcase_add_test(tc, array_maps);
  tcase_add_test(tc, hash_maps);
  tcase_add_test(tc, ring_buffers);
  tcase_add_test(tc, map_definitions_are_checked);
  tcase_add_test(tc, disassembly_reads_like_llvm_objdump);
  suite_add_tcase(s, tc);
  return s;
}
