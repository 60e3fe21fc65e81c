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

#include "elf.h"
#include "machine.h"
#include "options.h"
#include "term.h"

#ifndef OSSIM_VERSION
#define OSSIM_VERSION "dev"
#endif

/* Guest output is flushed and the quit key checked this often, in simulated cycles. */
#define SLICE_CYCLES 2000000u

static const char *const known_kernels[] = {"bare"};

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

/* Boots the image once and runs it to its end or the budget. Returns -1 if it could not
 * boot; else 0 with the final state and the guest's exit code. */
static int boot_bare(struct run *r, uint64_t budget, enum machine_state *state, uint32_t *code) {
  char err[512] = "";
  struct machine *m = NULL;
  if (machine_create(&r->cfg, &m, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n", err);
    return -1;
  }
  if (r->events) ev_set_sink(&m->ev, write_event, r->events);
  struct elf_image img;
  if (elf_load_file(&m->bus, r->o->image, &img, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n", err);
    machine_destroy(m);
    return -1;
  }
  machine_reset_harts(m, img.entry);
  enum machine_state s = MACHINE_RUNNING;
  while (s == MACHINE_RUNNING && m->now < budget && !r->term.quit) {
    uint64_t until = budget - m->now > SLICE_CYCLES ? m->now + SLICE_CYCLES : budget;
    s = machine_run(m, until);
    term_flush(&r->term);
  }
  if (s == MACHINE_TRAP_LOOP) {
    const struct hart *h = m->harts[m->stopped_by];
    fprintf(stderr,
            "ossim: hart %u cannot fetch its trap handler at %#x (%s; stvec = %#x, last "
            "scause = %#x, sepc = %#x): it would trap forever\n",
            h->id, h->pc, m->exit_code == CAUSE_FETCH_PAGE_FAULT ? "page fault" : "access fault",
            h->stvec, h->scause, h->sepc);
  }
  *state = s;
  *code = m->exit_code;
  add_totals(&r->totals, m);
  machine_destroy(m);
  return 0;
}

static int run_bare(struct run *r) {
  if (!r->o->image) {
    fprintf(stderr, "ossim: --kernel bare needs --image FILE.elf\n");
    return EXIT_USAGE;
  }
  uint64_t limit = r->o->max_cycles ? r->o->max_cycles : UINT64_MAX;
  for (;;) {
    enum machine_state s;
    uint32_t code;
    if (boot_bare(r, limit - r->totals.cycles, &s, &code) < 0) return EXIT_ERROR;
    switch (s) {
    case MACHINE_POWEROFF: return EXIT_OK;
    case MACHINE_FAILED:
      /* QEMU's exit status for the same write; a code that is 0 mod 256 still fails. */
      return (code & 0xff) ? (int)(code & 0xff) : EXIT_ERROR;
    case MACHINE_REBOOT: continue;
    case MACHINE_TRAP_LOOP: return EXIT_STUCK;
    case MACHINE_STUCK:
      fprintf(stderr, "ossim: the guest is stuck: every hart waits in wfi for an interrupt "
                      "that nothing can raise\n");
      return EXIT_STUCK;
    case MACHINE_RUNNING:
      if (r->term.quit) return EXIT_OK;
      fprintf(stderr, "ossim: stopped after %" PRIu64 " cycles (--max-cycles)\n",
              r->o->max_cycles);
      return EXIT_WATCHDOG;
    }
  }
}

static int configure(struct run *r) {
  const struct options *o = r->o;
  machine_config_default(&r->cfg);
  r->cfg.ram_size = o->mem;
  r->cfg.ncpus = o->cpus;
  r->cfg.seed = o->seed;
  r->cfg.tlb_entries = o->tlb;
  r->cfg.disk_path = o->disk;
  if (o->cost_file) {
    char err[512];
    if (cost_load_file(&r->cfg.cost, o->cost_file, err, sizeof err) < 0) {
      fprintf(stderr, "ossim: %s\n", err);
      return -1;
    }
  }
  if (o->events_file && !(r->events = fopen(o->events_file, "w"))) {
    fprintf(stderr, "ossim: %s: %s\n", o->events_file, strerror(errno));
    return -1;
  }
  return 0;
}

static bool kernel_known(const char *name) {
  for (size_t i = 0; i < sizeof known_kernels / sizeof known_kernels[0]; i++)
    if (!strcmp(name, known_kernels[i])) return true;
  return false;
}

int main(int argc, char **argv) {
  struct options o;
  char err[256];
  if (options_parse(argc, argv, &o, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n%s", err, options_usage());
    return EXIT_USAGE;
  }
  if (o.help) {
    fputs(options_usage(), stdout);
    return EXIT_OK;
  }
  if (o.version) {
    printf("ossim %s\n", OSSIM_VERSION);
    return EXIT_OK;
  }
  if (!kernel_known(o.kernel)) {
    fprintf(stderr, "ossim: unknown kernel '%s'; known kernels:", o.kernel);
    for (size_t i = 0; i < sizeof known_kernels / sizeof known_kernels[0]; i++)
      fprintf(stderr, " %s", known_kernels[i]);
    fprintf(stderr, "\n%s", options_usage());
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
  int status = run_bare(&r);
  double seconds = host_seconds() - start;
  term_close(&r.term);
  if (r.events && fclose(r.events) != 0) {
    fprintf(stderr, "ossim: %s: %s\n", o.events_file, strerror(errno));
    if (status == EXIT_OK) status = EXIT_ERROR;
  }
  if (o.stats) print_stats(&r.totals, seconds);
  return status;
}
