/*
 * The verifier's walk: every path from instruction 0, one instruction at a time, with the
 * state of every register and stack byte (verifier.h). A conditional jump whose outcome the
 * state does not decide splits the path: the jump is kept to walk later (pending), the fall
 * through goes on. A path ends at an exit, or where it meets a state already proved safe at
 * the same instruction that covers it (pruning, as Linux does at jump targets). An ancestor
 * on the same path that is exactly the current state means a loop that never ends.
 *
 * The log, as Linux's at log level 1: each instruction of the path walked, with the
 * register it wrote. A path that ends well is rewound out of the log, so that on a refusal
 * the log holds the one path that led to it, then the reason and the full state.
 */
#include "verifier.h"

#define MAX_EXPLORED 256 /* states kept for pruning; when full, none is added */
#define MAX_PER_INSN                                                                               \
  16                          /* of them at one instruction (a loop walked round by round          \
                                 would otherwise fill the table at its head) */
#define PTR_OFF_MAX (1 << 29) /* Linux's bound on a pointer's offset */
#define LOG_RESERVE 1024      /* bytes of the log kept for the reason and the state */

struct pending {
  struct vstate st;
  size_t logpos; /* the log's length when the path split */
  uint32_t from;
};

struct explored {
  struct vstate st;
  uint32_t below; /* branches pending when it was stored: it is proved once fewer are */
  uint16_t next;  /* the next state kept at the same instruction, plus one; 0 ends */
  uint8_t proved;
};

struct bpf_verifier {
  /* Reset by each bpf_verify, up to pend. */
  const struct bpf_prog *p;
  struct bpf_text log;
  int verbose;
  uint32_t npending, nseen;
  uint32_t walked, peak, depth;
  uint16_t next_id;
  struct vstate cur;
  uint16_t first[BPF_MAXINSNS]; /* per instruction: its first kept state, plus one */
  uint8_t kept[BPF_MAXINSNS];   /* per instruction: how many */
  /* Filled as the walk goes. */
  struct pending pend[BPF_MAX_PENDING];
  struct explored seen[MAX_EXPLORED];
  uint8_t flags[BPF_MAXINSNS];
  uint16_t work[BPF_MAXINSNS];
};

size_t bpf_verifier_size(void) { return sizeof(struct bpf_verifier); }

static const char *const type_names[] = {"?",         "scalar",           "ctx", "fp", "map_ptr",
                                         "map_value", "map_value_or_null"};

/* ---- Refusals: each appends its reason (and a newline) and returns -OSSIM_EACCES ---- */

/* Before a reason: the log may now use the room kept for it (see bpf_verify). */
static struct bpf_text *why(struct bpf_verifier *v) {
  v->log.limit = v->log.size - 1;
  v->log.cut = 0;
  return &v->log;
}

static int fail(struct bpf_verifier *v, const char *msg) {
  text_str(why(v), msg);
  text_str(&v->log, "\n");
  return -OSSIM_EACCES;
}

static void say_reg(struct bpf_verifier *v, int regno) {
  text_str(why(v), "R");
  text_dec(&v->log, regno);
  text_str(&v->log, " ");
}

static int fail_reg(struct bpf_verifier *v, int regno, const char *msg) {
  say_reg(v, regno);
  return fail(v, msg);
}

/* "R1 type=ctx expected=map_ptr" */
static int fail_type(struct bpf_verifier *v, int regno, const char *expected) {
  say_reg(v, regno);
  text_str(&v->log, "type=");
  text_str(&v->log, type_names[v->cur.r[regno].type]);
  text_str(&v->log, " expected=");
  return fail(v, expected);
}

static void say_num(struct bpf_verifier *v, const char *before, int64_t n) {
  text_str(why(v), before);
  text_dec(&v->log, n);
}

/* ---- Registers ---- */

static int is_ptr(const struct reg *r) { return r->type > SCALAR; }

static int check_read(struct bpf_verifier *v, int regno) {
  if (regno >= BPF_NREGS) return fail_reg(v, regno, "is invalid");
  if (v->cur.r[regno].type == NOT_INIT)
    return fail_reg(v, regno, "!read_ok: the register is read before it is written");
  return 0;
}

static int check_write(struct bpf_verifier *v, int regno) {
  if (regno >= BPF_NREGS) return fail_reg(v, regno, "is invalid");
  if (regno == 10) return fail(v, "frame pointer is read only");
  return 0;
}

/* A scalar of size bytes: loaded from memory, nothing more is known. */
static void scalar_of_size(struct reg *r, int bytes) {
  scalar_unknown(r);
  if (bytes < 8) {
    r->umax = (1ull << (8 * bytes)) - 1;
    scalar_sync(r);
  }
}

static int size_bytes(int size) {
  return size == BPF_B ? 1 : size == BPF_H ? 2 : size == BPF_W ? 4 : 8;
}

/* ---- The stack ---- */

static void note_depth(struct bpf_verifier *v, int32_t off) {
  if ((uint32_t)-off > v->depth) v->depth = (uint32_t)-off;
}

/* Turns the spilled scalar in slot into plain written bytes, before part of it is
 * overwritten; a spilled pointer may not be cut into. */
