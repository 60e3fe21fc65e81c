/*
 * traps: synchronous exceptions taken in S mode through stvec. Each probe runs one
 * instruction that must trap; the handler records scause, stval and sepc and resumes
 * after the faulting instruction (sepc + 4: there is no C extension), and the program
 * prints what it saw. Addresses are printed relative to the instruction (pc) or the data
 * buffer (buf), so the expected output does not change when the code moves.
 */
#include "check.h"

/* Nothing answers here, in ossim or on QEMU's virt board. */
#define UNMAPPED 0x00200000u

#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_ECALL_S 9

static volatile struct { uint32_t count, scause, stval, sepc, sstatus; } last;

static uint32_t buf[4];

static void on_trap(struct rt_trapframe *tf) {
  last.count++;
  last.scause = tf->scause;
  last.stval = tf->stval;
  last.sepc = tf->sepc;
  last.sstatus = tf->sstatus;
  if (tf->scause & SCAUSE_INTERRUPT) {
    printf("FAIL unexpected interrupt, scause=0x%x\n", tf->scause);
    exit(1);
  }
  if (tf->scause == CAUSE_FETCH_ACCESS)
    tf->sepc = tf->x[1]; /* a bad jump: return to where it came from (ra) */
  else
    tf->sepc += 4;
}

/* What stval holds, in the words the expected output uses. */
static void describe_stval(char *out, size_t n, uint32_t pc, uint32_t insn) {
  uint32_t v = last.stval, b = (uint32_t)(uintptr_t)buf;
  if (v == 0)
    snprintf(out, n, "0");
  else if (v == pc)
    snprintf(out, n, "pc");
  else if (v == insn)
    snprintf(out, n, "insn");
  else if (v - b < sizeof buf)
    snprintf(out, n, "buf+%u", v - b);
  else
    snprintf(out, n, "0x%08x", v);
}

/*
 * Checks the trap the last probe took: one trap, scause == cause, sepc == pc, stval one
 * of the values allowed (want, or also 0 where the privileged spec lets stval be 0), taken
 * from S mode (sstatus.SPP).
 */
static void report(const char *name, uint32_t before, uint32_t pc, uint32_t cause, uint32_t want,
                   bool zero_ok, uint32_t insn) {
  char sv[24];
  describe_stval(sv, sizeof sv, pc, insn);
  int32_t off = (int32_t)(last.sepc - pc);
  bool ok = last.count == before + 1 && last.scause == cause && off == 0 &&
            (last.stval == want || (zero_ok && last.stval == 0)) && (last.sstatus & SSTATUS_SPP);
  printf("%s %-24s scause=%u stval=%s sepc=pc%c%d\n", ok ? "ok  " : "FAIL", name,
         (unsigned)last.scause, sv, off < 0 ? '-' : '+', off < 0 ? -off : off);
  if (!ok) check_failures++;
}

/* The probes: each runs one trapping instruction, labelled 1, and returns its address. */
static uint32_t probe_ecall(void) {
  uint32_t pc;
  __asm__ volatile("la %0, 1f\n1: ecall" : "=&r"(pc)::"memory");
  return pc;
}
static uint32_t probe_ebreak(void) {
  uint32_t pc;
  __asm__ volatile("la %0, 1f\n1: ebreak" : "=&r"(pc)::"memory");
  return pc;
}
static uint32_t probe_zero_word(void) { /* all zeros is defined to be illegal */
  uint32_t pc;
  __asm__ volatile("la %0, 1f\n1: .word 0" : "=&r"(pc)::"memory");
  return pc;
}
static uint32_t probe_csr_mstatus(void) { /* an M-mode CSR, from S mode */
  uint32_t pc;
  __asm__ volatile("la %0, 1f\n1: csrr t0, mstatus" : "=&r"(pc)::"t0", "memory");
  return pc;
}
static uint32_t probe_lw(uintptr_t addr) {
  uint32_t pc, v = 0;
  __asm__ volatile("la %0, 1f\n1: lw %1, 0(%2)" : "=&r"(pc), "+r"(v) : "r"(addr) : "memory");
  return pc;
}
static uint32_t probe_lh(uintptr_t addr) {
  uint32_t pc, v = 0;
  __asm__ volatile("la %0, 1f\n1: lh %1, 0(%2)" : "=&r"(pc), "+r"(v) : "r"(addr) : "memory");
  return pc;
}
static uint32_t probe_sw(uintptr_t addr) {
  uint32_t pc;
  __asm__ volatile("la %0, 1f\n1: sw zero, 0(%1)" : "=&r"(pc) : "r"(addr) : "memory");
  return pc;
}
/* A call to nowhere: the fetch faults at the target, so sepc is the target, and the
 * handler returns through ra. */
static void probe_jump(uintptr_t addr) {
  __asm__ volatile("jalr ra, 0(%0)" ::"r"(addr) : "ra", "memory");
}

int main(void) {
  rt_trap_init(on_trap);
  uintptr_t b = (uintptr_t)buf;
  uint32_t n, pc;

  n = last.count, pc = probe_ecall();
  report("ecall", n, pc, CAUSE_ECALL_S, 0, false, 0);
  n = last.count, pc = probe_ebreak();
  report("ebreak", n, pc, CAUSE_BREAKPOINT, pc, true, 0);
  n = last.count, pc = probe_zero_word();
  report("illegal (zero word)", n, pc, CAUSE_ILLEGAL, 0, true, 0);
  n = last.count, pc = probe_csr_mstatus();
  report("illegal (csrr mstatus)", n, pc, CAUSE_ILLEGAL, 0x300022f3u, true, 0x300022f3u);
  n = last.count, pc = probe_lw(b + 1);
  report("misaligned lw", n, pc, CAUSE_MISALIGNED_LOAD, b + 1, false, 0);
  n = last.count, pc = probe_lh(b + 3);
  report("misaligned lh", n, pc, CAUSE_MISALIGNED_LOAD, b + 3, false, 0);
  n = last.count, pc = probe_sw(b + 2);
  report("misaligned sw", n, pc, CAUSE_MISALIGNED_STORE, b + 2, false, 0);
  n = last.count, pc = probe_lw(UNMAPPED);
  report("load access fault", n, pc, CAUSE_LOAD_ACCESS, UNMAPPED, false, 0);
  n = last.count, pc = probe_sw(UNMAPPED + 4);
  report("store access fault", n, pc, CAUSE_STORE_ACCESS, UNMAPPED + 4, false, 0);
  n = last.count;
  probe_jump(UNMAPPED);
  report("fetch access fault", n, UNMAPPED, CAUSE_FETCH_ACCESS, UNMAPPED, false, 0);

  check(last.count == 10, "ten traps taken, each resumed");
  check_exit();
}
