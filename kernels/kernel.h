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
  struct machine *m;      /* the machine it runs on now */
  int exit_status;        /* when halted: what ossim exits with */
  bool idle;              /* the last slice ran nothing: the system waits for input, and
                             the front end may let the host rest before the next slice */
  char message[512];      /* when stuck or failed: what to tell the user */
  uint32_t image_bytes;   /* bytes of the one image it booted, for `ossim compare` (uni:
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
   * message in err that names the file and what is wrong. */
  int (*create)(const struct machine_config *mc, const struct kernel_args *args,
                struct kernel **out, char *err, size_t errlen);
  /* Runs until the machine's time reaches `until`, or the system stops. */
  enum kernel_state (*run)(struct kernel *k, uint64_t until);
  void (*destroy)(struct kernel *k);
};

/* The kernel called name, or NULL. */
const struct kernel_ops *kernel_find(const char *name);
/* Every kernel, NULL-terminated, in the order --help lists them. */
const struct kernel_ops *const *kernel_list(void);
/* The kernel `ossim` boots when the command line names none: the one its registry line
 * marks (registry.c). */
const struct kernel_ops *kernel_default(void);

#endif
