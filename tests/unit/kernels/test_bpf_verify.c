/*
 * test_bpf_verify: the verifier (kernels/lib/bpf/verify.c) on a table of programs, each
 * accepted or refused with its reason: hand-written instructions for the corner cases, and
 * the programs of userland/bpf as clang built them (loaded by elf.c), which then also run.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpf_asm.h"
#include "runner.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define LOG_SIZE 65536

static const uint16_t all_helpers[] = {1, 2, 3, 5, 8, 14, 16, 130, 0};
static const struct bpf_hook hook16 = {"test", 16, 8, 16, all_helpers, INT64_MIN, INT64_MAX};

static struct bpf_verifier *verifier(void) {
  static struct bpf_verifier *v;
  if (!v) v = malloc(bpf_verifier_size());
  return v;
}

/* The maps the hand-written programs use: 0 an array of 2 values of 64 bytes, 1 a hash
 * (key 4, value 8), 2 a ring buffer. */
static struct bpf_map *test_maps(void) {
  static struct bpf_map maps[3];
  static struct bpf_map *ptrs[3];
  static const struct bpf_map_def defs[3] = {{BPF_MAP_TYPE_ARRAY, 4, 64, 2, "arr"},
                                             {BPF_MAP_TYPE_HASH, 4, 8, 16, "hash"},
                                             {BPF_MAP_TYPE_RINGBUF, 0, 0, 4096, "ring"}};
  if (!ptrs[0])
    for (int i = 0; i < 3; i++) {
      size_t size = bpf_map_storage_size(&defs[i], 1);
      ck_assert_int_eq(bpf_map_init(&maps[i], &defs[i], 1, calloc(1, size), size), 0);
      ptrs[i] = &maps[i];
    }
  return (struct bpf_map *)ptrs;
}

/* The end of a log, short enough for a failure message. */
static const char *tail(const char *log) {
  size_t n = strlen(log);
  return n > 3000 ? log + n - 3000 : log;
}

struct verdict {
  int rc;
  char log[LOG_SIZE];
};

static void verify(struct bpf_insn *insns, size_t n, const struct bpf_hook *hook,
                   struct verdict *out) {
  struct bpf_prog p = {"t", hook, insns, (uint32_t)n, (struct bpf_map **)test_maps(), 3};
  out->rc = bpf_verify(&p, verifier(), out->log, sizeof out->log, 0, NULL);
}

/* A program and what the verifier must say: NULL to accept it, or part of its reason. The
 * program ends at its last instruction that is not all zeros (none ends in one). */
#define MAX_CASE 140
struct verdict_case {
  const char *what;
  const char *reason;
  const struct bpf_hook *hook;
  struct bpf_insn insns[MAX_CASE];
};

#define CASE(what, reason, ...)                                                                    \
  {                                                                                                \
    what, reason, NULL, { __VA_ARGS__ }                                                            \
  }
#define FILTER_CASE(what, reason, ...)                                                             \
  {                                                                                                \
    what, reason, &bpf_hook_filter, { __VA_ARGS__ }                                                \
  }

/* r0 = lookup(array, key 0), with the key on the stack at fp-4 */
#define LOOKUP_ARRAY                                                                               \
  ST(BPF_W, 10, -4, 0), LD_MAP(1, 0), MOV64_REG(2, 10), ALU64_IMM(BPF_ADD, 2, -4),                 \
      CALL(BPF_FUNC_map_lookup_elem)
#define UNDECIDED_IF LDX(BPF_W, 2, 1, 0), JMP_IMM(BPF_JGT, 2, 5, 0)
#define UNDECIDED_IF8                                                                              \
  UNDECIDED_IF, UNDECIDED_IF, UNDECIDED_IF, UNDECIDED_IF, UNDECIDED_IF, UNDECIDED_IF,              \
      UNDECIDED_IF, UNDECIDED_IF

