/*
 * model: what the visualizer knows about the running system, built from the event stream
 * alone — per-hart timelines, the process table, modules, IPC messages, servers, memory by
 * owner and live counters.
 *
 * Feed it every record in stream order with model_feed(); the displays (TUI, GUI), the
 * trace writer and the --stats summary read the struct directly. It reads only the shared
 * event vocabulary of sim/events.h, so it shows any kernel, and it never includes a kernel
 * header. Everything is fixed-size: old timeline segments and messages fall out of rings,
 * exited processes are recycled when the table is full.
 *
 * Not for: drawing or printing; deciding anything the simulation computes.
 */
#ifndef OSSIM_MODEL_H
#define OSSIM_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/kevents.h"
#include "events.h"

/*
 * A record the front end adds to the stream once per run slice (never the machine): the
 * machine's TLB misses so far, summed over harts (a0 low word, a1 high word), and its number
 * of harts (a2: so that a hart that has run nothing yet still has its lane). TLB misses
 * are counted in the harts, not emitted as events; this is how the counters see them. It
 * is stamped with simulated time at a slice boundary, so it is as deterministic as the rest.
 */
#define MODEL_EV_TLB_SAMPLE 0xff00

#define MODEL_HARTS 8
#define MODEL_PROCS 128
#define MODEL_MODULES 32
#define MODEL_SERVERS 32
#define MODEL_MSGS 256        /* recent IPC messages kept */
#define MODEL_SEGS 2048       /* recent timeline segments kept per hart */
#define MODEL_WINDOW 1000000u /* cycles over which the rates are measured */
#define MODEL_HINTS 256       /* the process table's lookup cache (a power of two) */

enum model_mode { MODEL_IDLE, MODEL_USER, MODEL_KERNEL };

/* A stretch of one hart's time: pid ran (or the hart idled) in one mode. */
struct model_seg {
  uint64_t start, end;
  uint32_t pid;
  uint8_t mode; /* enum model_mode */
};

struct model_hart {
  bool seen;
  uint32_t pid;   /* running now, 0 when idle */
  uint8_t mode;   /* enum model_mode */
  uint64_t since; /* the cycle the current segment began */
  uint64_t nsegs; /* segments ever closed; the last MODEL_SEGS are in segs[n % MODEL_SEGS] */
  struct model_seg segs[MODEL_SEGS];
};

struct model_proc {
  bool used, exited;
  bool in_syscall; /* between syscall enter and exit (it may sleep there) */
  uint8_t state;   /* abi/proc.h enum procstate, as the kernel reported it */
  int16_t hart;    /* running on this hart, or -1 */
  uint32_t pid, ppid, syscall;
  int32_t priority, tickets; /* -1: never reported */
  int32_t exit_status;
  uint32_t pages; /* physical pages it owns (EV_PROC_MEM) */
  uint64_t cpu_cycles, run_since;
  char name[16];
};

enum model_module_state { MODEL_MOD_LOADED, MODEL_MOD_UNLOADED, MODEL_MOD_FAILED };

struct model_module {
  bool used;
  uint8_t state; /* enum model_module_state */
  int32_t refs;  /* what lsmod shows (EV_MODULE_REF); -1: not known (no such event yet) */
  uint32_t size, error;
  uint64_t changed; /* cycle of the last load, unload or failure: the displays flash it */
  char name[16];
};

/* One IPC event: a send, receive, reply or notification (kind is the event type). */
struct model_msg {
  uint64_t cycle;
  uint16_t kind, hart;
  uint32_t from, to, label, size;
};

struct model_server {
  bool used, alive;
  uint32_t pid, deaths, restarts, why;
  uint64_t changed;
  char name[16];
};

enum model_counter {
  MODEL_SYSCALLS,
  MODEL_SWITCHES,
  MODEL_IPC,
  MODEL_TLB_MISSES,
  MODEL_PAGE_FAULTS,
  MODEL_NCOUNTERS
};

struct model {
  uint64_t now; /* the latest cycle seen */
  uint64_t nevents;
  uint64_t by_machine_type[EV_MACHINE_LAST];
  uint64_t by_kernel_type[EV_KERNEL_LAST - EV_KERNEL_BASE];
  uint64_t other_types;
  unsigned nharts; /* 1 + the highest hart seen */
  struct model_hart harts[MODEL_HARTS];
  struct model_proc procs[MODEL_PROCS];
  /* hint[pid % MODEL_HINTS]: 1 + the slot where pid was last found, 0 none. Checked on use
   * (slots are recycled), it saves a scan of the table for almost every event. */
  uint8_t hint[MODEL_HINTS];
  struct model_module modules[MODEL_MODULES];
  struct model_server servers[MODEL_SERVERS];
  uint64_t nmsgs; /* messages ever seen; the last MODEL_MSGS are in msgs[n % MODEL_MSGS] */
  struct model_msg msgs[MODEL_MSGS];
  uint32_t kernel_pages;
  uint64_t pages, peak_pages; /* charged to any owner (kernel and processes): now, and the most */
  uint64_t lock_contentions;  /* contended acquires the thread library marked (abi/marks.h) */
  uint64_t total[MODEL_NCOUNTERS];
  /* Rates per million cycles over the last finished window; windows counts them. */
  uint64_t windows, window_start, window_base[MODEL_NCOUNTERS];
  double rate[MODEL_NCOUNTERS];
  /* If set, called with every timeline segment as it closes (for a consumer that keeps the
   * whole run, such as overview.h, where the rings keep only the newest). */
  void (*on_seg)(void *ctx, unsigned hart, const struct model_seg *s);
  void *on_seg_ctx;
};

void model_init(struct model *m);
/* Applies one record. Unknown types are counted and otherwise ignored. */
void model_feed(struct model *m, const struct ev_record *r);
/* The process with this pid, or NULL. */
const struct model_proc *model_proc(const struct model *m, uint32_t pid);
/* A printable name for pid: its name, "idle" for 0, or "pid N" (buf is used for that). */
const char *model_proc_name(const struct model *m, uint32_t pid, char *buf, unsigned len);
/* Short names: of a process state ("sleeping"), and of a counter ("syscalls"). */
const char *model_state_name(uint32_t state);
const char *model_counter_name(enum model_counter c);
/* The count of events of one type seen so far. */
uint64_t model_type_count(const struct model *m, uint16_t type);
/* Decodes a name packed little-endian in three words (a1..a3 of a record) into out[16]. */
void model_unpack_name(const uint32_t *words, char out[16]);

#endif
