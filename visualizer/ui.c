#include "ui.h"

#include <stdio.h>
#include <time.h>

#define STEP_BUDGET 65536u /* records drained between two looks at the keyboard */
#define MIN_SPAN 1000u     /* the deepest zoom: cycles across the timeline */

enum ui_action ui_key(int ch) {
  switch (ch) {
  case 'q':
  case 'Q': return UI_QUIT;
  case ' ': return UI_PAUSE;
  case 's': return UI_STEP;
  case '+':
  case '=': return UI_FASTER;
  case '-':
  case '_': return UI_SLOWER;
  case '?':
  case 'h': return UI_HELP;
  case 'z': return UI_ZOOM_IN;
  case 'x': return UI_ZOOM_OUT;
  case 'f': return UI_FOLLOW;
  case 'l': return UI_LANES;
  case '[': return UI_SEEK_BACK;
  case ']': return UI_SEEK_FWD;
  case '\t': return UI_FOCUS;
  default: return UI_NONE;
  }
}

uint64_t ui_right(const struct ui_view *v) { return v->follow ? v->m->now : v->right; }

/* Speeds double or halve; from "unlimited" the first slow-down is 100M cycles a second,
 * and doubling past 1G cycles a second is unlimited again. */
static uint64_t next_speed(uint64_t speed, bool faster) {
  if (faster) return !speed || speed >= 1000000000u ? 0 : speed * 2;
  if (!speed) return 100000000u;
  return speed > 10000 ? speed / 2 : speed;
}

void ui_apply(struct ui_view *v, enum ui_action a) {
  uint64_t right = ui_right(v);
  switch (a) {
  case UI_PAUSE: v->paused = !v->paused; break;
  case UI_HELP: v->help = !v->help; break;
  case UI_FOCUS: v->typing = !v->typing; break;
  case UI_ZOOM_IN: v->span = v->span / 2 > MIN_SPAN ? v->span / 2 : MIN_SPAN; break;
  case UI_ZOOM_OUT: v->span = v->span < (UINT64_MAX >> 2) ? v->span * 2 : v->span; break;
  case UI_PAN_LEFT:
  case UI_PAN_RIGHT:
    v->follow = false;
    v->right =
        a == UI_PAN_LEFT ? (right > v->span / 4 ? right - v->span / 4 : 0) : right + v->span / 4;
    if (v->right >= v->m->now) v->follow = true;
    break;
  case UI_FOLLOW: v->follow = true; break;
  case UI_LANES: v->by_process = !v->by_process; break;
  case UI_FASTER:
  case UI_SLOWER: v->speed = next_speed(v->speed, a == UI_FASTER); break;
  default: break;
  }
}

