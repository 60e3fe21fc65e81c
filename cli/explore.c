#include "explore.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare_run.h"
#include "explore_pool.h"
#include "kernel_options.h"
#include "options.h"

/* A run that has not powered off by then never will: a watchdog, as in compare. */
#define DEFAULT_MAX_CYCLES 20000000000ull
/* More seeds than anyone waits for; it bounds the findings' memory. */
#define MAX_SEEDS 100000u

static const char usage_text[] =
    "usage: ossim explore --seeds A-B [-j N] [--kernel K] [--cpus N] [--max-cycles N]\n"
    "                     [--mem SIZE] [--sched NAME] [--disk FILE] [--profile NAME]\n"
    "                     [--cost FILE] -c 'COMMAND'\n"
    "Runs COMMAND under each seed from A to B, each on a fresh machine, N at a time (default:\n"
    "the host's processors), and reports the seeds under which it fails: a non-zero exit, a\n"
    "killed process, a kernel panic or the cycle limit (default 20000000000). The seed decides\n"
    "where the harts take turns, so a race shows under some seeds and under those every time.\n"
    "Exits 0 when no seed failed, 1 when some did, 2 on a bad command line.\n";

struct explore_opts {
  uint64_t first, last;
  unsigned jobs;
  struct options o;    /* the machine options, parsed by options_parse */
  char **machine_args; /* those options as given, for the replay command */
  int nmachine_args;
  const struct kernel_ops *ops;
  struct machine_config cfg;
};

static int usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "ossim explore: %s%s%s\n%s", msg, arg ? " " : "", arg ? arg : "", usage_text);
  return EXIT_USAGE;
}

/* "A-B" (or "A", one seed) into first and last. */
static int parse_seeds(const char *s, uint64_t *first, uint64_t *last) {
  char *end;
  errno = 0;
  unsigned long long a = strtoull(s, &end, 10), b = a;
  if (end == s || errno) return -1;
  if (*end == '-') {
    const char *from = end + 1;
    b = strtoull(from, &end, 10);
    if (end == from || errno) return -1;
  }
  if (*end || b < a || b - a >= MAX_SEEDS || s[0] == '-') return -1;
  *first = a;
  *last = b;
  return 0;
}

static unsigned host_processors(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (unsigned)n : 1;
}

/* Takes --seeds and -j out of argv; the rest are machine options for options_parse. Returns
 * 0 or an exit status (a usage error has been printed). */
static int parse_own(int argc, char **argv, struct explore_opts *e) {
  const char *seeds = NULL, *jobs = NULL;
  e->machine_args = calloc((size_t)argc + 1, sizeof *e->machine_args);
  if (!e->machine_args) return EXIT_ERROR;
  e->machine_args[e->nmachine_args++] = argv[0];
  for (int i = 1; i < argc; i++) {
    const char **value = !strcmp(argv[i], "--seeds") ? &seeds
                         : !strcmp(argv[i], "-j")    ? &jobs
                                                     : NULL;
    if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      fputs(usage_text, stdout);
      return -1;
    }
    if (!value && !strncmp(argv[i], "-j", 2) && argv[i][2]) { /* -jN, as make takes it */
      jobs = argv[i] + 2;
      continue;
    }
    if (!value) {
      e->machine_args[e->nmachine_args++] = argv[i];
      continue;
    }
    if (i + 1 == argc) return usage_error(argv[i], "needs a value");
    *value = argv[++i];
  }
  if (!seeds) return usage_error("need --seeds A-B", NULL);
  if (parse_seeds(seeds, &e->first, &e->last) < 0)
    return usage_error("--seeds: need A-B, A <= B, at most 100000 seeds, not", seeds);
  e->jobs = host_processors();
  if (jobs) {
    char *end;
    unsigned long n = strtoul(jobs, &end, 10);
    if (*end || end == jobs || n < 1 || n > 1024)
      return usage_error("-j: need a number from 1 to 1024, not", jobs);
    e->jobs = (unsigned)n;
  }
  return 0;
}

