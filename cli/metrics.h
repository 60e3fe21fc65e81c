/*
 * metrics: what `ossim compare` measures of one run, counted from the event stream as it
 * flows (an ev_sink) and from the machine's own counters at the end.
 *
 * Every figure that can come from the stream does, so a test can count the same events in
 * an `--events` file and must find the same numbers. TLB misses have no event (one per miss
 * would swamp the stream) and come from the harts' counters, as `--stats` reports them.
 *
 * Not for: printing (compare.c) or the visualizer's live counters.
 */
#ifndef OSSIM_METRICS_H
#define OSSIM_METRICS_H

#include <stdbool.h>
#include <stdint.h>

#include "events.h"
#include "kernel.h"
#include "machine.h"

struct machine;

/* X(field, label, unit): the figures, in the order the table shows them. */
#define METRIC_FIELDS(X)                                                                           \
  X(cycles, "cycles", "simulated cycles until power-off (the slowest hart)")                       \
  X(instructions, "instructions", "guest instructions: programs, servers, library OS")             \
  X(traps, "traps", "exceptions and interrupts taken")                                             \
  X(syscalls, "system calls", "calls of the user API (uni: library calls it marks)")               \
  X(switches, "context switches", "a hart went on with another process or server")                 \
  X(as_switches, "address-space switches", "writes of satp")                                       \
  X(ipc_messages, "IPC messages", "sends and replies between processes")                           \
  X(ipc_bytes, "IPC bytes", "bytes those messages carried")                                        \
  X(tlb_misses, "TLB misses", "page-table walks")                                                  \
  X(tlb_flushes, "TLB flushes", "sfence.vma")                                                      \
  X(page_faults, "page faults", "faults on user pages, resolved or not")                           \
  X(disk_requests, "disk requests", "block-device requests")                                       \
  X(boot_cycles, "boot cycles", "power-on to the first user-level call")                           \
  X(memory_pages, "memory (pages)", "peak physical pages owned, from proc-mem events")             \
  X(image_bytes, "image size (bytes)", "what the one image loads: code and data (uni)")

enum metric {
#define METRIC_ENUM(f, label, what) METRIC_##f,
  METRIC_FIELDS(METRIC_ENUM)
#undef METRIC_ENUM
      METRIC_COUNT
};

struct metrics {
  uint64_t v[METRIC_COUNT];
  bool known[METRIC_COUNT];      /* false: this kernel's stream has nothing to count it from */
  const char *why[METRIC_COUNT]; /* not known because it does not apply: why not ("n/a") */
  /* Working state of the sink. */
  uint32_t *mem_by_pid; /* current pages per pid, from proc-mem events */
  uint32_t mem_pids;
  uint64_t mem_now;
  uint32_t last_pid[MACHINE_MAX_HARTS]; /* the last process each hart ran */
};

void metrics_init(struct metrics *mx);
/* The ev_sink: pass the struct metrics as its context. */
void metrics_sink(void *ctx, const struct ev_record *r);
/* Adds what the machine counts itself (cycles, instructions, TLB misses) and the kernel
 * says of itself (its image) at the end of a run. */
void metrics_finish(struct metrics *mx, const struct kernel *k);
void metrics_free(struct metrics *mx);
/* A metric's key (a C identifier, for CSV and JSON), label and description. */
const char *metric_key(enum metric i);
const char *metric_label(enum metric i);
const char *metric_about(enum metric i);

#endif
