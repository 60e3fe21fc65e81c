/*
 * The interpreter: one switch over the opcode, registers as uint64_t. It runs programs the
 * verifier accepted, but it checks every memory access against what the program was given
 * (its stack, the context, the maps' values) and counts instructions against a budget, so
 * that a verifier bug stops a run instead of corrupting the host (see bpf.h).
 *
 * Semantics as Linux's: ALU32 results are zero-extended to 64 bits; division by zero gives
 * 0 and modulo by zero leaves dst unchanged; shift amounts are masked to the operand's width.
 */
#include "verifier.h"

struct bpf_vm {
  const struct bpf_prog *p;
  const struct bpf_env *env;
  uint8_t *stack; /* BPF_STACK_SIZE bytes; r10 points at its end */
  uint8_t *ctx;
  size_t ctx_size;
};

static int inside(uint64_t addr, uint64_t size, const void *base, size_t len) {
  uint64_t b = (uint64_t)(uintptr_t)base;
  return addr >= b && size <= len && addr - b <= len - size;
}

int bpf_vm_mem_ok(const struct bpf_vm *vm, uint64_t addr, uint64_t size, int write) {
  if (inside(addr, size, vm->stack, BPF_STACK_SIZE)) return 1;
  if (vm->ctx && inside(addr, size, vm->ctx, vm->ctx_size)) {
    const struct bpf_hook *h = vm->p->hook;
    uint64_t off = addr - (uint64_t)(uintptr_t)vm->ctx;
    return !write || (off >= h->wr_off && off + size <= h->wr_end);
  }
  for (uint32_t i = 0; i < vm->p->nmaps; i++) {
    const struct bpf_map *m = vm->p->maps[i];
    if (m->def.type != BPF_MAP_TYPE_RINGBUF && inside(addr, size, m->data, m->size)) return 1;
  }
  return 0;
}

struct bpf_map *bpf_vm_map(const struct bpf_vm *vm, uint64_t reg) {
  for (uint32_t i = 0; i < vm->p->nmaps; i++)
    if ((uint64_t)(uintptr_t)vm->p->maps[i] == reg) return vm->p->maps[i];
  return NULL;
}

const struct bpf_env *bpf_vm_env(const struct bpf_vm *vm) { return vm->env; }

static unsigned size_bytes(int size) {
  return size == BPF_B ? 1 : size == BPF_H ? 2 : size == BPF_W ? 4 : 8;
}

/* Memory through memcpy: a program may load or store at any alignment. */
static uint64_t load(uint64_t addr, int size) {
  uint64_t v = 0; /* little-endian host: the low bytes of v */
  memcpy(&v, (const void *)(uintptr_t)addr, size_bytes(size));
  return v;
}

static void store(uint64_t addr, int size, uint64_t v) {
  memcpy((void *)(uintptr_t)addr, &v, size_bytes(size));
}

/* dst op src on bits (64 or 32: then the caller has truncated both operands, and the result
 * is truncated here). Returns 0 for an operation that does not exist. */
int bpf_alu(int op, uint64_t *dst, uint64_t src, int bits) {
  uint64_t d = *dst;
  unsigned mask = (unsigned)bits - 1;
  switch (op) {
  case BPF_ADD: d += src; break;
  case BPF_SUB: d -= src; break;
  case BPF_MUL: d *= src; break;
  case BPF_DIV: d = src ? d / src : 0; break;
  case BPF_MOD: d = src ? d % src : d; break;
  case BPF_OR: d |= src; break;
  case BPF_AND: d &= src; break;
  case BPF_XOR: d ^= src; break;
  case BPF_LSH: d <<= (src & mask); break;
  case BPF_RSH: d >>= (src & mask); break;
  case BPF_ARSH:
    if (bits == 32)
      d = (uint32_t)((int32_t)(uint32_t)d >> (src & mask));
    else
      d = (uint64_t)((int64_t)d >> (src & mask));
    break;
  case BPF_MOV: d = src; break;
  case BPF_NEG: d = 0 - d; break;
  default: return 0;
  }
  *dst = bits == 32 ? (uint32_t)d : d;
  return 1;
}

