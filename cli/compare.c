#include "compare.h"

#include <stdlib.h>
#include <string.h>

#include "compare_run.h"
#include "kernel_options.h"
#include "options.h"
#include "session.h"
#include "workloads.h"

#ifndef OSSIM_WORKLOADS
#error "OSSIM_WORKLOADS (the path of userland/bench/workloads.txt) must be defined"
#endif

#define MAX_KERNELS 8
#define MAX_PROFILES 8
/* A run that has not powered off by then never will: a watchdog, not a figure. */
#define DEFAULT_MAX_CYCLES 20000000000ull

static const char usage_text[] =
    "usage: ossim compare --workload NAME | --cmd 'COMMAND'\n"
    "                     [--kernels K1,K2,...] [--baseline K] [--format text|csv|json|md]\n"
    "                     [--profiles] [--cpus N] [--mem SIZE] [--seed N] [--disk FILE]\n"
    "                     [--sched NAME] [--profile NAME] [--cost FILE] [--max-cycles N]\n"
    "                     [--viz | --tui]\n"
    "       ossim compare --list\n"
    "Runs one workload on each kernel (default: every kernel but bare) with the same seed,\n"
    "machine and disk, and prints what each cost, then the ratios to the baseline (default:\n"
    "the first kernel). --profiles runs it under every cost profile and shows the ranking.\n"
    "--viz (a window) or --tui (the terminal) then shows the kernels side by side: a bar per\n"
    "kernel for each metric, and the runs' timelines on one cycle axis.\n";

struct compare_opts {
  const char *workload, *cmd, *kernels, *baseline;
  enum cmp_format format;
  bool profiles, list, help;
  struct options o; /* the machine options, parsed by options_parse */
};

static int usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "ossim compare: %s%s%s\n%s", msg, arg ? " " : "", arg ? arg : "", usage_text);
  return EXIT_USAGE;
}

static int parse_format(const char *s, enum cmp_format *out) {
  static const char *const names[] = {"text", "csv", "json", "md"};
  for (int i = 0; i < 4; i++)
    if (!strcmp(s, names[i])) {
      *out = (enum cmp_format)i;
      return 0;
    }
  return -1;
}

/* Takes compare's own flags out of argv; the rest go to options_parse. Returns 0 or an exit
 * status (a usage error has been printed). */
static int parse(int argc, char **argv, struct compare_opts *c) {
  static const char *const valued[] = {"--workload", "--cmd", "--kernels", "--baseline",
                                       "--format"};
  const char *format = NULL;
  const char **value_of[] = {&c->workload, &c->cmd, &c->kernels, &c->baseline, &format};
  char **rest = calloc((size_t)argc + 1, sizeof *rest);
  if (!rest) return EXIT_ERROR;
  int nrest = 0;
  rest[nrest++] = argv[0];
  int status = 0;
  for (int i = 1; i < argc && !status; i++) {
    bool mine = false;
    for (int v = 0; v < 5 && !mine; v++) {
      size_t len = strlen(valued[v]);
      if (strncmp(argv[i], valued[v], len) != 0 || (argv[i][len] && argv[i][len] != '=')) continue;
      mine = true;
      const char *val = argv[i][len] ? argv[i] + len + 1 : (i + 1 < argc ? argv[++i] : NULL);
      if (!val)
        status = usage_error(valued[v], "needs a value");
      else
        *value_of[v] = val;
    }
    if (mine) continue;
    if (!strcmp(argv[i], "--profiles"))
      c->profiles = true;
    else if (!strcmp(argv[i], "--list"))
      c->list = true;
    else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
      c->help = true;
    else
      rest[nrest++] = argv[i];
  }
  char err[256];
  if (!status && options_parse(nrest, rest, &c->o, err, sizeof err) < 0)
    status = usage_error(err, NULL);
  free(rest);
  if (status || c->help) return status;
  if (c->o.command || c->o.init || c->o.kernel || c->o.events_file || c->o.ngiven)
    return usage_error("-c, --init, --kernel, --events and the kernels' own options do not "
                       "apply to compare;",
                       "use --cmd and --kernels");
  if (format && parse_format(format, &c->format) < 0)
    return usage_error("--format: need text, csv, json or md, not", format);
  if (!c->list && !c->workload == !c->cmd)
    return usage_error("need --workload NAME or --cmd 'COMMAND' (one of them)", NULL);
  if (c->profiles && c->o.profile)
    return usage_error("--profiles runs every profile; drop --profile", NULL);
  if (c->profiles && (c->o.viz || c->o.tui))
    return usage_error("--viz and --tui show one profile's runs; drop --profiles", NULL);
  if (!session_available(&c->o, err, sizeof err)) {
    fprintf(stderr, "ossim compare: %s\n", err);
    return EXIT_ERROR;
  }
  return 0;
}

