/* The window's live timeline (gui.h): its lanes, one per hart or one per process, the
 * segments in them, the IPC arrows between them and what the mouse is over. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "gui.h"

static uint64_t left_edge(const struct ui_view *v) {
  uint64_t right = ui_right(v);
  return right > v->span ? right - v->span : 0;
}

/* Lane i of the live view's timeline, as a lane any segment painter takes. */
static struct gui_lane live_lane(SDL_Renderer *r, const struct gui_layout *l,
                                 const struct ui_view *v, unsigned i) {
  return (struct gui_lane){.r = r,
                           .x = l->tl_x,
                           .w = l->tl_w,
                           .top = gui_lane_mid(l, i) - l->lane_h / 2,
                           .h = l->lane_h,
                           .scale = l->scale,
                           .left = left_edge(v),
                           .span = v->span};
}

int gui_x(const struct gui_layout *l, const struct ui_view *v, uint64_t c) {
  struct gui_lane ln = live_lane(NULL, l, v, 0);
  return gui_lane_x(&ln, c);
}

int gui_lane_mid(const struct gui_layout *l, unsigned i) {
  return l->tl_y + (int)i * (l->lane_h + l->lane_gap) + l->lane_h / 2;
}

void gui_lanes_of(const struct ui_view *v, struct gui_lanes *lanes) {
  *lanes = (struct gui_lanes){.by_process = v->by_process};
  if (!v->by_process) {
    lanes->n = v->m->nharts ? v->m->nharts : 1;
    return;
  }
  uint32_t last = 0; /* the processes in pid order: the next pid above the last */
  while (lanes->n < GUI_PROC_LANES) {
    const struct model_proc *next = NULL;
    for (unsigned i = 0; i < MODEL_PROCS; i++) {
      const struct model_proc *p = &v->m->procs[i];
      if (p->used && p->pid > last && (!next || p->pid < next->pid)) next = p;
    }
    if (!next) break;
    lanes->pid[lanes->n++] = last = next->pid;
  }
}

/* The lane of a stretch that ran on hart h for pid, or -1 if no lane shows it. */
static int lane_of(const struct gui_lanes *lanes, unsigned h, uint32_t pid) {
  if (!lanes->by_process) return (int)h;
  for (unsigned i = 0; i < lanes->n; i++)
    if (lanes->pid[i] == pid) return (int)i;
  return -1;
}

/* Calls fn for every segment lane i shows in [left, right): a hart's own, or one process's
 * on any hart. */
struct lane_filter {
  void (*fn)(void *ctx, const struct model_seg *s);
  void *ctx;
  uint32_t pid;
};

static void only_pid(void *ctx, const struct model_seg *s) {
  const struct lane_filter *f = ctx;
  if (s->pid == f->pid) f->fn(f->ctx, s);
}

static void lane_segments(const struct ui_view *v, const struct gui_lanes *lanes, unsigned i,
                          void (*fn)(void *ctx, const struct model_seg *s), void *ctx) {
  uint64_t left = left_edge(v), right = ui_right(v);
  if (!lanes->by_process) {
    ui_segments(v->m, i, left, right, fn, ctx);
    return;
  }
  struct lane_filter f = {fn, ctx, lanes->pid[i]};
  for (unsigned h = 0; h < v->m->nharts; h++)
    ui_segments(v->m, h, left, right, only_pid, &f);
}

/* An arrow from (x0, y0) to (x1, y1), three pixels wide, with a head at the end. */
static void arrow(SDL_Renderer *r, int x0, int y0, int x1, int y1) {
  gui_colour(r, GUI_ARROW);
  for (int d = -1; d <= 1; d++)
    SDL_RenderDrawLine(r, x0 + d, y0, x1 + d, y1);
  int dy = y1 >= y0 ? -6 : 6;
  SDL_RenderDrawLine(r, x1, y1, x1 - 5, y1 + dy);
  SDL_RenderDrawLine(r, x1, y1, x1 + 5, y1 + dy);
}

/* The send that message i (a receive) answers: the latest earlier send from its sender to
 * its receiver with its label, or NULL if it has fallen out of the ring. */
static const struct model_msg *send_of(const struct model *m, uint64_t i) {
  const struct model_msg *recv = &m->msgs[i % MODEL_MSGS];
  uint64_t oldest = m->nmsgs > MODEL_MSGS ? m->nmsgs - MODEL_MSGS : 0;
  while (i-- > oldest) {
    const struct model_msg *s = &m->msgs[i % MODEL_MSGS];
    if (s->kind == EV_IPC_SEND && s->from == recv->from && s->to == recv->to &&
        s->label == recv->label)
      return s;
  }
  return NULL;
}

/* A box with one line of text by (x, y). */
static void tip(SDL_Renderer *r, const struct gui_layout *l, int x, int y, const char *text) {
  int w = (int)strlen(text) * gui_char_w(l->scale) + 8;
  gui_fill(r, x + 8, y + 8, w, gui_line_h(l->scale) + 4, GUI_PANEL);
  gui_text(r, x + 12, y + 10, l->scale, GUI_FG, text, 1 << 20);
}

