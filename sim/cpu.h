/*
 * cpu: one RV32IMA hart with Zicsr and Zifencei, privilege modes U and S.
 *
 * The interpreter (cpu.c) runs predecoded instructions from the decode cache, with
 * computed-goto dispatch and the TLB's host pointers as its fast path; csr.c holds the
 * CSRs and trap.c trap entry, sret and interrupt selection. There is no M mode: the host
 * plays the firmware, so the supervisor CSRs are the top of the machine.
 *
 * A hart runs until its cycle count reaches a stop point. Anything that changes what the
 * interpreter may assume (a CSR write, sret, sfence.vma, a device raising an interrupt, a
 * power-off) sets stop_at to 0, and cpu_run re-evaluates interrupts and goes on.
 *
 * Not for: devices, time across harts, or the event queue (machine.h).
 */
#ifndef OSSIM_CPU_H
#define OSSIM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu.h"

struct machine;

enum priv { PRIV_U = 0, PRIV_S = 1 };

/* Exception causes (scause without the interrupt bit). */
enum {
  CAUSE_MISALIGNED_FETCH = 0,
  CAUSE_FETCH_ACCESS = 1,
  CAUSE_ILLEGAL_INSTRUCTION = 2,
  CAUSE_BREAKPOINT = 3,
  CAUSE_MISALIGNED_LOAD = 4,
  CAUSE_LOAD_ACCESS = 5,
  CAUSE_MISALIGNED_STORE = 6,
  CAUSE_STORE_ACCESS = 7,
  CAUSE_ECALL_U = 8,
  CAUSE_ECALL_S = 9,
  CAUSE_FETCH_PAGE_FAULT = 12,
  CAUSE_LOAD_PAGE_FAULT = 13,
  CAUSE_STORE_PAGE_FAULT = 15,
};
/* Interrupt causes (scause = CAUSE_INTERRUPT | n). */
#define CAUSE_INTERRUPT 0x80000000u
enum { IRQ_S_SOFT = 1, IRQ_S_TIMER = 5, IRQ_S_EXT = 9 };

/* sstatus bits */
#define SSTATUS_SIE (1u << 1)
#define SSTATUS_SPIE (1u << 5)
#define SSTATUS_SPP (1u << 8)
#define SSTATUS_SUM (1u << 18)
#define SSTATUS_MXR (1u << 19)
#define SSTATUS_WRITABLE (SSTATUS_SIE | SSTATUS_SPIE | SSTATUS_SPP | SSTATUS_SUM | SSTATUS_MXR)

#define SIP_SSIP (1u << IRQ_S_SOFT)
#define SIP_STIP (1u << IRQ_S_TIMER)
#define SIP_SEIP (1u << IRQ_S_EXT)
#define SIE_MASK (SIP_SSIP | SIP_STIP | SIP_SEIP)

/* Why cpu_run returned. */
enum cpu_exit {
  CPU_EXIT_BUDGET, /* the hart reached the cycle it was asked to run to */
  CPU_EXIT_TRAP,   /* host_traps is set and the hart trapped; sepc/scause/stval say why */
  CPU_EXIT_IDLE,   /* wfi with no interrupt pending: cycles were advanced to the stop */
  CPU_EXIT_HALT,   /* the machine stopped (power-off, failure, reboot) */
};

struct hart_stats {
  uint64_t exceptions[16]; /* by cause */
  uint64_t interrupts[16]; /* by cause */
  uint64_t srets;
  uint64_t misaligned; /* misaligned loads and stores the machine completed (cpu.c) */
};

struct hart {
  /* Architectural state. Private to the hart's own thread of execution. */
  uint32_t x[33]; /* x[32] is a write sink: rd = x0 is decoded as rd = 32 */
  uint32_t pc;
  enum priv priv;
  uint32_t sstatus, sie, sip, stvec, sscratch, sepc, scause, stval, satp, scounteren;
  uint64_t stimecmp;
  bool resv_valid; /* LR/SC reservation */
  uint32_t resv_addr;
  bool wfi; /* stalled in wfi until an interrupt is pending */
  /* Set when a trap vectored to stvec, with instret and the vector then: a fetch fault at
   * that vector before any instruction retires means the hart would trap forever. */
  bool vectored;
  uint64_t vector_instret;
  uint32_t vector_pc;

