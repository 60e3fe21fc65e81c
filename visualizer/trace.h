/*
 * trace: writes the event stream as Chrome Trace Event JSON, which Perfetto
 * (ui.perfetto.dev) and chrome://tracing open.
 *
 * The layout of the file:
 *   - one Chrome "process", pid 1 named "ossim", whose threads are the tracks: tid H+1 is
 *     hart H ("hart H"), tid 100 is "devices" (records no hart emitted: disk completions,
 *     interrupt lines). Guest pids are not Chrome pids: a guest process moves between harts,
 *     and a track per hart is what shows who ran where.
 *   - on a hart's track, complete slices ("X": a start and a duration) named after the
 *     running process (idle is no slice), and nested in them slices "syscall N" for the
 *     kernel's time in a system call; a process switched out inside a system call has both
 *     closed, and reopened when it runs again, so slices always nest. A slice is written
 *     when it ends, so on a track the slices come in the order of their ends: an inner one
 *     before the one around it.
 *   - flows ("s" then "f" with the same id, "bp":"e"): IPC send -> receive, and reply ->
 *     the caller running again (call -> reply shown as the reply travelling back). A flow
 *     still open when the trace ends is closed at the last timestamp on its sender's track.
 *   - instants ("i"): module load/unload/failure and server start/death/restart (global),
 *     page faults, exceptions from user mode but ecall, and guest marks (on the hart's
 *     track).
 *   - counters ("C") at the end of a rate window, each only when it changed: the model's
 *     rates per million cycles, and the physical pages of the kernel and of each process.
 * Timestamps are microseconds of simulated time at a nominal clock of TRACE_CLOCK_HZ
 * (1 GHz: one cycle is one nanosecond, printed exactly with three decimals). Records of one
 * track can reach the writer slightly out of cycle order (harts are interleaved in quanta),
 * so each track's times are clamped to never go backwards: the times events happen at,
 * which are a slice's end and any other event's timestamp, never decrease along a track.
 *
 * The file is big (a busy run writes hundreds of thousands of slices), so it is written
 * lean: through a buffer of its own with hand-made number formatting, a slice as one "X"
 * event rather than a "B" and an "E", without the category a Chrome trace does not need,
 * and counters only on change.
 *
 * Not for: reading traces back; the event-per-line text format (--events).
 */
#ifndef OSSIM_TRACE_H
#define OSSIM_TRACE_H

#include <stdint.h>
#include <stdio.h>

#include "model.h"

#define TRACE_CLOCK_HZ 1000000000u
#define TRACE_FLOWS 256 /* flows open at once; past that the oldest is closed early */
#define TRACE_TRACKS (MODEL_HARTS + 1)
#define TRACE_BUF 65536 /* bytes gathered before a write to the file */

/* A slice open on a hart, written when it ends. */
struct trace_slice {
  uint64_t start;
  char name[24];
};

struct trace_flow {
  uint64_t id, start;
  uint32_t from, to; /* pids: the flow ends when `to` receives from `from` (or runs again) */
  uint16_t track, reply;
};

struct trace {
  FILE *f;
  const struct model *m; /* fed each record before the trace is: names, pids per hart */
  uint64_t last_ts[TRACE_TRACKS + MODEL_NCOUNTERS + 1];
  uint32_t open_pid[MODEL_HARTS];     /* process slice open on the hart, 0 none */
  uint32_t open_syscall[MODEL_HARTS]; /* 1 + the syscall whose slice is open, 0 none */
  struct trace_slice run[MODEL_HARTS], call[MODEL_HARTS]; /* the open slices themselves */
  uint64_t seen_windows, next_flow;
  unsigned nflows;
  struct trace_flow flows[TRACE_FLOWS];
  unsigned named;                     /* bit per track: its thread_name is written */
  int64_t last_rate[MODEL_NCOUNTERS]; /* tenths, as last written; -1 none yet */
  uint64_t last_mem;                  /* proc-mem events seen when pages were last written */
  size_t nbuf;
  char buf[TRACE_BUF];
};

/* Starts a trace on f (which the caller opens and closes) reading names from m. */
void trace_begin(struct trace *t, FILE *f, const struct model *m);
/* Writes what record r means; call it after model_feed(m, r). */
void trace_feed(struct trace *t, const struct ev_record *r);
/* Closes open slices and flows at the model's last cycle, ends the JSON and writes out
 * what is buffered (the caller closes f). */
void trace_end(struct trace *t);

#endif
