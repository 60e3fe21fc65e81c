/*
 * frames: the physical page frames of a hosted kernel's RAM, handed out one at a time and
 * counted by reference, as xv6's kalloc.c keeps its free list (plus the counts that
 * copy-on-write sharing needs).
 *
 * Frames are numbered from the start of RAM. Free frames sit on a stack, the lowest frame on
 * top, so a fresh kernel hands out low addresses first (easier to read in traces). A frame
 * in use has a count of at least 1; the last vm_frame_put frees it.
 *
 * Not for: the memory itself (the frames are guest RAM, which the kernel reaches through the
 * machine's bus, and zeroes itself), nor for who a frame is charged to (each kernel keeps
 * its own view of owners beside this).
 */
#ifndef OSSIM_VM_FRAMES_H
#define OSSIM_VM_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/sv32.h"

struct vm_frames {
  uint32_t base;  /* physical address of frame 0 */
  uint32_t count; /* frames in all */
  uint32_t *free; /* [count]: a stack of the free frames' numbers, nfree of them */
  uint32_t nfree;
  uint16_t *refs; /* [count]: references to each frame; 0 for a free one */
};

/* Frames for the size bytes of RAM at base (both page-aligned), all free. 0, or
 * -OSSIM_ENOMEM (and f holds nothing to destroy). */
int vm_frames_init(struct vm_frames *f, uint32_t base, uint32_t size);
/* Gives back what vm_frames_init took. f may be zeroed or already destroyed. */
void vm_frames_destroy(struct vm_frames *f);

/* The number of the frame that holds physical address pa (which must be in RAM). */
static inline uint32_t vm_frame_no(const struct vm_frames *f, uint32_t pa) {
  return (pa - f->base) / PGSIZE;
}

/* A free frame's physical address, its count now 1; 0 when none is free. Its contents are
 * whatever they were. */
uint32_t vm_frame_alloc(struct vm_frames *f);
/* One more reference to the frame at pa. */
void vm_frame_get(struct vm_frames *f, uint32_t pa);
/* One reference fewer; true when that was the last, and the frame is free again. A frame
 * that is free already stays so (false): a kernel bug, but never a double free. */
bool vm_frame_put(struct vm_frames *f, uint32_t pa);

#endif
