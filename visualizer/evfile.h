/*
 * evfile: reads back the event file `--events FILE` writes, one record a line:
 *
 *     CYCLE HART TYPE A0 A1 A2 A3
 *
 * HART a number or `-` (a device's record), TYPE a name of ev_type_name ("proc-create") or
 * `type-N` for a type without one, the arguments in C notation (0x1f, or 0). So a run saved
 * with --events can be replayed (`ossim replay FILE`) through the same model as a live one.
 *
 * Not for: writing the file (cli/observe.c does, as the run goes).
 */
#ifndef OSSIM_EVFILE_H
#define OSSIM_EVFILE_H

#include <stddef.h>
#include <stdio.h>

#include "events.h"

/* Parses one line into *r. Returns 0, or -EINVAL if it is not an event line. */
int evfile_parse(const char *line, struct ev_record *r);

/* The records of a whole file, in its order. */
struct evfile {
  struct ev_record *recs; /* malloc'd; evfile_free releases it */
  size_t n;
};

/* Reads every line of f. Returns 0; -EINVAL with *bad_line the (1-based) line that is not an
 * event line, or an empty file; -ENOMEM; -EIO if f could not be read. */
int evfile_load(FILE *f, struct evfile *out, size_t *bad_line);
void evfile_free(struct evfile *e);

#endif