static int unspill(struct bpf_verifier *v, int slot) {
  if (v->cur.stype[slot * 8] != STK_SPILL) return 0;
  if (is_ptr(&v->cur.spill[slot])) return fail(v, "attempt to corrupt spilled pointer on stack");
  memset(&v->cur.stype[slot * 8], STK_MISC, 8);
  return 0;
}

/* A store of bytes at r10 + off: value is the register stored (NULL for data the verifier
 * does not follow: an atomic's result, a helper's output). */
static int stack_write(struct bpf_verifier *v, int32_t off, int bytes, const struct reg *value) {
  int b = off + BPF_STACK_SIZE, rc;
  note_depth(v, off);
  if (bytes == 8 && b % 8 == 0 && value) {
    memset(&v->cur.stype[b], STK_SPILL, 8);
    v->cur.spill[b / 8] = *value;
    return 0;
  }
  if (value && is_ptr(value)) return fail(v, "invalid size of register spill");
  for (int i = b; i < b + bytes; i++) {
    if ((rc = unspill(v, i / 8))) return rc;
    v->cur.stype[i] = STK_MISC;
  }
  return 0;
}

/* Whether the bytes at r10 + off are written: 0, or a refusal naming the access ("invalid
 * read from stack R2 off -8+0 size 8"). Part of a spilled pointer may not be read (its bits
 * would leak as a number); a whole one only by a fill (fill: a load, not a helper). */
static int stack_readable(struct bpf_verifier *v, int regno, int32_t off, int bytes, int fill,
                          const char *what) {
  int b = off + BPF_STACK_SIZE;
  int whole = fill && bytes == 8 && b % 8 == 0 && v->cur.stype[b] == STK_SPILL;
  for (int i = b; i < b + bytes; i++) {
    if (v->cur.stype[i] == STK_INVALID) {
      text_str(why(v), "invalid ");
      text_str(&v->log, what);
      text_str(&v->log, " R");
      text_dec(&v->log, regno);
      say_num(v, " off ", off);
      say_num(v, "+", i - b);
      say_num(v, " size ", bytes);
      return fail(v, ": the stack there was not written on this path");
    }
    if (!whole && v->cur.stype[i] == STK_SPILL && is_ptr(&v->cur.spill[i / 8]))
      return fail(v, fill ? "invalid size of register fill"
                          : "a spilled pointer may not be passed to a helper as memory");
  }
  return 0;
}

static int stack_read(struct bpf_verifier *v, int regno, int32_t off, int bytes, struct reg *out) {
  int b = off + BPF_STACK_SIZE, rc;
  if ((rc = stack_readable(v, regno, off, bytes, 1, "read from stack"))) return rc;
  if (bytes == 8 && b % 8 == 0 && v->cur.stype[b] == STK_SPILL)
    *out = v->cur.spill[b / 8];
  else
    scalar_of_size(out, bytes);
  return 0;
}

/* ---- Memory through a pointer ---- */

static int check_map_value(struct bpf_verifier *v, int regno, int32_t off, uint64_t bytes) {
  const struct reg *r = &v->cur.r[regno];
  uint32_t vs = v->p->maps[r->map]->def.value_size;
  if (r->smin < 0)
    return fail_reg(v, regno,
                    "min value is negative, either use unsigned index or do a "
                    "if (index >=0) check.");
  if (r->umax >= PTR_OFF_MAX)
    return fail_reg(v, regno,
                    "unbounded memory access, make sure to bounds check any such "
                    "access");
  int64_t lo = (int64_t)r->off + off + (int64_t)r->umin;
  int64_t hi = (int64_t)r->off + off + (int64_t)r->umax + (int64_t)bytes;
  if (lo < 0 || hi > vs) {
    say_num(v, "invalid access to map value, value_size=", vs);
    say_num(v, " off=", (int64_t)r->off + off + (int64_t)r->umax);
    say_num(v, " size=", (int64_t)bytes);
    if (!scalar_is_const(r)) say_num(v, " (the variable offset may reach ", (int64_t)r->umax);
    return fail(v, scalar_is_const(r) ? "" : ")");
  }
  return 0;
}

/* A load (out != NULL) or a store of value (NULL for an immediate or an atomic's result)
 * of bytes at r[regno] + off. */
