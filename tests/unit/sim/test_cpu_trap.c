/*
 * test_cpu_trap: exceptions, interrupts, trap entry and sret.
 *
 * Every exception cause with its scause, stval and sepc, from S and from U; the sstatus
 * dance of trap entry and sret; interrupt priority, masking and vectored stvec; wfi and its
 * wake-up by the timer; host_traps (cpu_run returns instead of vectoring); and the per-cause
 * statistics. Not for CSR access rules (test_cpu_csr) or page-table rules (test_mmu).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "support.h"

#define CODE 0x80000000u
#define TRAPVEC 0x80008000u
#define DATA 0x80040000u
#define PT_ROOT 0x80080000u
#define NOWHERE 0x40000000u
#define RAM_END (MACHINE_RAM_BASE + (1u << 20))
#define N(a) (sizeof(a) / sizeof((a)[0]))
#define AMO_ADD(rd, rs1, rs2) enc_r(OPC_AMO, rd, 2, rs1, rs2, 0)

static struct hart *boot(void) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  const uint32_t nop = ADDI(0, 0, 0);
  test_load(m, CODE, &nop, 1);
  ck_assert(csr_write(m->harts[0], CSR_STVEC, TRAPVEC));
  return m->harts[0];
}

static void done(struct hart *h) { machine_destroy(h->m); }

static void poke(struct hart *h, uint32_t pa, uint32_t v) {
  ck_assert(bus_ram_write(&h->m->bus, pa, &v, 4));
}

static void set_priv(struct hart *h, enum priv p) {
  h->priv = p;
  mmu_update_mode(h);
}

/* Puts word at pc, enters mode p there and runs one step; returns cpu_run's result. */
static int exec_at(struct hart *h, enum priv p, uint32_t pc, uint32_t word) {
  poke(h, pc, word);
  h->pc = pc;
  set_priv(h, p);
  return test_step(h);
}

static uint32_t sstatus(struct hart *h) {
  uint32_t v = 0;
  ck_assert(csr_read(h, CSR_SSTATUS, &v));
  return v;
}

static void expect_trap(struct hart *h, uint32_t cause, uint32_t tval, uint32_t epc) {
  ck_assert_msg(h->pc == TRAPVEC, "no trap: pc %08x", h->pc);
  ck_assert_uint_eq(h->scause, cause);
  ck_assert_uint_eq(h->stval, tval);
  ck_assert_uint_eq(h->sepc, epc);
  ck_assert_int_eq(h->priv, PRIV_S);
}

/* A one-level page table mapping CODE..+4 MiB as an S superpage (RWX) and nothing else,
 * so that anything else page-faults. */
