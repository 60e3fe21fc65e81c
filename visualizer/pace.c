#include "pace.h"

#include <time.h>

/* The cycles past PACE_IDLE_CAP since the last event record, at cycle now. */
static uint64_t idle_excess(const struct pace *p, uint64_t now) {
  return now > p->last_event + PACE_IDLE_CAP ? now - p->last_event - PACE_IDLE_CAP : 0;
}

void pace_event(struct pace *p, uint64_t now) {
  p->cycle0 += idle_excess(p, now);
  if (now > p->last_event) p->last_event = now;
}

double pace_delay(struct pace *p, uint64_t speed, uint64_t now, double host) {
  if (speed != p->speed) *p = (struct pace){speed, now, host, now};
  if (!speed) return 0;
  /* Records of different harts can come a little out of cycle order: never before cycle0.
   * An idle stretch still going on is paced only up to its cap. */
  uint64_t paced = now - idle_excess(p, now);
  uint64_t ran = paced > p->cycle0 ? paced - p->cycle0 : 0;
  return p->host0 + (double)ran / (double)speed - host;
}

static double host_seconds(void) {
  struct timespec ts; /* host time paces the run; the guest never sees it */
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void pace_wait(struct pace *p, uint64_t speed, uint64_t now) {
  if (!speed && !p->speed) return; /* unlimited, and was: no need for the clock */
  double wait = pace_delay(p, speed, now, host_seconds());
  if (wait < PACE_MIN_SLEEP) return;
  if (wait > PACE_MAX_SLEEP) wait = PACE_MAX_SLEEP;
  nanosleep(&(struct timespec){(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)}, NULL);
}
