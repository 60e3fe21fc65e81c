/*
 * run: one run of a kernel from the command line — create it, run it in slices of
 * simulated time until it stops, and turn how it stopped into ossim's exit status.
 *
 * Between slices the console is flushed, the quit key and the UI's quit are checked, the
 * consumers get the machine's TLB counters, and --speed paces the run by host time (as the
 * event sink does at each record: visualizer/pace.h), which only ever delays the
 * simulation, never changes what a slice computes.
 *
 * Not for: parsing (options.c), the UI thread (session.c).
 */
#ifndef OSSIM_RUN_H
#define OSSIM_RUN_H

#include <stdatomic.h>
#include <stdbool.h>

#include "kernel.h"
#include "machine.h"
#include "observe.h"
#include "options.h"
#include "term.h"

/* A run goes in slices of this many simulated cycles. compare (compare_run.c) uses the same
 * slices, so that its figures are those of a plain run: a multi-hart kernel may place its
 * work a little differently at other slice boundaries. */
#define RUN_SLICE_CYCLES 2000000u

struct totals {
  uint64_t instret, cycles, tlb_hits, tlb_misses, tlb_evictions, tlb_flushes, exceptions,
      interrupts, misaligned;
};

struct run {
  const struct options *o;
  struct machine_config cfg;
  struct term term;
  struct observer obs;
  struct totals totals;       /* written by run_kernel when the run ends */
  atomic_bool quit;           /* set by the UI thread: stop after this slice */
  atomic_uint_fast64_t speed; /* cycles per host second, 0 unlimited; the UI may change it */
  bool ui_owns_terminal;      /* --tui: rest by sleeping, not by polling standard input */
  bool interactive;           /* --tui/--viz: a person at a terminal may type */
};

/* Runs the kernel until it stops, the cycle limit, or a quit; returns the exit status. */
int run_kernel(struct run *r, const struct kernel_ops *ops);
/* Runs kernel k, created already and last left in state s, to its end as run_kernel does
 * (the gdb stub, after a detach); destroys it and returns the exit status. */
int run_created(struct run *r, const struct kernel_ops *ops, struct kernel *k, enum kernel_state s);

#endif
