/*
 * timer: the supervisor timer interrupt of Sstc. stimecmp is set TICK cycles ahead,
 * STIE and SIE are enabled, and the hart waits in wfi; the handler counts the interrupt
 * and sets the next deadline, three times, then parks stimecmp at the far future (which
 * clears STIP). Also checks that a due timer with SIE clear shows in sip without
 * trapping. Nothing printed depends on how long an instruction takes.
 */
#include "check.h"

#define TICK 10000u /* time units (cycles in ossim) between interrupts */
#define TICKS 3u
#define SIP_STIP (1u << 5)
#define CAUSE_S_TIMER (SCAUSE_INTERRUPT | 5u)

static volatile uint32_t ticks, early, wrong_cause;
static volatile uint64_t deadline;

static void on_trap(struct rt_trapframe *tf) {
  if (tf->scause != CAUSE_S_TIMER) {
    wrong_cause = tf->scause;
    tf->sepc += 4; /* an exception: skip it, the checks will report it */
    return;
  }
  if (rt_time() < deadline) early++;
  if (++ticks < TICKS) {
    deadline = rt_time() + TICK;
    rt_set_stimecmp(deadline);
  } else {
    rt_set_stimecmp(UINT64_MAX);
  }
}

int main(void) {
  rt_trap_init(on_trap);
  rt_set_stimecmp(UINT64_MAX);
  check(!(csr_read(sip) & SIP_STIP), "no timer pending with stimecmp at the far future");

  uint64_t a = rt_time(), b = rt_time();
  check(b >= a, "time does not go backwards");

  /* Due, but masked: pending in sip, no trap. */
  rt_set_stimecmp(rt_time());
  check((csr_read(sip) & SIP_STIP) != 0, "a due stimecmp sets sip.STIP");
  csr_set(sie, SIE_STIE);
  for (int i = 0; i < 100; i++)
    __asm__ volatile("nop");
  check(ticks == 0, "no interrupt taken while sstatus.SIE is clear");
  rt_set_stimecmp(UINT64_MAX);
  check(!(csr_read(sip) & SIP_STIP), "moving stimecmp ahead clears sip.STIP");

  uint64_t start = rt_time();
  deadline = start + TICK;
  rt_set_stimecmp(deadline);
  csr_set(sstatus, SSTATUS_SIE);
  while (ticks < TICKS)
    wfi();
  csr_clear(sstatus, SSTATUS_SIE);
  uint64_t elapsed = rt_time() - start;

  check_eq("timer interrupts taken", ticks, TICKS);
  check_eq("non-timer traps", wrong_cause, 0);
  check(early == 0, "no interrupt before its deadline");
  check(elapsed >= (uint64_t)TICKS * TICK, "time advanced by at least 3 periods");
  check(!(csr_read(sip) & SIP_STIP), "sip.STIP clear after the last interrupt");
  check_exit();
}
