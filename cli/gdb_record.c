#include "gdb_record.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

/* Appends an answer given live; false when out of memory. */
static bool remember(struct gdb_console *c, int answer) {
  if (c->nruns && c->runs[c->nruns - 1].answer == answer) {
    c->runs[c->nruns - 1].times++;
  } else {
    if (c->nruns == c->cap) {
      size_t cap = c->cap ? 2 * c->cap : 256;
      struct gdb_input_run *runs = realloc(c->runs, cap * sizeof *runs);
      if (!runs) return false;
      c->runs = runs;
      c->cap = cap;
    }
    c->runs[c->nruns++] = (struct gdb_input_run){answer, 1};
  }
  c->at_run = c->nruns - 1;
  c->at_answer = c->runs[c->at_run].times;
  return true;
}

static int con_get(void *ctx) {
  struct gdb_console *c = &((struct gdb_record *)ctx)->con;
  if (c->at_run < c->nruns && c->at_answer == c->runs[c->at_run].times &&
      c->at_run + 1 < c->nruns) {
    c->at_run++;
    c->at_answer = 0;
  }
  if (c->at_run < c->nruns && c->at_answer < c->runs[c->at_run].times) { /* replaying */
    c->at_answer++;
    return c->runs[c->at_run].answer;
  }
  int answer = c->live.get(c->live.ctx);
  if (!remember(c, answer)) c->lost = true;
  return answer;
}

/* Output the person has seen already is not shown again when a replay writes it. */
static void con_put(void *ctx, uint8_t byte) {
  struct gdb_console *c = &((struct gdb_record *)ctx)->con;
  if (++c->output > c->shown) {
    c->shown = c->output;
    c->live.put(c->live.ctx, byte);
  }
}

static void ev_record(void *ctx, const struct ev_record *rec) {
  struct gdb_events *e = &((struct gdb_record *)ctx)->ev;
  e->last[e->n++ % GDB_EVENTS] = *rec;
  if (e->n > e->passed) {
    e->passed = e->n;
    if (e->sink) e->sink(e->ctx, rec);
  }
}

void gdb_record_events(const struct gdb_record *r, unsigned n, char *out, size_t len) {
  const struct gdb_events *e = &r->ev;
  size_t o = 0;
  if (n > GDB_EVENTS) n = GDB_EVENTS;
  if (n > e->n) n = (unsigned)e->n;
  out[0] = 0;
  for (uint64_t i = e->n - n; i < e->n && o < len; i++) {
    const struct ev_record *r = &e->last[i % GDB_EVENTS];
    char hart[8] = "-";
    if (r->hart != EV_HART_NONE) snprintf(hart, sizeof hart, "%u", r->hart);
    o += (size_t)snprintf(out + o, len - o, "%" PRIu64 " %s %s %#x %#x %#x %#x\n", r->cycle, hart,
                          ev_type_name(r->type), r->a[0], r->a[1], r->a[2], r->a[3]);
  }
}

void gdb_record_wrap(struct gdb_record *r, struct machine_config *cfg) {
  r->con.live = cfg->uart;
  r->ev.sink = cfg->ev_sink;
  r->ev.ctx = cfg->ev_sink_ctx;
  cfg->uart = (struct uart_host){con_put, con_get, r};
  cfg->ev_sink = ev_record;
  cfg->ev_sink_ctx = r;
}

void gdb_record_rewind(struct gdb_record *r) {
  r->con.at_run = 0;
  r->con.at_answer = 0;
  r->con.output = 0;
  r->ev.n = 0;
}

void gdb_record_free(struct gdb_record *r) {
  free(r->con.runs);
  r->con.runs = NULL;
}
