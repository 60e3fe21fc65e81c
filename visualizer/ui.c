#include "ui.h"

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
  case UI_FASTER:
  case UI_SLOWER: v->speed = next_speed(v->speed, a == UI_FASTER); break;
  default: break;
  }
}

static uint64_t host_ms(void) {
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
    if (v.done && !link->hold) break;
    uint64_t now = host_ms();
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
