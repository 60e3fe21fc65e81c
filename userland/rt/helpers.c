/*
 * helpers: the functions clang emits calls to in freestanding RV32IMA code -- 64-bit
 * division (libgcc's names; the arithmetic is in divmod64.h), and memcpy, memmove,
 * memset, memcmp, strlen, strcmp and strncmp.
 *
 * The copies go a word at a time when both pointers share their alignment, since struct
 * copies and the benchmark lean on them. They are compiled with -fno-builtin
 * (-ffreestanding), which keeps clang from turning their own loops back into calls to
 * themselves.
 */
#include "divmod64.h"
#include "rt.h"
#include "rt_copy.h"

uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

uint64_t __udivdi3(uint64_t n, uint64_t d) { return rt_udiv64(n, d); }
uint64_t __umoddi3(uint64_t n, uint64_t d) { return rt_umod64(n, d); }
int64_t __divdi3(int64_t n, int64_t d) { return rt_div64(n, d); }
int64_t __moddi3(int64_t n, int64_t d) { return rt_mod64(n, d); }

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
  rt_copy_forward(dst, src, n);
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if ((uintptr_t)d <= (uintptr_t)s) {
    rt_copy_forward(d, s, n);
    return dst;
  }
  d += n; /* dst above src: copy downward so the overlap is read before it is written */
  s += n;
  while (n--)
    *--d = *--s;
  return dst;
}

void *memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  uint32_t w = (unsigned char)c * 0x01010101u;
  for (; n && ((uintptr_t)d & 3); n--)
    *d++ = (unsigned char)c;
  for (; n >= 4; n -= 4, d += 4)
    *(uint32_t *)(void *)d = w;
  while (n--)
    *d++ = (unsigned char)c;
  return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *p = a, *q = b;
  for (; n; n--, p++, q++)
    if (*p != *q) return *p < *q ? -1 : 1;
  return 0;
}

size_t strlen(const char *s) {
  const char *p = s;
  while (*p)
    p++;
  return (size_t)(p - s);
}

int strcmp(const char *a, const char *b) {
  while (*a && *a == *b)
    a++, b++;
  return (unsigned char)*a < (unsigned char)*b ? -1 : (unsigned char)*a > (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n) {
  for (; n > 0; n--, a++, b++) {
    if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
    if (!*a) return 0;
  }
  return 0;
}
