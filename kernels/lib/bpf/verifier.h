/*
 * The verifier's insides, shared by its files: cfg.c (the control-flow pass), scalar.c
 * (what an ALU operation or a branch does to a scalar's bounds), state.c (printing and
 * comparing states) and verify.c (the walk of every path).
 */
#ifndef OSSIM_BPF_VERIFIER_H
#define OSSIM_BPF_VERIFIER_H

#include "bpf_impl.h"

/* What a register holds, as the verifier knows it. */
enum rtype {
  NOT_INIT,                 /* never written on this path: reading it is an error */
  SCALAR,                   /* a number within [smin, smax] and [umin, umax] */
  PTR_TO_CTX,               /* the hook's context, at off */
  PTR_TO_STACK,             /* r10 + off */
  CONST_PTR_TO_MAP,         /* a map (from lddw), for helpers only */
  PTR_TO_MAP_VALUE,         /* a value of map, at off plus a variable part in the bounds */
  PTR_TO_MAP_VALUE_OR_NULL, /* what bpf_map_lookup_elem returned: NULL-check it first */
};

struct reg {
  uint8_t type; /* enum rtype */
  uint8_t map;  /* index in the program's maps, for the map pointer types */
  uint16_t id;  /* copies of one _OR_NULL pointer share it: a NULL check settles them all */
  int32_t off;  /* a pointer's fixed offset */
  /* A scalar's value, or the variable part of a map value pointer's offset (0 for the
   * other pointers). Kept consistent by scalar_sync. */
  int64_t smin, smax;
  uint64_t umin, umax;
};

enum { STK_INVALID, STK_MISC, STK_SPILL }; /* a stack byte: never written, data, a register */
#define NSLOTS (BPF_STACK_SIZE / 8)

/* The machine as one path sees it at pc. Stack byte b is r10 - BPF_STACK_SIZE + b. */
struct vstate {
  struct reg r[BPF_NREGS];
  uint8_t stype[BPF_STACK_SIZE];
  struct reg spill[NSLOTS]; /* a spilled register, when its slot's 8 bytes are STK_SPILL */
  uint32_t pc;
};

/* ---- scalar.c ---- */
void scalar_unknown(struct reg *r);
void scalar_const(struct reg *r, uint64_t v);
int scalar_is_const(const struct reg *r);
void scalar_sync(struct reg *r);
int scalar_feasible(const struct reg *r);
/* dst = dst op src (op a BPF_ALU operation other than BPF_END), on 64 or 32 bits. */
void scalar_alu(struct reg *dst, const struct reg *src, int op, int bits);
/* Narrows t (the branch taken) and f (fallen through) for "if dst op c", both copies of
 * dst; each becomes infeasible (scalar_feasible false) when its branch cannot happen. */
void scalar_branch(struct reg *t, struct reg *f, int op, uint64_t c, int bits);

/* ---- state.c ---- */
void state_print_reg(struct bpf_text *t, const struct bpf_prog *p, int regno, const struct reg *r);
void state_print(struct bpf_text *t, const struct bpf_prog *p, const struct vstate *s);
/* Whether every path from old being safe makes every path from cur safe (old is at least
 * as general as cur); with exact, whether they are the same state. */
int state_covers(const struct vstate *old, const struct vstate *cur, int exact);

/* ---- cfg.c ---- */
/* Per instruction: reachable, the second half of an lddw, a point where paths may meet. */
enum { INSN_SEEN = 1, INSN_LDDW_HI = 2, INSN_PRUNE = 4 };
/* The control-flow check: fills flags[0..p->len). 0, or -OSSIM_EACCES with the reason in t. */
int cfg_check(const struct bpf_prog *p, uint8_t *flags, uint16_t *work, struct bpf_text *t);

/* ---- run.c: the interpreter's arithmetic, which the verifier folds constants with ---- */
int bpf_alu(int op, uint64_t *dst, uint64_t src, int bits);
int bpf_cond(int op, uint64_t a, uint64_t b, int bits, int *taken);

#endif
