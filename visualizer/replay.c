#include "replay.h"

#include <time.h>

#include "pace.h"

void replay_init(struct replay *p, const struct ev_record *recs, size_t n, struct model *m) {
  *p = (struct replay){.recs = recs, .n = n};
  model_init(m);
}

uint64_t replay_end(const struct replay *p) { return p->n ? p->recs[p->n - 1].cycle : 0; }

/* Feeds every record up to the clock. */
static void catch_up(struct replay *p, struct model *m) {
  while (p->pos < p->n && p->recs[p->pos].cycle <= p->clock)
    model_feed(m, &p->recs[p->pos++]);
}

void replay_seek(struct replay *p, struct model *m, uint64_t to) {
  if (to < p->clock) replay_init(p, p->recs, p->n, m);
  p->clock = to;
  catch_up(p, m);
}

void replay_advance(struct replay *p, struct model *m, uint64_t cycles) {
  if (p->pos < p->n && p->recs[p->pos].cycle > p->clock + PACE_IDLE_CAP)
    p->clock = p->recs[p->pos].cycle - PACE_IDLE_CAP;
  p->clock += cycles;
  catch_up(p, m);
}

void replay_step(struct replay *p, struct model *m) {
  if (p->pos == p->n) return;
  if (p->recs[p->pos].cycle > p->clock) p->clock = p->recs[p->pos].cycle;
  model_feed(m, &p->recs[p->pos++]);
}

/* The seek keys' stride: a tenth of the file. */
static uint64_t stride(const struct replay *p) {
  uint64_t tenth = replay_end(p) / 10;
  return tenth ? tenth : 1;
}

/* Takes every pending input; returns false when the user quits. */
static bool handle_input(const struct ui_display *d, struct replay *p, struct model *m,
                         struct ui_view *v) {
  struct ui_input in;
  while (d->poll(d->ctx, false, &in)) {
    uint64_t by = stride(p), end = replay_end(p);
    switch (in.action) {
    case UI_QUIT: return false;
    case UI_STEP:
      v->paused = true;
      replay_step(p, m);
      break;
    case UI_SEEK_BACK: replay_seek(p, m, p->clock > by ? p->clock - by : 0); break;
    case UI_SEEK_FWD: replay_seek(p, m, p->clock + by < end ? p->clock + by : end); break;
    case UI_FOCUS: /* nothing to type to */
    case UI_TYPE: break;
    default: ui_apply(v, in.action);
    }
  }
  return true;
}

void replay_run(const struct ui_display *d, struct replay *p, struct model *m, struct vcon *con,
                uint64_t speed, bool hold) {
  struct ui_view v = {
      .m = m, .con = con, .follow = true, .span = 20000000u, .speed = speed, .replay = true};
  uint64_t last_draw = 0, last_tick = ui_host_ms();
  for (;;) {
    if (!handle_input(d, p, m, &v)) break;
    uint64_t now = ui_host_ms();
    if (!v.paused && !v.speed) replay_seek(p, m, replay_end(p));
    if (!v.paused && v.speed) replay_advance(p, m, v.speed * (now - last_tick) / 1000);
    last_tick = now;
    v.now_ms = now;
    v.done = p->pos == p->n;
    if (v.done && !hold) break;
    if (now - last_draw >= 1000 / UI_FPS) {
      d->draw(d->ctx, &v);
      last_draw = now;
    } else {
      nanosleep(&(struct timespec){0, 2000000}, NULL);
    }
  }
  d->draw(d->ctx, &v);
}