static const struct verdict_case cases[] = {
    CASE("the smallest program", NULL, MOV64_IMM(0, 0), EXIT()),
    CASE("a loop with a known bound", NULL, MOV64_IMM(1, 0), ALU64_IMM(BPF_ADD, 1, 1),
         JMP_IMM(BPF_JLT, 1, 10, -2), MOV64_IMM(0, 0), EXIT()),
    CASE("a pointer spilled and filled", NULL, STX(BPF_DW, 10, 1, -8), LDX(BPF_DW, 2, 10, -8),
         LDX(BPF_W, 0, 2, 4), EXIT()),
    CASE("a lookup checked against NULL", NULL, LOOKUP_ARRAY, JMP_IMM(BPF_JEQ, 0, 0, 2),
         LDX(BPF_DW, 0, 0, 56), EXIT(), MOV64_IMM(0, 0), EXIT()),
    CASE("an index masked with &", NULL, MOV64_REG(6, 1), LOOKUP_ARRAY, JMP_IMM(BPF_JEQ, 0, 0, 5),
         LDX(BPF_DW, 1, 6, 0), ALU64_IMM(BPF_AND, 1, 7), ALU64_IMM(BPF_LSH, 1, 3),
         ALU64_REG(BPF_ADD, 0, 1), LDX(BPF_DW, 0, 0, 0), EXIT()),
    CASE("an index bounded by a 32-bit compare", NULL, MOV64_REG(6, 1), LOOKUP_ARRAY,
         JMP_IMM(BPF_JEQ, 0, 0, 5), LDX(BPF_W, 1, 6, 0), JMP32_IMM(BPF_JGT, 1, 60, 3),
         ALU64_REG(BPF_ADD, 0, 1), LDX(BPF_W, 0, 0, 0), EXIT(), MOV64_IMM(0, 0), EXIT()),
    CASE("an atomic add to a map value", NULL, LOOKUP_ARRAY, JMP_IMM(BPF_JEQ, 0, 0, 2),
         MOV64_IMM(1, 1), ATOMIC(BPF_DW, 0, 1, 8, BPF_ADD), MOV64_IMM(0, 0), EXIT()),
    CASE("a record into the ring buffer", NULL, ST(BPF_DW, 10, -8, 7), LD_MAP(1, 2),
         MOV64_REG(2, 10), ALU64_IMM(BPF_ADD, 2, -8), MOV64_IMM(3, 8), MOV64_IMM(4, 0),
         CALL(BPF_FUNC_ringbuf_output), EXIT()),
    FILTER_CASE("a filter returning an errno", NULL, MOV64_IMM(0, 1), EXIT()),

    CASE("a jump past the end", "jump out of range from insn 0 to 6", JA(5), EXIT()),
    CASE("dead code", "unreachable insn 2", MOV64_IMM(0, 0), EXIT(), MOV64_IMM(0, 1), EXIT()),
    CASE("falling off the end", "last insn is not an exit or jmp", MOV64_IMM(0, 0)),
    CASE("a jump into an lddw", "jump into the middle of ldimm64", JA(1), LDDW(0, 1), EXIT()),
    CASE("a cut lddw", "invalid bpf_ld_imm64 insn 1", MOV64_IMM(0, 0),
         INSN(BPF_LD | BPF_IMM | BPF_DW, 0, 0, 0, 0)),
    CASE("an unwritten register", "R2 !read_ok", MOV64_REG(0, 2), EXIT()),
    CASE("no return value", "R0 !read_ok", EXIT()),
    CASE("a write to r10", "frame pointer is read only", MOV64_IMM(10, 0), EXIT()),
    CASE("a number used as a pointer", "R1 invalid mem access 'scalar'", MOV64_IMM(1, 0),
         LDX(BPF_DW, 0, 1, 0), EXIT()),
    CASE("past the context", "invalid bpf_context access off=12 size=8", LDX(BPF_DW, 0, 1, 12),
         EXIT()),
    CASE("a write to the read-only context", "(the context is read-only there)", ST(BPF_W, 1, 4, 0),
         MOV64_IMM(0, 0), EXIT()),
    CASE("an unwritten stack slot", "invalid read from stack R10 off -8+0 size 8",
         LDX(BPF_DW, 0, 10, -8), EXIT()),
    CASE("above r10", "invalid write to stack R10 off=0 size=8", ST(BPF_DW, 10, 0, 0),
         MOV64_IMM(0, 0), EXIT()),
    CASE("below the stack", "invalid write to stack R10 off=-520 size=8", ST(BPF_DW, 10, -520, 0),
         MOV64_IMM(0, 0), EXIT()),
    CASE("half a spilled pointer", "invalid size of register fill", STX(BPF_DW, 10, 1, -8),
         LDX(BPF_W, 0, 10, -8), EXIT()),
    CASE("a byte over a spilled pointer", "attempt to corrupt spilled pointer on stack",
         STX(BPF_DW, 10, 1, -8), ST(BPF_B, 10, -5, 0), MOV64_IMM(0, 0), EXIT()),
    CASE("a pointer returned", "R0 leaks addr as return value", MOV64_REG(0, 10), EXIT()),
    CASE("a pointer stored in a map", "R10 leaks addr into map", LOOKUP_ARRAY,
         JMP_IMM(BPF_JEQ, 0, 0, 1), STX(BPF_DW, 0, 10, 0), MOV64_IMM(0, 0), EXIT()),
    CASE("pointers compared", "R10 pointer comparison prohibited", MOV64_IMM(0, 0),
         JMP_REG(BPF_JGT, 0, 10, 0), EXIT()),
    CASE("a pointer multiplied", "R1 pointer arithmetic with this operator prohibited",
         ALU64_IMM(BPF_MUL, 1, 2), MOV64_IMM(0, 0), EXIT()),
    CASE("32-bit pointer arithmetic", "R1 32-bit pointer arithmetic prohibited",
         ALU32_IMM(BPF_ADD, 1, 2), MOV64_IMM(0, 0), EXIT()),
    CASE("half a pointer copied", "R1 partial copy of pointer", ALU32_REG(BPF_MOV, 0, 1), EXIT()),
    CASE("arithmetic before the NULL check",
         "R0 pointer arithmetic on map_value_or_null prohibited, null-check it first", LOOKUP_ARRAY,
         ALU64_IMM(BPF_ADD, 0, 8), MOV64_IMM(0, 0), EXIT()),
    CASE("no NULL check", "R0 invalid mem access 'map_value_or_null'", LOOKUP_ARRAY,
         LDX(BPF_DW, 0, 0, 0), EXIT()),
    CASE("a map read as memory", "R1 invalid mem access 'map_ptr'", LD_MAP(1, 0),
         LDX(BPF_DW, 0, 1, 0), EXIT()),
    CASE("an index that may be negative", "R0 min value is negative", MOV64_REG(6, 1), LOOKUP_ARRAY,
         JMP_IMM(BPF_JEQ, 0, 0, 4), LDX(BPF_DW, 1, 6, 0), JMP_IMM(BPF_JSGT, 1, 7, 2),
         ALU64_REG(BPF_ADD, 0, 1), LDX(BPF_B, 0, 0, 0), MOV64_IMM(0, 0), EXIT()),
    CASE("an index never checked", "R0 unbounded memory access", MOV64_REG(6, 1), LOOKUP_ARRAY,
         JMP_IMM(BPF_JEQ, 0, 0, 3), LDX(BPF_W, 1, 6, 0), ALU64_REG(BPF_ADD, 0, 1),
         LDX(BPF_B, 0, 0, 0), MOV64_IMM(0, 0), EXIT()),
    CASE("an index checked against the wrong bound",
         "invalid access to map value, value_size=64 off=64 size=1", MOV64_REG(6, 1), LOOKUP_ARRAY,
         JMP_IMM(BPF_JEQ, 0, 0, 4), LDX(BPF_W, 1, 6, 0), JMP_IMM(BPF_JGT, 1, 64, 2),
         ALU64_REG(BPF_ADD, 0, 1), LDX(BPF_B, 0, 0, 0), MOV64_IMM(0, 0), EXIT()),
    CASE("past the value", "invalid access to map value, value_size=64 off=60 size=8", LOOKUP_ARRAY,
         JMP_IMM(BPF_JEQ, 0, 0, 1), LDX(BPF_DW, 0, 0, 60), MOV64_IMM(0, 0), EXIT()),
    CASE("a loop back to the same state", "infinite loop detected at insn 0", LDX(BPF_W, 2, 1, 0),
         JMP_IMM(BPF_JNE, 2, 0, -2), MOV64_IMM(0, 0), EXIT()),
    CASE("a loop with no bound", "BPF program is too large", MOV64_IMM(2, 0),
         ALU64_IMM(BPF_ADD, 2, 1), JMP_IMM(BPF_JNE, 2, 0, -2), MOV64_IMM(0, 0), EXIT()),
    CASE("too many undecided jumps", "undecided jumps on one path is too complex", UNDECIDED_IF8,
         UNDECIDED_IF8, UNDECIDED_IF8, UNDECIDED_IF8, UNDECIDED_IF8, UNDECIDED_IF8, UNDECIDED_IF8,
         UNDECIDED_IF8, UNDECIDED_IF, MOV64_IMM(0, 0), EXIT()),
    CASE("an unknown helper", "invalid func unknown#4", CALL(4), EXIT()),
    FILTER_CASE("a helper the hook does not allow",
                "program of type filter cannot use helper bpf_ktime_get_ns#5",
                CALL(BPF_FUNC_ktime_get_ns), EXIT()),
    CASE("a number for a map", "R1 type=scalar expected=map_ptr", MOV64_IMM(1, 0), MOV64_REG(2, 10),
         CALL(BPF_FUNC_map_lookup_elem), MOV64_IMM(0, 0), EXIT()),
    CASE("an unwritten key", "invalid indirect read from stack R2 off -4+0 size 4", LD_MAP(1, 0),
         MOV64_REG(2, 10), ALU64_IMM(BPF_ADD, 2, -4), CALL(BPF_FUNC_map_lookup_elem),
         MOV64_IMM(0, 0), EXIT()),
    CASE("a lookup in a ring buffer", "cannot pass map_type 27 into func bpf_map_lookup_elem#1",
         ST(BPF_W, 10, -4, 0), LD_MAP(1, 2), MOV64_REG(2, 10), ALU64_IMM(BPF_ADD, 2, -4),
         CALL(BPF_FUNC_map_lookup_elem), MOV64_IMM(0, 0), EXIT()),
    CASE("a pointer as flags", "R4 type=fp expected=scalar", ST(BPF_DW, 10, -8, 7), LD_MAP(1, 2),
         MOV64_REG(2, 10), ALU64_IMM(BPF_ADD, 2, -8), MOV64_IMM(3, 8), MOV64_REG(4, 10),
         CALL(BPF_FUNC_ringbuf_output), EXIT()),
    CASE("a record of size 0", "R3 invalid zero-sized read", ST(BPF_DW, 10, -8, 7), LD_MAP(1, 2),
         MOV64_REG(2, 10), ALU64_IMM(BPF_ADD, 2, -8), MOV64_IMM(3, 0), MOV64_IMM(4, 0),
         CALL(BPF_FUNC_ringbuf_output), EXIT()),
    FILTER_CASE(
        "a filter returning out of range",
        "At program exit the register R0 has smin=5000 smax=5000 should have been in [0, 4095]",
        MOV64_IMM(0, 5000), EXIT()),
    CASE("division by a zero immediate", "division by zero", MOV64_IMM(0, 1),
         ALU64_IMM(BPF_DIV, 0, 0), EXIT()),
    CASE("a shift past the width", "invalid shift 32", MOV64_IMM(0, 1), ALU32_IMM(BPF_LSH, 0, 32),
         EXIT()),
    CASE("a sign-extending move (cpu v4)", "BPF_ALU uses reserved fields",
         INSN(BPF_ALU64 | BPF_X | BPF_MOV, 0, 1, 8, 0), EXIT()),
    CASE("a bpf-to-bpf call", "bpf-to-bpf calls are not supported",
         INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 1), EXIT()),
    CASE("a packet load", "BPF_LD_[ABS|IND] are not supported",
         INSN(BPF_LD | BPF_ABS | BPF_W, 0, 0, 0, 0), EXIT()),
    CASE("an unknown jump", "unknown opcode", MOV64_IMM(0, 0), INSN(BPF_JMP | 0xe0, 0, 0, 0, 0),
         EXIT()),
    CASE("register 11", "R11 is invalid", MOV64_IMM(11, 0), MOV64_IMM(0, 0), EXIT()),
    CASE("an atomic on the context", "R1 BPF_ATOMIC stores into ctx are not allowed",
         MOV64_IMM(2, 1), ATOMIC(BPF_W, 1, 2, 8, BPF_ADD), MOV64_IMM(0, 0), EXIT()),
    CASE("a variable stack pointer", "R3 variable fp pointer arithmetic prohibited",
         LDX(BPF_W, 2, 1, 0), MOV64_REG(3, 10), ALU64_REG(BPF_ADD, 3, 2), MOV64_IMM(0, 0), EXIT()),
    CASE("a scalar minus a pointer", "R0 tried to subtract pointer from scalar", MOV64_IMM(0, 0),
         ALU64_REG(BPF_SUB, 0, 1), EXIT()),
    CASE("two pointers added", "R1 pointer arithmetic with two pointers prohibited",
         ALU64_REG(BPF_ADD, 1, 10), MOV64_IMM(0, 0), EXIT()),
};