static void sv32_on(struct hart *h) {
  ck_assert(bus_ram_fill(&h->m->bus, PT_ROOT, 0, 4096));
  poke(h, PT_ROOT + (CODE >> 22) * 4,
       (CODE >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
  /* VA 0x00400000: the same RAM, for U mode */
  poke(h, PT_ROOT + 1 * 4, (CODE >> 12) << 10 | PTE_V | PTE_R | PTE_X | PTE_U | PTE_A | PTE_D);
  /* VA 0x00800000: read-only data */
  poke(h, PT_ROOT + 2 * 4, (CODE >> 12) << 10 | PTE_V | PTE_R | PTE_U | PTE_A | PTE_D);
  set_priv(h, PRIV_S);
  ck_assert(csr_write(h, CSR_SATP, SATP_MODE_SV32 | PT_ROOT >> 12));
}

/* Each synchronous exception, from S and from U (with translation off). */
START_TEST(test_exception_causes) {
  struct hart *h = boot();
  for (int u = 0; u < 2; u++) {
    enum priv p = u ? PRIV_U : PRIV_S;
    uint32_t pc = CODE + 0x100;
    exec_at(h, p, pc, enc_j(0, 2));
    expect_trap(h, CAUSE_MISALIGNED_FETCH, pc + 2, pc);
    /* the jump itself completes (it links); the fetch at the target faults, in the same
     * step or the next */
    h->x[5] = NOWHERE;
    exec_at(h, p, pc, enc_i(OPC_JALR, 1, 0, 5, 0));
    ck_assert_uint_eq(h->x[1], pc + 4);
    if (h->pc == NOWHERE) test_step(h);
    expect_trap(h, CAUSE_FETCH_ACCESS, NOWHERE, NOWHERE);
    ck_assert_uint_eq(!!(sstatus(h) & SSTATUS_SPP), !u);
    h->x[5] = RAM_END - 4; /* the last word of RAM runs; the next fetch faults */
    exec_at(h, p, RAM_END - 4, ADDI(6, 0, 9));
    ck_assert_uint_eq(h->x[6], 9);
    if (h->pc == RAM_END) test_step(h);
    expect_trap(h, CAUSE_FETCH_ACCESS, RAM_END, RAM_END);
    exec_at(h, p, pc, 0xffffffff);
    expect_trap(h, CAUSE_ILLEGAL_INSTRUCTION, 0xffffffff, pc);
    exec_at(h, p, pc, 0);
    expect_trap(h, CAUSE_ILLEGAL_INSTRUCTION, 0, pc);
    exec_at(h, p, pc, EBREAK);
    expect_trap(h, CAUSE_BREAKPOINT, pc, pc);
    h->m->cfg.trap_misaligned = true;
    h->x[5] = DATA;
    exec_at(h, p, pc, LW(7, 5, 2));
    expect_trap(h, CAUSE_MISALIGNED_LOAD, DATA + 2, pc);
    h->x[5] = NOWHERE;
    exec_at(h, p, pc, LW(7, 5, 0));
    expect_trap(h, CAUSE_LOAD_ACCESS, NOWHERE, pc);
    h->x[5] = DATA;
    exec_at(h, p, pc, SW(7, 5, 1));
    expect_trap(h, CAUSE_MISALIGNED_STORE, DATA + 1, pc);
    h->x[5] = NOWHERE;
    exec_at(h, p, pc, SW(7, 5, 0));
    expect_trap(h, CAUSE_STORE_ACCESS, NOWHERE, pc);
    exec_at(h, p, pc, ECALL);
    expect_trap(h, u ? CAUSE_ECALL_U : CAUSE_ECALL_S, 0, pc);
    ck_assert_uint_eq(!!(sstatus(h) & SSTATUS_SPP), !u);
  }
  done(h);
}
END_TEST

/* One instruction or trap. With Sv32 on, a step that starts with a fetch TLB miss may
 * only charge the walk (see test_mmu.c, test_step_after_fetch_miss); then step again. */
static void step(struct hart *h) {
  uint32_t pc = h->pc;
  uint64_t n = h->instret;
  test_step(h);
  if (h->pc == pc && h->instret == n) test_step(h);
}

/* Runs one instruction at virtual address va in mode p, with word placed at physical pa. */
static void exec_va(struct hart *h, enum priv p, uint32_t va, uint32_t pa, uint32_t word) {
  poke(h, pa, word);
  h->pc = va;
  set_priv(h, p);
  step(h);
}

/* Page faults: tval is the virtual address, sepc the instruction. */
START_TEST(test_page_fault_causes) {
  struct hart *h = boot();
  sv32_on(h);
  const uint32_t unmapped = 0x01000000, rodata = 0x00800000;
  for (int u = 0; u < 2; u++) {
    enum priv p = u ? PRIV_U : PRIV_S;
    uint32_t va = (u ? 0x00400000u : CODE) + 0x100, pa = CODE + 0x100;
    h->x[5] = unmapped;
    exec_va(h, p, va, pa, LW(7, 5, 0));
    expect_trap(h, CAUSE_LOAD_PAGE_FAULT, unmapped, va);
    exec_va(h, p, va, pa, SW(7, 5, 0));
    expect_trap(h, CAUSE_STORE_PAGE_FAULT, unmapped, va);
    exec_va(h, p, va, pa, AMO_ADD(7, 5, 7));
    expect_trap(h, CAUSE_STORE_PAGE_FAULT, unmapped, va);
    /* a read-only U page: U loads work; U stores and S accesses (no SUM) fault */
    h->x[5] = rodata;
    exec_va(h, p, va, pa, LW(7, 5, 0));
    if (u)
      ck_assert_uint_eq(h->pc, va + 4);
    else
      expect_trap(h, CAUSE_LOAD_PAGE_FAULT, rodata, va);
    exec_va(h, p, va, pa, SW(7, 5, 0));
    expect_trap(h, CAUSE_STORE_PAGE_FAULT, rodata, va);
    /* a jump to an unmapped page completes; the fetch there faults */
    h->x[5] = unmapped;
    exec_va(h, p, va, pa, enc_i(OPC_JALR, 0, 0, 5, 0));
    if (h->pc == unmapped) test_step(h);
    expect_trap(h, CAUSE_FETCH_PAGE_FAULT, unmapped, unmapped);
  }
  /* U cannot run code in an S page, nor S in a U page */
  exec_va(h, PRIV_U, CODE + 0x100, CODE + 0x100, ADDI(0, 0, 0));
  expect_trap(h, CAUSE_FETCH_PAGE_FAULT, CODE + 0x100, CODE + 0x100);
  exec_va(h, PRIV_S, 0x00400100, CODE + 0x100, ADDI(0, 0, 0));
  expect_trap(h, CAUSE_FETCH_PAGE_FAULT, 0x00400100, 0x00400100);
  done(h);
}
END_TEST

START_TEST(test_trap_entry_sstatus) {
  struct hart *h = boot();
  /* from S with SIE set: SPP = 1, SPIE = 1, SIE = 0 */
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SIE | SSTATUS_SUM));
  exec_at(h, PRIV_S, CODE, ECALL);
  expect_trap(h, CAUSE_ECALL_S, 0, CODE);
  ck_assert_uint_eq(sstatus(h), SSTATUS_SPP | SSTATUS_SPIE | SSTATUS_SUM);
  /* from U with SIE clear: SPP = 0, SPIE = 0 */
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SPP | SSTATUS_SPIE));
  exec_at(h, PRIV_U, CODE, ECALL);
  expect_trap(h, CAUSE_ECALL_U, 0, CODE);
  ck_assert_uint_eq(sstatus(h), 0);
  done(h);
}
END_TEST