uint64_t ui_host_ms(void) {
  struct timespec ts; /* host time only paces the drawing, never the guest */
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Takes every pending input; returns false when the user quits. */
static bool handle_input(const struct ui_display *d, struct ui_link *link, struct ui_view *v,
                         unsigned *steps) {
  struct ui_input in;
  while (d->poll(d->ctx, v->typing, &in)) {
    if (in.action == UI_QUIT) return false;
    if (in.action == UI_TYPE) {
      (void)spsc_push(link->in, &in.byte); /* a key typed faster than the guest reads is lost,
                                              as on a serial line */
    } else if (in.action == UI_STEP) {
      v->paused = true;
      (*steps)++;
    } else {
      ui_apply(v, in.action);
      atomic_store(link->speed, v->speed);
    }
  }
  return true;
}

/* Moves what the simulation sent into the model and console. Returns true if anything came. */
static bool drain(struct ui_link *link, struct model *m, struct vcon *con, bool paused,
                  unsigned *steps) {
  bool any = false;
  uint8_t byte;
  while (spsc_pop(link->out, &byte)) {
    vcon_put(con, byte);
    any = true;
  }
  unsigned budget = paused ? *steps : STEP_BUDGET;
  struct ev_record r;
  for (unsigned n = 0; n < budget && spsc_pop(link->events, &r); n++) {
    model_feed(m, &r);
    any = true;
    if (paused) (*steps)--;
  }
  return any;
}

/* A module that loaded, unloaded or failed since the last frame flashes for a while. */
static void note_flashes(struct ui_view *v) {
  for (unsigned i = 0; i < MODEL_MODULES; i++) {
    const struct model_module *mod = &v->m->modules[i];
    if (!mod->used || mod->changed == v->seen_changed[i]) continue;
    v->seen_changed[i] = mod->changed;
    v->flash_until[i] = v->now_ms + UI_FLASH_MS;
  }
}

void ui_run(const struct ui_display *d, struct ui_link *link, struct model *m, struct vcon *con) {
  struct ui_view v = {
      .m = m, .con = con, .follow = true, .span = 20000000u, .speed = atomic_load(link->speed)};
  uint64_t last_draw = 0;
  unsigned steps = 0;
  for (;;) {
    if (!handle_input(d, link, &v, &steps)) break;
    /* Read done before draining: if it was set, everything it covers is in the queues. */
    bool done = atomic_load(link->done);
    bool any = drain(link, m, con, v.paused, &steps);
    v.done = done && !spsc_count(link->events) && !spsc_count(link->out);
    v.now_ms = ui_host_ms();
    note_flashes(&v);
    if (v.done && !link->hold) break;
    uint64_t now = v.now_ms;
    if (now - last_draw >= 1000 / UI_FPS) {
      d->draw(d->ctx, &v);
      last_draw = now;
    } else if (!any) {
      nanosleep(&(struct timespec){0, 2000000}, NULL);
    }
  }
  d->draw(d->ctx, &v);
  atomic_store(link->quit, true);
}

const char *const ui_help_lines[] = {
    "space   pause / resume (the simulation waits)",
    "s       step: one event while paused",
    "+ -     faster / slower (simulated cycles per second)",
    "z x     zoom the timeline in / out",
    "< >     pan the timeline (arrows); f follows live time",
    "l       the window: a lane per process, or per hart",
    "[ ]     a replay: seek back / forward a tenth of the file",
    "Tab     keys go to the guest console, Tab again to return",
    "?       this help",
    "q       quit",
    NULL,
};

const char *ui_console_title(const struct ui_view *v) {
  if (v->replay) return "Console (an event file holds no console output)";
  return v->typing ? "Console: typing to the guest (Tab to leave)"
                   : "Console (Tab to type to the guest)";
}

const char *ui_keybar(const struct ui_view *v) {
  if (v->replay)
    return "space pause  s step  [/] seek  +/- speed  z/x zoom  arrows pan  f follow  l lanes  "
           "? help  q quit";
  return v->typing ? "TYPING TO THE GUEST - Tab: back to the controls"
                   : "space pause  s step  +/- speed  z/x zoom  arrows pan  f follow  l lanes  Tab "
                     "type  ? help  q quit";
}

void ui_status(const struct ui_view *v, char *buf, unsigned len) {
  char speed[32] = "unlimited";
  if (v->speed) snprintf(speed, sizeof speed, "%.3g Mcycles/s", (double)v->speed / 1e6);
  snprintf(buf, len, "%scycle %llu (%.3f ms)  %s  speed %s  events %llu",
           v->replay ? "replay  " : "", (unsigned long long)v->m->now, (double)v->m->now / 1e6,
           v->done     ? "[FINISHED]"
           : v->paused ? "[PAUSED]"
                       : "[RUNNING]",
           speed, (unsigned long long)v->m->nevents);
}

const char *ui_panel_title(enum ui_panel p) {
  static const char *const titles[UI_NPANELS] = {"Processes", "Modules", "IPC (newest first)",
                                                 "Counters (per Mcycle / total)",
                                                 "Physical memory by owner"};
  return titles[p];
}

const char *ui_panel_header(enum ui_panel p, bool narrow) {
  if (narrow && p == UI_IPC) return "KIND  FROM   TO     OPERATION  SIZE";
  switch (p) {
  case UI_PROCS: return " PID NAME         STATE    PRI/TIX MCYCLES";
  case UI_MODULES: return "NAME         STATE       SIZE REFS";
  case UI_IPC: return "   CYCLE KIND  FROM   TO     OPERATION    SIZE";
  default: return "";
  }
}

static const char *msg_kind(uint16_t kind) {
  switch (kind) {
  case EV_IPC_SEND: return "send";
  case EV_IPC_RECV: return "recv";
  case EV_IPC_REPLY: return "reply";
  default: return "notify";
  }
}

/* Processes, live ones first, each group in pid order. */
static unsigned proc_lines(const struct ui_view *v, struct ui_line *lines, unsigned max) {
  unsigned n = 0;
  for (int exited = 0; exited < 2; exited++) {
    uint32_t last = 0;
    for (;;) { /* the next pid above `last` in this group: the table is small */
      const struct model_proc *next = NULL;
      for (unsigned i = 0; i < MODEL_PROCS; i++) {
        const struct model_proc *p = &v->m->procs[i];
        if (p->used && p->exited == exited && p->pid > last && (!next || p->pid < next->pid))
          next = p;
      }
      if (!next || n == max) break;
      last = next->pid;
      char pri[16] = "-";
      if (next->priority >= 0 || next->tickets >= 0)
        snprintf(pri, sizeof pri, "%d/%d", next->priority, next->tickets);
      struct ui_line *l = &lines[n++];
      snprintf(l->text, UI_LINE, "%4u %-12.12s %-8s %-7s %7.2f", next->pid,
               next->name[0] ? next->name : "?", model_state_name(next->state), pri,
               (double)next->cpu_cycles / 1e6);
      l->tone = exited ? UI_DIM : UI_PLAIN;
      l->pid = next->pid;
    }
  }
  return n;
}

static unsigned module_lines(const struct ui_view *v, struct ui_line *lines, unsigned max) {
  static const char *const states[] = {"loaded", "unloaded", "FAILED"};
  unsigned n = 0;
  for (unsigned i = 0; i < MODEL_MODULES && n < max; i++) {
    const struct model_module *mod = &v->m->modules[i];
    if (!mod->used) continue;
    struct ui_line *l = &lines[n++];
    char refs[12] = "?"; /* the kernel does not say */
    if (mod->state != MODEL_MOD_LOADED)
      snprintf(refs, sizeof refs, "-");
    else if (mod->refs >= 0)
      snprintf(refs, sizeof refs, "%d", mod->refs);
    if (mod->state == MODEL_MOD_FAILED)
      snprintf(l->text, UI_LINE, "%-12.12s %-8s err %-3u %s", mod->name, states[mod->state],
               mod->error, refs);
    else
      snprintf(l->text, UI_LINE, "%-12.12s %-8s %7u %s", mod->name, states[mod->state], mod->size,
               refs);
    l->tone = v->flash_until[i] > v->now_ms      ? UI_FLASH
              : mod->state == MODEL_MOD_FAILED   ? UI_BAD
              : mod->state == MODEL_MOD_UNLOADED ? UI_DIM
                                                 : UI_PLAIN;
    l->pid = 0;
  }
  return n;
}

static unsigned ipc_lines(const struct ui_view *v, struct ui_line *lines, unsigned max) {
  const struct model *m = v->m;
  unsigned n = 0;
  for (uint64_t i = m->nmsgs; i-- > 0 && n < max && m->nmsgs - i <= MODEL_MSGS;) {
    const struct model_msg *msg = &m->msgs[i % MODEL_MSGS];
    struct ui_line *l = &lines[n++];
    char from[16], to[16], buf[24], what[32];
    const char *op = model_msg_op(m, msg, buf, sizeof buf);
    if (msg->kind == EV_IPC_REPLY) /* the label of a reply is the call's result */
      snprintf(what, sizeof what, "%s=%d", op, (int32_t)msg->label);
    else
      snprintf(what, sizeof what, "%s", op);
    char cycle[24] = "";
    if (!v->narrow) snprintf(cycle, sizeof cycle, "%8llu ", (unsigned long long)msg->cycle);
    snprintf(l->text, UI_LINE, "%s%-5s %-6.6s %-6.6s %-*.*s %u", cycle, msg_kind(msg->kind),
             model_proc_name(m, msg->from, from, sizeof from),
             model_proc_name(m, msg->to, to, sizeof to), v->narrow ? 10 : 12, v->narrow ? 10 : 12,
             what, msg->size);
    l->tone = UI_PLAIN;
    l->pid = msg->from;
  }
  return n;
}

static unsigned counter_lines(const struct ui_view *v, struct ui_line *lines, unsigned max) {
  unsigned n = 0;
  for (unsigned c = 0; c < MODEL_NCOUNTERS && n < max; c++, n++) {
    snprintf(lines[n].text, UI_LINE, "%-11s %9.1f %10llu", model_counter_name(c), v->m->rate[c],
             (unsigned long long)v->m->total[c]);
    lines[n].tone = UI_PLAIN;
    lines[n].pid = 0;
  }
  return n;
}

static void memory_line(const struct ui_view *v, struct ui_line *l, const char *who, uint64_t pages,
                        uint8_t tone, uint32_t pid) {
  char kib[24] = "";
  if (!v->narrow) snprintf(kib, sizeof kib, " %7llu KiB", (unsigned long long)pages * 4);
  snprintf(l->text, UI_LINE, "%-12.12s %6llu pages%s", who, (unsigned long long)pages, kib);
  l->tone = tone;
  l->pid = pid;
}

/* Whether owner p is listed before q: more pages first, then the lower pid. */
static bool before(const struct model_proc *p, const struct model_proc *q) {
  return p->pages != q->pages ? p->pages > q->pages : p->pid < q->pid;
}

/* The total, the kernel's pages, then each process's, most first (dim: exited, not yet
 * reaped); when they do not all fit, the last line counts those left out. */
static unsigned memory_lines(const struct ui_view *v, struct ui_line *lines, unsigned max) {
  const struct model *m = v->m;
  unsigned n = 0;
  if (n < max && !model_type_count(m, EV_PROC_MEM)) {
    snprintf(lines[n].text, UI_LINE, "(no memory events from this kernel yet)");
    lines[n].tone = UI_DIM;
    lines[n++].pid = 0;
    return n;
  }
  if (n < max) memory_line(v, &lines[n++], "in use", m->pages, UI_PLAIN, 0);
  if (n < max) memory_line(v, &lines[n++], "kernel", m->kernel_pages, UI_PLAIN, 0);
  const struct model_proc *owners[MODEL_PROCS];
  unsigned nowners = 0;
  for (unsigned i = 0; i < MODEL_PROCS; i++) { /* in order as they come: the table is small */
    const struct model_proc *p = &m->procs[i];
    if (!p->used || !p->pages) continue;
    unsigned at = nowners++;
    for (; at > 0 && before(p, owners[at - 1]); at--)
      owners[at] = owners[at - 1];
    owners[at] = p;
  }
  for (unsigned i = 0; i < nowners && n < max; i++) {
    const struct model_proc *p = owners[i];
    if (n + 1 == max && i + 1 < nowners) { /* no room for the rest: say how many */
      uint64_t rest = 0;
      for (unsigned j = i; j < nowners; j++)
        rest += owners[j]->pages;
      char more[24];
      snprintf(more, sizeof more, "+%u more", nowners - i);
      memory_line(v, &lines[n++], more, rest, UI_DIM, 0);
      break;
    }
    char who[24];
    snprintf(who, sizeof who, "%u %s", p->pid, p->name);
    memory_line(v, &lines[n++], who, p->pages, p->exited ? UI_DIM : UI_PLAIN, p->pid);
  }
  return n;
}

unsigned ui_panel_lines(const struct ui_view *v, enum ui_panel p, struct ui_line *lines,
                        unsigned max) {
  switch (p) {
  case UI_PROCS: return proc_lines(v, lines, max);
  case UI_MODULES: return module_lines(v, lines, max);
  case UI_IPC: return ipc_lines(v, lines, max);
  case UI_COUNTERS: return counter_lines(v, lines, max);
  default: return memory_lines(v, lines, max);
  }
}

void ui_segments(const struct model *m, unsigned h, uint64_t left, uint64_t right,
                 void (*fn)(void *ctx, const struct model_seg *s), void *ctx) {
  const struct model_hart *hart = &m->harts[h];
  uint64_t first = hart->nsegs > MODEL_SEGS ? hart->nsegs - MODEL_SEGS : 0;
  for (uint64_t i = first; i < hart->nsegs; i++) {
    const struct model_seg *s = &hart->segs[i % MODEL_SEGS];
    if (s->end > left && s->start < right) fn(ctx, s);
  }
  struct model_seg cur = {hart->since, m->now, hart->pid, hart->mode};
  if (hart->seen && cur.end > left && cur.start < right) fn(ctx, &cur);
}

unsigned ui_colour_index(uint32_t pid) { return (pid * 7u) % UI_COLOURS; }

uint32_t ui_colour(uint32_t pid) {
  /* Twelve colours far apart in hue, bright enough on a projector and saturated, so that
   * none reads as the white of plain text; neighbours in pid order land apart in the
   * palette (the step 7 is prime to 12). A colour follows the pid, not the name, so that a
   * process keeps it across exec and after it exits. */
  static const uint32_t palette[UI_COLOURS] = {0xe6194b, 0x3cb44b, 0xffe119, 0x4363d8,
                                               0xf58231, 0xa340d0, 0x46f0f0, 0xf032e6,
                                               0xbcf60c, 0xff6f91, 0x2fa4a4, 0x9d7bff};
  return palette[ui_colour_index(pid)];
}
