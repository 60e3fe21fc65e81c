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
#include "kernel.h"
#include "machine.h"
#include "options.h"
#include "term.h"

#ifndef OSSIM_VERSION
#define OSSIM_VERSION "dev"
#endif

/* Guest output is flushed and the quit key checked this often, in simulated cycles. */
#define SLICE_CYCLES 2000000u

static void write_event(void *ctx, const struct ev_record *r) {
  FILE *f = ctx;
  const char *name = ev_type_name(r->type);
  fprintf(f, "%" PRIu64 " ", r->cycle);
  if (r->hart == EV_HART_NONE) fputs("- ", f);
  else fprintf(f, "%u ", r->hart);
  if (name) fprintf(f, "%s", name);
  else fprintf(f, "type-%u", r->type);
  fprintf(f, " %#x %#x %#x %#x\n", r->a[0], r->a[1], r->a[2], r->a[3]);
}

static double host_seconds(void) {
  /* Host time is only ever reported to the user (--stats), never shown to the guest. */
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct totals {
  uint64_t instret, cycles, tlb_hits, tlb_misses, tlb_flushes, exceptions, interrupts;
};

static void add_totals(struct totals *t, const struct machine *m) {
  uint64_t cycles = 0; /* the furthest any hart got: the machine ran that long */
  t->instret += machine_instret(m);
  for (unsigned i = 0; i < m->nharts; i++) {
    const struct hart *h = m->harts[i];
    if (h->cycles > cycles) cycles = h->cycles;
    t->tlb_hits += h->tlb.hits;
    t->tlb_misses += h->tlb.misses;
    t->tlb_flushes += h->tlb.flushes;
    for (unsigned c = 0; c < 16; c++) {
      t->exceptions += h->stats.exceptions[c];
      t->interrupts += h->stats.interrupts[c];
    }
  }
  t->cycles += cycles;
}

static void print_stats(const struct totals *t, double seconds) {
  fprintf(stderr, "instructions: %" PRIu64 "\n", t->instret);
  fprintf(stderr, "cycles: %" PRIu64 "\n", t->cycles);
  fprintf(stderr, "host seconds: %.3f\n", seconds);
  fprintf(stderr, "MIPS: %.1f\n", seconds > 0 ? (double)t->instret / seconds / 1e6 : 0.0);
  fprintf(stderr, "tlb hits: %" PRIu64 "\n", t->tlb_hits);
  fprintf(stderr, "tlb misses: %" PRIu64 "\n", t->tlb_misses);
  fprintf(stderr, "tlb flushes: %" PRIu64 "\n", t->tlb_flushes);
  fprintf(stderr, "traps: %" PRIu64 "\n", t->exceptions + t->interrupts);
  fprintf(stderr, "exceptions: %" PRIu64 "\n", t->exceptions);
  fprintf(stderr, "interrupts: %" PRIu64 "\n", t->interrupts);
}

struct run {
  const struct options *o;
  struct machine_config cfg;
  struct term term;
  FILE *events;
  struct totals totals;
};

/* Runs the kernel in slices until it stops, the cycle limit, or the user quits. */
static int run_kernel(struct run *r, const struct kernel_ops *ops) {
  const struct options *o = r->o;
  struct kernel_args args = {
      .image = o->image, .app_argv = o->app_argv, .app_argc = o->app_argc,
      .disk = o->disk, .persist = o->persist,
      .init = o->init, .command = o->command, .sched = o->sched,
      .modules = o->modules, .nmodules = o->nmodules,
  };
  struct kernel *k = NULL;
  char err[512] = "";
  if (r->events) {
    r->cfg.ev_sink = write_event;
    r->cfg.ev_sink_ctx = r->events;
  }
  if (ops->create(&r->cfg, &args, &k, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n", err);
    return EXIT_ERROR;
  }
  uint64_t limit = o->max_cycles ? o->max_cycles : UINT64_MAX;
  enum kernel_state s = KERNEL_RUNNING;
  while (s == KERNEL_RUNNING && machine_now(k->m) < limit && !r->term.quit) {
    uint64_t now = machine_now(k->m);
    s = ops->run(k, limit - now > SLICE_CYCLES ? now + SLICE_CYCLES : limit);
    term_flush(&r->term);
    if (k->idle) term_rest(&r->term);
  }
  add_totals(&r->totals, k->m);
  int status;
  switch (s) {
  case KERNEL_HALTED: status = k->exit_status; break;
  case KERNEL_STUCK:
    fprintf(stderr, "ossim: %s\n", k->message);
    status = EXIT_STUCK;
    break;
  case KERNEL_FAILED:
    fprintf(stderr, "ossim: %s\n", k->message);
    status = EXIT_PANIC;
    break;
  case KERNEL_ERROR:
    fprintf(stderr, "ossim: %s\n", k->message);
    status = EXIT_ERROR;
    break;
  default:
    if (r->term.quit) {
      status = EXIT_OK;
    } else {
      fprintf(stderr, "ossim: stopped after %" PRIu64 " cycles (--max-cycles)\n", limit);
      status = EXIT_WATCHDOG;
    }
  }
  ops->destroy(k);
  return status;
}

static int configure(struct run *r) {
  const struct options *o = r->o;
  char err[512];
  if (options_machine_config(o, &r->cfg, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n", err);
    return -1;
  }
  if (o->events_file && !(r->events = fopen(o->events_file, "w"))) {
    fprintf(stderr, "ossim: %s: %s\n", o->events_file, strerror(errno));
    return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "compare") == 0) return compare_main(argc - 1, argv + 1);
  struct options o;
  char err[256];
  if (options_parse(argc, argv, &o, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n%s", err, options_usage());
    return EXIT_USAGE;
  }
  if (o.help) {
    fputs(options_usage(), stdout);
    printf("kernels (default %s):\n", kernel_default());
    for (const struct kernel_ops *const *k = kernel_list(); *k; k++)
      printf("  %-6s %s\n", (*k)->name, (*k)->summary);
    return EXIT_OK;
  }
  if (o.version) {
    printf("ossim %s\n", OSSIM_VERSION);
    return EXIT_OK;
  }
  const struct kernel_ops *ops = kernel_find(o.kernel ? o.kernel : kernel_default());
  if (!ops) {
    fprintf(stderr, "ossim: unknown kernel '%s'; known kernels:", o.kernel);
    for (const struct kernel_ops *const *k = kernel_list(); *k; k++)
      fprintf(stderr, " %s", (*k)->name);
    fprintf(stderr, "\n%s", options_usage());
    return EXIT_USAGE;
  }
  if (ops->needs_image && !o.image) {
    fprintf(stderr, "ossim: --kernel %s needs --image FILE.elf\n%s", ops->name, options_usage());
    return EXIT_USAGE;
  }
  struct run r = {.o = &o};
  if (configure(&r) < 0) return EXIT_ERROR;
  if (term_open(&r.term) < 0) {
    fprintf(stderr, "ossim: cannot set up the terminal: %s\n", strerror(errno));
    return EXIT_ERROR;
  }
  r.cfg.uart = term_uart_host(&r.term);
  double start = host_seconds();
  int status = run_kernel(&r, ops);
  double seconds = host_seconds() - start;
  term_close(&r.term);
  if (r.events && fclose(r.events) != 0) {
    fprintf(stderr, "ossim: %s: %s\n", o.events_file, strerror(errno));
    if (status == EXIT_OK) status = EXIT_ERROR;
  }
  if (o.stats) print_stats(&r.totals, seconds);
  return status;
}
