/*
 * observe: where the event stream goes in the front end — the --events text file, the
 * model behind --stats and --trace, the trace file, and the queue to the UI thread — and
 * the --stats summary printed from them.
 *
 * Every consumer here runs on the simulation thread, in stream order, so the --events and
 * --trace files depend on nothing but the run itself; the UI gets its own copy of every
 * record through the queue. When the queue is full the simulation waits for the UI (no
 * record is ever dropped) unless the UI has quit.
 *
 * Not for: drawing (visualizer/), running the kernel (main.c, session.c).
 */
#ifndef OSSIM_OBSERVE_H
#define OSSIM_OBSERVE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>

#include "machine.h"
#include "model.h"
#include "pace.h"
#include "spsc.h"
#include "trace.h"

struct observer {
  FILE *events;                /* --events, or NULL */
  struct model *model;         /* --stats or --trace, or NULL: the simulation thread's own */
  struct trace *trace;         /* --trace, or NULL; reads model */
  struct spsc *queue;          /* --tui/--viz, or NULL */
  atomic_bool *quit;           /* with queue: the UI has gone, stop waiting for it */
  atomic_uint_fast64_t *speed; /* --speed (the UI may change it), or NULL */
  struct pace pace;            /* holding the run to it: at each record and each slice */
};

/* True if any consumer wants the stream (else the machine runs with no sink at all). */
bool obs_wanted(const struct observer *o);
/* The machine's sink: hands r to every consumer. */
void obs_sink(void *ctx, const struct ev_record *r);
/* Hands the consumers (not the --events file) the machine's TLB misses at the end of a
 * slice, as a MODEL_EV_TLB_SAMPLE record. */
void obs_sample(struct observer *o, const struct machine *m);
/* Prints the event summary of --stats from the model to f. */
void obs_print_summary(const struct observer *o, FILE *f);

#endif
