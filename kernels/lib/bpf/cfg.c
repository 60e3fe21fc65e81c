/*
 * The control-flow pass, before any path is walked: every jump lands inside the program and
 * not in the middle of an lddw, the program cannot run off its end, and every instruction
 * can be reached. A depth-first search from instruction 0; it also marks where paths meet
 * (jump targets), the points at which the walk compares states.
 */
#include "verifier.h"

static int is_lddw(const struct bpf_insn *i) { return i->code == (BPF_LD | BPF_IMM | BPF_DW); }

/* The successors of instruction pc: returns how many (0 for an exit), into next[]. */
static int successors(const struct bpf_prog *p, uint32_t pc, int64_t next[2]) {
  const struct bpf_insn *i = &p->insns[pc];
  int cls = BPF_CLASS(i->code), op = BPF_OP(i->code);
  if (is_lddw(i)) {
    next[0] = pc + 2;
    return 1;
  }
  if (cls != BPF_JMP && cls != BPF_JMP32) {
    next[0] = pc + 1;
    return 1;
  }
  if (op == BPF_EXIT) return 0;
  if (op == BPF_CALL) {
    next[0] = pc + 1;
    return 1;
  }
  next[0] = (int64_t)pc + 1 + i->off;
  if (op == BPF_JA) return 1;
  next[1] = pc + 1;
  return 2;
}

static int fail(struct bpf_text *t, const char *what, int64_t a, int64_t b) {
  text_str(t, what);
  text_dec(t, a);
  if (b >= 0) {
    text_str(t, " to ");
    text_dec(t, b);
  }
  text_str(t, "\n");
  return -OSSIM_EACCES;
}

int cfg_check(const struct bpf_prog *p, uint8_t *flags, uint16_t *work, struct bpf_text *t) {
  memset(flags, 0, p->len);
  for (uint32_t pc = 0; pc < p->len; pc++) {
    if (!is_lddw(&p->insns[pc])) continue;
    const struct bpf_insn *hi = pc + 1 < p->len ? &p->insns[pc + 1] : NULL;
    if (!hi || hi->code || hi->regs || hi->off)
      return fail(t, "invalid bpf_ld_imm64 insn ", pc, -1);
    flags[++pc] = INSN_LDDW_HI;
  }
  uint32_t n = 0;
  work[n++] = 0;
  flags[0] |= INSN_SEEN;
  while (n) {
    uint32_t pc = work[--n];
    int64_t next[2];
    int k = successors(p, pc, next);
    int jumps = k == 2 || (k == 1 && BPF_CLASS(p->insns[pc].code) == BPF_JMP &&
                           BPF_OP(p->insns[pc].code) == BPF_JA);
    for (int j = 0; j < k; j++) {
      int falls = !jumps || j == 1; /* next[j] is the instruction after this one */
      if (falls && next[j] == (int64_t)p->len)
        return fail(t, "last insn is not an exit or jmp: it falls off the end after insn ", pc, -1);
      if (next[j] < 0 || next[j] >= (int64_t)p->len)
        return fail(t, "jump out of range from insn ", pc, next[j]);
      if (flags[next[j]] & INSN_LDDW_HI)
        return fail(t, "jump into the middle of ldimm64 insn, from insn ", pc, next[j]);
      if (jumps) flags[next[j]] |= INSN_PRUNE;
      if (!(flags[next[j]] & INSN_SEEN)) {
        flags[next[j]] |= INSN_SEEN;
        work[n++] = (uint16_t)next[j];
      }
    }
  }
  for (uint32_t pc = 0; pc < p->len; pc++)
    if (!(flags[pc] & (INSN_SEEN | INSN_LDDW_HI))) return fail(t, "unreachable insn ", pc, -1);
  return 0;
}