START_TEST(the_table) {
  static struct verdict out;
  const struct verdict_case *c = &cases[_i];
  struct bpf_insn insns[MAX_CASE];
  static const struct bpf_insn zero;
  size_t n = MAX_CASE;
  while (n && memcmp(&c->insns[n - 1], &zero, sizeof zero) == 0)
    n--;
  memcpy(insns, c->insns, sizeof insns);
  verify(insns, n, c->hook ? c->hook : &hook16, &out);
  if (!c->reason) {
    ck_assert_msg(out.rc == 0, "%s: refused:\n%s", c->what, tail(out.log));
  } else {
    ck_assert_msg(out.rc < 0, "%s: accepted:\n%s", c->what, tail(out.log));
    ck_assert_msg(strstr(out.log, c->reason), "%s: the log lacks \"%s\":\n%s", c->what, c->reason,
                  tail(out.log));
  }
}
END_TEST

/* ---- Programs as clang builds them (userland/bpf) ---- */

/* An object loaded, its maps made, and one of its programs ready to verify and run. */
struct loaded {
  struct bpf_object obj;
  struct bpf_insn insns[BPF_MAXINSNS];
  struct bpf_map maps[BPF_MAX_MAPS];
  struct bpf_map *map_ptrs[BPF_MAX_MAPS];
  struct bpf_prog prog;
};