START_TEST(test_sret) {
  struct hart *h = boot();
  /* back to S: SIE from SPIE, SPIE set, SPP cleared to U */
  ck_assert(csr_write(h, CSR_SEPC, CODE + 0x200));
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SPP | SSTATUS_SPIE));
  exec_at(h, PRIV_S, CODE, SRET);
  ck_assert_uint_eq(h->pc, CODE + 0x200);
  ck_assert_int_eq(h->priv, PRIV_S);
  ck_assert_uint_eq(sstatus(h), SSTATUS_SIE | SSTATUS_SPIE);
  /* back to U with SPIE clear: SIE cleared */
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SIE));
  exec_at(h, PRIV_S, CODE, SRET);
  ck_assert_uint_eq(h->pc, CODE + 0x200);
  ck_assert_int_eq(h->priv, PRIV_U);
  h->priv = PRIV_S; /* csr_read needs S */
  ck_assert_uint_eq(sstatus(h), SSTATUS_SPIE);
  /* sret and wfi are illegal in U */
  exec_at(h, PRIV_U, CODE, SRET);
  expect_trap(h, CAUSE_ILLEGAL_INSTRUCTION, SRET, CODE);
  exec_at(h, PRIV_U, CODE, WFI);
  expect_trap(h, CAUSE_ILLEGAL_INSTRUCTION, WFI, CODE);
  uint32_t sf = SFENCE_VMA(0, 0);
  exec_at(h, PRIV_U, CODE, sf);
  expect_trap(h, CAUSE_ILLEGAL_INSTRUCTION, sf, CODE);
  /* a trap, then sret, returns to the instruction that trapped in the mode it ran in */
  exec_at(h, PRIV_U, CODE + 0x300, ECALL);
  expect_trap(h, CAUSE_ECALL_U, 0, CODE + 0x300);
  ck_assert(csr_write(h, CSR_SEPC, h->sepc + 4));
  exec_at(h, PRIV_S, CODE, SRET);
  ck_assert_uint_eq(h->pc, CODE + 0x304);
  ck_assert_int_eq(h->priv, PRIV_U);
  done(h);
}
END_TEST

