#include "kernel_options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct kernel_option *kernel_option_find(const struct kernel_ops *ops, const char *name,
                                               size_t len) {
  for (const struct kernel_option *o = ops->options; o && o->name; o++)
    if (strlen(o->name) == len && !strncmp(o->name, name, len)) return o;
  return NULL;
}

int kernel_option_set(const struct kernel_option *opt, void *own, const char *val,
                      char *const *rest, unsigned nrest, char *err, size_t errlen) {
  void *field = (char *)own + opt->offset;
  switch (opt->kind) {
  case KOPT_STRING: *(const char **)field = val; return 0;
  case KOPT_REST:
    *(struct kernel_option_rest *)field = (struct kernel_option_rest){rest, nrest};
    return 0;
  case KOPT_LIST: {
    struct kernel_option_list *l = field;
    if (l->n == KOPT_LIST_MAX) {
      snprintf(err, errlen, "%s: at most %d of them", opt->name, KOPT_LIST_MAX);
      return -1;
    }
    l->v[l->n++] = val;
    return 0;
  }
  case KOPT_PARSE: return opt->parse(field, val, err, errlen);
  }
  return -1;
}

int kernel_option_number(const char *s, bool allow_suffix, uint64_t max, uint64_t *out) {
  char *end;
  if (!s || !*s || *s == '-') return -1;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || end == s) return -1;
  unsigned shift = 0;
  if (allow_suffix && *end) {
    const char *suffixes = "KMG";
    const char *p = strchr(suffixes, *end & ~0x20);
    if (!p || !*p) return -1;
    shift = 10 * (unsigned)(p - suffixes + 1);
    end++;
    if ((*end & ~0x20) == 'B' || (*end == 'i' && (end[1] & ~0x20) == 'B'))
      end += *end == 'i' ? 2 : 1;
  }
  if (*end || (shift && v > (max >> shift)) || (v << shift) > max) return -1;
  *out = v << shift;
  return 0;
}