static void *read_object(const char *name, size_t *size) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", OSSIM_BPF_OBJ_DIR, name);
  FILE *f = fopen(path, "rb");
  ck_assert_msg(f != NULL, "cannot open %s", path);
  static char image[1 << 20];
  *size = fread(image, 1, sizeof image, f);
  fclose(f);
  return image;
}

/* Loads file into *l (which the caller keeps: its program points into it). */
static struct loaded *load_into(struct loaded *l, const char *file, const char *prog) {
  char err[256];
  size_t size;
  void *image = read_object(file, &size);
  for (uint32_t i = 0; i < BPF_MAX_MAPS; i++) { /* what an earlier load left */
    free(l->maps[i].data);
    l->maps[i].data = NULL;
  }
  int rc = bpf_elf_load(image, size, &l->obj, l->insns, BPF_MAXINSNS, err, sizeof err);
  ck_assert_msg(rc == 0, "%s: %s", file, err);
  for (uint32_t i = 0; i < l->obj.nmaps; i++) {
    size_t need = bpf_map_storage_size(&l->obj.maps[i], 2);
    ck_assert_int_gt(need, 0);
    ck_assert_int_eq(bpf_map_init(&l->maps[i], &l->obj.maps[i], 2, calloc(1, need), need), 0);
    l->map_ptrs[i] = &l->maps[i];
  }
  for (uint32_t i = 0; i < l->obj.nprogs; i++) {
    const struct bpf_obj_prog *p = &l->obj.progs[i];
    if (strcmp(p->name, prog) != 0) continue;
    ck_assert_ptr_nonnull(p->hook);
    l->prog =
        (struct bpf_prog){"", p->hook, &l->insns[p->first], p->len, l->map_ptrs, l->obj.nmaps};
    return l;
  }
  ck_abort_msg("%s has no program %s", file, prog);
  return NULL;
}

