/*
 * traceport: lets guest code write marks into the machine's event stream.
 *
 * The guest stores up to three arguments in ARG0..ARG2, then writes an id to ID; that
 * write emits one EV_MARK record (a0 = id, a1..a3 = the arguments) stamped with the cycle
 * and the hart that wrote it. The arguments keep their values, so a guest that marks the
 * same thing repeatedly writes only what changes. Registers are 32 bits wide and read 0.
 * Kernels and user programs use it to label phases for the visualizer and benchmarks.
 *
 * Not for: output text (the UART) or ending a run (the test device). It has no effect on
 * the guest: a mark costs one MMIO access and nothing else.
 */
#ifndef OSSIM_TRACEPORT_H
#define OSSIM_TRACEPORT_H

#include "abi/traceport.h"

struct machine;
struct traceport;

/* Maps the port at MACHINE_TRACE_BASE. NULL on out of memory (or if the window is taken,
 * which only a machine-construction bug can cause). */
struct traceport *traceport_create(struct machine *m);
void traceport_destroy(struct traceport *t);

#endif
