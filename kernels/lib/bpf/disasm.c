/* One instruction as text, in llvm-objdump's syntax, for the verifier's log. */
#include "bpf_impl.h"

static const char *const alu_ops[16] = {"+=", "-=", "*=", "/=", "|=",   "&=", "<<=", ">>=",
                                        NULL, "%=", "^=", "=",  "s>>=", NULL, NULL,  NULL};
static const char *const jmp_ops[16] = {
    NULL, "==", ">", ">=", "&", "!=", "s>", "s>=", NULL, NULL, "<", "<=", "s<", "s<=", NULL, NULL};
static const char *const sizes[4] = {"u32", "u16", "u8", "u64"};

static void reg(struct bpf_text *t, char prefix, int r) {
  char name[4] = {prefix, (char)('0' + r % 10), 0, 0};
  if (r >= 10) {
    name[1] = (char)('0' + r / 10);
    name[2] = (char)('0' + r % 10);
  }
  text_str(t, name);
}

/* "*(u32 *)(r1 + 4)" */
static void mem(struct bpf_text *t, const struct bpf_insn *i, int base) {
  text_str(t, "*(");
  text_str(t, sizes[BPF_SIZE(i->code) >> 3]);
  text_str(t, " *)(");
  reg(t, 'r', base);
  text_str(t, i->off < 0 ? " - " : " + ");
  text_udec(t, i->off < 0 ? (uint64_t)(-(int32_t)i->off) : (uint64_t)i->off);
  text_str(t, ")");
}

static void alu(struct bpf_text *t, const struct bpf_insn *i) {
  char p = BPF_CLASS(i->code) == BPF_ALU64 ? 'r' : 'w';
  int op = BPF_OP(i->code);
  if (op == BPF_NEG) {
    reg(t, p, BPF_DST(i));
    text_str(t, " = -");
    reg(t, p, BPF_DST(i));
  } else if (op == BPF_END) {
    reg(t, 'r', BPF_DST(i));
    text_str(t, BPF_SRCBIT(i->code) ? " = be" : " = le");
    text_dec(t, i->imm);
    text_str(t, " ");
    reg(t, 'r', BPF_DST(i));
  } else if (alu_ops[op >> 4]) {
    reg(t, p, BPF_DST(i));
    text_str(t, " ");
    text_str(t, alu_ops[op >> 4]);
    text_str(t, " ");
    if (BPF_SRCBIT(i->code))
      reg(t, p, BPF_SRC(i));
    else
      text_dec(t, i->imm);
  } else {
    text_str(t, "invalid alu");
  }
}

static void jmp(struct bpf_text *t, const struct bpf_insn *i) {
  int op = BPF_OP(i->code);
  if (op == BPF_EXIT) {
    text_str(t, "exit");
  } else if (op == BPF_CALL) {
    const char *name = bpf_helper_name(i->imm);
    text_str(t, "call ");
    if (BPF_SRC(i) == BPF_PSEUDO_CALL)
      text_str(t, "pc");
    else if (name)
      text_str(t, name);
    else
      text_str(t, "unknown");
    text_str(t, "#");
    text_dec(t, i->imm);
  } else if (op == BPF_JA) {
    text_str(t, "goto ");
    text_str(t, i->off >= 0 ? "+" : "");
    text_dec(t, i->off);
  } else if (jmp_ops[op >> 4]) {
    char p = BPF_CLASS(i->code) == BPF_JMP ? 'r' : 'w';
    text_str(t, "if ");
    reg(t, p, BPF_DST(i));
    text_str(t, " ");
    text_str(t, jmp_ops[op >> 4]);
    text_str(t, " ");
    if (BPF_SRCBIT(i->code))
      reg(t, p, BPF_SRC(i));
    else
      text_dec(t, i->imm);
    text_str(t, " goto ");
    text_str(t, i->off >= 0 ? "+" : "");
    text_dec(t, i->off);
  } else {
    text_str(t, "invalid jump");
  }
}

static void atomic(struct bpf_text *t, const struct bpf_insn *i) {
  static const char *const names[16] = {"add", NULL, NULL, NULL, "or", "and",
                                        NULL,  NULL, NULL, NULL, "xor"};
  int fetch = i->imm & BPF_FETCH, op = i->imm & ~BPF_FETCH;
  if (i->imm == BPF_XCHG || i->imm == BPF_CMPXCHG) {
    reg(t, 'r', i->imm == BPF_XCHG ? BPF_SRC(i) : 0);
    text_str(t, i->imm == BPF_XCHG ? " = xchg(" : " = cmpxchg(");
    mem(t, i, BPF_DST(i));
    text_str(t, ", ");
    if (i->imm == BPF_CMPXCHG) text_str(t, "r0, ");
    reg(t, 'r', BPF_SRC(i));
    text_str(t, ")");
  } else if (op >= 0 && op < 256 && names[op >> 4] && !(op & 15)) {
    if (fetch) {
      reg(t, 'r', BPF_SRC(i));
      text_str(t, " = atomic_fetch_");
      text_str(t, names[op >> 4]);
      text_str(t, "(");
      mem(t, i, BPF_DST(i));
      text_str(t, ", ");
    } else {
      text_str(t, "lock ");
      mem(t, i, BPF_DST(i));
      text_str(t, " ");
      text_str(t, alu_ops[op >> 4]);
      text_str(t, " ");
    }
    reg(t, 'r', BPF_SRC(i));
    if (fetch) text_str(t, ")");
  } else {
    text_str(t, "invalid atomic");
  }
}

void bpf_disasm(const struct bpf_insn *i, char *buf, size_t size) {
  struct bpf_text t;
  text_init(&t, buf, size);
  switch (BPF_CLASS(i->code)) {
  case BPF_ALU:
  case BPF_ALU64: alu(&t, i); break;
  case BPF_JMP:
  case BPF_JMP32: jmp(&t, i); break;
  case BPF_LDX:
    reg(&t, 'r', BPF_DST(i));
    text_str(&t, " = ");
    mem(&t, i, BPF_SRC(i));
    break;
  case BPF_ST:
  case BPF_STX:
    if (BPF_MODE(i->code) == BPF_ATOMIC) {
      atomic(&t, i);
      break;
    }
    mem(&t, i, BPF_DST(i));
    text_str(&t, " = ");
    if (BPF_CLASS(i->code) == BPF_STX)
      reg(&t, 'r', BPF_SRC(i));
    else
      text_dec(&t, i->imm);
    break;
  case BPF_LD:
    if (i->code != (BPF_LD | BPF_IMM | BPF_DW)) {
      text_str(&t, "invalid ld");
      break;
    }
    reg(&t, 'r', BPF_DST(i));
    text_str(&t, " = ");
    if (BPF_SRC(i) == BPF_PSEUDO_MAP_FD || BPF_SRC(i) == BPF_PSEUDO_MAP_VALUE) {
      text_str(&t, BPF_SRC(i) == BPF_PSEUDO_MAP_FD ? "map[" : "map_value[");
      text_dec(&t, i->imm);
      text_str(&t, "]");
      if (BPF_SRC(i) == BPF_PSEUDO_MAP_VALUE) {
        text_str(&t, " + ");
        text_dec(&t, i[1].imm);
      }
    } else {
      text_hex(&t, (uint32_t)i->imm | (uint64_t)(uint32_t)i[1].imm << 32);
    }
    text_str(&t, " ll");
    break;
  }
}
