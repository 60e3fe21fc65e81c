/*
 * gdb_record: what a run takes from outside and gives out, kept so that a replay (reverse
 * execution boots the machine again) sees the same input and shows nothing twice.
 *
 * The console: every answer the UART's get() was given is recorded; a replay is given the
 * same answers in the same order, and live input again once it has used them all. Output
 * the person has seen already is not shown again. The event stream: the last events are
 * kept for `monitor events`, and each event is passed on to the run's own sink (--events,
 * --trace, the visualizer) once, however many replays emit it.
 *
 * Not for: deciding when to replay (gdb_target.c).
 */
#ifndef OSSIM_GDB_RECORD_H
#define OSSIM_GDB_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "events.h"
#include "machine.h"

/* The last events of the run, for `monitor events`; passed on to the run's own sink
 * (--events, --trace, the visualizer), except those a replay emits again. */
#define GDB_EVENTS 32
struct gdb_events {
  struct ev_record last[GDB_EVENTS]; /* a ring: the newest at (n - 1) % GDB_EVENTS */
  uint64_t n, passed;                /* this run's count, and the most ever passed on */
  ev_sink_fn sink;
  void *ctx;
};

/* Console input as recorded. */
struct gdb_input_run {
  int answer;     /* a byte, UART_HOST_NONE or UART_HOST_EOF */
  uint64_t times; /* given this many times in a row (mostly NONE: the UART polls) */
};

struct gdb_console {
  struct uart_host live;
  struct gdb_input_run *runs; /* every answer the UART's get() was given, in order */
  size_t nruns, cap;
  size_t at_run; /* this boot's place in the record: run, and answers into it */
  uint64_t at_answer;
  bool lost;              /* out of memory: an answer was not recorded, replays would differ */
  uint64_t output, shown; /* bytes the guest has written this boot, and ever shown */
};

struct gdb_record {
  struct gdb_console con;
  struct gdb_events ev;
};

/* Puts the recorders between cfg and its UART host and event sink (cfg keeps the
 * recorders; r keeps what they pass on to). */
void gdb_record_wrap(struct gdb_record *r, struct machine_config *cfg);
/* A new boot: input is answered from the start of the record again (a replay is the same
 * run only if con.lost is false). */
void gdb_record_rewind(struct gdb_record *r);
void gdb_record_free(struct gdb_record *r);
/* The last n events (at most GDB_EVENTS) as text, one a line. */
void gdb_record_events(const struct gdb_record *r, unsigned n, char *out, size_t len);

#endif