static struct loaded *load(const char *file, const char *prog) {
  static struct loaded l;
  return load_into(&l, file, prog);
}

static const struct {
  const char *file, *prog, *reason;
} examples[] = {
    {"count_syscalls.o", "count_calls", NULL},
    {"read_latency.o", "read_enter", NULL},
    {"read_latency.o", "read_exit", NULL},
    {"deny_unlink.o", "deny_unlink", NULL},
    {"refuse_loop.o", "spin", "a loop the verifier cannot see the end of"},
    {"refuse_bounds.o", "count_nr", "invalid access to map value, value_size=128"},
    {"refuse_null.o", "no_check", "invalid mem access 'map_value_or_null'"},
    {"refuse_stack.o", "uninit", "invalid indirect read from stack R2 off -4+0 size 4"},
    {"refuse_leak.o", "leak", "leaks addr into map"},
    {"refuse_helper.o", "timed", "program of type filter cannot use helper bpf_ktime_get_ns#5"},
};

START_TEST(the_examples) {
  static struct verdict out;
  struct loaded *l = load(examples[_i].file, examples[_i].prog);
  out.rc = bpf_verify(&l->prog, verifier(), out.log, sizeof out.log, 0, NULL);
  if (!examples[_i].reason) {
    ck_assert_msg(out.rc == 0, "%s refused:\n%s", examples[_i].prog, tail(out.log));
  } else {
    ck_assert_msg(out.rc < 0, "%s accepted:\n%s", examples[_i].prog, tail(out.log));
    ck_assert_msg(strstr(out.log, examples[_i].reason), "%s: the log lacks \"%s\":\n%s",
                  examples[_i].prog, examples[_i].reason, tail(out.log));
  }
}
END_TEST

