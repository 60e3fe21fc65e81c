/*
 * malloc: the storage allocator of Kernighan and Ritchie's "The C Programming Language"
 * (section 8.7), as xv6's umalloc.c has it, over a struct ulib_heap.
 *
 * Free blocks form a circular list in address order, each starting with a header that
 * holds its size in header-sized units. malloc takes the first block big enough (first
 * fit), splitting off the tail of a larger one; free puts a block back in its place in the
 * list and merges it with the neighbours it touches, so that the list never holds two
 * adjacent blocks. When nothing fits, the heap asks for more memory (sbrk), at least
 * MIN_GROW units at a time, and frees it into the list.
 */
#include "ulib.h"

#define UNIT sizeof(union ulib_header)
#define MIN_GROW 4096 /* units: 32 KiB on the guest, so that sbrk is not called for each malloc */

/* Asks for at least `units` more units and adds them to the free list. Returns false when
 * the heap's source has no more memory. */
static int grow(struct ulib_heap *h, size_t units) {
  if (units < MIN_GROW) units = MIN_GROW;
  if (units > SIZE_MAX / UNIT) return 0;
  union ulib_header *p = h->more(h->ctx, units * UNIT);
  if (!p) return 0;
  p->s.units = units;
  ulib_free(h, p + 1);
  return 1;
}

/* The number of units (header included) that holds n bytes, or 0 if that overflows. */
static size_t units_for(size_t n) {
  if (n > SIZE_MAX - 2 * UNIT) return 0;
  return (n + UNIT - 1) / UNIT + 1;
}

void *ulib_malloc(struct ulib_heap *h, size_t n) {
  size_t units = units_for(n);
  if (!units) return NULL;
  if (!h->freep) { /* first call: an empty list around the zero-size base block */
    h->base.s.next = h->freep = &h->base;
    h->base.s.units = 0;
  }
  union ulib_header *prev = h->freep;
  for (union ulib_header *p = prev->s.next;; prev = p, p = p->s.next) {
    if (p->s.units >= units) {
      if (p->s.units == units) {
        prev->s.next = p->s.next;
      } else { /* hand out the tail, so the free block stays where it is in the list */
        p->s.units -= units;
        p += p->s.units;
        p->s.units = units;
      }
      h->freep = prev;
      return p + 1;
    }
    if (p == h->freep) { /* wrapped around: nothing fits */
      if (!grow(h, units)) return NULL;
      p = h->freep; /* the new memory is just after it (or merged into it) */
    }
  }
}

void ulib_free(struct ulib_heap *h, void *ptr) {
  if (!ptr) return;
  union ulib_header *b = (union ulib_header *)ptr - 1;
  /* Find p with p < b < p->next, or the end of the list (p >= p->next) when b lies
   * beyond either end. */
  union ulib_header *p = h->freep;
  while (!(b > p && b < p->s.next)) {
    if (p >= p->s.next && (b > p || b < p->s.next)) break;
    p = p->s.next;
  }
  if (b + b->s.units == p->s.next) { /* merge with the block above */
    b->s.units += p->s.next->s.units;
    b->s.next = p->s.next->s.next;
  } else {
    b->s.next = p->s.next;
  }
  if (p + p->s.units == b) { /* merge with the block below */
    p->s.units += b->s.units;
    p->s.next = b->s.next;
  } else {
    p->s.next = b;
  }
  h->freep = p;
}

void *ulib_realloc(struct ulib_heap *h, void *ptr, size_t n) {
  if (!ptr) return ulib_malloc(h, n);
  if (n == 0) {
    ulib_free(h, ptr);
    return NULL;
  }
  union ulib_header *b = (union ulib_header *)ptr - 1;
  size_t have = (b->s.units - 1) * UNIT;
  if (n <= have) return ptr; /* shrinking keeps the block: simple, and never fails */
  void *q = ulib_malloc(h, n);
  if (!q) return NULL; /* the old block is left as it was, as C requires */
  ulib_memcpy(q, ptr, have);
  ulib_free(h, ptr);
  return q;
}

void *ulib_calloc(struct ulib_heap *h, size_t nmemb, size_t size) {
  if (size && nmemb > SIZE_MAX / size) return NULL;
  void *p = ulib_malloc(h, nmemb * size);
  if (p) ulib_memset(p, 0, nmemb * size);
  return p;
}