/* A kernel compare can run: one that needs no option of its own (bare needs --image). */
static bool runs_workloads(const struct kernel_ops *k) {
  for (const struct kernel_option *opt = k->options; opt && opt->name; opt++)
    if (opt->required) return false;
  return true;
}

/* Fills kernels[] from a comma-separated list, or with every kernel that runs workloads.
 * Returns the count, or -1 after a usage error. */
static int pick_kernels(const char *list, const struct kernel_ops **kernels) {
  int n = 0;
  if (!list) {
    for (const struct kernel_ops *const *k = kernel_list(); *k && n < MAX_KERNELS; k++)
      if (runs_workloads(*k)) kernels[n++] = *k;
    return n;
  }
  char buf[256];
  snprintf(buf, sizeof buf, "%s", list);
  for (char *save, *name = strtok_r(buf, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
    const struct kernel_ops *k = kernel_find(name);
    if (!k || !runs_workloads(k)) {
      usage_error("--kernels: no kernel that runs a workload is called", name);
      return -1;
    }
    if (n == MAX_KERNELS) {
      usage_error("--kernels: too many", NULL);
      return -1;
    }
    kernels[n++] = k;
  }
  return n;
}

static int list_workloads(const struct workload_list *wl) {
  printf("kernels (--kernels K1,K2,...):\n");
  for (const struct kernel_ops *const *k = kernel_list(); *k; k++)
    if (runs_workloads(*k)) printf("  %-14s %s\n", (*k)->name, (*k)->summary);
  printf("workloads (--workload NAME):\n");
  for (unsigned i = 0; i < wl->n; i++)
    printf("%-10s %s\n           %s\n", wl->w[i].name, wl->w[i].about, wl->w[i].command);
  printf("cost profiles (--profile NAME):\n");
  for (const struct cost_profile *p = cost_profiles(); p->name; p++)
    printf("  %-14s %s\n", p->name, p->summary);
  return EXIT_OK;
}

/* The command uses the shell's syntax (a pipe, a list, a redirection): a kernel that runs
 * one program (kernel_ops.one_program) cannot run it. */
static bool needs_shell(const char *command) { return strpbrk(command, "|;&<>()") != NULL; }

/* Runs every kernel under each profile in profiles[] (NULL: the options' own cost model),
 * filling results[profile * nk + kernel]. Returns 0, or -1 after printing an error. */
static int run_all(const struct compare_opts *c, const char *command,
                   const struct kernel_ops **kernels, int nk, const char **profiles, int np,
                   struct cmp_result *results) {
  for (int p = 0; p < np; p++) {
    struct options o = c->o;
    if (profiles[p]) o.profile = profiles[p];
    struct machine_config cfg;
    char err[512];
    if (options_machine_config(&o, &cfg, err, sizeof err) < 0) {
      fprintf(stderr, "ossim compare: %s\n", err);
      return -1;
    }
    struct kernel_args args = {.disk = o.disk, .command = command, .sched = o.sched};
    uint64_t limit = o.max_cycles ? o.max_cycles : DEFAULT_MAX_CYCLES;
    for (int k = 0; k < nk; k++) {
      struct cmp_result *r = &results[p * nk + k];
      r->profile = o.profile ? o.profile : "default";
      r->ops = kernels[k];
      if (kernels[k]->one_program && needs_shell(command))
        snprintf(r->reason, sizeof r->reason,
                 "%s runs one program; '%s' needs a shell and "
                 "processes to connect",
                 kernels[k]->name, command);
      else
        cmp_run(kernels[k], &cfg, &args, limit, r);
    }
  }
  return 0;
}

/* Whether any run of the comparison gave figures. */
static bool any_ran(const struct cmp_result *results, int n) {
  for (int i = 0; i < n; i++)
    if (results[i].ok) return true;
  return false;
}

int compare_main(int argc, char **argv) {
  struct compare_opts c = {0};
  int status = parse(argc, argv, &c);
  if (status) return status;
  if (c.help) {
    fputs(usage_text, stdout);
    return EXIT_OK;
  }
  struct workload_list wl;
  char err[512];
  if (workloads_load(&wl, OSSIM_WORKLOADS, err, sizeof err) < 0) {
    fprintf(stderr, "ossim compare: %s\n", err);
    return EXIT_ERROR;
  }
  if (c.list) return list_workloads(&wl);
  const struct workload *w = NULL;
  if (c.workload && !(w = workloads_find(&wl, c.workload))) {
    fprintf(stderr, "ossim compare: no workload called '%s'; `ossim compare --list` shows them\n",
            c.workload);
    return EXIT_USAGE;
  }
  const struct kernel_ops *kernels[MAX_KERNELS];
  int nk = pick_kernels(c.kernels, kernels);
  if (nk < 0) return EXIT_USAGE;
  int baseline = 0;
  if (c.baseline) {
    while (baseline < nk && strcmp(kernels[baseline]->name, c.baseline) != 0)
      baseline++;
    if (baseline == nk)
      return usage_error("--baseline: not among the kernels compared:", c.baseline);
  }
  const char *profiles[MAX_PROFILES] = {NULL};
  int np = 1;
  if (c.profiles)
    for (np = 0; cost_profiles()[np].name && np < MAX_PROFILES; np++)
      profiles[np] = cost_profiles()[np].name;
  struct cmp_result *results = calloc((size_t)nk * (size_t)np, sizeof *results);
  if (!results) return EXIT_ERROR;
  struct cmp_heading h = {.workload = w ? w->name : NULL,
                          .about = w ? w->about : NULL,
                          .command = w ? w->command : c.cmd,
                          .cpus = c.o.cpus,
                          .seed = (unsigned long long)c.o.seed};
  bool pictures = c.o.viz || c.o.tui;
  status = EXIT_ERROR;
  if ((!pictures || cmp_pictures_begin(results, (unsigned)nk) == 0) &&
      run_all(&c, h.command, kernels, nk, profiles, np, results) == 0) {
    if (c.profiles)
      cmp_print_profiles(stdout, c.format, &h, results, (unsigned)nk, (unsigned)np);
    else
      cmp_print(stdout, c.format, &h, results, (unsigned)nk, (unsigned)baseline);
    fflush(stdout); /* before a display takes the terminal */
    status = pictures && cmp_show(&c.o, &h, results, (unsigned)nk, (unsigned)baseline) < 0
                 ? EXIT_ERROR
                 : EXIT_OK;
    /* A table with no figure at all (a command no kernel could run) is a failure, even if
     * the table says why; one kernel unable to run it (uni has no fork) is not. */
    if (!any_ran(results, nk * np)) status = EXIT_ERROR;
  }
  if (pictures) cmp_pictures_end(results, (unsigned)nk);
  for (int i = 0; i < nk * np; i++)
    metrics_free(&results[i].mx);
  free(results);
  return status;
}