/* Raises all three interrupts and checks they are taken in the order SEI, SSI, STI. */
START_TEST(test_interrupt_priority) {
  struct hart *h = boot();
  ck_assert(csr_write(h, CSR_SIE, SIE_MASK));
  ck_assert(csr_write(h, CSR_SIP, SIP_SSIP));
  ck_assert(csr_write(h, CSR_STIMECMPH, 0));
  ck_assert(csr_write(h, CSR_STIMECMP, 0));
  cpu_set_pending(h, SIP_SEIP, true);
  ck_assert_uint_eq(cpu_pending_interrupt(h), 0); /* S mode, SIE clear */
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SIE));
  ck_assert_uint_eq(cpu_pending_interrupt(h), CAUSE_INTERRUPT | IRQ_S_EXT);
  const uint32_t order[] = {IRQ_S_EXT, IRQ_S_SOFT, IRQ_S_TIMER};
  for (size_t i = 0; i < 3; i++) {
    ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SIE));
    int r = exec_at(h, PRIV_S, CODE, ADDI(5, 5, 1));
    ck_assert_int_ne(r, CPU_EXIT_TRAP);
    expect_trap(h, CAUSE_INTERRUPT | order[i], 0, CODE);
    ck_assert_uint_eq(h->x[5], 0); /* the interrupted instruction did not run */
    ck_assert_uint_eq(sstatus(h), SSTATUS_SPP | SSTATUS_SPIE);
    if (order[i] == IRQ_S_EXT) cpu_set_pending(h, SIP_SEIP, false);
    if (order[i] == IRQ_S_SOFT) ck_assert(csr_write(h, CSR_SIP, 0));
    if (order[i] == IRQ_S_TIMER) ck_assert(csr_write(h, CSR_STIMECMPH, 0xffffffff));
  }
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SIE));
  exec_at(h, PRIV_S, CODE, ADDI(5, 5, 1));
  ck_assert_uint_eq(h->pc, CODE + 4);
  ck_assert_uint_eq(h->x[5], 1);
  ck_assert_uint_eq(cpu_pending_interrupt(h), 0);
  done(h);
}
END_TEST

START_TEST(test_interrupt_masking) {
  struct hart *h = boot();
  ck_assert(csr_write(h, CSR_SIP, SIP_SSIP));
  /* pending but not enabled in sie: never taken, in S or U */
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SIE));
  exec_at(h, PRIV_S, CODE, ADDI(0, 0, 0));
  ck_assert_uint_eq(h->pc, CODE + 4);
  exec_at(h, PRIV_U, CODE, ADDI(0, 0, 0));
  ck_assert_uint_eq(h->pc, CODE + 4);
  /* enabled in sie, SIE clear: not taken in S ... */
  h->priv = PRIV_S;
  ck_assert(csr_write(h, CSR_SIE, SIP_SSIP));
  ck_assert(csr_write(h, CSR_SSTATUS, 0));
  exec_at(h, PRIV_S, CODE, ADDI(0, 0, 0));
  ck_assert_uint_eq(h->pc, CODE + 4);
  /* ... but always taken in U */
  exec_at(h, PRIV_U, CODE + 0x40, ADDI(0, 0, 0));
  expect_trap(h, CAUSE_INTERRUPT | IRQ_S_SOFT, 0, CODE + 0x40);
  ck_assert_uint_eq(sstatus(h), 0); /* SPP = U, SPIE = old SIE = 0 */
  /* enabling SIE in S makes it taken at the next boundary */
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SIE));
  exec_at(h, PRIV_S, CODE + 0x80, ADDI(0, 0, 0));
  expect_trap(h, CAUSE_INTERRUPT | IRQ_S_SOFT, 0, CODE + 0x80);
  done(h);
}
END_TEST

/* An instruction that enables a pending interrupt has it taken before the next one. */
START_TEST(test_interrupt_after_csr_enable) {
  struct hart *h = boot();
  const uint32_t prog[] = {CSRRS(0, CSR_SSTATUS, 5), ADDI(6, 6, 1), ADDI(6, 6, 1)};
  test_load(h->m, CODE, prog, 3);
  ck_assert(csr_write(h, CSR_STVEC, TRAPVEC));
  ck_assert(csr_write(h, CSR_SIE, SIP_SSIP));
  ck_assert(csr_write(h, CSR_SIP, SIP_SSIP));
  h->x[5] = SSTATUS_SIE;
  test_step(h); /* csrs sstatus, SIE; the trap entry may come in the same step */
  if (h->pc == CODE + 4) test_step(h);
  expect_trap(h, CAUSE_INTERRUPT | IRQ_S_SOFT, 0, CODE + 4);
  ck_assert_uint_eq(h->x[6], 0);
  done(h);
}
END_TEST

