/*
 * The tables of `ossim compare` in four formats: text for the terminal, CSV and JSON for
 * scripts and spreadsheets, Markdown for a student's report. One walk over the results per
 * format; the cells come from the same two functions (figure, ratio) in all four.
 */
#include <inttypes.h>
#include <string.h>

#include "compare_run.h"

/* Why figure m does not apply to the kernel of r, which ran; NULL if it does. */
static const char *na_why(const struct cmp_result *r, int m) {
  return r->ok && !r->mx.known[m] ? r->mx.why[m] : NULL;
}

/* The text of a figure: the number, "n/a" if the run failed or the figure does not apply
 * to this kernel (na_why), "-" if its stream has nothing to count it from. */
static void figure(char *out, size_t n, const struct cmp_result *r, int m) {
  if (!r->ok || na_why(r, m))
    snprintf(out, n, "n/a");
  else if (!r->mx.known[m])
    snprintf(out, n, "-");
  else
    snprintf(out, n, "%" PRIu64, r->mx.v[m]);
}

/* The ratio of r's figure to the baseline's, "n/a" or "-" as above (and "-" for 0/0). */
static void ratio(char *out, size_t n, const struct cmp_result *r, const struct cmp_result *base,
                  int m) {
  if (!r->ok || na_why(r, m))
    snprintf(out, n, "n/a");
  else if (!r->mx.known[m] || !base->mx.known[m] || base->mx.v[m] == 0)
    snprintf(out, n, "-"); /* unknown, or over 0: 0/0 is no ratio, x/0 neither */
  else
    snprintf(out, n, "%.2f", (double)r->mx.v[m] / (double)base->mx.v[m]);
}

/* Whether a cell is a number (not "n/a" or "-"): CSV leaves the others empty, JSON null. */
static bool numeric(const char *cell) { return *cell >= '0' && *cell <= '9'; }

void cmp_cell(char *out, size_t n, const struct cmp_result *r, const struct cmp_result *base,
              int m) {
  if (base)
    ratio(out, n, r, base, m);
  else
    figure(out, n, r, m);
}

/* Writes s as a JSON string (or, for CSV, a quoted field: quotes doubled). */
static void quoted(FILE *f, const char *s, bool json) {
  fputc('"', f);
  for (; *s; s++) {
    if (json && (*s == '"' || *s == '\\'))
      fprintf(f, "\\%c", *s);
    else if (json && (unsigned char)*s < ' ')
      fprintf(f, "\\u%04x", *s);
    else if (!json && *s == '"')
      fputs("\"\"", f);
    else
      fputc(*s, f);
  }
  fputc('"', f);
}

static void heading_text(FILE *f, const struct cmp_heading *h, bool md) {
  const char *b = md ? "**" : "";
  if (h->workload) fprintf(f, "%sworkload%s: %s (%s)\n", b, b, h->workload, h->about);
  fprintf(f, "%scommand%s: %s%s%s\n", b, b, md ? "`" : "", h->command, md ? "`" : "");
  fprintf(f, "%smachine%s: %u hart%s, seed %llu\n\n", b, b, h->cpus, h->cpus == 1 ? "" : "s",
          h->seed);
}

/* One table (figures, or ratios when base is not NULL), as text or Markdown. */
static void table_text(FILE *f, const struct cmp_result *rs, unsigned n,
                       const struct cmp_result *base, bool md) {
  char cell[32];
  const char *title = base ? "ratio to " : "metric";
  if (md) {
    fprintf(f, "| %s%s |", title, base ? base->ops->name : "");
    for (unsigned i = 0; i < n; i++)
      fprintf(f, " %s |", rs[i].ops->name);
    fprintf(f, "\n|---|");
    for (unsigned i = 0; i < n; i++)
      fprintf(f, "---:|");
    fputc('\n', f);
  } else {
    char t[64];
    snprintf(t, sizeof t, "%s%s", title, base ? base->ops->name : "");
    fprintf(f, "%-24s", t);
    for (unsigned i = 0; i < n; i++)
      fprintf(f, " %14s", rs[i].ops->name);
    fputc('\n', f);
  }
  for (int m = 0; m < METRIC_COUNT; m++) {
    fprintf(f, md ? "| %s |" : "%-24s", metric_label(m));
    for (unsigned i = 0; i < n; i++) {
      if (base)
        ratio(cell, sizeof cell, &rs[i], base, m);
      else
        figure(cell, sizeof cell, &rs[i], m);
      fprintf(f, md ? " %s |" : " %14s", cell);
    }
    fputc('\n', f);
  }
  fputc('\n', f);
}

