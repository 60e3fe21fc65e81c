#include "run.h"

#include "gdb_server.h"

#include <inttypes.h>
#include <stdio.h>
#include <time.h>

/* Guest output is flushed and the quit key checked this often, in simulated cycles. */

static void add_totals(struct totals *t, const struct machine *m) {
  uint64_t cycles = 0; /* the furthest any hart got: the machine ran that long */
  t->instret += machine_instret(m);
  for (unsigned i = 0; i < m->nharts; i++) {
    const struct hart *h = m->harts[i];
    if (h->cycles > cycles) cycles = h->cycles;
    t->tlb_hits += h->tlb.hits;
    t->tlb_misses += h->tlb.misses;
    t->tlb_evictions += h->tlb.evictions;
    t->tlb_flushes += h->tlb.flushes;
    t->misaligned += h->stats.misaligned;
    for (unsigned c = 0; c < 16; c++) {
      t->exceptions += h->stats.exceptions[c];
      t->interrupts += h->stats.interrupts[c];
    }
  }
  t->cycles += cycles;
}

/* The guest waits: let the host rest a little before the next slice, as term_rest does,
 * only when a person at a terminal may type (with --tui, keys come through the UI). */
static void rest(struct run *r) {
  if (!r->ui_owns_terminal)
    term_rest(&r->term);
  else if (r->interactive)
    nanosleep(&(struct timespec){0, 5000000}, NULL);
}

static bool stopping(struct run *r) { return r->term.quit || atomic_load(&r->quit); }

static int exit_status(struct run *r, const struct kernel *k, enum kernel_state s, uint64_t limit) {
  /* The user's quit is the run's end, whatever the guest did in the slice it cut short. */
  if (s != KERNEL_HALTED && stopping(r)) return EXIT_OK;
  switch (s) {
  case KERNEL_HALTED: return k->exit_status;
  case KERNEL_STUCK: fprintf(stderr, "ossim: %s\n", k->message); return EXIT_STUCK;
  case KERNEL_FAILED: fprintf(stderr, "ossim: %s\n", k->message); return EXIT_PANIC;
  case KERNEL_ERROR: fprintf(stderr, "ossim: %s\n", k->message); return EXIT_ERROR;
  default:
    fprintf(stderr, "ossim: stopped after %" PRIu64 " cycles (--max-cycles)\n", limit);
    return EXIT_WATCHDOG;
  }
}

int run_kernel(struct run *r, const struct kernel_ops *ops) {
  const struct options *o = r->o;
  struct kernel_args args = {
      .disk = o->disk,
      .persist = o->persist,
      .init = o->init,
      .command = o->command,
      .sched = o->sched,
      .own = o->own,
  };
  struct kernel *k = NULL;
  char err[512] = "";
  r->obs.speed = &r->speed; /* the sink paces at each record, when a speed is set */
  if (obs_wanted(&r->obs)) {
    r->cfg.ev_sink = obs_sink;
    r->cfg.ev_sink_ctx = &r->obs;
  }
  if (o->gdb) return gdb_serve(r, ops, &args);
  int rc = ops->create(&r->cfg, &args, &k, err, sizeof err);
  if (rc < 0) {
    fprintf(stderr, "ossim: %s\n", err);
    return rc == KERNEL_EBADARG ? EXIT_USAGE : EXIT_ERROR;
  }
  return run_created(r, ops, k, KERNEL_RUNNING);
}

int run_created(struct run *r, const struct kernel_ops *ops, struct kernel *k,
                enum kernel_state s) {
  const struct options *o = r->o;
  uint64_t limit = o->max_cycles ? o->max_cycles : UINT64_MAX;
  pace_wait(&r->obs.pace, atomic_load(&r->speed), machine_now(k->m)); /* --speed from here */
  while (s == KERNEL_RUNNING && machine_now(k->m) < limit && !stopping(r)) {
    uint64_t now = machine_now(k->m);
    s = ops->run(k, limit - now > RUN_SLICE_CYCLES ? now + RUN_SLICE_CYCLES : limit);
    obs_sample(&r->obs, k->m);
    term_flush(&r->term);
    if (k->idle) rest(r);
    pace_wait(&r->obs.pace, atomic_load(&r->speed), machine_now(k->m));
  }
  add_totals(&r->totals, k->m);
  int status = exit_status(r, k, s, limit);
  ops->destroy(k);
  return status;
}
