/*
 * What the parts of kernels/lib/bpf share and nobody else sees: the text writer the log and
 * the disassembler use, the helpers' prototypes (the verifier checks calls against them, the
 * interpreter calls them), and the interpreter's check of an address.
 */
#ifndef OSSIM_BPF_IMPL_H
#define OSSIM_BPF_IMPL_H

#include <string.h>

#include "bpf.h"

/* Text into a caller's buffer, always NUL-terminated; what does not fit is dropped and the
 * text ends in "..." instead. */
struct bpf_text {
  char *buf;
  size_t size, len;
  size_t limit; /* text stops (with "...") at this length; size - 1 unless lowered */
  int cut;
};
void text_init(struct bpf_text *t, char *buf, size_t size);
void text_str(struct bpf_text *t, const char *s);
void text_dec(struct bpf_text *t, int64_t v);
void text_udec(struct bpf_text *t, uint64_t v);
void text_hex(struct bpf_text *t, uint64_t v); /* 0x1f */

/* What a helper takes in each argument register and gives back in r0. */
enum bpf_arg {
  ARG_NONE,       /* not an argument: the register is not read */
  ARG_ANYTHING,   /* any initialised scalar */
  ARG_MAP,        /* a map (an lddw of a map) */
  ARG_MAP_KEY,    /* readable memory of the map's key size */
  ARG_MAP_VALUE,  /* readable memory of the map's value size */
  ARG_MEM,        /* readable memory of the size in the next argument */
  ARG_UNINIT_MEM, /* writable memory of the size in the next argument */
  ARG_SIZE,       /* a scalar size > 0 with a known upper bound */
};
enum bpf_ret { RET_INTEGER, RET_MAP_VALUE_OR_NULL };
enum bpf_map_use { MAP_ANY_BUT_RING, MAP_RING_ONLY };

struct bpf_vm; /* one run of the interpreter (run.c) */

struct bpf_helper {
  int32_t id;
  const char *name;
  uint8_t ret;     /* enum bpf_ret */
  uint8_t args[5]; /* enum bpf_arg, r1..r5 */
  uint8_t map_use; /* enum bpf_map_use, when an argument is ARG_MAP */
  /* Runs the helper; a negative errno is the helper's result, as in Linux. Returns
   * nonzero in *fault when an argument is memory the program was not given. */
  uint64_t (*fn)(struct bpf_vm *vm, const uint64_t a[5], int *fault);
};
const struct bpf_helper *bpf_helper_find(int32_t id);

/* For the helpers: whether [addr, addr+size) lies in memory the running program was given
 * (its stack, its context, a map's values), and the map a register holds, or NULL. */
int bpf_vm_mem_ok(const struct bpf_vm *vm, uint64_t addr, uint64_t size, int write);
struct bpf_map *bpf_vm_map(const struct bpf_vm *vm, uint64_t reg);
const struct bpf_env *bpf_vm_env(const struct bpf_vm *vm);

#endif