/* "METRIC: n/a on K1 K2: why", once per reason a figure does not apply. */
static void na_notes(FILE *f, const struct cmp_result *rs, unsigned n, int m, bool md) {
  for (unsigned i = 0; i < n; i++) {
    const char *why = na_why(&rs[i], m);
    bool first = why != NULL;
    for (unsigned j = 0; j < i && first; j++)
      first = na_why(&rs[j], m) != why;
    if (!first) continue;
    fprintf(f, "%s%s: n/a on", md ? "- " : "", metric_label(m));
    for (unsigned j = i; j < n; j++)
      if (na_why(&rs[j], m) == why) fprintf(f, " %s", rs[j].ops->name);
    fprintf(f, ": %s\n", why);
  }
}

static void print_text(FILE *f, const struct cmp_heading *h, const struct cmp_result *rs,
                       unsigned n, const struct cmp_result *base, bool md) {
  heading_text(f, h, md);
  table_text(f, rs, n, NULL, md);
  for (unsigned i = 0; i < n; i++)
    if (!rs[i].ok) fprintf(f, "%sn/a on %s: %s\n", md ? "- " : "", rs[i].ops->name, rs[i].reason);
  for (int m = 0; m < METRIC_COUNT; m++)
    na_notes(f, rs, n, m, md);
  if (base) {
    fputc('\n', f);
    table_text(f, rs, n, base, md);
  }
}

/* CSV: one row per kernel and table ("figures", or "ratio to BASE"). */
static void print_csv(FILE *f, const struct cmp_result *rs, unsigned n,
                      const struct cmp_result *base) {
  char cell[32];
  fprintf(f, "table,kernel,status,reason");
  for (int m = 0; m < METRIC_COUNT; m++)
    fprintf(f, ",%s", metric_key(m));
  fputc('\n', f);
  for (int t = 0; t < (base ? 2 : 1); t++)
    for (unsigned i = 0; i < n; i++) {
      if (t)
        fprintf(f, "ratio to %s,", base->ops->name);
      else
        fprintf(f, "figures,");
      fprintf(f, "%s,%s,", rs[i].ops->name, rs[i].ok ? "ok" : "n/a");
      quoted(f, rs[i].ok ? "" : rs[i].reason, false);
      for (int m = 0; m < METRIC_COUNT; m++) {
        if (t)
          ratio(cell, sizeof cell, &rs[i], base, m);
        else
          figure(cell, sizeof cell, &rs[i], m);
        fprintf(f, ",%s", numeric(cell) ? cell : "");
      }
      fputc('\n', f);
    }
}

static void print_json(FILE *f, const struct cmp_heading *h, const struct cmp_result *rs,
                       unsigned n, const struct cmp_result *base) {
  char cell[32];
  fprintf(f, "{\"workload\": ");
  if (h->workload)
    quoted(f, h->workload, true);
  else
    fputs("null", f);
  fprintf(f, ", \"command\": ");
  quoted(f, h->command, true);
  fprintf(f, ", \"cpus\": %u, \"seed\": %llu, \"baseline\": ", h->cpus, h->seed);
  if (base)
    quoted(f, base->ops->name, true);
  else
    fputs("null", f);
  fprintf(f, ",\n \"kernels\": [");
  for (unsigned i = 0; i < n; i++) {
    const struct cmp_result *r = &rs[i];
    fprintf(f, "%s\n  {\"kernel\": \"%s\", \"profile\": ", i ? "," : "", r->ops->name);
    quoted(f, r->profile, true);
    fprintf(f, ", \"status\": \"%s\"", r->ok ? "ok" : "n/a");
    if (!r->ok) {
      fprintf(f, ", \"reason\": ");
      quoted(f, r->reason, true);
      fputc('}', f);
      continue;
    }
    for (int t = 0; t < (base ? 2 : 1); t++) {
      fprintf(f, ", \"%s\": {", t ? "ratios" : "figures");
      for (int m = 0; m < METRIC_COUNT; m++) {
        if (t)
          ratio(cell, sizeof cell, r, base, m);
        else
          figure(cell, sizeof cell, r, m);
        fprintf(f, "%s\"%s\": %s", m ? ", " : "", metric_key(m), numeric(cell) ? cell : "null");
      }
      fputc('}', f);
    }
    bool any = false; /* the figures that do not apply, and why */
    for (int m = 0; m < METRIC_COUNT; m++) {
      if (!na_why(r, m)) continue;
      fprintf(f, "%s\"%s\": ", any ? ", " : ", \"not_applicable\": {", metric_key(m));
      quoted(f, na_why(r, m), true);
      any = true;
    }
    if (any) fputc('}', f);
    fputc('}', f);
  }
  fprintf(f, "\n]}\n");
}