static int check_mem(struct bpf_verifier *v, int regno, int32_t off, int bytes,
                     const struct reg *value, int is_store, struct reg *out) {
  const struct reg *r = &v->cur.r[regno];
  const struct bpf_hook *h = v->p->hook;
  int32_t at = r->off + off;
  switch (r->type) {
  case SCALAR: return fail_reg(v, regno, "invalid mem access 'scalar'");
  case CONST_PTR_TO_MAP: return fail_reg(v, regno, "invalid mem access 'map_ptr'");
  case PTR_TO_MAP_VALUE_OR_NULL:
    return fail_reg(v, regno,
                    "invalid mem access 'map_value_or_null': compare the pointer "
                    "bpf_map_lookup_elem returned with NULL first");
  case PTR_TO_CTX:
    if (at < 0 || (uint32_t)at + (uint32_t)bytes > h->ctx_size ||
        (is_store && ((uint32_t)at < h->wr_off || (uint32_t)at + (uint32_t)bytes > h->wr_end))) {
      say_num(v, "invalid bpf_context access off=", at);
      say_num(v, " size=", bytes);
      return fail(v, is_store ? " (the context is read-only there)" : "");
    }
    if (value && is_ptr(value)) return fail_reg(v, (int)(value - v->cur.r), "leaks addr into ctx");
    if (out) scalar_of_size(out, bytes);
    return 0;
  case PTR_TO_STACK:
    if (at < -BPF_STACK_SIZE || at + bytes > 0) {
      say_num(v, is_store ? "invalid write to stack R" : "invalid read from stack R", regno);
      say_num(v, " off=", at);
      say_num(v, " size=", bytes);
      return fail(v, " (the stack is the 512 bytes below r10)");
    }
    if (out) return stack_read(v, regno, at, bytes, out);
    return stack_write(v, at, bytes, value);
  case PTR_TO_MAP_VALUE: {
    int rc = check_map_value(v, regno, off, (uint64_t)bytes);
    if (rc) return rc;
    if (value && is_ptr(value)) return fail_reg(v, (int)(value - v->cur.r), "leaks addr into map");
    if (out) scalar_of_size(out, bytes);
    return 0;
  }
  default: return fail_reg(v, regno, "invalid mem access");
  }
}

/* ---- ALU ---- */

/* Pointer plus or minus a scalar: the only arithmetic on pointers (64-bit, on a pointer to
 * the context, the stack or a map value). */
static int pointer_alu(struct bpf_verifier *v, int dst, const struct reg *src, int srcno, int op,
                       int bits) {
  struct reg *d = &v->cur.r[dst];
  const struct reg *ptr = is_ptr(d) ? d : src, *k = is_ptr(d) ? src : d;
  int ptrno = is_ptr(d) ? dst : srcno;
  if (bits == 32) return fail_reg(v, dst, "32-bit pointer arithmetic prohibited");
  if (ptr->type == PTR_TO_MAP_VALUE_OR_NULL)
    return fail_reg(v, ptrno,
                    "pointer arithmetic on map_value_or_null prohibited, "
                    "null-check it first");
  if (ptr->type == CONST_PTR_TO_MAP)
    return fail_reg(v, ptrno, "pointer arithmetic on map_ptr prohibited");
  if (is_ptr(d) && is_ptr(src))
    return fail_reg(v, dst, "pointer arithmetic with two pointers prohibited");
  if (op == BPF_SUB && !is_ptr(d)) return fail_reg(v, dst, "tried to subtract pointer from scalar");
  if (op != BPF_ADD && op != BPF_SUB)
    return fail_reg(v, dst,
                    "pointer arithmetic with this operator prohibited: only += and -= "
                    "of a scalar");
  struct reg res = *ptr;
  if (scalar_is_const(k)) {
    int64_t delta = op == BPF_ADD ? (int64_t)k->umin : -(int64_t)k->umin;
    int64_t off = (int64_t)res.off + delta;
    if (off <= -PTR_OFF_MAX || off >= PTR_OFF_MAX || delta <= -PTR_OFF_MAX || delta >= PTR_OFF_MAX)
      return fail_reg(v, dst, "pointer offset out of range");
    res.off = (int32_t)off;
  } else {
    if (res.type != PTR_TO_MAP_VALUE) {
      say_reg(v, dst);
      text_str(&v->log, "variable ");
      text_str(&v->log, type_names[res.type]);
      return fail(v, " pointer arithmetic prohibited (a variable offset is for map values)");
    }
    /* The variable part of the offset lives in the bounds: add or subtract as scalars. */
    struct reg var = res;
    var.type = SCALAR;
    scalar_alu(&var, k, op, 64);
    res.smin = var.smin, res.smax = var.smax, res.umin = var.umin, res.umax = var.umax;
  }
  *d = res;
  return 0;
}

static int do_end(struct bpf_verifier *v, const struct bpf_insn *i) {
  int dst = BPF_DST(i), rc;
  if (BPF_CLASS(i->code) != BPF_ALU || BPF_SRC(i) || i->off ||
      (i->imm != 16 && i->imm != 32 && i->imm != 64))
    return fail(v, "BPF_END uses reserved fields");
  if ((rc = check_read(v, dst)) || (rc = check_write(v, dst))) return rc;
  if (is_ptr(&v->cur.r[dst])) return fail_reg(v, dst, "byte swap of a pointer prohibited");
  if (i->imm != 64 || BPF_SRCBIT(i->code)) scalar_of_size(&v->cur.r[dst], i->imm / 8);
  return 0;
}

