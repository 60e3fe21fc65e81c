#include "machine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blk.h"
#include "plic.h"
#include "testdev.h"
#include "traceport.h"
#include "uart.h"

void machine_config_default(struct machine_config *cfg) {
  *cfg = (struct machine_config){
      .ram_size = 64u << 20,
      .ncpus = 1,
      .seed = 1,
      /* Rocket's L1 data TLB (rocket-chip's DCacheParams: nTLBSets = 1, nTLBWays = 32):
       * 32 entries, fully associative. Rocket replaces by pseudo-LRU, ossim by FIFO. */
      .tlb_entries = 32,
      .tlb_ways = 32,
      .quantum = 10000, /* 10 us at 1 GHz: fine-grained enough for spinlocks to progress */
  };
  cost_default(&cfg->cost);
}

static int check_config(const struct machine_config *cfg, char *err, size_t errlen) {
  if (cfg->ram_size < 4096 || cfg->ram_size % 4096 || cfg->ram_size > 0x7ffff000u) {
    snprintf(err, errlen, "RAM size %u is not a multiple of 4 KiB between 4 KiB and 2 GiB",
             cfg->ram_size);
    return -EINVAL;
  }
  if (cfg->ncpus < 1 || cfg->ncpus > MACHINE_MAX_HARTS) {
    snprintf(err, errlen, "%u harts: the board has 1 to %d", cfg->ncpus, MACHINE_MAX_HARTS);
    return -EINVAL;
  }
  if (cfg->tlb_entries == 0 || (cfg->tlb_entries & (cfg->tlb_entries - 1)) ||
      cfg->tlb_entries > 65536) {
    snprintf(err, errlen, "TLB size %u is not a power of two from 1 to 65536", cfg->tlb_entries);
    return -EINVAL;
  }
  if (cfg->tlb_ways == 0 || (cfg->tlb_ways & (cfg->tlb_ways - 1)) ||
      cfg->tlb_ways > cfg->tlb_entries) {
    snprintf(err, errlen, "%u TLB ways: need a power of two from 1 to the %u entries",
             cfg->tlb_ways, cfg->tlb_entries);
    return -EINVAL;
  }
  if (cfg->quantum == 0) {
    snprintf(err, errlen, "the quantum must be at least one cycle");
    return -EINVAL;
  }
  return 0;
}

static int create_harts(struct machine *m) {
  for (unsigned i = 0; i < m->cfg.ncpus; i++) {
    struct hart *h = calloc(1, sizeof *h);
    if (!h) return -ENOMEM;
    m->harts[m->nharts++] = h;
    h->m = m;
    h->id = i;
    /* The identity cache only speeds up untranslated accesses; its size is not modelled. */
    if (tlb_init(&h->tlb, m->cfg.tlb_entries, m->cfg.tlb_ways) || tlb_init(&h->ident, 256, 1))
      return -ENOMEM;
    h->tlb.strict = m->cfg.strict_tlb;
    cpu_reset(h, MACHINE_RAM_BASE);
  }
  m->dcache.harts = m->harts;
  m->dcache.nharts = m->nharts;
  return 0;
}

static int create_devices(struct machine *m, char *err, size_t errlen) {
  m->testdev = testdev_create(m);
  m->plic = plic_create(m);
  m->uart = uart_create(m, &m->cfg.uart);
  m->trace = traceport_create(m);
  if (!m->testdev || !m->plic || !m->uart || !m->trace) {
    snprintf(err, errlen, "out of memory");
    return -ENOMEM;
  }
  return blk_create(m, m->cfg.disk_path, &m->blk, err, errlen);
}

int machine_create(const struct machine_config *cfg, struct machine **out, char *err,
                   size_t errlen) {
  int rc = check_config(cfg, err, errlen);
  if (rc) return rc;
  struct machine *m = calloc(1, sizeof *m);
  if (!m) goto nomem;
  m->cfg = *cfg;
  m->rng = cfg->seed * 0x9e3779b97f4a7c15ull + 1; /* never zero, for xorshift */
  evq_init(&m->evq);
  ev_init(&m->ev);
  ev_set_sink(&m->ev, cfg->ev_sink, cfg->ev_sink_ctx);
  m->bus.ram_base = MACHINE_RAM_BASE;
  m->bus.ram_size = cfg->ram_size;
  m->bus.ram = calloc(1, cfg->ram_size);
  if (!m->bus.ram || dcache_init(&m->dcache, MACHINE_RAM_BASE, cfg->ram_size, cpu_handlers()))
    goto nomem;
  m->bus.dcache = &m->dcache;
  if (create_harts(m)) goto nomem;
  if ((rc = create_devices(m, err, errlen))) {
    machine_destroy(m);
    return rc;
  }
  *out = m;
  return 0;
nomem:
  machine_destroy(m);
  snprintf(err, errlen, "out of memory for a machine with %u bytes of RAM", cfg->ram_size);
  return -ENOMEM;
}

