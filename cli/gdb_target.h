/*
 * gdb_target: the machine and kernel as the gdb stub serves them — threads, registers,
 * memory, breakpoints, watchpoints, caught system calls, stepping, continuing, and
 * reverse execution.
 *
 * Stepping runs the kernel with a budget of one cycle past the lowest hart's clock, which
 * retires exactly one instruction on that hart (an instruction costs at least a cycle), so
 * the interpreter has no debugging check in its loop. While a breakpoint, watchpoint or
 * caught system call is set, continuing is stepping and checking after each step; with
 * none, it runs in the ordinary slices. Either way the guest computes the same thing as in
 * a run without a debugger: the same instructions in the same cycles.
 *
 * A stop is only ever reported where a person can look: with a hosted kernel (mono,
 * micro), between two user-mode instructions; with bare and uni, between any two.
 *
 * Reverse execution comes from determinism: the run depends only on the command line and
 * the console input, which is recorded. To step back, the target boots the kernel again
 * and runs forward (in slices that never pass the goal, then step by step) to the stop
 * before; console input is replayed as recorded and console output already shown is not
 * shown twice.
 *
 * Not for: the protocol (gdb_cmd.c) or the socket (gdb_server.c).
 */
#ifndef OSSIM_GDB_TARGET_H
#define OSSIM_GDB_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gdb_record.h"
#include "kernel.h"
#include "machine.h"

#define GDB_MAX_POINTS 32
#define GDB_MAX_THREADS 64
#define GDB_NSYSCALLS 64

/* Where a run is: user instructions retired, and hart 0's clock (which goes on through a
 * system call, whose ecall retires nothing). Runs are compared by it. */
struct gdb_pos {
  uint64_t instret, cycles;
};

enum gdb_stop_kind {
  GDB_STOP_SIGNAL,        /* a step ended, Ctrl-C, or a breakpoint: signal says which */
  GDB_STOP_WATCH,         /* a watched word changed: addr */
  GDB_STOP_SYSCALL_ENTRY, /* at an ecall: syscall */
  GDB_STOP_SYSCALL_RETURN,
  GDB_STOP_HISTORY_BEGIN, /* reverse execution reached the boot */
  GDB_STOP_EXITED,        /* the system shut down: status */
};

struct gdb_stop {
  enum gdb_stop_kind kind;
  int signal; /* GDB_SIGTRAP, GDB_SIGINT */
  bool breakpoint;
  uint32_t addr, syscall;
  int tid, status;
};
#define GDB_SIGINT 2
#define GDB_SIGTRAP 5

struct gdb_point {
  int type; /* 0 software, 1 hardware breakpoint, 2 write watchpoint */
  uint32_t addr, len;
  uint8_t old[8]; /* a watchpoint: the bytes when it was set or last fired */
  int tid;        /* a watchpoint: whose memory it watches */
};

struct gdb_target {
  const struct kernel_ops *ops;
  struct kernel_args args;
  struct machine_config cfg;
  struct kernel *k;
  enum kernel_state state;
  bool replayable;       /* false with --persist: a second boot would see a changed disk */
  bool jumped;           /* the last step jumped time over idleness (gdb_target.c, nudge) */
  unsigned hart;         /* the hart the machine last stopped on (a breakpoint's), else 0 */
  struct gdb_record rec; /* console input and events, for replays and `monitor events` */

  int gtid; /* the thread Hg chose (registers, memory); 0: the current one */
  struct gdb_point points[GDB_MAX_POINTS];
  unsigned npoints;
  char only[16]; /* `monitor only NAME`: breakpoints stop in program NAME only ("" any) */
  bool catch_syscalls, catch_any;
  uint8_t catch_set[GDB_NSYSCALLS]; /* catch_any false: the numbers caught */
  bool entry_reported; /* the stop at this ecall was its entry: the next step returns */
  uint32_t entry_syscall;
  struct gdb_stop last;
  /* The boundaries the last replay stepped through, in order, up to where it stopped: a
   * reverse step from one of them knows the one before without replaying to find it. */
  struct gdb_pos trail[128];
  unsigned ntrail;
};

/* Creates the kernel ops names with cfg and args (the target keeps copies of them and
 * wraps cfg's UART for replay). 0, or a negative errno with a message in err. */
int gdb_target_open(struct gdb_target *t, const struct kernel_ops *ops,
                    const struct machine_config *cfg, const struct kernel_args *args,
                    bool replayable, char *err, size_t errlen);
void gdb_target_close(struct gdb_target *t);

/* Threads: ids (> 0) of every thread, and the one the machine stopped in. */
unsigned gdb_threads(struct gdb_target *t, int *tids, unsigned max);
int gdb_current_tid(struct gdb_target *t);
bool gdb_thread_alive(struct gdb_target *t, int tid);
/* A thread's name for `info threads` ("pid 3 sh", "hart 0"); "" if none. */
void gdb_thread_name(struct gdb_target *t, int tid, char *out, size_t len);

/* Register n in gdb's numbering (x0..x31, pc = 32, CSR c = 65 + c) of thread tid: 0, or
 * -ENOENT for a register there is none of, -ESRCH for a thread there is none of. */
int gdb_reg_get(struct gdb_target *t, int tid, unsigned n, uint32_t *val);
int gdb_reg_set(struct gdb_target *t, int tid, unsigned n, uint32_t val);
/* Memory as thread tid sees it (gdb_read_mem/gdb_write_mem: sim/debug.h's counts). */
long gdb_read_mem(struct gdb_target *t, int tid, uint32_t va, void *buf, size_t n);
long gdb_write_mem(struct gdb_target *t, int tid, uint32_t va, const void *buf, size_t n);

/* Breakpoints (type 0, 1) and write watchpoints (2). 0, -ENOSPC, -EINVAL; removing one
 * that is not set is not an error. */
int gdb_point_add(struct gdb_target *t, int type, uint32_t addr, uint32_t len);
void gdb_point_remove(struct gdb_target *t, int type, uint32_t addr, uint32_t len);

/* Resuming. interrupted() is asked now and then whether the user pressed Ctrl-C. Each
 * fills *stop with why the machine stopped. */
typedef bool (*gdb_interrupted_fn)(void *ctx);
void gdb_step(struct gdb_target *t, struct gdb_stop *stop);
void gdb_continue(struct gdb_target *t, gdb_interrupted_fn interrupted, void *ctx,
                  struct gdb_stop *stop);
/* Back one stop, or to the last breakpoint before this point. -EPERM when the run cannot
 * be replayed (--persist), -ENOMEM. */
int gdb_reverse_step(struct gdb_target *t, struct gdb_stop *stop);
int gdb_reverse_continue(struct gdb_target *t, gdb_interrupted_fn interrupted, void *ctx,
                         struct gdb_stop *stop);
/* Runs to the end without a debugger (after a detach). Returns the kernel's state. */
enum kernel_state gdb_run_free(struct gdb_target *t, uint64_t until);

struct gdb_pos gdb_position(const struct gdb_target *t);

/* The page table thread tid's memory is read through (sim/debug.h's satp values). */
int gdb_thread_satp(struct gdb_target *t, int tid, uint32_t *satp);

#endif