  /* Time. cycles is this hart's clock and the value of the time CSR. */
  uint64_t cycles, instret;
  uint64_t stop_at; /* the interpreter returns when cycles >= stop_at */

  /* Translation: tlb is the modelled Sv32 TLB; ident caches host pointers when
   * translation is off (uncounted). cur is whichever applies now. */
  struct tlb tlb, ident, *cur;
  struct tlb_cache cache;       /* the fast path's copy of what cur holds (mmu.h) */
  uint32_t asid_key;            /* asid << 3 when Sv32 is on, else 0 */
  uint32_t rmask, wmask, xmask; /* permission bit needed per access, mode-dependent */
  uint32_t cache_satp;          /* the satp the TLBs' host caches were filled under */
  /* The page the interpreter fetches from without asking the TLB (cpu.c's fetch page), and
   * whether the TLB has since evicted its entry: then the next instruction is fetched
   * through the TLB again, as hardware fetches every instruction through it. Without this,
   * a run cut into short slices (a debugger's steps) would walk where a long one did not. */
  uint32_t fetch_vpage;
  bool fetch_evicted;

  /* Set by hosted kernels: every trap returns to the host instead of vectoring to stvec. */
  bool host_traps;

  struct hart_stats stats;
  struct machine *m;
  unsigned id;
};

/* Sets a hart to its reset state: S mode, pc = entry, a0 = hart id, everything else 0. */
void cpu_reset(struct hart *h, uint32_t entry);
/* Runs until cycles reaches `until`, a trap when host_traps is set, idleness, or halt. */
enum cpu_exit cpu_run(struct hart *h, uint64_t until);
/* The interpreter's handler for each op (enum op in decode.h), which decoded slots point to
 * (dcache.h). The same for every machine. */
const void *const *cpu_handlers(void);
/* Makes the interpreter return at its next instruction boundary. */
static inline void cpu_kick(struct hart *h) { h->stop_at = 0; }

/* Traps (trap.c). cpu_take_trap records the trap and either vectors to stvec or, with
 * host_traps, leaves the hart in S mode at the faulting pc for the host to handle. */
void cpu_take_trap(struct hart *h, uint32_t cause, uint32_t tval);
void cpu_sret(struct hart *h);
/* The highest-priority interrupt that is pending and enabled, or 0. Returns cause|bit31. */
uint32_t cpu_pending_interrupt(const struct hart *h);
/* Sets or clears an interrupt-pending bit driven by hardware (STIP, SEIP). */
void cpu_set_pending(struct hart *h, uint32_t bit, bool level);

/* CSRs (csr.c). Return false when the access is illegal in the current mode (the caller
 * raises an illegal-instruction exception). */
bool csr_read(struct hart *h, uint32_t csr, uint32_t *val);
bool csr_write(struct hart *h, uint32_t csr, uint32_t val);
/* Sets satp as `csrw satp` does, whatever the hart's privilege: for hosted kernels, which
 * play the supervisor. The MMU follows, and the switch is an EV_SATP event, so address-space
 * switches are counted the same whoever makes them. */
void csr_set_satp(struct hart *h, uint32_t val);
/* One Zicsr instruction: funct3 1..3 (reg) or 5..7 (imm), operand = x[rs1] or the uimm.
 * csrrw with rd = x0 does not read, csrrs/csrrc with rs1 = x0 (or a zero uimm) do not
 * write, as the spec says. Returns false if the access is illegal; *result = old value. */
bool csr_insn(struct hart *h, uint32_t funct3, uint32_t csr, uint32_t rs1_field, uint32_t operand,
              bool rd_is_x0, uint32_t *result);

enum {
  CSR_SSTATUS = 0x100,
  CSR_SIE = 0x104,
  CSR_STVEC = 0x105,
  CSR_SCOUNTEREN = 0x106,
  CSR_SSCRATCH = 0x140,
  CSR_SEPC = 0x141,
  CSR_SCAUSE = 0x142,
  CSR_STVAL = 0x143,
  CSR_SIP = 0x144,
  CSR_STIMECMP = 0x14d,
  CSR_STIMECMPH = 0x15d,
  CSR_SATP = 0x180,
  CSR_CYCLE = 0xc00,
  CSR_TIME = 0xc01,
  CSR_INSTRET = 0xc02,
  CSR_CYCLEH = 0xc80,
  CSR_TIMEH = 0xc81,
  CSR_INSTRETH = 0xc82,
};

#endif