static int do_alu(struct bpf_verifier *v, const struct bpf_insn *i) {
  int cls = BPF_CLASS(i->code), op = BPF_OP(i->code), x = BPF_SRCBIT(i->code);
  int bits = cls == BPF_ALU64 ? 64 : 32, dst = BPF_DST(i), srcno = BPF_SRC(i), rc;
  if (op == BPF_END) return do_end(v, i);
  if (op > BPF_ARSH) return fail(v, "invalid BPF_ALU opcode");
  if (op == BPF_NEG && (x || srcno || i->off || i->imm))
    return fail(v, "BPF_NEG uses reserved fields");
  if (i->off || (x ? i->imm != 0 : srcno != 0)) return fail(v, "BPF_ALU uses reserved fields");
  if ((rc = check_write(v, dst))) return rc;
  struct reg s;
  if (x) {
    if ((rc = check_read(v, srcno))) return rc;
    s = v->cur.r[srcno];
  } else {
    scalar_const(&s, (uint64_t)(int64_t)i->imm);
  }
  struct reg *d = &v->cur.r[dst];
  if (op == BPF_MOV) {
    if (is_ptr(&s) && bits == 32) return fail_reg(v, srcno, "partial copy of pointer");
    scalar_alu(d, &s, BPF_MOV, bits);
    return 0;
  }
  if ((rc = check_read(v, dst))) return rc;
  if (!x && (op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH) &&
      (uint32_t)i->imm >= (uint32_t)bits) {
    say_num(v, "invalid shift ", i->imm);
    return fail(v, "");
  }
  if (!x && (op == BPF_DIV || op == BPF_MOD) && i->imm == 0) return fail(v, "division by zero");
  if (is_ptr(d) || is_ptr(&s)) return pointer_alu(v, dst, &s, srcno, op, bits);
  scalar_alu(d, &s, op, bits);
  return 0;
}

/* ---- Loads and stores ---- */

static int do_ldx(struct bpf_verifier *v, const struct bpf_insn *i) {
  int rc;
  struct reg out;
  if (BPF_MODE(i->code) != BPF_MEM || i->imm) return fail(v, "BPF_LDX uses reserved fields");
  if ((rc = check_read(v, BPF_SRC(i))) || (rc = check_write(v, BPF_DST(i)))) return rc;
  rc = check_mem(v, BPF_SRC(i), i->off, size_bytes(BPF_SIZE(i->code)), NULL, 0, &out);
  if (rc) return rc;
  v->cur.r[BPF_DST(i)] = out;
  return 0;
}

static int do_atomic(struct bpf_verifier *v, const struct bpf_insn *i) {
  int size = BPF_SIZE(i->code), dst = BPF_DST(i), src = BPF_SRC(i), op = i->imm & ~BPF_FETCH, rc;
  struct reg old;
  if (size != BPF_W && size != BPF_DW) return fail(v, "invalid atomic operand size");
  if (i->imm != BPF_XCHG && i->imm != BPF_CMPXCHG && op != BPF_ADD && op != BPF_OR &&
      op != BPF_AND && op != BPF_XOR)
    return fail(v, "BPF_ATOMIC uses invalid atomic opcode");
  if ((rc = check_read(v, dst)) || (rc = check_read(v, src))) return rc;
  if (i->imm == BPF_CMPXCHG && (rc = check_read(v, 0))) return rc;
  if (is_ptr(&v->cur.r[src])) return fail_reg(v, src, "leaks addr into mem");
  if (i->imm == BPF_CMPXCHG && is_ptr(&v->cur.r[0])) return fail_reg(v, 0, "leaks addr into mem");
  if (v->cur.r[dst].type == PTR_TO_CTX)
    return fail_reg(v, dst, "BPF_ATOMIC stores into ctx are not allowed");
  /* A read, then a write of data the verifier does not follow. */
  int bytes = size_bytes(size);
  if ((rc = check_mem(v, dst, i->off, bytes, NULL, 0, &old))) return rc;
  if ((rc = check_mem(v, dst, i->off, bytes, NULL, 1, NULL))) return rc;
  if (i->imm == BPF_CMPXCHG)
    scalar_of_size(&v->cur.r[0], bytes);
  else if (i->imm & BPF_FETCH)
    scalar_of_size(&v->cur.r[src], bytes);
  return 0;
}

static int do_store(struct bpf_verifier *v, const struct bpf_insn *i) {
  int cls = BPF_CLASS(i->code), rc;
  if (cls == BPF_STX && BPF_MODE(i->code) == BPF_ATOMIC) return do_atomic(v, i);
  if (BPF_MODE(i->code) != BPF_MEM || (cls == BPF_ST ? BPF_SRC(i) != 0 : i->imm != 0))
    return fail(v, cls == BPF_ST ? "BPF_ST uses reserved fields" : "BPF_STX uses reserved fields");
  if ((rc = check_read(v, BPF_DST(i)))) return rc;
  struct reg imm;
  const struct reg *value = &imm;
  if (cls == BPF_STX) {
    if ((rc = check_read(v, BPF_SRC(i)))) return rc;
    value = &v->cur.r[BPF_SRC(i)];
  } else {
    scalar_const(&imm, (uint64_t)(int64_t)i->imm);
  }
  return check_mem(v, BPF_DST(i), i->off, size_bytes(BPF_SIZE(i->code)), value, 1, NULL);
}

