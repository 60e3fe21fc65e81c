/*
 * kernel.h: the one interface every kernel implements, and the registry that names them.
 *
 * The front end (cli/) builds a machine configuration from the command line, asks the
 * registry for the kernel the user named, creates it, and then calls run() in slices of
 * simulated time until the system stops: between slices it flushes the console and looks
 * at the keyboard. A kernel owns its machine (it may rebuild or reset it on a reboot) and
 * says how the run ended in struct kernel.
 *
 * Adding a kernel is one folder, kernels/NAME/, whose CMakeLists.txt builds the library
 * kernel_NAME defining `const struct kernel_ops NAME_kernel`, and one line in registry.c
 * (which also says whether it is the default). CMake finds the folder; the tests that run
 * on every kernel find it too (tests/kernels.cmake). A kernel links no other kernel: what
 * two kernels need is in kernels/lib/ or beside this header (hostfile, hostbus, monitor).
 * A kernel's own command-line options are a table in its kernel_ops (kernel_options.h):
 * the front end parses them into the kernel's own struct, lists them in --help under the
 * kernel, and refuses them for the other kernels.
 *
 * Not for: how a kernel works inside. Each kernel's own headers say that.
 */
#ifndef OSSIM_KERNEL_H
#define OSSIM_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "machine.h"

/* What the command line says to every kernel that runs a system; each kernel uses what
 * applies to it. The options of one kernel are in its own struct, at `own`. */
struct kernel_args {
  const char *disk;    /* --disk FILE: the disk image */
  bool persist;        /* --persist: write to the disk image itself, not a copy */
  const char *init;    /* --init PROG: the first program, instead of the shell */
  const char *command; /* -c CMD: run one shell command and power off (a kernel that runs
                          one program runs CMD's words as that program) */
  const char *sched;   /* --sched NAME: the scheduling policy */
  const void *own;     /* the kernel's own options (kernel_ops.options): a struct of
                          kernel_ops.options_size bytes, never NULL; zeroed means defaults */
};

enum kernel_state {
  KERNEL_RUNNING, /* the slice ended; call run() again */
  KERNEL_HALTED,  /* the system shut down; exit_status says how */
  KERNEL_STUCK,   /* nothing can ever run again; message says why */
  KERNEL_FAILED,  /* the kernel gave up (a panic); message says why */
  KERNEL_ERROR,   /* the system could not start from what it was given (a bad disk, a
                     missing program); message says why, naming the file */
};

/* The part of every kernel the front end sees. Each kernel embeds it first in its own
 * struct and casts. Written by the kernel; read by the front end between slices. */
struct kernel {
  const struct kernel_ops *ops;
  struct machine *m;    /* the machine it runs on now */
  int exit_status;      /* when halted: what ossim exits with */
  bool idle;            /* the last slice ran nothing: the system waits for input, and
                           the front end may let the host rest before the next slice */
  char message[512];    /* when stuck or failed: what to tell the user */
  uint32_t image_bytes; /* bytes of the one image it booted, for `ossim compare` (uni:
                           the program and library OS); 0 when there is no such image */
};

struct kernel_option;

struct kernel_ops {
  const char *name;
  const char *summary; /* one line for --help */
  bool one_program;    /* runs one program, not shell commands: no pipelines */
  /* Its own command-line options, ended by an entry with no name (NULL: none), parsed
   * into a struct of options_size bytes that create() finds at args->own. */
  const struct kernel_option *options;
  size_t options_size;
  /* Builds the machine from mc and boots on it. Returns 0, or a negative errno with a
   * message in err that names the file and what is wrong; KERNEL_EBADARG when an argument
   * names nothing the kernel knows (--sched, --module), a bad command line. */
  int (*create)(const struct machine_config *mc, const struct kernel_args *args,
                struct kernel **out, char *err, size_t errlen);
  /* Runs until the machine's time reaches `until`, or the system stops. */
  enum kernel_state (*run)(struct kernel *k, uint64_t until);
  void (*destroy)(struct kernel *k);
  const struct kernel_debug_ops *debug; /* NULL: the debugger sees harts only (below) */
};

/* ---- Debugging: a kernel's view for the gdb stub (cli/gdb_target.c) ----
 *
 * A hosted kernel shows its processes (and micro its servers) to gdb as threads, named by
 * pid and program, each with its registers and its page table. Every hook is called
 * between slices, with the machine stopped, and changes nothing the guest can see. A
 * kernel without them (bare, uni) shows its harts as the threads instead. */
struct kernel_thread {
  int pid;
  char name[16];
  uint32_t satp;     /* the page table its memory is read through */
  int hart;          /* the hart it is on (its registers are the hart's), or -1 */
  const char *state; /* "running", "runnable", "sleeping", ... */
};

struct kernel_debug_ops {
  /* Fills up to max threads, in pid order; returns how many there are. */
  unsigned (*threads)(struct kernel *k, struct kernel_thread *out, unsigned max);
  /* The pid of the thread on hart h, or -1 when none is (the kernel idles it). Cheap: the
   * stub asks after every step. */
  int (*on_hart)(struct kernel *k, unsigned h);
  /* 0 when a thread may run at the next cycle; else the earliest cycle at which one may
   * (the next device event or timer that can wake one): the stub lets time jump there. */
  uint64_t (*idle_until)(struct kernel *k);
  /* The saved user registers (x[0..31], pc) of a thread that is off its hart: 0, or
   * -ESRCH when no thread has that pid. */
  int (*regs)(struct kernel *k, int pid, uint32_t x[32], uint32_t *pc);
  int (*set_regs)(struct kernel *k, int pid, const uint32_t x[32], uint32_t pc);
  /* A `monitor` command: its answer as text in out (always terminated). 0, or -EINVAL for
   * a command it does not know (out then lists the ones it does). */
  int (*monitor)(struct kernel *k, const char *cmd, char *out, size_t len);
};
/* ---- end of debugging ---- */

/* What create returns for an argument that names nothing the kernel knows: not an errno,
 * for no errno says "the command line is wrong". */
#define KERNEL_EBADARG (-2000)

/* The kernel called name, or NULL. */
const struct kernel_ops *kernel_find(const char *name);
/* Every kernel, NULL-terminated, in the order --help lists them. */
const struct kernel_ops *const *kernel_list(void);
/* The kernel `ossim` boots when the command line names none: the one its registry line
 * marks (registry.c). */
const struct kernel_ops *kernel_default(void);

#endif