/* Parses the command line into *e. Returns 0, -1 after --help, or an exit status. */
static int parse(int argc, char **argv, struct explore_opts *e) {
  int status = parse_own(argc, argv, e);
  if (status) return status;
  char err[512];
  if (options_parse(e->nmachine_args, e->machine_args, &e->o, err, sizeof err) < 0)
    return usage_error(err, NULL);
  if (!e->o.command) return usage_error("need -c 'COMMAND'", NULL);
  if (e->o.init || e->o.events_file || e->o.trace_file || e->o.tui || e->o.viz || e->o.gdb ||
      e->o.stats || e->o.ngiven)
    return usage_error("--init, --events, --trace, --stats, --tui, --viz, --gdb and the "
                       "kernels' own options do not apply to explore",
                       NULL);
  e->ops = e->o.kernel ? kernel_find(e->o.kernel) : kernel_default();
  if (!e->ops) return usage_error("no kernel called", e->o.kernel);
  for (const struct kernel_option *opt = e->ops->options; opt && opt->name; opt++)
    if (opt->required)
      return usage_error("explore runs a command; this kernel cannot:", e->ops->name);
  if (options_machine_config(&e->o, &e->cfg, err, sizeof err) < 0) {
    fprintf(stderr, "ossim explore: %s\n", err);
    return EXIT_USAGE;
  }
  return 0;
}

static uint64_t max_cycles(const struct explore_opts *e) {
  return e->o.max_cycles ? e->o.max_cycles : DEFAULT_MAX_CYCLES;
}

/* One seed's run, in a worker: cmp_run on a fresh machine, its verdict as the finding. */
static void run_seed(void *ctx, uint64_t seed, struct explore_finding *f) {
  const struct explore_opts *e = ctx;
  struct machine_config cfg = e->cfg;
  cfg.seed = seed;
  struct kernel_args args = {.disk = e->o.disk, .command = e->o.command, .sched = e->o.sched};
  struct cmp_result *res = calloc(1, sizeof *res);
  if (!res) {
    *f = (struct explore_finding){.failed = true, .how = "out of memory"};
    return;
  }
  cmp_run(e->ops, &cfg, &args, max_cycles(e), res);
  f->failed = !res->ok;
  snprintf(f->how, sizeof f->how, "%s", res->reason);
  metrics_free(&res->mx);
  free(res);
}

/* Prints s quoted for a POSIX shell where it needs to be. */
static void print_shell_word(const char *s) {
  if (*s && !strpbrk(s, " \t\n'\"\\$`|&;<>()*?[]#~{}!")) {
    fputs(s, stdout);
    return;
  }
  putchar('\'');
  for (; *s; s++)
    if (*s == '\'')
      fputs("'\\''", stdout);
    else
      putchar(*s);
  putchar('\'');
}

/* The plain ossim command that runs seed as explore did: the same options, with the seed,
 * and explore's cycle limit when it was not given (a plain run has none). */
static void print_replay(const struct explore_opts *e, uint64_t seed) {
  fputs("replay: ossim", stdout);
  for (int i = 1; i < e->nmachine_args; i++) {
    putchar(' ');
    print_shell_word(e->machine_args[i]);
  }
  printf(" --seed %" PRIu64, seed);
  if (!e->o.max_cycles) printf(" --max-cycles %" PRIu64, max_cycles(e));
  printf(" </dev/null\n");
}

/* The findings, seed by seed in order (so a report never depends on which worker finished
 * first), then the count and the replay of the first failure. Returns how many failed. */
static uint64_t report(const struct explore_opts *e, const struct explore_finding *findings) {
  uint64_t count = e->last - e->first + 1, failed = 0, first_failed = 0;
  for (uint64_t i = 0; i < count; i++) {
    if (!findings[i].failed) continue;
    if (!failed++) first_failed = e->first + i;
    printf("seed %" PRIu64 ": %s\n", e->first + i, findings[i].how);
  }
  printf("explore: %" PRIu64 " of %" PRIu64 " seeds failed (%s, %u hart%s, seeds %" PRIu64
         "-%" PRIu64 "): %s\n",
         failed, count, e->ops->name, e->cfg.ncpus, e->cfg.ncpus == 1 ? "" : "s", e->first, e->last,
         e->o.command);
  if (failed) print_replay(e, first_failed);
  return failed;
}

int explore_main(int argc, char **argv) {
  struct explore_opts e = {0};
  int status = parse(argc, argv, &e);
  if (status) {
    free(e.machine_args);
    return status < 0 ? EXIT_OK : status;
  }
  uint64_t count = e.last - e.first + 1;
  struct explore_finding *findings = calloc(count, sizeof *findings);
  int rc = findings ? explore_pool_run(run_seed, &e, e.first, e.last, e.jobs, findings) : -ENOMEM;
  if (rc < 0) {
    fprintf(stderr, "ossim explore: cannot start a worker: %s\n", strerror(-rc));
    status = EXIT_ERROR;
  } else {
    status = report(&e, findings) ? 1 : EXIT_OK;
  }
  free(findings);
  free(e.machine_args);
  return status;
}
