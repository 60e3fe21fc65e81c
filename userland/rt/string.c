/*
 * string: C's string, memory and character functions, and the number parsers, as ulib_
 * functions (ulib_base.h). Byte at a time and simple: the copies the guest spends real time in
 * (memcpy, memset) are the word-at-a-time ones of helpers.c.
 */
#include "ulib_base.h"

#include <limits.h>

void *ulib_memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  while (n--)
    *d++ = *s++;
  return dst;
}

void *ulib_memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if ((uintptr_t)d <= (uintptr_t)s) return ulib_memcpy(dst, src, n);
  while (n--) /* dst above src: copy downward, so the overlap is read before it is written */
    d[n] = s[n];
  return dst;
}

void *ulib_memset(void *dst, int c, size_t n) {
  unsigned char *d = dst;
  while (n--)
    *d++ = (unsigned char)c;
  return dst;
}

int ulib_memcmp(const void *a, const void *b, size_t n) {
  const unsigned char *p = a, *q = b;
  for (; n; n--, p++, q++)
    if (*p != *q) return *p - *q;
  return 0;
}

size_t ulib_strlen(const char *s) {
  const char *p = s;
  while (*p)
    p++;
  return (size_t)(p - s);
}

char *ulib_strcpy(char *dst, const char *src) {
  char *d = dst;
  while ((*d++ = *src++))
    ;
  return dst;
}

/* C's strncpy: copies at most n bytes and pads with NULs to n; the result is NOT
 * terminated when src has n or more characters. */
char *ulib_strncpy(char *dst, const char *src, size_t n) {
  size_t i = 0;
  for (; i < n && src[i]; i++)
    dst[i] = src[i];
  for (; i < n; i++)
    dst[i] = '\0';
  return dst;
}

char *ulib_strcat(char *dst, const char *src) {
  ulib_strcpy(dst + ulib_strlen(dst), src);
  return dst;
}

/* The first c in s; c == '\0' finds the terminator, as in C. */
char *ulib_strchr(const char *s, int c) {
  for (;; s++) {
    if (*s == (char)c) return (char *)s;
    if (!*s) return NULL;
  }
}

char *ulib_strrchr(const char *s, int c) {
  const char *last = NULL;
  for (;; s++) {
    if (*s == (char)c) last = s;
    if (!*s) return (char *)last;
  }
}

/* Compares as unsigned chars, as C requires. */
int ulib_strcmp(const char *a, const char *b) {
  while (*a && *a == *b)
    a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}

int ulib_strncmp(const char *a, const char *b, size_t n) {
  for (; n; n--, a++, b++) {
    if (*a != *b) return (unsigned char)*a - (unsigned char)*b;
    if (!*a) return 0;
  }
  return 0;
}

char *ulib_strstr(const char *haystack, const char *needle) {
  size_t n = ulib_strlen(needle);
  for (; *haystack; haystack++)
    if (ulib_strncmp(haystack, needle, n) == 0) return (char *)haystack;
  return n == 0 ? (char *)haystack : NULL; /* "" is found at the end of "" too */
}

/* ---- characters ---- */

int ulib_isdigit(int c) { return c >= '0' && c <= '9'; }
int ulib_isupper(int c) { return c >= 'A' && c <= 'Z'; }
int ulib_islower(int c) { return c >= 'a' && c <= 'z'; }
int ulib_isalpha(int c) { return ulib_isupper(c) || ulib_islower(c); }
int ulib_isalnum(int c) { return ulib_isalpha(c) || ulib_isdigit(c); }
int ulib_isxdigit(int c) {
  return ulib_isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
int ulib_isspace(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
int ulib_isprint(int c) { return c >= ' ' && c <= '~'; }
int ulib_ispunct(int c) { return ulib_isprint(c) && c != ' ' && !ulib_isalnum(c); }
int ulib_toupper(int c) { return ulib_islower(c) ? c - 'a' + 'A' : c; }
int ulib_tolower(int c) { return ulib_isupper(c) ? c - 'A' + 'a' : c; }

/* ---- numbers ---- */

/* The value of digit character c, or 36 (no digit in any base) if it is none. */
static int digit_value(int c) {
  if (ulib_isdigit(c)) return c - '0';
  if (ulib_islower(c)) return c - 'a' + 10;
  if (ulib_isupper(c)) return c - 'A' + 10;
  return 36;
}

long ulib_strtol(const char *s, char **end, int base, int *overflow) {
  const char *p = s;
  while (ulib_isspace(*p))
    p++;
  int neg = 0;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  /* The prefix counts only when a hex digit follows: "0x" alone is the number 0. */
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
      digit_value(p[2]) < 16) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = *p == '0' ? 8 : 10;
  }
  if (overflow) *overflow = 0;
  if (base < 2 || base > 36) {
    if (end) *end = (char *)s;
    return 0;
  }
  /* Accumulate the magnitude as unsigned, so that LONG_MIN's magnitude fits. */
  unsigned long limit = neg ? (unsigned long)LONG_MAX + 1 : (unsigned long)LONG_MAX;
  unsigned long v = 0;
  int any = 0, over = 0;
  for (int d; (d = digit_value(*p)) < base; p++) {
    any = 1;
    if (v > (limit - (unsigned long)d) / (unsigned long)base)
      over = 1;
    else
      v = v * (unsigned long)base + (unsigned long)d;
  }
  if (end) *end = (char *)(any ? p : s);
  if (over) {
    if (overflow) *overflow = 1;
    return neg ? LONG_MIN : LONG_MAX;
  }
  if (neg) return v == (unsigned long)LONG_MAX + 1 ? LONG_MIN : -(long)v;
  return (long)v;
}

int ulib_atoi(const char *s) {
  long v = ulib_strtol(s, NULL, 10, NULL);
  return v > INT_MAX ? INT_MAX : v < INT_MIN ? INT_MIN : (int)v;
}