static uint64_t clock_ns;
static uint64_t tick(void *arg) {
  (void)arg;
  return clock_ns += 100;
}
static int comm_of(void *arg, char *buf, uint32_t size) {
  snprintf(buf, size, "%s", (const char *)arg);
  return 0;
}

static uint64_t run(struct loaded *l, void *ctx, const struct bpf_env *env) {
  uint64_t r0 = 0, steps;
  char log[4096];
  ck_assert_msg(bpf_verify(&l->prog, verifier(), log, sizeof log, 0, NULL) == 0, "%s", log);
  ck_assert_int_eq(bpf_run(&l->prog, ctx, env, 100000, &r0, &steps), 0);
  return r0;
}

START_TEST(the_examples_run) {
  struct bpf_env env = {NULL, 0, tick, NULL, NULL};
  /* Counting: three calls by pid 3, one by pid 4. */
  struct loaded *l = load("count_syscalls.o", "count_calls");
  struct bpf_syscall_ctx call = {16, 3, {0}};
  for (int i = 0; i < 3; i++)
    run(l, &call, &env);
  call.pid = 4;
  run(l, &call, &env);
  uint32_t pid = 3;
  ck_assert_uint_eq(*(uint64_t *)bpf_map_lookup(&l->maps[0], &pid, 0), 3);
  pid = 4;
  ck_assert_uint_eq(*(uint64_t *)bpf_map_lookup(&l->maps[0], &pid, 0), 1);
  /* Filtering: unlink by "rm" is refused with EPERM; by "sh", or another call by "rm", not. */
  l = load("deny_unlink.o", "deny_unlink");
  struct bpf_syscall_ctx unlink_call = {18, 5, {0}};
  env.comm = comm_of;
  env.arg = "rm";
  ck_assert_uint_eq(run(l, &unlink_call, &env), OSSIM_EPERM);
  unlink_call.nr = 15;
  ck_assert_uint_eq(run(l, &unlink_call, &env), 0);
  unlink_call.nr = 18;
  env.arg = "sh";
  ck_assert_uint_eq(run(l, &unlink_call, &env), 0);
}
END_TEST