START_TEST(test_vectored_stvec) {
  struct hart *h = boot();
  ck_assert(csr_write(h, CSR_STVEC, TRAPVEC | 1));
  ck_assert(csr_write(h, CSR_SIE, SIE_MASK));
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SIE));
  /* exceptions go to the base */
  exec_at(h, PRIV_S, CODE, ECALL);
  ck_assert_uint_eq(h->pc, TRAPVEC);
  /* interrupts to base + 4 * cause */
  ck_assert(csr_write(h, CSR_SSTATUS, SSTATUS_SIE));
  ck_assert(csr_write(h, CSR_STIMECMPH, 0));
  ck_assert(csr_write(h, CSR_STIMECMP, 0));
  exec_at(h, PRIV_S, CODE, ADDI(0, 0, 0));
  ck_assert_uint_eq(h->pc, TRAPVEC + 4 * IRQ_S_TIMER);
  ck_assert_uint_eq(h->scause, CAUSE_INTERRUPT | IRQ_S_TIMER);
  ck_assert(csr_write(h, CSR_STIMECMPH, 0xffffffff));
  ck_assert(csr_write(h, CSR_SIP, SIP_SSIP));
  exec_at(h, PRIV_U, CODE, ADDI(0, 0, 0));
  ck_assert_uint_eq(h->pc, TRAPVEC + 4 * IRQ_S_SOFT);
  ck_assert(csr_write(h, CSR_SIP, 0));
  cpu_set_pending(h, SIP_SEIP, true);
  exec_at(h, PRIV_U, CODE, ADDI(0, 0, 0));
  ck_assert_uint_eq(h->pc, TRAPVEC + 4 * IRQ_S_EXT);
  done(h);
}
END_TEST

/* wfi with nothing pending stalls; the timer wakes it. With SIE clear the hart goes on
 * after the wfi; with SIE set it takes the interrupt with sepc = the next instruction. */
START_TEST(test_wfi_timer_wakeup) {
  struct hart *h = boot();
  for (int sie_on = 0; sie_on < 2; sie_on++) {
    const uint32_t prog[] = {WFI, enc_j(0, 0)};
    test_load(h->m, CODE, prog, 2);
    ck_assert(csr_write(h, CSR_STVEC, TRAPVEC));
    ck_assert(csr_write(h, CSR_SIE, SIP_STIP));
    ck_assert(csr_write(h, CSR_SSTATUS, sie_on ? SSTATUS_SIE : 0));
    uint64_t when = h->cycles + 40;
    ck_assert(csr_write(h, CSR_STIMECMPH, (uint32_t)(when >> 32)));
    ck_assert(csr_write(h, CSR_STIMECMP, (uint32_t)when));
    test_step(h); /* runs the wfi */
    ck_assert(h->wfi);
    ck_assert_int_eq(test_step(h), CPU_EXIT_IDLE);
    ck_assert(h->wfi);
    int steps = 0;
    while (h->wfi && steps++ < 1000)
      test_step(h);
    ck_assert(!h->wfi);
    ck_assert_uint_ge(h->cycles, when);
    if (sie_on) {
      if (h->pc != TRAPVEC) test_step(h); /* woken at a boundary, taken at the next */
      expect_trap(h, CAUSE_INTERRUPT | IRQ_S_TIMER, 0, CODE + 4);
    } else {
      ck_assert_uint_eq(h->pc, CODE + 4);
    }
  }
  done(h);
}
END_TEST

