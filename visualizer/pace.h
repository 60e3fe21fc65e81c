/*
 * pace: holds a run to a speed in simulated cycles per host second (--speed, and the
 * display's + and - keys), so that a class can watch what would otherwise be over in a
 * blink.
 *
 * The simulation thread calls pace_wait at points of its own choosing with the machine's
 * time: at the end of each slice of the run, and, while a display watches, at each event
 * record, so that a slow speed is smooth rather than a jump every slice. It sleeps until
 * host time has caught up with simulated time at that speed. It only ever delays the
 * simulation; it never changes what the simulation computes.
 *
 * Not for: the UI's frame rate (ui.c), or anything the guest can see.
 */
#ifndef OSSIM_PACE_H
#define OSSIM_PACE_H

#include <stdint.h>

#define PACE_MIN_SLEEP 0.001 /* seconds: shorter waits are left to add up (no drift) */
#define PACE_MAX_SLEEP 0.5   /* seconds: a sleep is cut short to stay responsive */
/* A stretch with no event record is paced as if it were at most this many cycles long: a
 * display has nothing new to show in it, so it passes in a blink instead of emptying the
 * timeline (where events are dense, every cycle is paced). */
#define PACE_IDLE_CAP 1000000u
/* The speed of a display watched from a terminal when no --speed is given: the 20-million-
 * cycle timeline crosses the screen in two seconds (the + and - keys change it). */
#define PACE_WATCH 10000000u

/* Where the reckoning started: at this speed, this simulated cycle was this host time, less
 * the idle cycles forgiven since (cycle0 moves forward by them). It starts again whenever
 * the speed changes. Owned by the simulation thread. */
struct pace {
  uint64_t speed, cycle0;
  double host0;
  uint64_t last_event; /* the cycle of the latest event record */
};

/* Seconds to wait at simulated cycle `now` and host time `host` (seconds) to hold `speed`
 * (0: unlimited, never wait). Negative or zero: the simulation is behind, go on. Pure but
 * for the reckoning it starts when the speed changed. */
double pace_delay(struct pace *p, uint64_t speed, uint64_t now, double host);
/* An event record at cycle now: the stretch since the one before, beyond PACE_IDLE_CAP
 * cycles, is forgiven. */
void pace_event(struct pace *p, uint64_t now);
/* Sleeps what pace_delay says, if at least PACE_MIN_SLEEP and at most PACE_MAX_SLEEP. */
void pace_wait(struct pace *p, uint64_t speed, uint64_t now);

#endif
