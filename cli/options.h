/*
 * options: the ossim command line, parsed into a struct and nothing else.
 *
 * The options of the machine and of every kernel are this file's; an option that belongs
 * to one kernel is found in the kernels' own tables (kernel_options.h), kept as given, and
 * parsed into that kernel's struct by options_for_kernel once the kernel is known.
 *
 * Parsing never exits or prints: a bad argument gives -1 and a one-line message, and
 * main() prints it with the usage and exits with status 2.
 */
#ifndef OSSIM_OPTIONS_H
#define OSSIM_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kernel.h"

/* Exit statuses of ossim, besides a guest's own exit code. */
enum {
  EXIT_OK = 0,
  EXIT_ERROR = 1,      /* a file could not be loaded, out of memory */
  EXIT_USAGE = 2,      /* bad command line */
  EXIT_PANIC = 3,      /* the kernel panicked */
  EXIT_WATCHDOG = 124, /* --max-cycles reached (as timeout(1) reports a time-out) */
  EXIT_STUCK = 125,    /* every hart waits for an interrupt that can never come */
};

struct options {
  bool help, version, stats, persist;
  bool tui, viz;           /* --tui, --viz: the live visualizer */
  const char *kernel;      /* NULL: the default kernel */
  const char *init;        /* --init */
  const char *command;     /* -c */
  const char *sched;       /* --sched */
  const char *disk;        /* --disk */
  const char *cost_file;   /* --cost */
  const char *profile;     /* --profile: a named cost profile (sim/cost.h) */
  const char *events_file; /* --events */
  const char *trace_file;  /* --trace: Chrome Trace Event JSON */
  uint32_t mem;            /* bytes */
  unsigned cpus;
  unsigned tlb, tlb_ways; /* 0: the machine's default */
  bool strict_tlb, trap_misaligned;
  uint64_t seed, max_cycles;         /* max_cycles 0: no limit */
  uint64_t speed;                    /* --speed: simulated cycles per host second, 0 unlimited */
  struct given_option {              /* the kernels' own options, in order, as given */
    const struct kernel_option *opt; /* the first kernel's that has one by this name */
    const char *val;
    char *const *rest; /* KOPT_REST: the value and the arguments after it */
    unsigned nrest;
  } given[32];
  unsigned ngiven;
  void *own;          /* options_for_kernel: the chosen kernel's options struct (free it) */
  bool gdb, gdb_wait; /* --gdb [PORT]: serve gdb; --gdb-wait: wait again on detach */
  unsigned gdb_port;  /* 0: any free port (ossim says which) */
};

/* Parses argv into *o (defaults first). Returns 0, or -1 with a message in err. */
int options_parse(int argc, char **argv, struct options *o, char *err, size_t errlen);
/* Fills *cfg from the options that describe the machine (memory, harts, seed, TLB, disk,
 * cost profile and cost file). Returns 0, or -1 with a message naming the file or the
 * profile in err. */
struct machine_config;
int options_machine_config(const struct options *o, struct machine_config *cfg, char *err,
                           size_t errlen);
/* Parses the kernel options given into a new struct for ops, at o->own. Returns 0, or -1
 * with a message in err: an option of another kernel, a bad value, a required option
 * missing, or no memory. */
int options_for_kernel(struct options *o, const struct kernel_ops *ops, char *err, size_t errlen);
/* Writes the usage text: the common options, then each kernel with its own. */
void options_usage(FILE *f);

#endif
