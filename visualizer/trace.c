#include "trace.h"

#include "abi/systab.h"

#include <stdio.h>
#include <string.h>

#define DEVICES_TRACK MODEL_HARTS /* index into last_ts; its tid is DEVICES_TID */
#define ECALL_FROM_U 8            /* the exception cause of an ecall in user mode */
#define DEVICES_TID 100
#define COUNTER_TRACK(c) (TRACE_TRACKS + (c)) /* the rate counters, then the memory one */

static unsigned tid_of(unsigned track) { return track == DEVICES_TRACK ? DEVICES_TID : track + 1; }

/* ---- the output: a buffer of the trace's own, and numbers formatted by hand (printf's
 * parsing of its format was the biggest cost of a trace) ---- */

static void flush(struct trace *t) {
  fwrite(t->buf, 1, t->nbuf, t->f);
  t->nbuf = 0;
}

/* Appends n bytes (n is small: a name, a number, a piece of syntax). */
static void put_n(struct trace *t, const char *s, size_t n) {
  if (t->nbuf + n > TRACE_BUF) flush(t);
  memcpy(t->buf + t->nbuf, s, n);
  t->nbuf += n;
}

static void put(struct trace *t, const char *s) { put_n(t, s, strlen(s)); }

/* A string literal: its length is known at compile time. */
#define PUT(t, lit) put_n((t), (lit), sizeof(lit) - 1)

static void put_u(struct trace *t, uint64_t v) {
  char d[20];
  size_t i = sizeof d;
  do
    d[--i] = (char)('0' + v % 10);
  while ((v /= 10));
  put_n(t, d + i, sizeof d - i);
}

/* A cycle as microseconds with three decimals, exactly (the clock is 1 GHz). */
static void put_ts(struct trace *t, uint64_t cycle) {
  uint64_t per_us = TRACE_CLOCK_HZ / 1000000u;
  unsigned frac = (unsigned)(cycle % per_us * 1000 / per_us);
  char f[4] = {'.', (char)('0' + frac / 100), (char)('0' + frac / 10 % 10),
               (char)('0' + frac % 10)};
  put_u(t, cycle / per_us);
  put_n(t, f, sizeof f);
}

/* The code point of the UTF-8 sequence at s if it is a well-formed one of two or three bytes
 * (the arrow of an IPC flow is one), with *n its length; else -1. */
static long utf8_bmp(const unsigned char *s, unsigned *n) {
  if (s[0] >= 0xc2 && s[0] < 0xe0 && (s[1] & 0xc0) == 0x80) {
    *n = 2;
    return (long)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
  }
  if (s[0] >= 0xe0 && s[0] < 0xf0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
    long cp = (long)(s[0] & 0x0f) << 12 | (long)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
    *n = 3;
    return cp >= 0x800 && (cp < 0xd800 || cp > 0xdfff) ? cp : -1; /* no overlong, no surrogate */
  }
  return -1;
}

/* Writes s as a JSON string in ASCII: printable ASCII as is, UTF-8 text as \u escapes, and
 * any other byte escaped as itself, so that a guest's odd process name cannot break the file. */
static void put_str(struct trace *t, const char *s) {
  put_n(t, "\"", 1);
  for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
    char esc[8];
    unsigned n = 1;
    long cp = *c >= 0x80 ? utf8_bmp(c, &n) : -1;
    if (*c == '"' || *c == '\\')
      put_n(t, esc, (size_t)snprintf(esc, sizeof esc, "\\%c", *c));
    else if (cp >= 0)
      put_n(t, esc, (size_t)snprintf(esc, sizeof esc, "\\u%04lx", cp));
    else if (*c < 0x20 || *c >= 0x7f)
      put_n(t, esc, (size_t)snprintf(esc, sizeof esc, "\\u%04x", *c));
    else
      put_n(t, (const char *)c, 1);
    c += n - 1;
  }
  put_n(t, "\"", 1);
}

/* ---- events ---- */

/* Starts one event object, after the one before (trace_begin wrote the first). */
static void start(struct trace *t) { PUT(t, ",\n{"); }

