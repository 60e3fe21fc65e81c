/*
 * debug: what a debugger needs of the machine, with no effect on what the guest computes.
 *
 * A debugger reads and writes guest memory through a page table (the hart's own, or the
 * one a hosted kernel names for a process) without filling any TLB, without setting A or D
 * bits and without charging a cycle, so that a run with a debugger attached retires the
 * same instructions in the same cycles as one without. It reads and writes a hart's
 * supervisor CSRs as plain fields, bypassing the privilege checks and the side effects of
 * the csrr/csrw instructions (a satp written here still goes through the MMU's update).
 *
 * Not for: stepping and breakpoints. Those are done by running a hart with a budget of one
 * instruction through the ordinary run API (the front end's gdb stub), so the interpreter
 * has no debugging check in its loop.
 */
#ifndef OSSIM_DEBUG_H
#define OSSIM_DEBUG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hart;
struct machine;

/* satp value meaning "no translation": virtual addresses are physical. */
#define DEBUG_SATP_BARE 0u

/* The satp a debugger should translate through for hart h now: its satp when Sv32 is on,
 * else DEBUG_SATP_BARE. */
uint32_t debug_hart_satp(const struct hart *h);

/* Translates va through the Sv32 table satp names (or not at all, DEBUG_SATP_BARE), as a
 * supervisor with SUM set would see it: user pages too. Touches nothing. 0 with *pa set,
 * or -EFAULT when va is not mapped. */
int debug_translate(struct machine *m, uint32_t satp, uint32_t va, uint64_t *pa);

/* Copies n bytes of guest virtual memory at va into buf, or buf into it (a write to code
 * resets its decoded page). RAM only: devices are never read or written for a debugger,
 * since reading a device register can change it. Returns the bytes copied (fewer than n
 * when a page on the way is unmapped or not RAM), or -EFAULT when not even the first is. */
long debug_read(struct machine *m, uint32_t satp, uint32_t va, void *buf, size_t n);
long debug_write(struct machine *m, uint32_t satp, uint32_t va, const void *buf, size_t n);

/* A supervisor CSR of hart h, by number, as a debugger sees it: 0, or -ENOENT for a CSR
 * the hart has not got. Writing cycle/instret/time is refused (-EPERM): they are time. */
int debug_csr_get(const struct hart *h, uint32_t csr, uint32_t *val);
int debug_csr_set(struct hart *h, uint32_t csr, uint32_t val);

#endif