static int do_lddw(struct bpf_verifier *v, const struct bpf_insn *i) {
  int dst = BPF_DST(i), src = BPF_SRC(i), rc;
  struct reg *d = &v->cur.r[dst];
  if ((rc = check_write(v, dst))) return rc;
  if (src == 0) {
    scalar_const(d, (uint32_t)i->imm | (uint64_t)(uint32_t)i[1].imm << 32);
    return 0;
  }
  if (src != BPF_PSEUDO_MAP_FD && src != BPF_PSEUDO_MAP_VALUE)
    return fail(v, "invalid bpf_ld_imm64 insn: unknown src_reg");
  if ((uint32_t)i->imm >= v->p->nmaps) {
    say_num(v, "fd ", i->imm);
    return fail(v, " is not pointing to valid bpf_map");
  }
  memset(d, 0, sizeof *d);
  d->map = (uint8_t)i->imm;
  if (src == BPF_PSEUDO_MAP_FD) {
    d->type = CONST_PTR_TO_MAP;
    return 0;
  }
  const struct bpf_map *m = v->p->maps[i->imm];
  if (m->def.type != BPF_MAP_TYPE_ARRAY || (uint32_t)i[1].imm >= m->def.value_size)
    return fail(v, "invalid access to map value pointer: the offset is past the value");
  d->type = PTR_TO_MAP_VALUE;
  d->off = i[1].imm;
  return 0;
}

/* ---- Calls ---- */

static int hook_allows(const struct bpf_hook *h, int32_t id) {
  for (const uint16_t *p = h->helpers; p && *p; p++)
    if (*p == id) return 1;
  return 0;
}

/* Memory a helper reads (or, with write, fills) through r[regno]: bytes on the stack or in
 * a map value. */
static int helper_mem(struct bpf_verifier *v, int regno, uint64_t bytes, int write) {
  const struct reg *r = &v->cur.r[regno];
  int rc;
  if (r->type == PTR_TO_MAP_VALUE) return check_map_value(v, regno, 0, bytes);
  if (r->type != PTR_TO_STACK) return fail_type(v, regno, "fp or map_value");
  if (r->off < -BPF_STACK_SIZE || (int64_t)r->off + (int64_t)bytes > 0) {
    say_num(v, "invalid indirect access to stack R", regno);
    say_num(v, " off=", r->off);
    say_num(v, " size=", (int64_t)bytes);
    return fail(v, "");
  }
  if (!write) return stack_readable(v, regno, r->off, (int)bytes, 0, "indirect read from stack");
  for (int32_t o = r->off; o < r->off + (int32_t)bytes; o++)
    if ((rc = stack_write(v, o, 1, NULL))) return rc;
  return 0;
}

/* The size argument after a memory argument: a scalar 1..BPF_MAP_VALUE_MAX. */
static int helper_size(struct bpf_verifier *v, int regno, uint64_t *bytes) {
  const struct reg *r = &v->cur.r[regno];
  int rc = check_read(v, regno);
  if (rc) return rc;
  if (r->type != SCALAR) return fail_type(v, regno, "scalar");
  if (r->umin == 0) return fail_reg(v, regno, "invalid zero-sized read: the size may be 0");
  if (r->umax > BPF_MAP_VALUE_MAX)
    return fail_reg(v, regno, "unbounded memory access, use 'var &= const' or 'if (var < const)'");
  *bytes = r->umax;
  return 0;
}

static int do_call(struct bpf_verifier *v, const struct bpf_insn *i) {
  const struct bpf_helper *h;
  int map = -1, rc;
  if (BPF_SRC(i) == BPF_PSEUDO_CALL)
    return fail(v, "bpf-to-bpf calls are not supported: make the function static "
                   "__always_inline");
  if (BPF_SRC(i) || BPF_DST(i) || i->off) return fail(v, "BPF_CALL uses reserved fields");
  if (!(h = bpf_helper_find(i->imm))) {
    say_num(v, "invalid func unknown#", i->imm);
    return fail(v, "");
  }
  if (!hook_allows(v->p->hook, i->imm)) {
    text_str(why(v), "program of type ");
    text_str(&v->log, v->p->hook->name);
    text_str(&v->log, " cannot use helper ");
    text_str(&v->log, h->name);
    say_num(v, "#", i->imm);
    return fail(v, "");
  }
  for (int a = 0; a < 5 && h->args[a] != ARG_NONE; a++) {
    int regno = a + 1;
    const struct reg *r = &v->cur.r[regno];
    uint64_t bytes;
    if ((rc = check_read(v, regno))) return rc;
    switch (h->args[a]) {
    case ARG_ANYTHING:
      if (r->type != SCALAR) return fail_type(v, regno, "scalar");
      break;
    case ARG_MAP: {
      if (r->type != CONST_PTR_TO_MAP) return fail_type(v, regno, "map_ptr");
      map = r->map;
      int ring = v->p->maps[map]->def.type == BPF_MAP_TYPE_RINGBUF;
      if (ring != (h->map_use == MAP_RING_ONLY)) {
        say_num(v, "cannot pass map_type ", v->p->maps[map]->def.type);
        text_str(&v->log, " into func ");
        text_str(&v->log, h->name);
        say_num(v, "#", h->id);
        return fail(v, "");
      }
      break;
    }
    case ARG_MAP_KEY:
    case ARG_MAP_VALUE:
      bytes = h->args[a] == ARG_MAP_KEY ? v->p->maps[map]->def.key_size
                                        : v->p->maps[map]->def.value_size;
      if ((rc = helper_mem(v, regno, bytes, 0))) return rc;
      break;
    case ARG_MEM:
    case ARG_UNINIT_MEM:
      if ((rc = helper_size(v, regno + 1, &bytes))) return rc;
      if ((rc = helper_mem(v, regno, bytes, h->args[a] == ARG_UNINIT_MEM))) return rc;
      break;
    default: break; /* ARG_SIZE: checked with the memory before it */
    }
  }
  for (int r = 1; r <= 5; r++)
    memset(&v->cur.r[r], 0, sizeof v->cur.r[r]);
  struct reg *r0 = &v->cur.r[0];
  if (h->ret == RET_MAP_VALUE_OR_NULL) {
    memset(r0, 0, sizeof *r0);
    r0->type = PTR_TO_MAP_VALUE_OR_NULL;
    r0->map = (uint8_t)map;
    r0->id = ++v->next_id;
  } else {
    scalar_unknown(r0);
  }
  return 0;
}

