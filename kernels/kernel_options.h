/*
 * kernel_options: the command-line options that belong to one kernel, declared by the
 * kernel in a table and parsed for it by the front end.
 *
 * A kernel names its options in a table (kernel_ops.options): the option, its argument and
 * a line of help, and where in the kernel's own options struct the value goes. The front
 * end lists the table in --help under the kernel, parses what the user gave into a zeroed
 * struct of kernel_ops.options_size bytes, and hands it to create() as args->own. An option
 * of another kernel is a usage error, so nothing given is ever silently ignored.
 *
 * Not for: the options every kernel shares (--disk, -c, --sched...: struct kernel_args), or
 * the machine's (--mem, --cpus...: cli/options.c).
 */
#ifndef OSSIM_KERNEL_OPTIONS_H
#define OSSIM_KERNEL_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

enum kernel_option_kind {
  KOPT_STRING, /* a const char * at offset: the value as given */
  KOPT_LIST,   /* a struct kernel_option_list at offset: repeatable, values in order */
  KOPT_REST,   /* a struct kernel_option_rest at offset: the value and every argument after
                  it (--app NAME ARGS...) */
  KOPT_PARSE,  /* parse() turns the value into the field at offset */
};

#define KOPT_LIST_MAX 16
struct kernel_option_list {
  const char *v[KOPT_LIST_MAX];
  unsigned n;
};

struct kernel_option_rest {
  char *const *argv;
  unsigned argc; /* 0: not given */
};

struct kernel_option {
  const char *name; /* "--vmprint"; NULL ends the table */
  const char *arg;  /* what its value is, for --help ("PROG") */
  const char *help; /* one line for --help; a '\n' in it starts another, indented */
  enum kernel_option_kind kind;
  size_t offset; /* of its field in the kernel's options struct */
  bool required; /* the kernel cannot start without it (a usage error) */
  /* KOPT_PARSE: stores the value in field. Returns 0, or -1 with a message in err that
   * names the option and says what it needs. */
  int (*parse)(void *field, const char *val, char *err, size_t errlen);
};

/* The option called name (len bytes of it) in the kernel's table, or NULL. */
const struct kernel_option *kernel_option_find(const struct kernel_ops *ops, const char *name,
                                               size_t len);
/* Stores val (with the arguments after it, rest[0..nrest), for KOPT_REST) in the kernel's
 * options struct own. Returns 0, or -1 with a message in err. */
int kernel_option_set(const struct kernel_option *opt, void *own, const char *val,
                      char *const *rest, unsigned nrest, char *err, size_t errlen);
/* Parses a whole number with an optional K/M/G suffix (powers of 1024, when allow_suffix),
 * at most max, into *out. Returns 0, or -1 when s is not such a number. */
int kernel_option_number(const char *s, bool allow_suffix, uint64_t max, uint64_t *out);

#endif
