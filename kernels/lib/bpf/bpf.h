/*
 * bpf: eBPF as Linux defines it -- the instruction set, maps, a verifier and an interpreter --
 * shared by every ossim kernel. A student compiles a C program with `clang -O2 -g -target bpf`,
 * the kernel loads the object (bpf_elf_load), the verifier proves it safe (bpf_verify) or
 * refuses it with a log that names the instruction, the reason and the register states along
 * the path, and the interpreter runs it at a hook (bpf_run). The contrast with a loadable
 * module (host code that can do anything) is the lesson: here safety comes from a proof.
 *
 * What it is for: programs of at most BPF_MAXINSNS instructions at the hooks of struct
 * bpf_hook (system-call entry and exit, a filter that may refuse a call); maps of four kinds
 * (array, hash, per-hart array, ring buffer) shared by programs and user space. What it is
 * not for: attaching (the kernel keeps its list of programs per hook), file descriptors and
 * the bpf(2) call (the kernel's), tail calls, bpf-to-bpf calls, BTF beyond map definitions,
 * packet access, and the cpu v4 additions (sign-extending loads and moves, signed division,
 * 32-bit jump-always, unconditional byte swap). The verifier refuses what it does not know.
 *
 * The verifier follows Linux's design: a control-flow pass (every jump in range, no jump into
 * the middle of a 16-byte lddw, no unreachable instruction, the last instruction an exit or a
 * jump), then a walk of every path with the state of each register (not initialised, a scalar
 * with signed and unsigned bounds, or a pointer to the context, the stack, a map, a map value,
 * or a map value that may be NULL) and of each stack byte (not written, written, or part of a
 * spilled register). A loop is accepted when every path through it ends within the
 * complexity limit (BPF_COMPLEXITY_LIMIT instructions walked in all): a loop whose counter
 * is a known constant is walked round by round, as Linux does; a loop nothing bounds is
 * refused. There is no state pruning, so the limit also bounds programs with many branches.
 *
 * The interpreter trusts the verifier but does not bet the host on it: every load and store
 * is checked against the memory it was given (its stack, the context, the maps' values) and
 * every run against an instruction budget. A check that fails stops the run with an error:
 * a verifier bug shows as -OSSIM_EFAULT, never as a corrupted host.
 *
 * Portable C for host and guest: no allocation, no globals but constant tables, no stdio.
 * The caller owns every struct and each map's storage; calls on one map or program must
 * be serialised by the caller (several harts share a per-hart array through `hart`).
 *
 * Errors are negative numbers from abi/errno.h.
 */
#ifndef OSSIM_BPF_H
#define OSSIM_BPF_H

#include <stddef.h>
#include <stdint.h>

#include "abi/bpf.h"
#include "abi/errno.h"

/* ---- The instruction set (Linux's include/uapi/linux/bpf.h numbering) ---- */

/* One 8-byte instruction; lddw takes two, the second holding the high 32 bits in imm. */
struct bpf_insn {
  uint8_t code; /* class (low 3 bits), then source and operation, or size and mode */
  uint8_t regs; /* dst register in the low 4 bits, src register in the high 4 */
  int16_t off;  /* jump offset in instructions, or memory offset in bytes */
  int32_t imm;  /* immediate */
};
#define BPF_DST(i) ((i)->regs & 0x0f)
#define BPF_SRC(i) ((i)->regs >> 4)

/* Classes. */
#define BPF_LD 0x00
#define BPF_LDX 0x01
#define BPF_ST 0x02
#define BPF_STX 0x03
#define BPF_ALU 0x04
#define BPF_JMP 0x05
#define BPF_JMP32 0x06
#define BPF_ALU64 0x07
#define BPF_CLASS(code) ((code)&0x07)

/* Memory: size (bits 3-4) and mode (bits 5-7). */
#define BPF_W 0x00
#define BPF_H 0x08
#define BPF_B 0x10
#define BPF_DW 0x18
#define BPF_SIZE(code) ((code)&0x18)
#define BPF_IMM 0x00
#define BPF_ABS 0x20
#define BPF_IND 0x40
#define BPF_MEM 0x60
#define BPF_ATOMIC 0xc0
#define BPF_MODE(code) ((code)&0xe0)