/* ---- Jumps ---- */

static int push(struct bpf_verifier *v, const struct vstate *st, uint32_t from) {
  if (v->npending == BPF_MAX_PENDING) {
    say_num(v, "the sequence of ", BPF_MAX_PENDING);
    fail(v, " undecided jumps on one path is too complex: a loop the verifier cannot see "
            "the end of, or too many branches");
    return -OSSIM_E2BIG;
  }
  struct pending *p = &v->pend[v->npending++];
  p->st = *st;
  p->logpos = v->log.len;
  p->from = from;
  if (v->npending > v->peak) v->peak = v->npending;
  return 0;
}

/* After "if rX == 0": every copy of the pointer becomes NULL (a scalar 0) on one side and
 * a map value on the other. */
static void settle_null(struct vstate *s, uint16_t id, int is_null) {
  for (int slot = -1; slot < NSLOTS; slot++) {
    for (int r = 0; r < (slot < 0 ? BPF_NREGS : 1); r++) {
      struct reg *x = slot < 0 ? &s->r[r] : &s->spill[slot];
      if (x->type != PTR_TO_MAP_VALUE_OR_NULL || x->id != id) continue;
      if (slot >= 0 && s->stype[slot * 8] != STK_SPILL) continue;
      if (is_null)
        scalar_const(x, 0);
      else
        x->type = PTR_TO_MAP_VALUE, x->id = 0;
    }
  }
}

static int flip(int op) {
  switch (op) {
  case BPF_JGT: return BPF_JLT;
  case BPF_JLT: return BPF_JGT;
  case BPF_JGE: return BPF_JLE;
  case BPF_JLE: return BPF_JGE;
  case BPF_JSGT: return BPF_JSLT;
  case BPF_JSLT: return BPF_JSGT;
  case BPF_JSGE: return BPF_JSLE;
  case BPF_JSLE: return BPF_JSGE;
  default: return op;
  }
}

/* A conditional jump: narrows the register on each side and walks the sides that can
 * happen (the jump later, the fall through now). */
static int do_branch(struct bpf_verifier *v, const struct bpf_insn *i, uint32_t pc) {
  int op = BPF_OP(i->code), x = BPF_SRCBIT(i->code), dst = BPF_DST(i), src = BPF_SRC(i), rc;
  int bits = BPF_CLASS(i->code) == BPF_JMP ? 64 : 32;
  uint32_t target = (uint32_t)((int64_t)pc + 1 + i->off);
  if (x ? i->imm != 0 : src != 0) return fail(v, "BPF_JMP/JMP32 uses reserved fields");
  if ((rc = check_read(v, dst)) || (x && (rc = check_read(v, src)))) return rc;
  struct reg k;
  if (x)
    k = v->cur.r[src];
  else
    scalar_const(&k, (uint64_t)(int64_t)i->imm);
  struct reg *d = &v->cur.r[dst];
  struct vstate taken = v->cur;
  if (d->type == PTR_TO_MAP_VALUE_OR_NULL && (op == BPF_JEQ || op == BPF_JNE) && bits == 64 &&
      k.type == SCALAR && scalar_is_const(&k) && k.umin == 0) {
    settle_null(&taken, d->id, op == BPF_JEQ);
    settle_null(&v->cur, d->id, op == BPF_JNE);
    taken.pc = target;
    v->cur.pc = pc + 1;
    return push(v, &taken, pc);
  }
  if (is_ptr(d) || is_ptr(&k))
    return fail_reg(v, is_ptr(d) ? dst : src, "pointer comparison prohibited");
  /* Narrow the register compared with a constant: dst, or src when only dst is known. */
  int narrowed = scalar_is_const(&k) ? dst : (x && scalar_is_const(d)) ? src : -1;
  int feasible_t = 1, feasible_f = 1;
  if (narrowed >= 0) {
    struct reg *t = &taken.r[narrowed], *f = &v->cur.r[narrowed];
    if (narrowed == dst)
      scalar_branch(t, f, op, k.umin, bits);
    else
      scalar_branch(t, f, flip(op), d->umin, bits);
    feasible_t = scalar_feasible(t);
    feasible_f = scalar_feasible(f);
  }
  taken.pc = target;
  v->cur.pc = pc + 1;
  if (feasible_t && feasible_f) return push(v, &taken, pc);
  if (feasible_t) v->cur = taken;
  return 0;
}

