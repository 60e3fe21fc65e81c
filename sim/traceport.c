#include "traceport.h"

#include <stdlib.h>

#include "machine.h"

/*
 * Register table (offsets from MACHINE_TRACE_BASE), 32-bit accesses only:
 *   0x0  ID    W  writing an id emits EV_MARK(id, ARG0, ARG1, ARG2)
 *   0x4  ARG0  W
 *   0x8  ARG1  W
 *   0xC  ARG2  W
 * All read as 0. Anything else in the window is an access fault.
 */
#define TRACEPORT_NREGS 4

struct traceport {
  struct machine *m;
  uint32_t arg[3]; /* written by the guest, kept until overwritten */
};

static bool valid(uint32_t off, unsigned size) {
  return size == 4 && off % 4 == 0 && off / 4 < TRACEPORT_NREGS;
}

static bool traceport_read(void *dev, uint32_t off, unsigned size, uint32_t *val) {
  (void)dev;
  if (!valid(off, size)) return false;
  *val = 0;
  return true;
}

static bool traceport_write(void *dev, uint32_t off, unsigned size, uint32_t val) {
  struct traceport *t = dev;
  if (!valid(off, size)) return false;
  if (off == TRACEPORT_ID)
    machine_emit(t->m, EV_MARK, val, t->arg[0], t->arg[1], t->arg[2]);
  else
    t->arg[off / 4 - 1] = val;
  return true;
}

static const struct bus_ops traceport_ops = {traceport_read, traceport_write};

struct traceport *traceport_create(struct machine *m) {
  struct traceport *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->m = m;
  if (bus_map(&m->bus, MACHINE_TRACE_BASE, TRACEPORT_WINDOW, "trace", &traceport_ops, t) < 0) {
    free(t);
    return NULL;
  }
  return t;
}

void traceport_destroy(struct traceport *t) { free(t); }