/* ALU and jump: source (bit 3) and operation (bits 4-7). */
#define BPF_K 0x00
#define BPF_X 0x08
#define BPF_SRCBIT(code) ((code)&0x08)
#define BPF_OP(code) ((code)&0xf0)
#define BPF_ADD 0x00
#define BPF_SUB 0x10
#define BPF_MUL 0x20
#define BPF_DIV 0x30
#define BPF_OR 0x40
#define BPF_AND 0x50
#define BPF_LSH 0x60
#define BPF_RSH 0x70
#define BPF_NEG 0x80
#define BPF_MOD 0x90
#define BPF_XOR 0xa0
#define BPF_MOV 0xb0
#define BPF_ARSH 0xc0
#define BPF_END 0xd0 /* byte swap: BPF_K to little-endian, BPF_X to big-endian; imm 16/32/64 */
#define BPF_JA 0x00
#define BPF_JEQ 0x10
#define BPF_JGT 0x20
#define BPF_JGE 0x30
#define BPF_JSET 0x40
#define BPF_JNE 0x50
#define BPF_JSGT 0x60
#define BPF_JSGE 0x70
#define BPF_CALL 0x80
#define BPF_EXIT 0x90
#define BPF_JLT 0xa0
#define BPF_JLE 0xb0
#define BPF_JSLT 0xc0
#define BPF_JSLE 0xd0

/* Atomic operations (imm of a BPF_STX | BPF_ATOMIC): an ALU op, or'ed with BPF_FETCH to get
 * the old value back in src; BPF_XCHG and BPF_CMPXCHG (compares with r0, old value in r0). */
#define BPF_FETCH 0x01
#define BPF_XCHG (0xe0 | BPF_FETCH)
#define BPF_CMPXCHG (0xf0 | BPF_FETCH)

/* src_reg of an lddw: a plain constant, a map (imm = index in the program's map table),
 * or the address of a map's value (imm = map index, the second imm = offset). */
#define BPF_PSEUDO_MAP_FD 1
#define BPF_PSEUDO_MAP_VALUE 2
/* src_reg of a call: a helper (0), or a bpf-to-bpf call (1, refused here). */
#define BPF_PSEUDO_CALL 1

#define BPF_NREGS 11                /* r0 return value, r1-r5 arguments, r6-r9 kept, r10 frame */
#define BPF_STACK_SIZE 512          /* bytes below r10 */
#define BPF_MAXINSNS 4096           /* instructions in a program (Linux's unprivileged limit) */
#define BPF_COMPLEXITY_LIMIT 200000 /* instructions the verifier may walk over all paths */
#define BPF_MAX_PENDING 64          /* branches the verifier may keep to walk later */
#define BPF_MAX_MAPS 16             /* maps one program may use */

/* ---- Maps ---- */

#define BPF_NAME_MAX 16        /* bytes of a map's or program's name, NUL included */
#define BPF_MAP_VALUE_MAX 4096 /* bytes of a key or a value at most */

/* What a map is, as a program's .maps section or the bpf(2) call says. */
struct bpf_map_def {
  uint32_t type, key_size, value_size, max_entries;
  char name[BPF_NAME_MAX];
};

/* A map. The caller gives it storage of bpf_map_storage_size bytes and owns both. Array
 * keys are uint32_t indices; a ring buffer has no keys: max_entries is its size in bytes,
 * a power of two of at least 64. */
struct bpf_map {
  struct bpf_map_def def;
  uint32_t nharts;     /* copies of each value in a per-hart array; 1 for the others */
  uint8_t *data;       /* values (arrays), slots (hash), or bytes (ring buffer) */
  size_t size;         /* bytes at data */
  uint32_t count;      /* entries in a hash map */
  uint64_t head, tail; /* ring buffer: bytes written and bytes read since creation */
  uint32_t lost;       /* ring buffer: records dropped because it was full */
};

/* Bytes of storage a map of def needs, or 0 if def is invalid (unknown type, a zero or
 * too large size, a key size other than 4 for an array, a ring size that is not a power of
 * two of at least 64, more than 65536 entries). */
