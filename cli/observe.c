#include "observe.h"

#include <inttypes.h>
#include <time.h>

bool obs_wanted(const struct observer *o) { return o->events || o->model || o->queue; }

static void write_event(FILE *f, const struct ev_record *r) {
  const char *name = ev_type_name(r->type);
  fprintf(f, "%" PRIu64 " ", r->cycle);
  if (r->hart == EV_HART_NONE)
    fputs("- ", f);
  else
    fprintf(f, "%u ", r->hart);
  if (name)
    fprintf(f, "%s", name);
  else
    fprintf(f, "type-%u", r->type);
  fprintf(f, " %#x %#x %#x %#x\n", r->a[0], r->a[1], r->a[2], r->a[3]);
}

/* Pushes r to the UI, waiting while the queue is full: the UI drops frames, never events.
 * Waiting is the simulation thread's own business, so it changes nothing it computes. */
static void push_wait(struct observer *o, const struct ev_record *r) {
  while (!spsc_push(o->queue, r)) {
    if (atomic_load(o->quit)) return;
    nanosleep(&(struct timespec){0, 100000}, NULL);
  }
}

static void feed(struct observer *o, const struct ev_record *r) {
  if (o->model) model_feed(o->model, r);
  if (o->trace) trace_feed(o->trace, r);
  if (o->queue) push_wait(o, r);
}

void obs_sink(void *ctx, const struct ev_record *r) {
  struct observer *o = ctx;
  if (o->events) write_event(o->events, r);
  feed(o, r);
  /* --speed at each record, not only each slice: slow runs move smoothly on a display. */
  uint64_t speed = o->speed ? atomic_load_explicit(o->speed, memory_order_relaxed) : 0;
  if (speed || o->pace.speed) pace_wait(&o->pace, speed, r->cycle);
}

void obs_sample(struct observer *o, const struct machine *m) {
  uint64_t misses = 0;
  for (unsigned i = 0; i < m->nharts; i++)
    misses += m->harts[i]->tlb.misses;
  struct ev_record r = {.cycle = machine_now(m),
                        .type = MODEL_EV_TLB_SAMPLE,
                        .hart = EV_HART_NONE,
                        .a = {(uint32_t)misses, (uint32_t)(misses >> 32), m->nharts}};
  feed(o, &r);
}

void obs_print_summary(const struct observer *o, FILE *f) {
  const struct model *m = o->model;
  fprintf(f, "events: %" PRIu64 "\n", m->nevents);
  for (unsigned t = 0; t < EV_KERNEL_LAST; t++) {
    const char *name = ev_type_name((uint16_t)t);
    uint64_t n = model_type_count(m, (uint16_t)t);
    if (name && n) fprintf(f, "event %s: %" PRIu64 "\n", name, n);
  }
  if (m->other_types) fprintf(f, "event other: %" PRIu64 "\n", m->other_types);
  fprintf(f, "system calls: %" PRIu64 "\n", m->total[MODEL_SYSCALLS]);
  fprintf(f, "context switches: %" PRIu64 "\n", m->total[MODEL_SWITCHES]);
  fprintf(f, "ipc messages: %" PRIu64 "\n", m->total[MODEL_IPC]);
  fprintf(f, "page faults: %" PRIu64 "\n", m->total[MODEL_PAGE_FAULTS]);
  if (m->lock_contentions) fprintf(f, "lock contentions: %" PRIu64 "\n", m->lock_contentions);
  unsigned loads = 0;
  for (unsigned i = 0; i < MODEL_MODULES; i++)
    loads += m->modules[i].used;
  fprintf(f, "modules seen: %u\n", loads);
  static const char *const states[] = {"loaded", "unloaded", "failed"};
  for (unsigned i = 0; i < MODEL_MODULES; i++) {
    const struct model_module *mod = &m->modules[i];
    if (!mod->used) continue;
    fprintf(f, "module %s: %s, %u bytes, refs ", mod->name, states[mod->state], mod->size);
    if (mod->refs < 0)
      fputs("?\n", f);
    else
      fprintf(f, "%d%s\n", mod->refs, mod->state == MODEL_MOD_LOADED ? "" : " when it went");
  }
  if (model_type_count(m, EV_PROC_MEM))
    fprintf(f, "physical pages: %" PRIu64 " in use (kernel %u), peak %" PRIu64 "\n", m->pages,
            m->kernel_pages, m->peak_pages);
}
