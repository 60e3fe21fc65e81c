/*
 * cost: the machine's cost model, the one table that turns what the hardware does into
 * simulated cycles.
 *
 * The machine charges these costs itself, for what the hardware does (an instruction of a
 * class, a trap, a page-table walk, an MMIO access, a disk request), so a kernel that takes
 * more traps or switches address spaces more often pays for it with no bookkeeping of its
 * own. The defaults and their sources are in cost.c; `--cost FILE` overrides any of them
 * with lines of the form `name = cycles` (`#` starts a comment).
 *
 * Not for: host time. Nothing here is measured on the host.
 */
#ifndef OSSIM_COST_H
#define OSSIM_COST_H

#include <stddef.h>
#include <stdint.h>

/* X(field, description): the one list of costs. cost.c, the parser and the docs use it. */
#define COST_FIELDS(X)                                                                             \
  X(alu, "integer ALU instruction, lui, auipc, not-taken branch")                                  \
  X(branch_taken, "taken branch or jump (jal, jalr)")                                              \
  X(load, "load from RAM")                                                                         \
  X(store, "store to RAM")                                                                         \
  X(mul, "mul, mulh, mulhsu, mulhu")                                                               \
  X(div, "div, divu, rem, remu")                                                                   \
  X(amo, "lr, sc and the AMOs")                                                                    \
  X(csr, "a CSR instruction")                                                                      \
  X(fence, "fence, fence.i, sfence.vma")                                                           \
  X(trap_entry, "taking a trap or interrupt, on top of the instruction")                           \
  X(trap_return, "sret")                                                                           \
  X(tlb_walk_step, "one page-table entry read by the hardware walker on a TLB miss")               \
  X(tlb_flush, "an sfence.vma, on top of the instruction")                                         \
  X(mmio, "added to a load or store that reaches a device register")                               \
  X(copy_byte_x16, "sixteenths of a cycle per byte a kernel copies through the host API")          \
  X(disk_request, "fixed latency of one block-device request")                                     \
  X(disk_sector, "added latency per 512-byte sector transferred")                                  \
  X(kernel_syscall, "a hosted kernel's own work to dispatch one system call")                      \
  X(kernel_switch, "a hosted kernel's own work to switch from one thread to another")              \
  X(ipc_call, "a microkernel's own work for one IPC call (send and wait for the reply)")           \
  X(ipc_reply, "a microkernel's own work for one IPC reply (or reply and receive)")

struct cost_model {
#define COST_DECLARE(name, what) uint32_t name;
  COST_FIELDS(COST_DECLARE)
#undef COST_DECLARE
};

/* Kernel work. mono and micro are host C code: what their own code does takes no simulated
 * time unless they charge it. They charge the kernel_* and ipc_* costs above, once per
 * operation, so that `ossim compare` weighs a system call in mono against the IPC that
 * replaces it in micro. The servers of micro and the library OS of uni are guest code and
 * pay instruction by instruction. */

/* Fills in the documented defaults. */
void cost_default(struct cost_model *c);
/*
 * Applies `name = value` lines from text on top of what *c holds. Returns 0, or -EINVAL
 * with a message naming the line and what is wrong in err. *c is left unchanged on error.
 */
int cost_parse(struct cost_model *c, const char *text, char *err, size_t errlen);
/* cost_parse on a file's contents; the message names the file. */
int cost_load_file(struct cost_model *c, const char *path, char *err, size_t errlen);

/* A cost profile: the constants one named real system was measured with, applied on top of
 * the defaults (the constants it does not name keep their defaults). */
struct cost_profile {
  const char *name;
  const char *summary; /* one line: the system and what was measured */
  const char *text;    /* `name = cycles  # source` lines, in --cost FILE syntax */
};

/* Every profile, NULL-name-terminated; "default" first. */
const struct cost_profile *cost_profiles(void);
/* Sets *c to the defaults with profile name applied. Returns 0, or -ENOENT with a message
 * listing the known profiles in err. */
int cost_use_profile(struct cost_model *c, const char *name, char *err, size_t errlen);

#endif