START_TEST(test_wfi_idle_and_wake) {
  struct hart *h = boot();
  const uint32_t prog[] = {WFI, ADDI(5, 5, 1)};
  test_load(h->m, CODE, prog, 2);
  ck_assert(csr_write(h, CSR_STVEC, TRAPVEC));
  /* SSIP pending but not enabled: wfi still stalls, for the whole budget */
  ck_assert(csr_write(h, CSR_SIP, SIP_SSIP));
  uint64_t until = h->cycles + 500;
  ck_assert_int_eq(cpu_run(h, until), CPU_EXIT_IDLE);
  ck_assert_uint_eq(h->cycles, until);
  ck_assert(h->wfi);
  ck_assert_uint_eq(h->x[5], 0);
  ck_assert_int_eq(cpu_run(h, until + 100), CPU_EXIT_IDLE);
  ck_assert_uint_eq(h->cycles, until + 100);
  /* enabling it in sie (SIE still clear) is enough to end the wait */
  ck_assert(csr_write(h, CSR_SIE, SIP_SSIP));
  test_step(h);
  ck_assert(!h->wfi);
  if (h->pc == CODE + 4) test_step(h);
  ck_assert_uint_eq(h->pc, CODE + 8);
  ck_assert_uint_eq(h->x[5], 1);
  /* wfi with an enabled interrupt already pending is a nop: no time skipped */
  exec_at(h, PRIV_S, CODE, WFI);
  ck_assert_uint_eq(h->pc, CODE + 4);
  uint64_t before = h->cycles;
  ck_assert_int_eq(test_step(h), CPU_EXIT_BUDGET);
  ck_assert(!h->wfi);
  ck_assert_uint_eq(h->pc, CODE + 8);
  ck_assert_uint_eq(h->x[5], 2);
  ck_assert_uint_eq(h->cycles - before, h->m->cfg.cost.alu);
  done(h);
}
END_TEST

/* A trap handler that cannot be fetched must not hang the host: the hart would trap at
 * stvec forever without running an instruction. The machine stops (MACHINE_TRAP_LOOP) and
 * cpu_run returns. */
START_TEST(test_unfetchable_stvec) {
  struct hart *h = boot();
  const uint32_t vectors[] = {NOWHERE, 0 /* the reset value */, RAM_END};
  for (size_t i = 0; i < N(vectors); i++) {
    h->m->state = MACHINE_RUNNING;
    ck_assert(csr_write(h, CSR_STVEC, vectors[i]));
    int r = exec_at(h, PRIV_U, CODE, 0); /* illegal */
    if (r != CPU_EXIT_HALT) r = cpu_run(h, h->cycles + 100000);
    ck_assert_int_eq(r, CPU_EXIT_HALT);
    ck_assert_int_eq(h->m->state, MACHINE_TRAP_LOOP);
    ck_assert_uint_eq(h->pc, vectors[i] & ~3u);
  }
  ck_assert_uint_eq(h->m->exit_code, CAUSE_FETCH_ACCESS);
  done(h);
}
END_TEST

START_TEST(test_host_traps) {
  struct hart *h = boot();
  const uint32_t prog[] = {ADDI(5, 0, 1), ADDI(5, 5, 1), ECALL, ADDI(5, 5, 100)};
  test_load(h->m, CODE, prog, 4);
  ck_assert(csr_write(h, CSR_STVEC, TRAPVEC));
  h->host_traps = true;
  ck_assert_int_eq(cpu_run(h, h->cycles + 10000), CPU_EXIT_TRAP);
  ck_assert_uint_eq(h->pc, CODE + 8);
  ck_assert_uint_eq(h->sepc, CODE + 8);
  ck_assert_uint_eq(h->scause, CAUSE_ECALL_S);
  ck_assert_uint_eq(h->stval, 0);
  ck_assert_uint_eq(h->x[5], 2);
  /* from U: the hart is left in S at the faulting pc */
  h->x[5] = NOWHERE;
  ck_assert_int_eq(exec_at(h, PRIV_U, CODE + 0x100, LW(6, 5, 0)), CPU_EXIT_TRAP);
  ck_assert_uint_eq(h->pc, CODE + 0x100);
  ck_assert_uint_eq(h->sepc, CODE + 0x100);
  ck_assert_uint_eq(h->scause, CAUSE_LOAD_ACCESS);
  ck_assert_uint_eq(h->stval, NOWHERE);
  ck_assert_int_eq(h->priv, PRIV_S);
  ck_assert_int_eq(exec_at(h, PRIV_U, CODE + 0x100, 0x0000ffff), CPU_EXIT_TRAP);
  ck_assert_uint_eq(h->scause, CAUSE_ILLEGAL_INSTRUCTION);
  ck_assert_uint_eq(h->stval, 0x0000ffff);
  /* interrupts too, before the instruction runs */
  ck_assert(csr_write(h, CSR_SIE, SIP_SSIP));
  ck_assert(csr_write(h, CSR_SIP, SIP_SSIP));
  h->x[5] = 0;
  ck_assert_int_eq(exec_at(h, PRIV_U, CODE + 0x200, ADDI(5, 5, 1)), CPU_EXIT_TRAP);
  ck_assert_uint_eq(h->pc, CODE + 0x200);
  ck_assert_uint_eq(h->sepc, CODE + 0x200);
  ck_assert_uint_eq(h->scause, CAUSE_INTERRUPT | IRQ_S_SOFT);
  ck_assert_uint_eq(h->x[5], 0);
  /* a run with no trap reaches its budget */
  ck_assert(csr_write(h, CSR_SIP, 0));
  poke(h, CODE + 0x300, enc_j(0, 0));
  h->pc = CODE + 0x300;
  uint64_t until = h->cycles + 1000;
  ck_assert_int_eq(cpu_run(h, until), CPU_EXIT_BUDGET);
  ck_assert_uint_ge(h->cycles, until);
  done(h);
}
END_TEST

