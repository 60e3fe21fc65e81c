/*
 * compare_run: one headless run of a command on one kernel, measured — the engine of
 * `ossim compare` — and the printing of its results.
 *
 * Not for: parsing the compare command line (compare.c).
 */
#ifndef OSSIM_COMPARE_RUN_H
#define OSSIM_COMPARE_RUN_H

#include <stdbool.h>
#include <stdio.h>

#include "kernel.h"
#include "metrics.h"
#include "model.h"
#include "options.h"
#include "overview.h"

struct cmp_result {
  const struct kernel_ops *ops;
  const char *profile; /* the cost profile it ran under */
  bool ok;             /* false: n/a, and reason says why */
  char reason[600];    /* room for a kernel's message (struct kernel) and more */
  struct metrics mx;
  /* For the pictures (--viz, --tui), or NULL: the run's model and whole timeline, fed as
   * it runs (the caller allocates them, with model.on_seg set to feed the overview). */
  struct model *model;
  struct overview *ov;
};

/* Runs command on kernel ops with the machine cfg, until power-off or max_cycles, and fills
 * *res. A failure of the run (an error, a panic, a non-zero exit) is a result, not an error:
 * res->ok is false and res->reason says what happened, with the guest's last output line. */
void cmp_run(const struct kernel_ops *ops, const struct machine_config *cfg,
             const struct kernel_args *args, uint64_t max_cycles, struct cmp_result *res);

enum cmp_format { CMP_TEXT, CMP_CSV, CMP_JSON, CMP_MD };

/* What the table is about, printed as its heading. */
struct cmp_heading {
  const char *workload; /* NULL for --cmd */
  const char *about;
  const char *command;
  unsigned cpus;
  unsigned long long seed;
};

/* Prints the results and their ratios to results[baseline] (no ratios if it did not run). */
void cmp_print(FILE *f, enum cmp_format fmt, const struct cmp_heading *h,
               const struct cmp_result *results, unsigned n, unsigned baseline);
/* A cell of the table: r's figure m, or with base its ratio to base's; "n/a" and "-" as
 * the table prints them. */
void cmp_cell(char *out, size_t n, const struct cmp_result *r, const struct cmp_result *base,
              int m);
/* Gives each of the n results a model and an overview, for the pictures. Returns 0, or -1
 * when memory is short (cmp_pictures_end frees what was given). */
int cmp_pictures_begin(struct cmp_result *results, unsigned n);
void cmp_pictures_end(struct cmp_result *results, unsigned n);
/* Shows the results side by side in the display o asks for (--viz, --tui; cmpview.h) until
 * the user quits. Returns 0, or -1 after printing why the display cannot open. */
int cmp_show(const struct options *o, const struct cmp_heading *h, const struct cmp_result *results,
             unsigned n, unsigned baseline);
/* Prints the cycles of each kernel (columns) under each profile (rows), and the ranking. */
void cmp_print_profiles(FILE *f, enum cmp_format fmt, const struct cmp_heading *h,
                        const struct cmp_result *results, unsigned nkernels, unsigned nprofiles);

#endif
