/*
 * string.h for freestanding guest code that does not use the C library: the bare runtime's
 * helpers (userland/rt/helpers.c), which is what the shared components in kernels/lib need
 * when they are built for the guest.
 */
#ifndef OSSIM_RT_STRING_H
#define OSSIM_RT_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