/* IPC arrows between lanes; the one nearest the mouse (if near) gets its text. Returns
 * whether one did. */
static bool draw_arrows(SDL_Renderer *r, const struct gui_layout *l, const struct ui_view *v,
                        const struct gui_lanes *lanes, int mx, int my) {
  const struct model *m = v->m;
  uint64_t oldest = m->nmsgs > MODEL_MSGS ? m->nmsgs - MODEL_MSGS : 0;
  const struct model_msg *hover = NULL;
  int hx = 0, hy = 0;
  for (uint64_t i = oldest; i < m->nmsgs; i++) {
    const struct model_msg *recv = &m->msgs[i % MODEL_MSGS], *send;
    if (recv->kind != EV_IPC_RECV || recv->hart >= MODEL_HARTS || !(send = send_of(m, i))) continue;
    if (send->hart >= MODEL_HARTS || recv->cycle < left_edge(v)) continue;
    int from = lane_of(lanes, send->hart, send->from), to = lane_of(lanes, recv->hart, recv->to);
    if (from < 0 || to < 0) continue;
    int x0 = gui_x(l, v, send->cycle), x1 = gui_x(l, v, recv->cycle);
    int y0 = gui_lane_mid(l, (unsigned)from), y1 = gui_lane_mid(l, (unsigned)to);
    if (from == to) { /* the same lane: from its top to its bottom */
      y0 -= l->lane_h / 2;
      y1 += l->lane_h / 2;
    }
    arrow(r, x0, y0, x1, y1);
    int cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    if (mx >= 0 && abs(mx - cx) < 12 * l->scale && abs(my - cy) < 12 * l->scale) {
      hover = recv;
      hx = cx;
      hy = cy;
    }
  }
  if (!hover) return false;
  char text[96];
  tip(r, l, hx, hy, model_msg_text(m, hover, "->", text, sizeof text));
  return true;
}

/* The segment that holds cycle `at`, for the mouse's hover. */
struct seg_at {
  uint64_t at;
  bool found;
  struct model_seg seg;
};

static void seg_at(void *ctx, const struct model_seg *s) {
  struct seg_at *f = ctx;
  if (s->start <= f->at && f->at < s->end) {
    f->found = true;
    f->seg = *s;
  }
}

/* The mouse over a lane: who ran there at that moment, in which mode, from when to when. */
static void hover_lane(SDL_Renderer *r, const struct gui_layout *l, const struct ui_view *v,
                       const struct gui_lanes *lanes, int mx, int my) {
  if (mx < l->tl_x || mx >= l->tl_x + l->tl_w) return;
  for (unsigned i = 0; i < lanes->n; i++) {
    int top = gui_lane_mid(l, i) - l->lane_h / 2;
    if (my < top || my >= top + l->lane_h) continue;
    struct seg_at f = {.at = left_edge(v) + (uint64_t)(mx - l->tl_x) * v->span / (uint64_t)l->tl_w};
    lane_segments(v, lanes, i, seg_at, &f);
    if (!f.found) return;
    static const char *const modes[] = {"idle", "user", "kernel"};
    char name[16], text[96];
    snprintf(text, sizeof text, "%s (pid %u) %s, cycles %llu-%llu",
             model_proc_name(v->m, f.seg.pid, name, sizeof name), f.seg.pid, modes[f.seg.mode],
             (unsigned long long)f.seg.start, (unsigned long long)f.seg.end);
    tip(r, l, mx, my, f.seg.pid ? text : "idle");
    return;
  }
}

void gui_draw_timeline(SDL_Renderer *r, const struct gui_layout *l, const struct ui_view *v,
                       const struct gui_lanes *lanes, int mx, int my) {
  char label[80];
  snprintf(label, sizeof label, "%llu cycles across; user: bright, kernel: dark, idle: grey%s",
           (unsigned long long)v->span, lanes->by_process ? "; a lane per process (l)" : "");
  gui_text_within(r, l->tl_x, l->tl_y - gui_line_h(l->scale), l->tl_w, l->scale, GUI_DIM, label);
  for (unsigned i = 0; i < lanes->n; i++) {
    char buf[16];
    const char *name = lanes->by_process ? model_proc_name(v->m, lanes->pid[i], buf, sizeof buf)
                                         : (snprintf(buf, sizeof buf, "hart %u", i), buf);
    gui_text_within(r, 4, gui_lane_mid(l, i) - FONT_ASCENT * l->scale / 2, l->tl_x - 8, l->scale,
                    lanes->by_process ? ui_colour(lanes->pid[i]) : GUI_FG, name);
    gui_fill(r, l->tl_x, gui_lane_mid(l, i) - l->lane_h / 2, l->tl_w, l->lane_h, GUI_PANEL);
    struct gui_lane ln = live_lane(r, l, v, i);
    lane_segments(v, lanes, i, gui_lane_seg, &ln);
  }
  if (!draw_arrows(r, l, v, lanes, mx, my) && mx >= 0) hover_lane(r, l, v, lanes, mx, my);
}