static uint64_t swap(uint64_t v, int bits) {
  uint64_t r = 0;
  for (int i = 0; i < bits / 8; i++)
    r |= ((v >> (8 * i)) & 0xff) << (bits - 8 - 8 * i);
  return r;
}

/* Byte order conversion on a little-endian machine (every machine ossim runs on and
 * RISC-V): to little-endian only truncates, to big-endian swaps. */
static int endian(const struct bpf_insn *i, uint64_t *dst) {
  if (i->imm != 16 && i->imm != 32 && i->imm != 64) return 0;
  uint64_t v = i->imm == 64 ? *dst : *dst & ((1ull << i->imm) - 1);
  *dst = BPF_SRCBIT(i->code) ? swap(v, i->imm) : v;
  return 1;
}

int bpf_cond(int op, uint64_t a, uint64_t b, int bits, int *taken) {
  int64_t sa = bits == 32 ? (int32_t)a : (int64_t)a;
  int64_t sb = bits == 32 ? (int32_t)b : (int64_t)b;
  if (bits == 32) {
    a = (uint32_t)a;
    b = (uint32_t)b;
  }
  switch (op) {
  case BPF_JEQ: *taken = a == b; break;
  case BPF_JNE: *taken = a != b; break;
  case BPF_JGT: *taken = a > b; break;
  case BPF_JGE: *taken = a >= b; break;
  case BPF_JLT: *taken = a < b; break;
  case BPF_JLE: *taken = a <= b; break;
  case BPF_JSET: *taken = (a & b) != 0; break;
  case BPF_JSGT: *taken = sa > sb; break;
  case BPF_JSGE: *taken = sa >= sb; break;
  case BPF_JSLT: *taken = sa < sb; break;
  case BPF_JSLE: *taken = sa <= sb; break;
  default: return 0;
  }
  return 1;
}

/* An atomic read-modify-write at addr; the old value goes where the instruction says. */
static int atomic(const struct bpf_insn *i, uint64_t *r, uint64_t addr) {
  int size = BPF_SIZE(i->code), bits = size == BPF_DW ? 64 : 32;
  uint64_t old = load(addr, size), src = r[BPF_SRC(i)], v = old;
  if (i->imm == BPF_XCHG) {
    v = src;
  } else if (i->imm == BPF_CMPXCHG) {
    uint64_t expect = bits == 32 ? (uint32_t)r[0] : r[0];
    if (old == expect) v = src;
  } else {
    int op = i->imm & ~BPF_FETCH;
    if (op != BPF_ADD && op != BPF_OR && op != BPF_AND && op != BPF_XOR) return 0;
    bpf_alu(op, &v, bits == 32 ? (uint32_t)src : src, bits);
  }
  store(addr, size, v);
  if (i->imm == BPF_CMPXCHG)
    r[0] = old;
  else if (i->imm & BPF_FETCH)
    r[BPF_SRC(i)] = old;
  return 1;
}

static int call(struct bpf_vm *vm, const struct bpf_insn *i, uint64_t *r) {
  const struct bpf_helper *h = bpf_helper_find(i->imm);
  if (!h || BPF_SRC(i) != 0) return 0;
  int fault = 0;
  r[0] = h->fn(vm, &r[1], &fault);
  return !fault;
}

