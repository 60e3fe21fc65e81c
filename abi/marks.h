/*
 * abi/marks.h: the ids of the trace-port marks that ossim's own guest code writes (EV_MARK
 * records: a0 = id, a1..a3 = the mark's arguments; sim/traceport.h), so that the
 * visualizer, `compare` and benchmarks can tell them from a program's own trace_mark()s.
 *
 * The unikernel's library OS (kernels/uni/libos) has no system-call boundary for the machine
 * or a host kernel to see, so it marks its own calls instead:
 *
 *   MARK_UNI_BOOT           written once, just before main() is called: its cycle stamp is
 *                           the boot time (power-on is cycle 0). a1 = argc.
 *   MARK_UNI_CALL(n)        one id per call of the C library's API, n its system-call number
 *                           (abi/syscall.h): the same numbers mono's EV_SYSCALL_* carry, so
 *                           a comparison lines the two up. a1 = MARK_ENTER with a2, a3 = the
 *                           first two arguments, or MARK_EXIT with a2 = the result.
 *
 * Ids below MARK_OSSIM_BASE are left to programs (userland's tests use small numbers).
 */
#ifndef OSSIM_ABI_MARKS_H
#define OSSIM_ABI_MARKS_H

#define MARK_OSSIM_BASE 0x05500000u /* ids from here up are ossim's own */

#define MARK_UNI_BOOT (MARK_OSSIM_BASE + 0x100u)
#define MARK_UNI_CALL_BASE (MARK_OSSIM_BASE + 0x200u)
#define MARK_UNI_CALL(n) (MARK_UNI_CALL_BASE + (unsigned)(n)) /* n < 256 (VDSO_STRIDE's limit) */

/* Locks of userland's <pthread.h>: a1 = the lock's address. Marked where the library goes
 * to the kernel anyway or spins — a contended acquire (MARK_LOCK_CONTEND, then
 * MARK_LOCK_ACQUIRE when it has the lock) and a release that wakes a waiter — and not on
 * the uncontended fast path, where a mark's system call would cost more than the lock. */
#define MARK_LOCK_CONTEND (MARK_OSSIM_BASE + 0x300u) /* a2 = MARK_LOCK_MUTEX or _SPIN */
#define MARK_LOCK_ACQUIRE (MARK_OSSIM_BASE + 0x301u)
#define MARK_LOCK_RELEASE (MARK_OSSIM_BASE + 0x302u)
#define MARK_LOCK_MUTEX 1u
#define MARK_LOCK_SPIN 2u

#define MARK_ENTER 1u
#define MARK_EXIT 2u

#endif