static int do_exit(struct bpf_verifier *v, const struct bpf_insn *i) {
  const struct reg *r0 = &v->cur.r[0];
  const struct bpf_hook *h = v->p->hook;
  if (BPF_CLASS(i->code) != BPF_JMP || i->regs || i->off || i->imm)
    return fail(v, "BPF_EXIT uses reserved fields");
  if (r0->type == NOT_INIT) return fail(v, "R0 !read_ok: set the return value before exit");
  if (is_ptr(r0)) return fail(v, "R0 leaks addr as return value");
  if (r0->smin < h->ret_min || r0->smax > h->ret_max) {
    say_num(v, "At program exit the register R0 has smin=", r0->smin);
    say_num(v, " smax=", r0->smax);
    say_num(v, " should have been in [", h->ret_min);
    say_num(v, ", ", h->ret_max);
    return fail(v, "]");
  }
  return 0;
}

/* ---- The walk ---- */

/* Runs the instruction at cur.pc: 0 and cur.pc moved on, 1 the path ended, or an error. */
static int step(struct bpf_verifier *v) {
  uint32_t pc = v->cur.pc;
  const struct bpf_insn *i = &v->p->insns[pc];
  int cls = BPF_CLASS(i->code), op = BPF_OP(i->code), rc = 0;
  if (BPF_DST(i) >= BPF_NREGS) return fail_reg(v, BPF_DST(i), "is invalid");
  if (BPF_SRC(i) >= BPF_NREGS && !(cls == BPF_LD || (cls == BPF_JMP && op == BPF_CALL)))
    return fail_reg(v, BPF_SRC(i), "is invalid");
  switch (cls) {
  case BPF_ALU:
  case BPF_ALU64: rc = do_alu(v, i); break;
  case BPF_LDX: rc = do_ldx(v, i); break;
  case BPF_ST:
  case BPF_STX: rc = do_store(v, i); break;
  case BPF_LD:
    if (i->code != (BPF_LD | BPF_IMM | BPF_DW))
      return fail(v, BPF_MODE(i->code) == BPF_ABS || BPF_MODE(i->code) == BPF_IND
                         ? "BPF_LD_[ABS|IND] are not supported: there are no packets here"
                         : "invalid BPF_LD opcode");
    if ((rc = do_lddw(v, i))) return rc;
    v->cur.pc = pc + 2;
    return 0;
  default: /* BPF_JMP, BPF_JMP32 */
    if (cls == BPF_JMP32 && (op == BPF_JA || op == BPF_CALL || op == BPF_EXIT))
      return fail(v, "unknown opcode: JMP32 has no ja, call or exit here (cpu v4)");
    if (op == BPF_EXIT) return (rc = do_exit(v, i)) ? rc : 1;
    if (op == BPF_CALL) {
      rc = do_call(v, i);
      break;
    }
    if (op == BPF_JA) {
      if (i->regs || i->imm) return fail(v, "BPF_JA uses reserved fields");
      v->cur.pc = (uint32_t)((int64_t)pc + 1 + i->off);
      return 0;
    }
    if (op == 0xe0 || op == 0xf0) return fail(v, "unknown opcode");
    return do_branch(v, i, pc);
  }
  if (rc == 0) v->cur.pc = pc + 1;
  return rc;
}

static void log_insn(struct bpf_verifier *v, uint32_t pc) {
  char text[96];
  if (v->log.cut) return; /* a full log: no time spent on text nobody sees */
  bpf_disasm(&v->p->insns[pc], text, sizeof text);
  text_udec(&v->log, pc);
  text_str(&v->log, ": (");
  char code[3] = {"0123456789abcdef"[v->p->insns[pc].code >> 4],
                  "0123456789abcdef"[v->p->insns[pc].code & 15], 0};
  text_str(&v->log, code);
  text_str(&v->log, ") ");
  text_str(&v->log, text);
  /* Ended here, so that a refusal starts on a line of its own; log_result takes the
   * newline back to add the register the instruction wrote. */
  text_str(&v->log, "\n");
}

/* After an instruction: " ; R1=..." for the register it wrote, or the whole state. */
static void log_result(struct bpf_verifier *v, const struct bpf_insn *i) {
  int cls = BPF_CLASS(i->code), op = BPF_OP(i->code), regno = -1;
  if (cls == BPF_ALU || cls == BPF_ALU64 || cls == BPF_LDX || cls == BPF_LD)
    regno = BPF_DST(i);
  else if (cls == BPF_JMP && op == BPF_CALL)
    regno = 0;
  if (v->log.cut) return;
  if (v->log.len && v->log.buf[v->log.len - 1] == '\n') v->log.buf[--v->log.len] = 0;
  if (v->verbose) {
    text_str(&v->log, "\n    ");
    state_print(&v->log, v->p, &v->cur);
  } else if (regno >= 0) {
    text_str(&v->log, " ; ");
    state_print_reg(&v->log, v->p, regno, &v->cur.r[regno]);
  }
  text_str(&v->log, "\n");
}

