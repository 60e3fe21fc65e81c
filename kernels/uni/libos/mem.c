/*
 * mem.c: the program's memory. One address space with no MMU: the image (code, data, bss
 * and stacks, as rt/bare.ld lays them out), then the heap, which sbrk moves up and down
 * between the end of the image and the boot-info block at the top of RAM. Memory is never
 * mapped or unmapped; sbrk only moves a line, and zeroes what it gives, as a kernel's fresh
 * pages are zero.
 *
 * The calls still refuse pointers outside the program's memory with -EFAULT, as the other
 * kernels do: not for protection (the program could write anywhere) but so a program gets
 * the same answers on every kernel.
 */
#include "abi/errno.h"
#include "libos.h"
#include "rt.h"

static uint32_t heap_start, brk; /* the heap is [heap_start, brk) */

void libos_mem_init(void) { heap_start = brk = (uint32_t)(uintptr_t)__image_end; }

long libos_sbrk(int n) {
  uint32_t old = brk;
  if (n >= 0) {
    if ((uint64_t)brk + (uint32_t)n > libos_boot_info.ram_end) return -OSSIM_ENOMEM;
    memset((void *)(uintptr_t)brk, 0, (size_t)n);
    brk += (uint32_t)n;
  } else {
    if ((uint32_t)-n > brk - heap_start) return -OSSIM_EINVAL;
    brk -= (uint32_t)-n;
  }
  return (long)old;
}

static bool inside(uint32_t a, uint32_t n, uint32_t lo, uint32_t hi) {
  return a >= lo && a <= hi && n <= hi - a;
}

bool libos_ok_ptr(const void *p, uint32_t n) {
  uint32_t a = (uint32_t)(uintptr_t)p;
  return inside(a, n, (uint32_t)(uintptr_t)__image_start, brk) ||
         inside(a, n, libos_boot_info.info_lo, libos_boot_info.info_hi);
}

int libos_put(void *dst, const void *src, uint32_t n) {
  if (!libos_ok_ptr(dst, n)) return -OSSIM_EFAULT;
  char *d = dst;
  const char *s = src;
  for (uint32_t i = 0; i < n; i++) /* a byte at a time: dst may be misaligned */
    d[i] = s[i];
  return 0;
}

int libos_ok_str(const char *s, uint32_t max) {
  for (uint32_t i = 0; i < max; i++) {
    if (!libos_ok_ptr(s + i, 1)) return -OSSIM_EFAULT;
    if (s[i] == 0) return (int)i;
  }
  return -OSSIM_ENAMETOOLONG;
}

uint32_t libos_mem_size(void) { return brk - (uint32_t)(uintptr_t)__image_start; }
