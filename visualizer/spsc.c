#include "spsc.h"

#include <stdlib.h>
#include <string.h>

int spsc_init(struct spsc *q, size_t cap, size_t elem) {
  if (cap == 0 || (cap & (cap - 1)) || elem == 0) return -1;
  atomic_init(&q->head, 0);
  atomic_init(&q->tail, 0);
  q->cap = cap;
  q->elem = elem;
  q->buf = calloc(cap, elem);
  return q->buf ? 0 : -1;
}

void spsc_free(struct spsc *q) {
  free(q->buf);
  q->buf = NULL;
}

/*
 * The producer owns tail and the consumer owns head. Each reads its own index relaxed
 * (nobody else writes it), reads the other's with acquire, and publishes its own with
 * release: the release on tail makes the element's bytes visible before the consumer can
 * see the slot as filled, and the release on head makes the consumer's read of the bytes
 * happen before the producer may overwrite the slot.
 */
bool spsc_push(struct spsc *q, const void *e) {
  size_t tail = atomic_load_explicit(&q->tail, memory_order_relaxed);
  size_t head = atomic_load_explicit(&q->head, memory_order_acquire);
  if (tail - head == q->cap) return false;
  memcpy(q->buf + (tail & (q->cap - 1)) * q->elem, e, q->elem);
  atomic_store_explicit(&q->tail, tail + 1, memory_order_release);
  return true;
}

bool spsc_pop(struct spsc *q, void *e) {
  size_t head = atomic_load_explicit(&q->head, memory_order_relaxed);
  size_t tail = atomic_load_explicit(&q->tail, memory_order_acquire);
  if (head == tail) return false;
  memcpy(e, q->buf + (head & (q->cap - 1)) * q->elem, q->elem);
  atomic_store_explicit(&q->head, head + 1, memory_order_release);
  return true;
}

size_t spsc_count(struct spsc *q) {
  return atomic_load_explicit(&q->tail, memory_order_acquire) -
         atomic_load_explicit(&q->head, memory_order_acquire);
}
