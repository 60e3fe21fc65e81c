#include "pace.h"

#include <time.h>

double pace_delay(struct pace *p, uint64_t speed, uint64_t now, double host) {
  if (speed != p->speed) *p = (struct pace){speed, now, host};
  if (!speed) return 0;
  /* Records of different harts can come a little out of cycle order: never before cycle0. */
  uint64_t ran = now > p->cycle0 ? now - p->cycle0 : 0;
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
