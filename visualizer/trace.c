#include "trace.h"

#include <inttypes.h>
#include <string.h>

#define DEVICES_TRACK MODEL_HARTS /* index into last_ts; its tid is DEVICES_TID */
#define DEVICES_TID 100
#define COUNTER_TRACK(c) (TRACE_TRACKS + (c)) /* the rate counters, then the memory one */

static unsigned tid_of(unsigned track) { return track == DEVICES_TRACK ? DEVICES_TID : track + 1; }

/* Writes s as a JSON string: printable ASCII as is, the rest escaped, so a guest's odd
 * process name cannot break the file. */
static void put_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20 || c >= 0x7f)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

/* Starts one event object, after the one before (trace_begin wrote the first). */
static void start(struct trace *t) { fputs(",\n{", t->f); }

static void name_track(struct trace *t, unsigned track) {
  if (t->named & (1u << track)) return;
  t->named |= 1u << track;
  start(t);
  fprintf(t->f, "\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":1,\"tid\":%u,\"args\":{\"name\":",
          tid_of(track));
  char name[16];
  snprintf(name, sizeof name, "hart %u", track);
  put_str(t->f, track == DEVICES_TRACK ? "devices" : name);
  fputs("}}", t->f);
}

/* Writes the common head of an event on a track at a cycle (clamped so that the track's
 * timestamps never go backwards); the caller writes the rest and the closing brace. */
static void head(struct trace *t, const char *ph, unsigned track, unsigned ts_slot, uint64_t cycle,
                 const char *name) {
  if (track < TRACE_TRACKS) name_track(t, track);
  if (cycle < t->last_ts[ts_slot]) cycle = t->last_ts[ts_slot];
  t->last_ts[ts_slot] = cycle;
  start(t);
  uint64_t per_us = TRACE_CLOCK_HZ / 1000000u;
  fprintf(t->f, "\"ph\":\"%s\",\"pid\":1,\"tid\":%u,\"ts\":%" PRIu64 ".%03u,\"name\":", ph,
          tid_of(track), cycle / per_us, (unsigned)(cycle % per_us * 1000 / per_us));
  put_str(t->f, name);
}

static void slice(struct trace *t, const char *ph, unsigned track, uint64_t cycle, const char *name,
                  const char *cat) {
  head(t, ph, track, track, cycle, name);
  fprintf(t->f, ",\"cat\":\"%s\"}", cat);
}

static void instant(struct trace *t, unsigned track, uint64_t cycle, const char *name,
                    const char *scope) {
  head(t, "i", track, track, cycle, name);
  fprintf(t->f, ",\"s\":\"%s\"}", scope);
}

void trace_begin(struct trace *t, FILE *f, const struct model *m) {
  memset(t, 0, sizeof *t);
  t->f = f;
  t->m = m;
  fputs("{\"traceEvents\":[\n{", f);
  fputs("\"ph\":\"M\",\"name\":\"process_name\",\"pid\":1,\"args\":{\"name\":\"ossim\"}}", f);
}

static void flow_end(struct trace *t, unsigned i, unsigned track, uint64_t cycle) {
  struct trace_flow *fl = &t->flows[i];
  if (cycle < fl->start) cycle = fl->start; /* harts run in quanta: never end before the start */
  head(t, "f", track, track, cycle, fl->reply ? "reply" : "ipc");
  fprintf(t->f, ",\"cat\":\"ipc\",\"id\":%" PRIu64 ",\"bp\":\"e\"}", fl->id);
  t->flows[i] = t->flows[--t->nflows]; /* order does not matter: the oldest has the least id */
}

static void flow_start(struct trace *t, unsigned track, const struct ev_record *r, uint32_t from,
                       uint32_t to, bool reply) {
  if (t->nflows == TRACE_FLOWS) { /* full: end the oldest where it began */
    unsigned oldest = 0;
    for (unsigned i = 1; i < t->nflows; i++)
      if (t->flows[i].id < t->flows[oldest].id) oldest = i;
    flow_end(t, oldest, t->flows[oldest].track, r->cycle);
  }
  struct trace_flow *fl = &t->flows[t->nflows++];
  *fl = (struct trace_flow){++t->next_flow, r->cycle, from, to, (uint16_t)track, reply};
  char name[48];
  snprintf(name, sizeof name, "%s label %u, %u bytes", reply ? "reply" : "ipc", r->a[2], r->a[3]);
  head(t, "s", track, track, r->cycle, name);
  fprintf(t->f, ",\"cat\":\"ipc\",\"id\":%" PRIu64 "}", fl->id);
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
  if (t->open_syscall[hart]) slice(t, "E", hart, cycle, "syscall", "syscall");
  if (t->open_pid[hart]) slice(t, "E", hart, cycle, "run", "sched");
  t->open_syscall[hart] = t->open_pid[hart] = 0;
}

static void open_syscall(struct trace *t, unsigned hart, uint64_t cycle, uint32_t num) {
  char name[24];
  snprintf(name, sizeof name, "syscall %u", num);
  slice(t, "B", hart, cycle, name, "syscall");
  t->open_syscall[hart] = num + 1;
}

static void on_switch(struct trace *t, unsigned hart, const struct ev_record *r) {
  close_hart(t, hart, r->cycle);
  uint32_t pid = r->a[0];
  if (!pid) return;
  char buf[16];
  slice(t, "B", hart, r->cycle, model_proc_name(t->m, pid, buf, sizeof buf), "sched");
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
    slice(t, "E", hart, r->cycle, "syscall", "syscall");
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
  case EV_SERVER_DEATH:
    snprintf(text, sizeof text, "server pid %u died (why %u)", r->a[0], r->a[1]);
    break;
  default: snprintf(text, sizeof text, "server restarted as pid %u (was %u)", r->a[0], r->a[1]);
  }
  instant(t, track, r->cycle, text, "g");
}

/* The counter tracks, once per closed rate window of the model. */
static void counters(struct trace *t) {
  if (t->m->windows == t->seen_windows) return;
  t->seen_windows = t->m->windows;
  uint64_t at = t->m->window_start;
  for (unsigned c = 0; c < MODEL_NCOUNTERS; c++) {
    char name[40];
    snprintf(name, sizeof name, "%s per Mcycle", model_counter_name(c));
    head(t, "C", 0, COUNTER_TRACK(c), at, name);
    fprintf(t->f, ",\"args\":{\"value\":%.1f}}", t->m->rate[c]);
  }
  head(t, "C", 0, COUNTER_TRACK(MODEL_NCOUNTERS), at, "physical pages");
  fprintf(t->f, ",\"args\":{\"kernel\":%u", t->m->kernel_pages);
  for (unsigned i = 0; i < MODEL_PROCS; i++) {
    const struct model_proc *p = &t->m->procs[i];
    if (!p->used || !p->pages) continue; /* a zombie's memory is its own until it is reaped */
    fprintf(t->f, ",\"pid %u\":%u", p->pid, p->pages);
  }
  fputs("}}", t->f);
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
    if (r->a[3] != 0) break; /* only traps from user mode: the kernel's own are the kernel's */
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
  fprintf(t->f, "\n],\"displayTimeUnit\":\"ns\",\"otherData\":{\"clock_hz\":%u}}\n",
          TRACE_CLOCK_HZ);
}
