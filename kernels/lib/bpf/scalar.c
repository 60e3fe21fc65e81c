/*
 * What the verifier knows of a number: a signed range [smin, smax] and an unsigned range
 * [umin, umax], both true at once (Linux also keeps known bits, a "tnum"; ranges alone are
 * enough for the bounds checks here). Each operation computes ranges that hold for every
 * value the operands may have; when it cannot, the result is unknown, which is always safe.
 */
#include "verifier.h"

#define U32_MAX 0xffffffffull

void scalar_unknown(struct reg *r) {
  memset(r, 0, sizeof *r);
  r->type = SCALAR;
  r->smin = INT64_MIN;
  r->smax = INT64_MAX;
  r->umax = UINT64_MAX;
}

void scalar_const(struct reg *r, uint64_t v) {
  memset(r, 0, sizeof *r);
  r->type = SCALAR;
  r->umin = r->umax = v;
  r->smin = r->smax = (int64_t)v;
}

int scalar_is_const(const struct reg *r) { return r->umin == r->umax; }

static uint64_t umax64(uint64_t a, uint64_t b) { return a > b ? a : b; }
static uint64_t umin64(uint64_t a, uint64_t b) { return a < b ? a : b; }
static int64_t smax64(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t smin64(int64_t a, int64_t b) { return a < b ? a : b; }

/* Each range narrows the other where it can: a signed range that does not cross zero is
 * also an unsigned one, and an unsigned range that does not cross 2^63 a signed one. */
void scalar_sync(struct reg *r) {
  for (int round = 0; round < 2; round++) {
    if (r->smin >= 0 || r->smax < 0) {
      r->umin = umax64(r->umin, (uint64_t)r->smin);
      r->umax = umin64(r->umax, (uint64_t)r->smax);
    }
    if (r->umax <= INT64_MAX || r->umin > INT64_MAX) {
      r->smin = smax64(r->smin, (int64_t)r->umin);
      r->smax = smin64(r->smax, (int64_t)r->umax);
    }
  }
}

int scalar_feasible(const struct reg *r) { return r->umin <= r->umax && r->smin <= r->smax; }

/* The unsigned range, with the signed one taken from it (or unknown). */
static void set_urange(struct reg *r, uint64_t lo, uint64_t hi) {
  scalar_unknown(r);
  r->umin = lo;
  r->umax = hi;
  scalar_sync(r);
}

/* The smallest 2^k - 1 at least v: a bound for OR and XOR of values at most v. */
static uint64_t fill_bits(uint64_t v) {
  for (int s = 1; s < 64; s <<= 1)
    v |= v >> s;
  return v;
}

static void alu64(struct reg *d, const struct reg *s, int op) {
  struct reg a = *d;
  uint64_t lo, hi;
  int64_t slo, shi;
  if (scalar_is_const(&a) && scalar_is_const(s)) {
    uint64_t v = a.umin;
    bpf_alu(op, &v, s->umin, 64);
    scalar_const(d, v);
    return;
  }
  switch (op) {
  case BPF_ADD:
    scalar_unknown(d);
    if (!__builtin_add_overflow(a.umin, s->umin, &lo) &&
        !__builtin_add_overflow(a.umax, s->umax, &hi)) {
      d->umin = lo;
      d->umax = hi;
    }
    if (!__builtin_add_overflow(a.smin, s->smin, &slo) &&
        !__builtin_add_overflow(a.smax, s->smax, &shi)) {
      d->smin = slo;
      d->smax = shi;
    }
    scalar_sync(d);
    break;
  case BPF_SUB:
    scalar_unknown(d);
    if (a.umin >= s->umax) {
      d->umin = a.umin - s->umax;
      d->umax = a.umax - s->umin;
    }
    if (!__builtin_sub_overflow(a.smin, s->smax, &slo) &&
        !__builtin_sub_overflow(a.smax, s->smin, &shi)) {
      d->smin = slo;
      d->smax = shi;
    }
    scalar_sync(d);
    break;
  case BPF_MUL:
    if (a.umax <= U32_MAX && s->umax <= U32_MAX)
      set_urange(d, a.umin * s->umin, a.umax * s->umax);
    else
      scalar_unknown(d);
    break;
  case BPF_DIV: /* x / 0 is 0, and x / y <= x */
    if (scalar_is_const(s) && s->umin)
      set_urange(d, a.umin / s->umin, a.umax / s->umin);
    else if (scalar_is_const(s))
      scalar_const(d, 0);
    else
      set_urange(d, 0, a.umax);
    break;
  case BPF_MOD: /* x % 0 is x, and x % y <= x and < y */
    if (scalar_is_const(s) && s->umin && a.umax >= s->umin)
      set_urange(d, 0, s->umin - 1);
    else if (!scalar_is_const(s) || (s->umin && a.umax >= s->umin))
      set_urange(d, 0, a.umax);
    break;
  case BPF_AND: set_urange(d, 0, umin64(a.umax, s->umax)); break;
  case BPF_OR: set_urange(d, umax64(a.umin, s->umin), fill_bits(umax64(a.umax, s->umax))); break;
  case BPF_XOR: set_urange(d, 0, fill_bits(umax64(a.umax, s->umax))); break;
  case BPF_LSH:
    if (scalar_is_const(s) && s->umin < 64 && a.umax <= (UINT64_MAX >> s->umin))
      set_urange(d, a.umin << s->umin, a.umax << s->umin);
    else
      scalar_unknown(d);
    break;
  case BPF_RSH:
    if (scalar_is_const(s))
      set_urange(d, a.umin >> (s->umin & 63), a.umax >> (s->umin & 63));
    else
      set_urange(d, 0, a.umax);
    break;
  case BPF_ARSH:
    scalar_unknown(d);
    if (scalar_is_const(s)) {
      d->smin = a.smin >> (s->umin & 63);
      d->smax = a.smax >> (s->umin & 63);
      scalar_sync(d);
    }
    break;
  default: scalar_unknown(d); break; /* BPF_NEG of a range */
  }
}

/* The low 32 bits of r as a range on [0, 2^32). */
static void low32(struct reg *out, const struct reg *r) {
  if (r->umax <= U32_MAX)
    *out = *r;
  else if (scalar_is_const(r))
    scalar_const(out, r->umin & U32_MAX);
  else
    set_urange(out, 0, U32_MAX);
  out->type = SCALAR;
}

void scalar_alu(struct reg *dst, const struct reg *src, int op, int bits) {
  if (op == BPF_MOV) {
    if (bits == 32)
      low32(dst, src);
    else
      *dst = *src;
    return;
  }
  if (bits == 64) {
    alu64(dst, src, op);
    return;
  }
  struct reg a, b;
  low32(&a, dst);
  low32(&b, src);
  if (op == BPF_ARSH || op == BPF_NEG) {
    /* Signed on 32 bits: exact for constants, unknown otherwise. */
    if (scalar_is_const(&a) && scalar_is_const(&b)) {
      uint64_t v = a.umin;
      bpf_alu(op, &v, b.umin, 32);
      scalar_const(dst, v);
    } else {
      set_urange(dst, 0, U32_MAX);
    }
    return;
  }
  if (op == BPF_LSH || op == BPF_RSH) scalar_const(&b, b.umin & 31), b.umax = b.umin;
  alu64(&a, &b, op);
  low32(dst, &a);
}

/* Narrows r to values v with "v op c" true. */
static void narrow(struct reg *r, int op, uint64_t c) {
  int64_t sc = (int64_t)c;
  switch (op) {
  case BPF_JEQ:
    r->umin = umax64(r->umin, c), r->umax = umin64(r->umax, c);
    r->smin = smax64(r->smin, sc), r->smax = smin64(r->smax, sc);
    break;
  case BPF_JNE: /* only the ends of a range can move */
    if (r->umin == c && r->umax == c)
      r->umin = 1, r->umax = 0;
    else if (r->umin == c)
      r->umin++;
    else if (r->umax == c)
      r->umax--;
    break;
  case BPF_JGT:
    if (c == UINT64_MAX)
      r->umin = 1, r->umax = 0;
    else
      r->umin = umax64(r->umin, c + 1);
    break;
  case BPF_JGE: r->umin = umax64(r->umin, c); break;
  case BPF_JLT:
    if (c == 0)
      r->umin = 1, r->umax = 0;
    else
      r->umax = umin64(r->umax, c - 1);
    break;
  case BPF_JLE: r->umax = umin64(r->umax, c); break;
  case BPF_JSGT:
    if (sc == INT64_MAX)
      r->smin = 1, r->smax = 0;
    else
      r->smin = smax64(r->smin, sc + 1);
    break;
  case BPF_JSGE: r->smin = smax64(r->smin, sc); break;
  case BPF_JSLT:
    if (sc == INT64_MIN)
      r->smin = 1, r->smax = 0;
    else
      r->smax = smin64(r->smax, sc - 1);
    break;
  case BPF_JSLE: r->smax = smin64(r->smax, sc); break;
  }
  if (scalar_feasible(r)) scalar_sync(r);
}

/* The condition that holds on the other branch. */
static int negate(int op) {
  switch (op) {
  case BPF_JEQ: return BPF_JNE;
  case BPF_JNE: return BPF_JEQ;
  case BPF_JGT: return BPF_JLE;
  case BPF_JLE: return BPF_JGT;
  case BPF_JGE: return BPF_JLT;
  case BPF_JLT: return BPF_JGE;
  case BPF_JSGT: return BPF_JSLE;
  case BPF_JSLE: return BPF_JSGT;
  case BPF_JSGE: return BPF_JSLT;
  case BPF_JSLT: return BPF_JSGE;
  default: return 0;
  }
}

static void infeasible(struct reg *r) { r->umin = 1, r->umax = 0; }

void scalar_branch(struct reg *t, struct reg *f, int op, uint64_t c, int bits) {
  if (scalar_is_const(t)) {
    int taken;
    bpf_cond(op, t->umin, c, bits, &taken);
    infeasible(taken ? f : t);
    return;
  }
  if (op == BPF_JSET) return; /* no narrowing for a bit test */
  int is_signed = op == BPF_JSGT || op == BPF_JSGE || op == BPF_JSLT || op == BPF_JSLE;
  if (bits == 32) {
    /* A value below 2^31 compares on 32 bits as on 64, once c is read as 32 bits would be;
     * any other value is not narrowed. */
    if (t->umax > (is_signed ? (uint64_t)INT32_MAX : U32_MAX)) return;
    c = is_signed ? (uint64_t)(int64_t)(int32_t)c : (uint32_t)c;
  }
  narrow(t, op, c);
  narrow(f, negate(op), c);
}