static void name_track(struct trace *t, unsigned track) {
  if (t->named & (1u << track)) return;
  t->named |= 1u << track;
  start(t);
  PUT(t, "\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":");
  put_u(t, tid_of(track));
  PUT(t, ",\"args\":{\"name\":");
  char name[16];
  snprintf(name, sizeof name, "hart %u", track);
  put_str(t, track == DEVICES_TRACK ? "devices" : name);
  PUT(t, "}}");
}

/* The time of something that happens now on a slot (a track, or a counter): cycle, or the
 * slot's last time if that is later, so that a slot's times never go backwards. */
static uint64_t now_on(struct trace *t, unsigned slot, uint64_t cycle) {
  if (cycle < t->last_ts[slot]) cycle = t->last_ts[slot];
  t->last_ts[slot] = cycle;
  return cycle;
}

/* Starts an event on a track: its phase, the track, and the timestamp ts. */
static void open_event(struct trace *t, const char *ph, unsigned track, uint64_t ts) {
  if (track < TRACE_TRACKS) name_track(t, track);
  start(t);
  PUT(t, "\"ph\":\"");
  put(t, ph);
  PUT(t, "\",\"pid\":1,\"tid\":");
  put_u(t, tid_of(track));
  PUT(t, ",\"ts\":");
  put_ts(t, ts);
}

/* Writes the common head of an event that happens at cycle on a track (its time on ts_slot
 * clamped by now_on), up to its timestamp; the caller writes the rest and the closing brace. */
static void stamp(struct trace *t, const char *ph, unsigned track, unsigned ts_slot,
                  uint64_t cycle) {
  open_event(t, ph, track, now_on(t, ts_slot, cycle));
}

/* The head, and the event's name. */
static void head(struct trace *t, const char *ph, unsigned track, unsigned ts_slot, uint64_t cycle,
                 const char *name) {
  stamp(t, ph, track, ts_slot, cycle);
  PUT(t, ",\"name\":");
  put_str(t, name);
}

/* A slice begins on a hart: a process running, or a system call (the name says which). */
static void slice_begin(struct trace *t, unsigned hart, struct trace_slice *s, uint64_t cycle,
                        const char *name) {
  s->start = now_on(t, hart, cycle);
  snprintf(s->name, sizeof s->name, "%s", name);
}

/* It ends: written now, whole, as one "X" event. */
static void slice_end(struct trace *t, unsigned hart, const struct trace_slice *s, uint64_t cycle) {
  uint64_t end = now_on(t, hart, cycle);
  open_event(t, "X", hart, s->start);
  PUT(t, ",\"dur\":");
  put_ts(t, end - s->start);
  PUT(t, ",\"name\":");
  put_str(t, s->name);
  PUT(t, "}");
}

static void instant(struct trace *t, unsigned track, uint64_t cycle, const char *name,
                    const char *scope) {
  head(t, "i", track, track, cycle, name);
  PUT(t, ",\"s\":\"");
  put(t, scope);
  PUT(t, "\"}");
}

void trace_begin(struct trace *t, FILE *f, const struct model *m) {
  memset(t, 0, sizeof *t);
  t->f = f;
  t->m = m;
  for (unsigned c = 0; c < MODEL_NCOUNTERS; c++)
    t->last_rate[c] = -1;
  PUT(t, "{\"traceEvents\":[\n{");
  PUT(t, "\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,\"args\":{\"name\":\"ossim\"}}");
}

/* The rest of a flow event: its category and id. */
static void flow_id(struct trace *t, uint64_t id) {
  PUT(t, ",\"cat\":\"ipc\",\"id\":");
  put_u(t, id);
}

static void flow_end(struct trace *t, unsigned i, unsigned track, uint64_t cycle) {
  struct trace_flow *fl = &t->flows[i];
  if (cycle < fl->start) cycle = fl->start; /* harts run in quanta: never end before the start */
  head(t, "f", track, track, cycle, fl->reply ? "reply" : "ipc");
  flow_id(t, fl->id);
  PUT(t, ",\"bp\":\"e\"}");
  t->flows[i] = t->flows[--t->nflows]; /* order does not matter: the oldest has the least id */
}

/* A flow starts with msg, the model's record of r (the model is fed before the trace). */
static void flow_start(struct trace *t, unsigned track, const struct ev_record *r, uint32_t from,
                       uint32_t to, bool reply) {
  const struct model_msg *msg = &t->m->msgs[(t->m->nmsgs - 1) % MODEL_MSGS];
  if (t->nflows == TRACE_FLOWS) { /* full: end the oldest where it began */
    unsigned oldest = 0;
    for (unsigned i = 1; i < t->nflows; i++)
      if (t->flows[i].id < t->flows[oldest].id) oldest = i;
    flow_end(t, oldest, t->flows[oldest].track, r->cycle);
  }
  struct trace_flow *fl = &t->flows[t->nflows++];
  *fl = (struct trace_flow){++t->next_flow, r->cycle, from, to, (uint16_t)track, reply};
  char name[80];
  head(t, "s", track, track, r->cycle, model_msg_text(t->m, msg, "\u2192", name, sizeof name));
  flow_id(t, fl->id);
  PUT(t, "}");
}

/* Ends the oldest open flow to `to` that `pid` may end: a message from `from` received, or
 * (run_only) any reply or notification to `to` once it runs again. */
static void flows_arrive(struct trace *t, unsigned track, uint64_t cycle, uint32_t to,
                         uint32_t from, bool run_only) {
  int best = -1;
  for (unsigned i = 0; i < t->nflows; i++) {
    const struct trace_flow *fl = &t->flows[i];
    bool match = fl->to == to && (run_only ? fl->reply : (!fl->reply && fl->from == from));
    if (match && (best < 0 || fl->id < t->flows[best].id)) best = (int)i;
  }
  if (best >= 0) flow_end(t, (unsigned)best, track, cycle);
}

static void close_hart(struct trace *t, unsigned hart, uint64_t cycle) {
  if (t->open_syscall[hart]) slice_end(t, hart, &t->call[hart], cycle);
  if (t->open_pid[hart]) slice_end(t, hart, &t->run[hart], cycle);
  t->open_syscall[hart] = t->open_pid[hart] = 0;
}

static void open_syscall(struct trace *t, unsigned hart, uint64_t cycle, uint32_t num) {
  const struct systab_entry *call = systab(num);
  char name[24];
  snprintf(name, sizeof name, "syscall %u", num);
  slice_begin(t, hart, &t->call[hart], cycle, call ? call->name : name);
  t->open_syscall[hart] = num + 1;
}

static void on_switch(struct trace *t, unsigned hart, const struct ev_record *r) {
  close_hart(t, hart, r->cycle);
  uint32_t pid = r->a[0];
  if (!pid) return;
  char buf[16];
  slice_begin(t, hart, &t->run[hart], r->cycle, model_proc_name(t->m, pid, buf, sizeof buf));
  t->open_pid[hart] = pid;
  const struct model_proc *p = model_proc(t->m, pid);
  if (p && p->in_syscall) open_syscall(t, hart, r->cycle, p->syscall);
  /* Now there is a slice for the arrow of a reply or notification to end in. */
  for (unsigned n = t->nflows; n--;)
    flows_arrive(t, hart, r->cycle, pid, 0, true);
}

/* exec renames a process while it runs: its slice ends and one under the new name begins,
 * as if the hart had switched to it again. */
static void on_rename(struct trace *t, const struct ev_record *r) {
  for (unsigned h = 0; h < MODEL_HARTS; h++) {
    if (t->open_pid[h] != r->a[0]) continue;
    struct ev_record again = {.cycle = r->cycle, .type = EV_SCHED_SWITCH, .hart = (uint16_t)h};
    again.a[0] = r->a[0];
    on_switch(t, h, &again);
  }
}

static void on_syscall(struct trace *t, unsigned hart, const struct ev_record *r) {
  if (t->open_pid[hart] != r->a[0]) return; /* not the process on this track */
  if (r->type == EV_SYSCALL_ENTER) {
    if (!t->open_syscall[hart]) open_syscall(t, hart, r->cycle, r->a[1]);
  } else if (t->open_syscall[hart]) {
    slice_end(t, hart, &t->call[hart], r->cycle);
    t->open_syscall[hart] = 0;
  }
}

/* Global instants: module and server life cycle. */
static void on_lifecycle(struct trace *t, unsigned track, const struct ev_record *r) {
  char name[16], text[64];
  model_unpack_name(&r->a[1], name);
  switch (r->type) {
  case EV_MODULE_LOAD: snprintf(text, sizeof text, "insmod %s (%u bytes)", name, r->a[0]); break;
  case EV_MODULE_UNLOAD: snprintf(text, sizeof text, "rmmod %s", name); break;
  case EV_MODULE_FAIL:
    snprintf(text, sizeof text, "module %s failed (error %u)", name, r->a[0]);
    break;
  case EV_SERVER_START:
    snprintf(text, sizeof text, "server %s started, pid %u", name, r->a[0]);
    break;
  case EV_SERVER_DEATH: {
    const char *why = ev_server_death_why(r->a[1]);
    char reason[24];
    if (why)
      snprintf(reason, sizeof reason, "%s", why);
    else
      snprintf(reason, sizeof reason, "reason %u", r->a[1]);
    snprintf(text, sizeof text, "server %s died (%s)",
             model_proc_name(t->m, r->a[0], name, sizeof name), reason);
    break;
  }
  default:
    snprintf(text, sizeof text, "server %s restarted as pid %u (was %u)",
             model_proc_name(t->m, r->a[0], name, sizeof name), r->a[0], r->a[1]);
  }
  instant(t, track, r->cycle, text, "g");
}

/* A rate counter's value, in tenths, if it changed since it was last written. */
static void rate(struct trace *t, unsigned c, uint64_t at) {
  int64_t tenths = (int64_t)(t->m->rate[c] * 10 + 0.5);
  if (tenths == t->last_rate[c]) return;
  t->last_rate[c] = tenths;
  char name[40];
  snprintf(name, sizeof name, "%s per Mcycle", model_counter_name(c));
  head(t, "C", 0, COUNTER_TRACK(c), at, name);
  PUT(t, ",\"args\":{\"value\":");
  put_u(t, (uint64_t)tenths / 10);
  put_n(t, (char[2]){'.', (char)('0' + tenths % 10)}, 2);
  PUT(t, "}}");
}

/* The pages of each owner, if any changed since they were last written. */
static void pages(struct trace *t, uint64_t at) {
  uint64_t changes = model_type_count(t->m, EV_PROC_MEM);
  if (changes == t->last_mem) return;
  t->last_mem = changes;
  head(t, "C", 0, COUNTER_TRACK(MODEL_NCOUNTERS), at, "physical pages");
  PUT(t, ",\"args\":{\"kernel\":");
  put_u(t, t->m->kernel_pages);
  for (unsigned i = 0; i < MODEL_PROCS; i++) {
    const struct model_proc *p = &t->m->procs[i];
    if (!p->used || !p->pages) continue; /* a zombie's memory is its own until it is reaped */
    PUT(t, ",\"pid ");
    put_u(t, p->pid);
    PUT(t, "\":");
    put_u(t, p->pages);
  }
  PUT(t, "}}");
}

/* The counter tracks, at the end of each rate window of the model. */
static void counters(struct trace *t) {
  if (t->m->windows == t->seen_windows) return;
  t->seen_windows = t->m->windows;
  for (unsigned c = 0; c < MODEL_NCOUNTERS; c++)
    rate(t, c, t->m->window_start);
  pages(t, t->m->window_start);
}

void trace_feed(struct trace *t, const struct ev_record *r) {
  unsigned track = r->hart < MODEL_HARTS ? r->hart : DEVICES_TRACK;
  bool on_hart = track < MODEL_HARTS;
  char text[48];
  switch (r->type) {
  case EV_SCHED_SWITCH:
    if (on_hart) on_switch(t, track, r);
    break;
  case EV_PROC_NAME: on_rename(t, r); break;
  case EV_SYSCALL_ENTER:
  case EV_SYSCALL_EXIT:
    if (on_hart) on_syscall(t, track, r);
    if (r->type == EV_SYSCALL_EXIT) flows_arrive(t, track, r->cycle, r->a[0], 0, true);
    break;
  case EV_IPC_SEND: flow_start(t, track, r, r->a[0], r->a[1], false); break;
  case EV_IPC_REPLY: flow_start(t, track, r, r->a[0], r->a[1], true); break;
  case EV_NOTIFY:
    if (r->a[1]) flow_start(t, track, r, r->a[0], r->a[1], true);
    break;
  case EV_IPC_RECV:
    flows_arrive(t, track, r->cycle, r->a[0], r->a[1], false);
    flows_arrive(t, track, r->cycle, r->a[0], 0, true);
    break;
  case EV_PAGE_FAULT:
    snprintf(text, sizeof text, "page fault %#x%s", r->a[1], r->a[3] ? "" : " (fatal)");
    instant(t, track, r->cycle, text, "t");
    break;
  case EV_EXCEPTION:
    /* Only traps from user mode (the kernel's own are the kernel's), and not ecall: a
     * system call or an IPC is shown as what it is, a slice or a flow. */
    if (r->a[3] != 0 || r->a[0] == ECALL_FROM_U) break;
    snprintf(text, sizeof text, "exception %u", r->a[0]);
    instant(t, track, r->cycle, text, "t");
    break;
  case EV_MARK:
    snprintf(text, sizeof text, "mark %u (%u, %u, %u)", r->a[0], r->a[1], r->a[2], r->a[3]);
    instant(t, track, r->cycle, text, "t");
    break;
  case EV_MODULE_LOAD:
  case EV_MODULE_UNLOAD:
  case EV_MODULE_FAIL:
  case EV_SERVER_START:
  case EV_SERVER_DEATH:
  case EV_SERVER_RESTART: on_lifecycle(t, track, r); break;
  }
  counters(t);
}

void trace_end(struct trace *t) {
  for (unsigned h = 0; h < MODEL_HARTS; h++)
    close_hart(t, h, t->m->now);
  while (t->nflows)
    flow_end(t, 0, t->flows[0].track, t->m->now);
  PUT(t, "\n],\"displayTimeUnit\":\"ns\",\"otherData\":{\"clock_hz\":");
  put_u(t, TRACE_CLOCK_HZ);
  PUT(t, "}}\n");
  flush(t);
}