size_t bpf_map_storage_size(const struct bpf_map_def *def, uint32_t nharts);
/* Makes m a map of def over storage (zeroed here). -OSSIM_EINVAL: def is invalid or
 * nharts is 0; -OSSIM_ENOMEM: size is smaller than bpf_map_storage_size. */
int bpf_map_init(struct bpf_map *m, const struct bpf_map_def *def, uint32_t nharts, void *storage,
                 size_t size);
/* The value for key (hart's copy in a per-hart array), or NULL: no such key, or a ring. */
void *bpf_map_lookup(struct bpf_map *m, const void *key, uint32_t hart);
/* Sets key's value (in hart's copy of a per-hart array). -OSSIM_EINVAL: bad flags, or a ring;
 * -OSSIM_E2BIG: an array index out of range, or a full hash map; -OSSIM_EEXIST: BPF_NOEXIST
 * and the key is there (always, for an array); -OSSIM_ENOENT: BPF_EXIST and it is not. */
int bpf_map_update(struct bpf_map *m, const void *key, const void *value, uint64_t flags,
                   uint32_t hart);
/* Removes key from a hash map. -OSSIM_ENOENT: no such key; -OSSIM_EINVAL: not a hash map
 * (an array's entries always exist, as in Linux). */
int bpf_map_delete(struct bpf_map *m, const void *key);
/* The key after key (the first key when key is NULL) into next. -OSSIM_ENOENT: no more;
 * -OSSIM_EINVAL: a ring buffer. */
int bpf_map_next_key(struct bpf_map *m, const void *key, void *next);
/* Appends a record of size bytes to a ring. -OSSIM_EAGAIN: no room (counted in lost);
 * -OSSIM_EINVAL: not a ring, or size is 0 or more than a quarter of the ring. */
int bpf_ringbuf_output(struct bpf_map *m, const void *data, uint64_t size);
/* Takes the oldest record out of a ring into buf: returns its size. -OSSIM_EAGAIN: empty;
 * -OSSIM_ENOSPC: buf is smaller than the record (which stays); -OSSIM_EINVAL: not a ring. */
int bpf_ringbuf_read(struct bpf_map *m, void *buf, uint32_t size);

/* ---- Hooks and helpers ---- */

/* Where a program runs: the size of its context (what r1 points to, read-only but for
 * [wr_off, wr_end)), the helpers it may call, and the values it may return. */
struct bpf_hook {
  const char *name; /* "sys_enter" */
  uint32_t ctx_size, wr_off, wr_end;
  const uint16_t *helpers; /* allowed helper ids, 0-terminated */
  int64_t ret_min, ret_max;
};

/* The kernel's side of the helpers that need it. Any member may be NULL (the helper then
 * returns 0, or -OSSIM_ENOSYS for get_current_comm). */
struct bpf_env {
  void *arg;                                        /* passed back to each callback */
  uint32_t hart;                                    /* the hart that runs the program */
  uint64_t (*ktime_ns)(void *arg);                  /* simulated time, never the host clock */
  uint64_t (*pid_tgid)(void *arg);                  /* tgid << 32 | pid */
  int (*comm)(void *arg, char *buf, uint32_t size); /* the task's name, NUL-terminated */
};

/* sys_enter and sys_exit observe (what they return is ignored); filter decides: 0 lets the
 * call run, 1..4095 refuses it with that errno, as seccomp's SECCOMP_RET_ERRNO does. */
extern const struct bpf_hook bpf_hook_sys_enter, bpf_hook_sys_exit, bpf_hook_filter;
/* The hook an ELF section is for, by its last path component ("tracepoint/syscalls/sys_enter"
 * and "tp/sys_enter" are sys_enter; "seccomp" is filter), or NULL. */
const struct bpf_hook *bpf_hook_for_section(const char *section);

/* ---- Programs ---- */

/* A program: its instructions (lddw map references already resolved to indices in maps)
 * and the hook it is for. The caller owns everything it points to. */
struct bpf_prog {
  char name[BPF_NAME_MAX];
  const struct bpf_hook *hook;
  struct bpf_insn *insns;
  uint32_t len;
  struct bpf_map **maps;
  uint32_t nmaps;
};