START_TEST(the_histogram_counts_a_read) {
  struct bpf_env env = {NULL, 0, tick, NULL, NULL};
  static struct loaded enter, exit_;
  load_into(&enter, "read_latency.o", "read_enter");
  load_into(&exit_, "read_latency.o", "read_exit");
  /* Both programs of one object share its maps. */
  exit_.prog.maps = enter.map_ptrs;
  struct bpf_syscall_ctx in = {5, 9, {0}};
  struct bpf_syscall_exit_ctx out = {5, 9, 10};
  clock_ns = 0;
  run(&enter, &in, &env);  /* started at 100 */
  run(&exit_, &out, &env); /* ended at 200: 100 ns, slot 6 (64 <= 100 < 128) */
  for (uint32_t slot = 0; slot < 32; slot++) {
    uint64_t *n = bpf_map_lookup(&enter.maps[1], &slot, 0);
    ck_assert_uint_eq(*n, slot == 6);
  }
}
END_TEST

START_TEST(damaged_objects_are_refused) {
  size_t size;
  static char copy[1 << 20];
  static struct bpf_object obj;
  static struct bpf_insn insns[BPF_MAXINSNS];
  char err[256];
  const void *image = read_object("count_syscalls.o", &size);
  memcpy(copy, image, size);
  ck_assert_int_eq(bpf_elf_load(copy, size, &obj, insns, BPF_MAXINSNS, err, sizeof err), 0);
  ck_assert_uint_eq(obj.nmaps, 1);
  ck_assert_str_eq(obj.maps[0].name, "calls");
  ck_assert_uint_eq(obj.maps[0].type, BPF_MAP_TYPE_HASH);
  ck_assert_uint_eq(obj.maps[0].key_size, 4);
  ck_assert_uint_eq(obj.maps[0].value_size, 8);
  ck_assert_uint_eq(obj.maps[0].max_entries, 64);
  ck_assert_str_eq(obj.license, "GPL");
  /* Too little room, and every cut of the file. */
  ck_assert_int_eq(bpf_elf_load(copy, size, &obj, insns, 3, err, sizeof err), -OSSIM_E2BIG);
  for (size_t cut = 0; cut < size; cut += 7)
    ck_assert_int_lt(bpf_elf_load(copy, cut, &obj, insns, BPF_MAXINSNS, err, sizeof err), 0);
  /* Every byte of the headers flipped: refused or loaded, never a crash. */
  for (size_t at = 0; at < size; at += 3) {
    copy[at] ^= 0x5a;
    bpf_elf_load(copy, size, &obj, insns, BPF_MAXINSNS, err, sizeof err);
    copy[at] ^= 0x5a;
  }
  ck_assert_int_eq(bpf_elf_load("\177ELF", 4, &obj, insns, BPF_MAXINSNS, err, sizeof err),
                   -OSSIM_ENOEXEC);
  ck_assert_str_eq(err, "not an ELF file");
}
END_TEST

/* ---- The log ---- */