int bpf_run(const struct bpf_prog *p, void *ctx, const struct bpf_env *env, uint64_t budget,
            uint64_t *ret, uint64_t *steps) {
  /* 8-byte aligned, so that aligned offsets from r10 are aligned addresses. */
  uint64_t stack[BPF_STACK_SIZE / 8];
  uint64_t r[BPF_NREGS] = {0};
  struct bpf_vm vm = {p, env, (uint8_t *)stack, ctx, p->hook ? p->hook->ctx_size : 0};
  static const struct bpf_env no_env = {0};
  if (!vm.env) vm.env = &no_env;
  uint64_t n = 0;
  uint32_t pc = 0;
  int rc = -OSSIM_EFAULT;
  memset(stack, 0, sizeof stack);
  r[1] = (uint64_t)(uintptr_t)ctx;
  r[10] = (uint64_t)(uintptr_t)(vm.stack + BPF_STACK_SIZE);
  for (;;) {
    if (pc >= p->len) break;
    if (n >= budget) {
      rc = -OSSIM_ETIME;
      break;
    }
    n++;
    const struct bpf_insn *i = &p->insns[pc++];
    int cls = BPF_CLASS(i->code), dst = BPF_DST(i), srcr = BPF_SRC(i);
    if (dst >= BPF_NREGS || srcr >= BPF_NREGS) break;
    if (cls == BPF_ALU || cls == BPF_ALU64) {
      int bits = cls == BPF_ALU64 ? 64 : 32;
      if (dst == 10) break;
      if (BPF_OP(i->code) == BPF_END) {
        if (cls == BPF_ALU64 || !endian(i, &r[dst])) break;
        continue;
      }
      uint64_t s = BPF_SRCBIT(i->code) ? r[srcr] : (uint64_t)(int64_t)i->imm;
      if (bits == 32) {
        s = (uint32_t)s;
        r[dst] = (uint32_t)r[dst];
      }
      if (!bpf_alu(BPF_OP(i->code), &r[dst], s, bits)) break;
    } else if (cls == BPF_JMP || cls == BPF_JMP32) {
      int op = BPF_OP(i->code), taken;
      if (op == BPF_EXIT) {
        if (cls != BPF_JMP) break;
        *ret = r[0];
        rc = 0;
        break;
      }
      if (op == BPF_CALL) {
        if (cls != BPF_JMP || !call(&vm, i, r)) break;
        continue;
      }
      if (op == BPF_JA) {
        if (cls != BPF_JMP) break;
        taken = 1;
      } else {
        uint64_t s = BPF_SRCBIT(i->code) ? r[srcr] : (uint64_t)(int64_t)i->imm;
        if (!bpf_cond(op, r[dst], s, cls == BPF_JMP ? 64 : 32, &taken)) break;
      }
      if (taken) pc = (uint32_t)((int64_t)pc + i->off);
    } else if (cls == BPF_LDX) {
      uint64_t a = r[srcr] + (uint64_t)(int64_t)i->off;
      int size = BPF_SIZE(i->code);
      if (BPF_MODE(i->code) != BPF_MEM || dst == 10) break;
      if (!bpf_vm_mem_ok(&vm, a, size_bytes(size), 0)) break;
      r[dst] = load(a, size);
    } else if (cls == BPF_ST || cls == BPF_STX) {
      uint64_t a = r[dst] + (uint64_t)(int64_t)i->off;
      int size = BPF_SIZE(i->code);
      if (!bpf_vm_mem_ok(&vm, a, size_bytes(size), 1)) break;
      if (cls == BPF_STX && BPF_MODE(i->code) == BPF_ATOMIC) {
        if (size != BPF_W && size != BPF_DW) break;
        if (!atomic(i, r, a)) break;
      } else if (BPF_MODE(i->code) == BPF_MEM) {
        store(a, size, cls == BPF_STX ? r[srcr] : (uint64_t)(int64_t)i->imm);
      } else {
        break;
      }
    } else if (i->code == (BPF_LD | BPF_IMM | BPF_DW) && pc < p->len) {
      const struct bpf_insn *hi = &p->insns[pc++];
      if (dst == 10) break;
      if (srcr == 0) {
        r[dst] = (uint32_t)i->imm | (uint64_t)(uint32_t)hi->imm << 32;
      } else if ((srcr == BPF_PSEUDO_MAP_FD || srcr == BPF_PSEUDO_MAP_VALUE) &&
                 (uint32_t)i->imm < p->nmaps) {
        struct bpf_map *m = p->maps[i->imm];
        r[dst] = srcr == BPF_PSEUDO_MAP_FD ? (uint64_t)(uintptr_t)m
                                           : (uint64_t)(uintptr_t)m->data + (uint32_t)hi->imm;
      } else {
        break;
      }
    } else {
      break;
    }
  }
  if (steps) *steps = n;
  return rc;
}