/* The verifier's working state (several hundred KiB: the branches it keeps for later). The
 * caller owns one and may reuse it; bpf_verify does not keep a pointer into it. */
struct bpf_verifier;
size_t bpf_verifier_size(void);

/* What a verification cost: instructions walked, the most branches pending at once, the
 * deepest stack. */
struct bpf_verify_stats {
  uint32_t walked, peak_pending, stack_depth;
};

/* Proves p safe at p->hook or says why not. 0: accepted. -OSSIM_EACCES: refused, the log
 * says why (Linux's wording where Linux has one: "R1 invalid mem access 'scalar'"), with
 * the instruction and the register states on the path; -OSSIM_E2BIG: too long or too
 * complex; -OSSIM_EINVAL: p has no instructions or no hook. log gets at most logsize-1
 * bytes and a NUL (a longer log is cut and ends in "..."); verbose logs every instruction
 * walked, as Linux's log_level 2 does. stats may be NULL. */
int bpf_verify(const struct bpf_prog *p, struct bpf_verifier *v, char *log, size_t logsize,
               int verbose, struct bpf_verify_stats *stats);

/* Runs a verified program with r1 = ctx, for at most budget instructions. 0: it ran and
 * *ret holds r0; -OSSIM_ETIME: the budget ran out; -OSSIM_EFAULT: a load or store outside
 * the memory it was given, or an instruction the verifier should have refused (a verifier
 * bug). *steps (may be NULL) gets the instructions run. */
#ifndef OSSIM_ETIME
#define OSSIM_ETIME 62 /* timer expired (Linux's number); abi/errno.h's once it has it */
#endif
int bpf_run(const struct bpf_prog *p, void *ctx, const struct bpf_env *env, uint64_t budget,
            uint64_t *ret, uint64_t *steps);

/* ---- Objects from clang -O2 -g -target bpf ---- */

#define BPF_OBJ_MAX_PROGS 8
#define BPF_SECTION_MAX 64 /* bytes of a section name, NUL included */

struct bpf_obj_prog {
  char name[BPF_NAME_MAX];       /* the function */
  char section[BPF_SECTION_MAX]; /* SEC("...") */
  const struct bpf_hook *hook;   /* from the section name (bpf_hook_for_section) */
  uint32_t first, len;           /* its instructions in the object's insns */
};

/* What an ELF object holds: its programs, the maps its .maps section defines (from BTF, as
 * libbpf's __uint and __type write them) and its license. Each lddw of a map in a program
 * is rewritten to src_reg BPF_PSEUDO_MAP_FD with imm the map's index in maps[]. */
struct bpf_object {
  struct bpf_obj_prog progs[BPF_OBJ_MAX_PROGS];
  uint32_t nprogs;
  struct bpf_map_def maps[BPF_MAX_MAPS];
  uint32_t nmaps;
  struct bpf_insn *insns; /* the caller's buffer */
  uint32_t ninsns;
  char license[32];
};

/* Reads an ELF64 BPF relocatable object of size bytes at image into obj, copying the
 * instructions into insns (room for cap). 0, or -OSSIM_ENOEXEC with the reason in err:
 * not a BPF object, a damaged one (every offset is checked), no program, no BTF for .maps
 * (compile with -g), a map without type or max_entries, functions in .text (bpf-to-bpf
 * calls), global data (.data, .rodata, .bss), a relocation of another kind;
 * -OSSIM_E2BIG: more than cap instructions, BPF_OBJ_MAX_PROGS programs or BPF_MAX_MAPS
 * maps. A section whose name names no hook is still loaded, with hook NULL. */
int bpf_elf_load(const void *image, size_t size, struct bpf_object *obj, struct bpf_insn *insns,
                 uint32_t cap, char *err, size_t errsize);

/* The textual form of one instruction, as llvm-objdump prints it ("r1 = *(u32 *)(r1 + 0)"),
 * into buf (at least 64 bytes). */
void bpf_disasm(const struct bpf_insn *insn, char *buf, size_t size);

/* The helper's name ("bpf_map_lookup_elem"), or NULL for an unknown id. */
const char *bpf_helper_name(int32_t id);

#endif