/* At a point where paths meet: 1 if a proved state covers this one (the path is done),
 * an error for a loop back to the very same state, else 0 (and the state is kept). */
static int prune(struct bpf_verifier *v) {
  uint32_t pc = v->cur.pc;
  for (uint16_t e = v->first[pc]; e; e = v->seen[e - 1].next) {
    const struct explored *x = &v->seen[e - 1];
    if (x->proved && state_covers(&x->st, &v->cur, 0)) return 1;
    if (!x->proved && state_covers(&x->st, &v->cur, 1)) {
      say_num(v, "infinite loop detected at insn ", pc);
      return fail(v, ": the loop comes back to the same state, nothing bounds it");
    }
  }
  if (v->nseen < MAX_EXPLORED && v->kept[pc] < MAX_PER_INSN) {
    struct explored *x = &v->seen[v->nseen++];
    x->st = v->cur;
    x->below = v->npending;
    x->proved = 0;
    x->next = v->first[pc];
    v->first[pc] = (uint16_t)v->nseen;
    v->kept[pc]++;
  }
  return 0;
}

/* The next path to walk, after one ended well: 1 if there is one, 0 if all are done. */
static int next_path(struct bpf_verifier *v) {
  if (v->npending == 0) return 0;
  struct pending *p = &v->pend[--v->npending];
  for (uint32_t e = 0; e < v->nseen; e++)
    if (v->seen[e].below > v->npending) v->seen[e].proved = 1;
  v->cur = p->st;
  if (!v->verbose) {
    /* The path that ended is safe: take it out of the log. */
    v->log.len = p->logpos < v->log.len ? p->logpos : v->log.len;
    if (v->log.size) v->log.buf[v->log.len] = 0;
    v->log.cut = 0;
  }
  text_str(&v->log, "from ");
  text_udec(&v->log, p->from);
  text_str(&v->log, " to ");
  text_udec(&v->log, v->cur.pc);
  text_str(&v->log, ": ");
  state_print(&v->log, v->p, &v->cur);
  text_str(&v->log, "\n");
  return 1;
}

static int walk(struct bpf_verifier *v) {
  memset(&v->cur, 0, sizeof v->cur);
  v->cur.r[1].type = PTR_TO_CTX;
  v->cur.r[10].type = PTR_TO_STACK;
  for (;;) {
    int rc;
    if (++v->walked > BPF_COMPLEXITY_LIMIT) {
      say_num(v, "BPF program is too large. Processed ", v->walked - 1);
      fail(v, " insn: a loop the verifier cannot see the end of, or too many paths");
      return -OSSIM_E2BIG;
    }
    if (v->flags[v->cur.pc] & INSN_PRUNE) {
      if ((rc = prune(v)) < 0) return rc;
      if (rc == 1) {
        text_udec(&v->log, v->cur.pc);
        text_str(&v->log, ": safe\n");
        if (!next_path(v)) return 0;
        continue;
      }
    }
    uint32_t pc = v->cur.pc;
    log_insn(v, pc);
    if ((rc = step(v)) < 0) return rc;
    log_result(v, &v->p->insns[pc]);
    if (rc == 1 && !next_path(v)) return 0;
  }
}

int bpf_verify(const struct bpf_prog *p, struct bpf_verifier *v, char *log, size_t logsize,
               int verbose, struct bpf_verify_stats *stats) {
  char none[1];
  if (!log || !logsize) log = none, logsize = sizeof none;
  memset(v, 0, offsetof(struct bpf_verifier, pend));
  v->p = p;
  v->verbose = verbose;
  /* The walk writes up to LOG_RESERVE bytes short of the end: the reason always fits. */
  text_init(&v->log, log, logsize);
  if (logsize > 2 * LOG_RESERVE) v->log.limit = logsize - LOG_RESERVE;
  int rc;
  if (!p || !p->hook || !p->insns || p->len == 0) {
    rc = -OSSIM_EINVAL;
    fail(v, "the program has no instructions or no hook");
  } else if (p->len > BPF_MAXINSNS) {
    rc = -OSSIM_E2BIG;
    say_num(v, "program of ", p->len);
    say_num(v, " insns is too long: the most is ", BPF_MAXINSNS);
    fail(v, "");
  } else if ((rc = cfg_check(p, v->flags, v->work, &v->log)) == 0) {
    rc = walk(v);
  }
  why(v);
  if (rc && v->walked) {
    text_str(&v->log, "state: ");
    state_print(&v->log, p, &v->cur);
    text_str(&v->log, "\n");
  }
  say_num(v, "processed ", v->walked);
  say_num(v, " insns (limit ", BPF_COMPLEXITY_LIMIT);
  say_num(v, ") states kept ", v->nseen);
  say_num(v, " peak pending ", v->peak);
  say_num(v, " stack depth ", v->depth);
  text_str(&v->log, "\n");
  if (stats) {
    stats->walked = v->walked;
    stats->peak_pending = v->peak;
    stats->stack_depth = v->depth;
  }
  return rc;
}