START_TEST(a_refusal_logs_the_path_and_the_state) {
  static struct verdict out;
  /* r1 == 0 exits well and is walked first; r1 != 0 reaches the lookup and is refused. */
  struct bpf_insn p[] = {
      MOV64_REG(6, 1), LDX(BPF_W, 1, 6, 0), JMP_IMM(BPF_JNE, 1, 0, 2), MOV64_IMM(0, 0),
      EXIT(),          LOOKUP_ARRAY,        LDX(BPF_DW, 0, 0, 0),      EXIT()};
  verify(p, N(p), &hook16, &out);
  ck_assert_int_eq(out.rc, -OSSIM_EACCES);
  ck_assert_msg(strstr(out.log, "0: (bf) r6 = r1 ; R6=ctx()\n"), "%s", out.log);
  ck_assert_msg(
      strstr(out.log, "from 2 to 5: R1=scalar(umin=1,umax=4294967295) R6=ctx() R10=fp0\n"), "%s",
      out.log);
  ck_assert_msg(strstr(out.log, "10: (85) call bpf_map_lookup_elem#1 ; "
                                "R0=map_value_or_null(map=arr,ks=4,vs=64,id=1)\n"),
                "%s", out.log);
  ck_assert_msg(strstr(out.log, "11: (79) r0 = *(u64 *)(r0 + 0)\nR0 invalid mem access "
                                "'map_value_or_null'"),
                "%s", out.log);
  ck_assert_msg(strstr(out.log, "state: R0=map_value_or_null"), "%s", out.log);
  ck_assert_msg(strstr(out.log, "fp-8=mmmm????"), "%s", out.log);
  /* The path that ended well is not in the log. */
  ck_assert_msg(!strstr(out.log, "3: (b7) r0 = 0"), "%s", out.log);
  /* A log too small for the path still ends with the reason. */
  char small[2100];
  struct bpf_insn loop[] = {MOV64_IMM(2, 0), ALU64_IMM(BPF_ADD, 2, 1), JMP_IMM(BPF_JNE, 2, 0, -2),
                            MOV64_IMM(0, 0), EXIT()};
  struct bpf_prog prog = {"t", &hook16, loop, N(loop), NULL, 0};
  ck_assert_int_eq(bpf_verify(&prog, verifier(), small, sizeof small, 0, NULL), -OSSIM_E2BIG);
  ck_assert_msg(strstr(small, "...BPF program is too large"), "%s", small);
  ck_assert_uint_lt(strlen(small), sizeof small);
}
END_TEST

START_TEST(an_acceptance_logs_the_counts) {
  static struct verdict out;
  struct bpf_insn p[] = {MOV64_IMM(1, 0), ALU64_IMM(BPF_ADD, 1, 1), JMP_IMM(BPF_JLT, 1, 10, -2),
                         MOV64_IMM(0, 0), EXIT()};
  struct bpf_prog prog = {"t", &hook16, p, N(p), NULL, 0};
  struct bpf_verify_stats st;
  ck_assert_int_eq(bpf_verify(&prog, verifier(), out.log, sizeof out.log, 1, &st), 0);
  /* One round per count: 1 + 10 * 2 + 2 instructions. */
  ck_assert_uint_eq(st.walked, 23);
  ck_assert_msg(strstr(out.log, "processed 23 insns"), "%s", out.log);
  /* Verbose: the whole state after every instruction. */
  ck_assert_msg(strstr(out.log, "1: (07) r1 += 1\n    R1=10 R10=fp0"), "%s", out.log);
  struct bpf_prog none = {"t", &hook16, p, 0, NULL, 0};
  ck_assert_int_eq(bpf_verify(&none, verifier(), out.log, sizeof out.log, 0, NULL), -OSSIM_EINVAL);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("bpf_verify");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 60);
  tcase_add_loop_test(tc, the_table, 0, N(cases));
  tcase_add_loop_test(tc, the_examples, 0, N(examples));
  tcase_add_test(tc, the_examples_run);
  tcase_add_test(tc, the_histogram_counts_a_read);
  tcase_add_test(tc, damaged_objects_are_refused);
  tcase_add_test(tc, a_refusal_logs_the_path_and_the_state);
  tcase_add_test(tc, an_acceptance_logs_the_counts);
  suite_add_tcase(s, tc);
  return s;
}
