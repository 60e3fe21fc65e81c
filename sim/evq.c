#include "evq.h"

#include <errno.h>
#include <stdlib.h>

void evq_init(struct evq *q) { *q = (struct evq){0}; }

void evq_free(struct evq *q) {
  free(q->heap);
  *q = (struct evq){0};
}

static int before(const struct evq_item *a, const struct evq_item *b) {
  return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void swap(struct evq_item *a, struct evq_item *b) {
  struct evq_item t = *a;
  *a = *b;
  *b = t;
}

static void sift_up(struct evq *q, size_t i) {
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!before(&q->heap[i], &q->heap[parent])) break;
    swap(&q->heap[i], &q->heap[parent]);
    i = parent;
  }
}

static void sift_down(struct evq *q, size_t i) {
  for (;;) {
    size_t l = 2 * i + 1, r = l + 1, min = i;
    if (l < q->n && before(&q->heap[l], &q->heap[min])) min = l;
    if (r < q->n && before(&q->heap[r], &q->heap[min])) min = r;
    if (min == i) return;
    swap(&q->heap[i], &q->heap[min]);
    i = min;
  }
}

int evq_schedule(struct evq *q, uint64_t when, evq_fn fn, void *ctx) {
  if (q->n == q->cap) {
    size_t cap = q->cap ? q->cap * 2 : 16;
    struct evq_item *h = realloc(q->heap, cap * sizeof *h);
    if (!h) return -ENOMEM;
    q->heap = h;
    q->cap = cap;
  }
  q->heap[q->n] = (struct evq_item){when, q->next_seq++, fn, ctx};
  sift_up(q, q->n++);
  return 0;
}

/* Removes heap[i], keeping the heap order. */
static void remove_at(struct evq *q, size_t i) {
  q->heap[i] = q->heap[--q->n];
  if (i < q->n) {
    sift_down(q, i);
    sift_up(q, i);
  }
}

size_t evq_cancel(struct evq *q, evq_fn fn, void *ctx) {
  /* Filter, then rebuild the heap: removing in place could move an unvisited item to a
   * slot already visited. */
  size_t kept = 0;
  for (size_t i = 0; i < q->n; i++)
    if (q->heap[i].fn != fn || q->heap[i].ctx != ctx) q->heap[kept++] = q->heap[i];
  size_t removed = q->n - kept;
  q->n = kept;
  for (size_t i = kept / 2; i-- > 0;)
    sift_down(q, i);
  return removed;
}

uint64_t evq_next(const struct evq *q) { return q->n ? q->heap[0].when : EVQ_NEVER; }

void evq_run_until(struct evq *q, uint64_t now) {
  while (q->n && q->heap[0].when <= now) {
    struct evq_item it = q->heap[0];
    remove_at(q, 0);
    it.fn(it.ctx, it.when);
  }
}
