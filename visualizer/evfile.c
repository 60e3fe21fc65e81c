#include "evfile.h"

#include "abi/kevents.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The type called `name`, from ev_type_name or "type-N"; -1 for none. */
static long type_of(const char *name) {
  for (unsigned t = 0; t < EV_MACHINE_LAST; t++)
    if (ev_type_name((uint16_t)t) && !strcmp(ev_type_name((uint16_t)t), name)) return (long)t;
  for (unsigned t = EV_KERNEL_BASE; t < EV_KERNEL_LAST; t++)
    if (ev_type_name((uint16_t)t) && !strcmp(ev_type_name((uint16_t)t), name)) return (long)t;
  unsigned n;
  char end;
  if (sscanf(name, "type-%u%c", &n, &end) == 1 && n <= UINT16_MAX) return (long)n;
  return -1;
}

int evfile_parse(const char *line, struct ev_record *r) {
  uint64_t cycle;
  char hart[8], type[32], end[2];
  uint32_t a[4];
  /* %x takes the 0x that the writer's %#x puts before all but 0. */
  if (sscanf(line, "%" SCNu64 " %7s %31s %" SCNx32 " %" SCNx32 " %" SCNx32 " %" SCNx32 " %1s",
             &cycle, hart, type, &a[0], &a[1], &a[2], &a[3], end) != 7)
    return -EINVAL;
  long t = type_of(type);
  bool device = strcmp(hart, "-") == 0;
  char *stop = hart;
  unsigned long h = device ? EV_HART_NONE : strtoul(hart, &stop, 10);
  if (t < 0 || (!device && (stop == hart || *stop || h >= EV_HART_NONE))) return -EINVAL;
  *r = (struct ev_record){.cycle = cycle, .type = (uint16_t)t, .hart = (uint16_t)h};
  memcpy(r->a, a, sizeof a);
  return 0;
}

int evfile_load(FILE *f, struct evfile *out, size_t *bad_line) {
  *out = (struct evfile){0};
  size_t cap = 0;
  char line[256];
  *bad_line = 0;
  while (fgets(line, sizeof line, f)) {
    (*bad_line)++;
    if (out->n == cap) {
      size_t more = cap ? cap * 2 : 4096;
      struct ev_record *grown = realloc(out->recs, more * sizeof *grown);
      if (!grown) {
        evfile_free(out);
        return -ENOMEM;
      }
      out->recs = grown;
      cap = more;
    }
    if (evfile_parse(line, &out->recs[out->n]) < 0) {
      evfile_free(out);
      return -EINVAL;
    }
    out->n++;
  }
  if (ferror(f)) {
    evfile_free(out);
    return -EIO;
  }
  if (!out->n) {
    *bad_line = 1;
    return -EINVAL;
  }
  return 0;
}

void evfile_free(struct evfile *e) {
  free(e->recs);
  *e = (struct evfile){0};
}
