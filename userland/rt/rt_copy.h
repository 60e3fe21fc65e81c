/*
 * rt_copy.h: the forward copy behind the bare runtime's memcpy and memmove (helpers.c), a
 * word at a time when the two pointers share their alignment, as a static inline: so that
 * guest code that links nothing (micro's vDSO) copies as fast.
 */
#ifndef OSSIM_RT_COPY_H
#define OSSIM_RT_COPY_H

#include <stddef.h>
#include <stdint.h>

/* Copies n bytes upward, a word at a time once aligned when d and s share alignment.
 * Safe for overlap when d < s (every byte is read before it is overwritten). */
static inline void rt_copy_forward(unsigned char *d, const unsigned char *s, size_t n) {
  if ((((uintptr_t)d ^ (uintptr_t)s) & 3) == 0) {
    for (; n && ((uintptr_t)d & 3); n--)
      *d++ = *s++;
    /* Four words a turn: the loop's own counting and branch are paid once per 16 bytes. */
    for (; n >= 16; n -= 16, d += 16, s += 16) {
      uint32_t *dw = (uint32_t *)(void *)d;
      const uint32_t *sw = (const uint32_t *)(const void *)s;
      uint32_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
      dw[0] = a, dw[1] = b, dw[2] = c, dw[3] = e;
    }
    for (; n >= 4; n -= 4, d += 4, s += 4)
      *(uint32_t *)(void *)d = *(const uint32_t *)(const void *)s;
  }
  while (n--)
    *d++ = *s++;
}

#endif
