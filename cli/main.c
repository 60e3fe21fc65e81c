/*
 * ossim's front end: parses the command line, builds the machine, runs the chosen kernel
 * and decides what the user sees and the exit status. Library code below it never prints.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compare.h"
#include "explore.h"
#include "kernel.h"
#include "machine.h"
#include "options.h"
#include "replay_cmd.h"
#include "run.h"
#include "session.h"
#include "term.h"

#ifndef OSSIM_VERSION
#define OSSIM_VERSION "dev"
#endif

/* After a bad command line: one line, not the whole of --help, which would push the error
 * itself off the screen. */
static const char usage_hint[] = "usage: ossim [options]; ossim --help lists them\n";

static double host_seconds(void) {
  /* Host time is only ever reported to the user (--stats), never shown to the guest. */
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void print_stats(const struct totals *t, double seconds) {
  fprintf(stderr, "instructions: %" PRIu64 "\n", t->instret);
  fprintf(stderr, "cycles: %" PRIu64 "\n", t->cycles);
  fprintf(stderr, "host seconds: %.3f\n", seconds);
  fprintf(stderr, "MIPS: %.1f\n", seconds > 0 ? (double)t->instret / seconds / 1e6 : 0.0);
  fprintf(stderr, "tlb hits: %" PRIu64 "\n", t->tlb_hits);
  fprintf(stderr, "tlb misses: %" PRIu64 "\n", t->tlb_misses);
  fprintf(stderr, "tlb evictions: %" PRIu64 "\n", t->tlb_evictions);
  fprintf(stderr, "tlb flushes: %" PRIu64 "\n", t->tlb_flushes);
  fprintf(stderr, "traps: %" PRIu64 "\n", t->exceptions + t->interrupts);
  fprintf(stderr, "exceptions: %" PRIu64 "\n", t->exceptions);
  fprintf(stderr, "interrupts: %" PRIu64 "\n", t->interrupts);
  fprintf(stderr, "misaligned accesses completed: %" PRIu64 "\n", t->misaligned);
}

static FILE *open_output(const char *path) {
  FILE *f = fopen(path, "w");
  if (!f) fprintf(stderr, "ossim: %s: %s\n", path, strerror(errno));
  return f;
}

static int configure(struct run *r) {
  const struct options *o = r->o;
  char err[512];
  if (options_machine_config(o, &r->cfg, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n", err);
    return -1;
  }
  if (o->events_file && !(r->obs.events = open_output(o->events_file))) return -1;
  if (o->stats || o->trace_file) {
    if (!(r->obs.model = malloc(sizeof *r->obs.model))) return -1;
    model_init(r->obs.model);
  }
  if (o->trace_file) {
    FILE *f = open_output(o->trace_file);
    if (!f || !(r->obs.trace = malloc(sizeof *r->obs.trace))) return -1;
    trace_begin(r->obs.trace, f, r->obs.model);
  }
  atomic_init(&r->quit, false);
  atomic_init(&r->speed, o->speed);
  return 0;
}

/* Closes an output file, saying so if it could not be written. Returns false then. */
static bool close_output(FILE *f, const char *name) {
  if (!f) return true;
  /* A write that failed earlier (a full disk, /dev/full) leaves nothing for fclose to fail
   * on: the stream's error flag is what remembers it. */
  bool failed = ferror(f) != 0;
  if (fclose(f) != 0) failed = true;
  if (!failed) return true;
  fprintf(stderr, "ossim: %s: cannot write it: %s\n", name, strerror(errno ? errno : EIO));
  return false;
}

/* Finishes and closes the --events and --trace files; frees the model. */
static int finish_outputs(struct run *r, int status) {
  bool ok = close_output(r->obs.events, r->o->events_file);
  if (r->obs.trace) {
    trace_end(r->obs.trace);
    ok = close_output(r->obs.trace->f, r->o->trace_file) && ok;
  }
  if (r->o->stats) obs_print_summary(&r->obs, stderr);
  free(r->obs.trace);
  free(r->obs.model);
  return !ok && status == EXIT_OK ? EXIT_ERROR : status;
}

/* The usage error in the options for kernel ops, printed, or EXIT_OK; parses the kernel's
 * own options into o->own. */
static int usage_status(struct options *o, const struct kernel_ops *ops) {
  char err[512];
  if (options_for_kernel(o, ops, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n", err);
    fputs(usage_hint, stderr);
    return EXIT_USAGE;
  }
  if (o->tui && o->viz) {
    fprintf(stderr, "ossim: --tui and --viz: choose one\n");
    fputs(usage_hint, stderr);
    return EXIT_USAGE;
  }
  return EXIT_OK;
}

/* Runs kernel ops as the options say, and says what ossim exits with. */
static int run(struct options *o, const struct kernel_ops *ops) {
  char err[256];
  if (!session_available(o, err, sizeof err)) {
    fprintf(stderr, "ossim: %s\n", err);
    return EXIT_ERROR;
  }
  struct run r = {.o = o};
  if (configure(&r) < 0) return finish_outputs(&r, EXIT_ERROR);
  /* With --tui the dashboard owns the terminal; the guest console is one of its panes. */
  if (!o->tui && term_open(&r.term) < 0) {
    fprintf(stderr, "ossim: cannot set up the terminal: %s\n", strerror(errno));
    return finish_outputs(&r, EXIT_ERROR);
  }
  r.cfg.uart = term_uart_host(&r.term);
  term_banner(&r.term, ops->name, r.cfg.ncpus, !ops->one_program && !o->command && !o->init);
  double start = host_seconds();
  int status = o->tui || o->viz ? session_run(&r, ops) : run_kernel(&r, ops);
  double seconds = host_seconds() - start;
  term_close(&r.term);
  if (o->stats) print_stats(&r.totals, seconds);
  return finish_outputs(&r, status);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "compare") == 0) return compare_main(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "replay") == 0) return replay_main(argc - 1, argv + 1);
  if (argc > 1 && strcmp(argv[1], "explore") == 0) return explore_main(argc - 1, argv + 1);
  struct options o;
  char err[256];
  if (options_parse(argc, argv, &o, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n", err);
    fputs(usage_hint, stderr);
    return EXIT_USAGE;
  }
  if (o.help) {
    options_usage(stdout);
    printf("ossim compare [options]: one workload on every kernel, a table of what each cost "
           "(ossim compare --help)\n");
    printf("ossim replay FILE [--tui | --viz]: play a run saved with --events FILE on a display\n");
    printf("ossim explore --seeds A-B [options] -c 'CMD': the seeds under which CMD fails "
           "(ossim explore --help)\n");
    return EXIT_OK;
  }
  if (o.version) {
    printf("ossim %s\n", OSSIM_VERSION);
    return EXIT_OK;
  }
  const struct kernel_ops *ops = o.kernel ? kernel_find(o.kernel) : kernel_default();
  if (!ops) {
    fprintf(stderr, "ossim: unknown kernel '%s'; known kernels:", o.kernel);
    for (const struct kernel_ops *const *k = kernel_list(); *k; k++)
      fprintf(stderr, " %s", (*k)->name);
    fputc('\n', stderr);
    fputs(usage_hint, stderr);
    return EXIT_USAGE;
  }
  int status = usage_status(&o, ops);
  if (status == EXIT_OK) status = run(&o, ops);
  free(o.own);
  return status;
}