void machine_destroy(struct machine *m) {
  if (!m) return;
  if (m->blk) blk_destroy(m->blk);
  if (m->trace) traceport_destroy(m->trace);
  if (m->uart) uart_destroy(m->uart);
  if (m->plic) plic_destroy(m->plic);
  if (m->testdev) testdev_destroy(m->testdev);
  for (unsigned i = 0; i < m->nharts; i++) {
    tlb_free(&m->harts[i]->tlb);
    tlb_free(&m->harts[i]->ident);
    free(m->harts[i]);
  }
  dcache_free(&m->dcache);
  evq_free(&m->evq);
  free(m->bus.ram);
  free(m);
}

void machine_reset_harts(struct machine *m, uint32_t entry) {
  for (unsigned i = 0; i < m->nharts; i++) {
    cpu_reset(m->harts[i], entry);
    m->harts[i]->x[11] = 0; /* a1: no device tree */
  }
}

void machine_restart(struct machine *m) {
  m->state = MACHINE_RUNNING;
  m->exit_code = 0;
}

uint64_t machine_now(const struct machine *m) { return m->running ? m->running->cycles : m->now; }

int machine_schedule(struct machine *m, uint64_t when, evq_fn fn, void *ctx) {
  int rc = evq_schedule(&m->evq, when, fn, ctx);
  /* A hart running past the event's time would see the device too late: stop it there. */
  if (rc == 0 && m->running && when < m->running->stop_at) m->running->stop_at = when;
  return rc;
}

void machine_emit(struct machine *m, uint16_t type, uint32_t a0, uint32_t a1, uint32_t a2,
                  uint32_t a3) {
  uint16_t hart = m->running ? (uint16_t)m->running->id : EV_HART_NONE;
  ev_emit(&m->ev, machine_now(m), hart, type, a0, a1, a2, a3);
}

void machine_set_irq(struct machine *m, unsigned source, bool level) {
  machine_emit(m, EV_IRQ, source, level, 0, 0);
  plic_set_irq(m->plic, source, level);
}

void machine_set_seip(struct machine *m, unsigned hart, bool level) {
  if (hart < m->nharts) cpu_set_pending(m->harts[hart], SIP_SEIP, level);
}

void machine_power(struct machine *m, enum machine_state state, uint32_t code) {
  if (m->state != MACHINE_RUNNING) return;
  m->state = state;
  m->exit_code = code;
  m->stopped_by = m->running ? m->running->id : 0;
  if (state == MACHINE_POWEROFF || state == MACHINE_FAILED || state == MACHINE_REBOOT)
    machine_emit(m, EV_POWER,
                 state == MACHINE_POWEROFF ? 0
                 : state == MACHINE_FAILED ? 1
                                           : 2,
                 code, 0, 0);
  for (unsigned i = 0; i < m->nharts; i++)
    cpu_kick(m->harts[i]);
}

uint64_t machine_random(struct machine *m) {
  uint64_t x = m->rng; /* xorshift64 (Marsaglia 2003) */
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return m->rng = x;
}

uint64_t machine_round_end(struct machine *m) {
  uint64_t q = m->cfg.quantum;
  /* One hart interleaves with nobody: it keeps the whole quantum and draws nothing. */
  if (m->nharts > 1) q = q - q / 2 + machine_random(m) % (q / 2 + 1);
  uint64_t end = m->now + q, next = evq_next(&m->evq);
  return next < end ? next : end;
}

uint64_t machine_instret(const struct machine *m) {
  uint64_t n = 0;
  for (unsigned i = 0; i < m->nharts; i++)
    n += m->harts[i]->instret;
  return n;
}

void machine_advance(struct machine *m, uint64_t cycle) {
  if (cycle > m->now) m->now = cycle;
  evq_run_until(&m->evq, m->now);
}

static uint64_t min64(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* True when no hart can ever run again: all wait in wfi, no device event is pending and no
 * enabled timer is armed. Such a guest would hang ossim, so the run stops instead. */
static bool stuck(const struct machine *m) {
  if (evq_next(&m->evq) != EVQ_NEVER) return false;
  for (unsigned i = 0; i < m->nharts; i++) {
    const struct hart *h = m->harts[i];
    if (!h->wfi || (h->sip & h->sie)) return false;
    if ((h->sie & SIP_STIP) && h->stimecmp != UINT64_MAX) return false;
  }
  return true;
}

enum machine_state machine_run(struct machine *m, uint64_t max_cycles) {
  while (m->state == MACHINE_RUNNING && m->now < max_cycles) {
    evq_run_until(&m->evq, m->now);
    if (stuck(m)) return MACHINE_STUCK;
    uint64_t target = min64(machine_round_end(m), max_cycles);
    for (unsigned i = 0; i < m->nharts && m->state == MACHINE_RUNNING; i++) {
      struct hart *h = m->harts[i];
      if (h->cycles >= target) continue;
      m->running = h;
      cpu_run(h, target);
      m->running = NULL;
      target = min64(target, evq_next(&m->evq)); /* the hart may have started a device */
      if (target < m->now) target = m->now;
    }
    m->now = target;
  }
  if (m->state == MACHINE_RUNNING) evq_run_until(&m->evq, m->now);
  return m->state;
}