void cmp_print(FILE *f, enum cmp_format fmt, const struct cmp_heading *h,
               const struct cmp_result *results, unsigned n, unsigned baseline) {
  const struct cmp_result *base = baseline < n && results[baseline].ok ? &results[baseline] : NULL;
  switch (fmt) {
  case CMP_TEXT: print_text(f, h, results, n, base, false); break;
  case CMP_MD: print_text(f, h, results, n, base, true); break;
  case CMP_CSV: print_csv(f, results, n, base); break;
  case CMP_JSON: print_json(f, h, results, n, base); break;
  }
}

/* Writes the kernels of one profile's row from fastest to slowest ("uni < mono < micro"),
 * leaving out those that did not run. */
static void ranking(FILE *f, const struct cmp_result *row, unsigned n) {
  bool done[16] = {false};
  for (unsigned k = 0; k < n && k < 16; k++) {
    int best = -1;
    for (unsigned i = 0; i < n && i < 16; i++)
      if (!done[i] && row[i].ok &&
          (best < 0 || row[i].mx.v[METRIC_cycles] < row[best].mx.v[METRIC_cycles]))
        best = (int)i;
    if (best < 0) break;
    done[best] = true;
    fprintf(f, "%s%s", k ? " < " : "", row[best].ops->name);
  }
}

void cmp_print_profiles(FILE *f, enum cmp_format fmt, const struct cmp_heading *h,
                        const struct cmp_result *results, unsigned nk, unsigned np) {
  char cell[32];
  bool md = fmt == CMP_MD, json = fmt == CMP_JSON, csv = fmt == CMP_CSV;
  if (json) {
    fprintf(f, "{\"command\": ");
    quoted(f, h->command, true);
    fprintf(f, ", \"profiles\": [");
  } else if (csv)
    fprintf(f, "profile,kernel,status,cycles\n");
  else {
    heading_text(f, h, md);
    fprintf(f, md ? "| cycles by profile |" : "%-24s", "cycles by profile");
    for (unsigned k = 0; k < nk; k++)
      fprintf(f, md ? " %s |" : " %14s", results[k].ops->name);
    fprintf(f, md ? " ranking |\n|---|" : "  ranking\n");
    for (unsigned k = 0; md && k <= nk; k++)
      fprintf(f, k < nk ? "---:|" : "---|\n");
  }
  for (unsigned p = 0; p < np; p++) {
    const struct cmp_result *row = &results[p * nk];
    if (!json && !csv) fprintf(f, md ? "| %s |" : "%-24s", row[0].profile);
    for (unsigned k = 0; k < nk; k++) {
      figure(cell, sizeof cell, &row[k], METRIC_cycles);
      if (json) {
        fprintf(f,
                "%s\n  {\"profile\": \"%s\", \"kernel\": \"%s\", \"status\": \"%s\", "
                "\"cycles\": %s}",
                p || k ? "," : "", row[k].profile, row[k].ops->name, row[k].ok ? "ok" : "n/a",
                row[k].ok ? cell : "null");
      } else if (csv) {
        fprintf(f, "%s,%s,%s,%s\n", row[k].profile, row[k].ops->name, row[k].ok ? "ok" : "n/a",
                row[k].ok ? cell : "");
      } else {
        fprintf(f, md ? " %s |" : " %14s", cell);
      }
    }
    if (!json && !csv) {
      fputs(md ? " " : "  ", f);
      ranking(f, row, nk);
      fputs(md ? " |\n" : "\n", f);
    }
  }
  if (json) fprintf(f, "\n]}\n");
}