START_TEST(test_stats) {
  struct hart *h = boot();
  struct hart_stats before = h->stats;
  exec_at(h, PRIV_S, CODE, ECALL);
  exec_at(h, PRIV_U, CODE, ECALL);
  exec_at(h, PRIV_U, CODE, ECALL);
  exec_at(h, PRIV_S, CODE, 0);
  exec_at(h, PRIV_S, CODE, EBREAK);
  ck_assert(csr_write(h, CSR_SEPC, CODE));
  exec_at(h, PRIV_S, CODE + 0x10, SRET);
  ck_assert(csr_write(h, CSR_SIE, SIP_STIP));
  ck_assert(csr_write(h, CSR_STIMECMPH, 0));
  ck_assert(csr_write(h, CSR_STIMECMP, 0));
  exec_at(h, PRIV_U, CODE, ADDI(0, 0, 0));
  ck_assert_uint_eq(h->scause, CAUSE_INTERRUPT | IRQ_S_TIMER);
  ck_assert_uint_eq(h->stats.exceptions[CAUSE_ECALL_S] - before.exceptions[CAUSE_ECALL_S], 1);
  ck_assert_uint_eq(h->stats.exceptions[CAUSE_ECALL_U] - before.exceptions[CAUSE_ECALL_U], 2);
  ck_assert_uint_eq(h->stats.exceptions[CAUSE_ILLEGAL_INSTRUCTION] -
                        before.exceptions[CAUSE_ILLEGAL_INSTRUCTION],
                    1);
  ck_assert_uint_eq(h->stats.exceptions[CAUSE_BREAKPOINT] - before.exceptions[CAUSE_BREAKPOINT], 1);
  ck_assert_uint_eq(h->stats.interrupts[IRQ_S_TIMER] - before.interrupts[IRQ_S_TIMER], 1);
  ck_assert_uint_eq(h->stats.interrupts[IRQ_S_SOFT] - before.interrupts[IRQ_S_SOFT], 0);
  ck_assert_uint_eq(h->stats.srets - before.srets, 1);
  /* host traps count too */
  h->host_traps = true;
  ck_assert(csr_write(h, CSR_STIMECMPH, 0xffffffff));
  exec_at(h, PRIV_U, CODE, ECALL);
  ck_assert_uint_eq(h->stats.exceptions[CAUSE_ECALL_U] - before.exceptions[CAUSE_ECALL_U], 3);
  done(h);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("cpu_trap");
  TCase *tc = tcase_create("trap");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, test_exception_causes);
  tcase_add_test(tc, test_page_fault_causes);
  tcase_add_test(tc, test_trap_entry_sstatus);
  tcase_add_test(tc, test_sret);
  tcase_add_test(tc, test_interrupt_priority);
  tcase_add_test(tc, test_interrupt_masking);
  tcase_add_test(tc, test_interrupt_after_csr_enable);
  tcase_add_test(tc, test_vectored_stvec);
  tcase_add_test(tc, test_wfi_timer_wakeup);
  tcase_add_test(tc, test_wfi_idle_and_wake);
  tcase_add_test(tc, test_unfetchable_stvec);
  tcase_add_test(tc, test_host_traps);
  tcase_add_test(tc, test_stats);
  suite_add_tcase(s, tc);
  return s;
}
