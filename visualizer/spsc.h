/*
 * spsc: a bounded lock-free queue of fixed-size elements for exactly one producer thread
 * and one consumer thread (C11 atomics, no locks, no allocation after init).
 *
 * The simulation thread pushes event records (and console bytes) and the UI thread pops
 * them. Neither side ever waits inside the queue: push on a full queue and pop on an empty
 * one return false, and the caller decides whether to wait (the simulation waits, so no
 * event is ever dropped) or to do something else (the UI draws a frame).
 *
 * Not for: more than one producer or more than one consumer at a time.
 */
#ifndef OSSIM_SPSC_H
#define OSSIM_SPSC_H

#include <stdalign.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

struct spsc {
  /* head: written by the consumer only; tail: by the producer only. Each counts elements
   * ever popped or pushed (it never wraps in practice: 2^64 elements), so full is
   * tail - head == cap and no slot is wasted. They sit on separate cache lines so the two
   * threads do not bounce one line between their cores. */
  alignas(64) atomic_size_t head;
  alignas(64) atomic_size_t tail;
  alignas(64) size_t cap; /* a power of two; fixed at init */
  size_t elem;            /* bytes per element */
  unsigned char *buf;     /* cap * elem bytes, owned */
};

/* Makes an empty queue of cap elements (a power of two) of elem bytes each. Returns 0,
 * or -1 if cap is not a power of two or memory runs out. */
int spsc_init(struct spsc *q, size_t cap, size_t elem);
void spsc_free(struct spsc *q);
/* Producer side: copies elem bytes from e into the queue. False if the queue is full. */
bool spsc_push(struct spsc *q, const void *e);
/* Consumer side: copies the oldest element into e and removes it. False if empty. */
bool spsc_pop(struct spsc *q, void *e);
/* Elements in the queue now (exact from either side's own point of view). */
size_t spsc_count(struct spsc *q);

#endif
