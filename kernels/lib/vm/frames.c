#include "frames.h"

#include <stdlib.h>

#include "abi/errno.h"

int vm_frames_init(struct vm_frames *f, uint32_t base, uint32_t size) {
  *f = (struct vm_frames){.base = base, .count = size / PGSIZE};
  f->free = malloc(f->count * sizeof *f->free);
  f->refs = calloc(f->count, sizeof *f->refs);
  if (!f->free || !f->refs) {
    vm_frames_destroy(f);
    return -OSSIM_ENOMEM;
  }
  for (uint32_t no = f->count; no-- > 0;)
    f->free[f->nfree++] = no; /* frame 0 on top */
  return 0;
}

void vm_frames_destroy(struct vm_frames *f) {
  free(f->free);
  free(f->refs);
  *f = (struct vm_frames){0};
}

uint32_t vm_frame_alloc(struct vm_frames *f) {
  if (f->nfree == 0) return 0;
  uint32_t no = f->free[--f->nfree];
  f->refs[no] = 1;
  return f->base + no * PGSIZE;
}

void vm_frame_get(struct vm_frames *f, uint32_t pa) { f->refs[vm_frame_no(f, pa)]++; }

bool vm_frame_put(struct vm_frames *f, uint32_t pa) {
  uint32_t no = vm_frame_no(f, pa);
  if (f->refs[no] == 0 || --f->refs[no] > 0) return false;
  f->free[f->nfree++] = no;
  return true;
}
