#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_options.h"
#include "machine.h"

/* Writes a kernel option's help: the option and its argument, then the help in a column
 * (under it when the option is too wide); each '\n' in help starts a line in the column. */
static void usage_line(FILE *f, const char *name, const char *arg, const char *help) {
  enum { COLUMN = 22 };
  int n = fprintf(f, "    %s%s%s", name, arg ? " " : "", arg ? arg : "");
  if (n >= COLUMN)
    fprintf(f, "\n%*s", COLUMN, "");
  else
    fprintf(f, "%*s", COLUMN - n, "");
  for (const char *p = help; *p; p++) {
    fputc(*p, f);
    if (*p == '\n') fprintf(f, "%*s", COLUMN, "");
  }
  fputc('\n', f);
}

void options_usage(FILE *f) {
  fputs("usage: ossim [options]\n"
        "  --kernel NAME     kernel to boot (see the list below)\n"
        "  --disk FILE       block device image\n"
        "  --persist         write to the disk image itself, not to a copy\n"
        "  -c 'CMD'          run one shell command, then power off with its status\n"
        "  --init PROG       run PROG as the first process instead of the shell\n"
        "  --sched NAME      scheduling policy\n"
        "  --mem SIZE        RAM size, e.g. 64M (default), 512K, 1G\n"
        "  --cpus N          harts, 1 to 8 (default 1)\n"
        "  --tlb N           TLB entries per hart, a power of two (default 32)\n"
        "  --tlb-ways N      TLB ways, a power of two up to the entries (default: all of\n"
        "                    them, fully associative); entries / ways sets, FIFO in a set\n"
        "  --strict-tlb      a TLB entry without the rights faults without a new walk, so\n"
        "                    a missing sfence.vma shows\n"
        "  --trap-misaligned misaligned loads and stores trap (default: the machine\n"
        "                    completes them, as firmware would, at the cost of a trap)\n"
        "  --seed N          seed for everything random in the run (default 1)\n"
        "  --max-cycles N    stop after N simulated cycles (exit status 124)\n"
        "  --profile NAME    cost model measured on a named real system (see compare --help)\n"
        "  --cost FILE       override the cost model: lines of 'name = cycles'\n"
        "  --events FILE     write the event stream to FILE, one event a line\n"
        "  --stats           print counters and a summary of the events at exit\n"
        "  --trace FILE      write a Chrome/Perfetto trace (JSON) of the run to FILE\n"
        "  --tui             show the run live in the terminal (ncurses dashboard)\n"
        "  --viz             show the run live in a window (SDL2)\n"
        "  --speed N         run at most N simulated cycles per second (K/M/G suffixes)\n"
        "  --gdb [PORT]      stop before the first instruction and serve gdb on\n"
        "                    127.0.0.1:PORT (default 1234; 0: any free port)\n"
        "  --gdb-wait        with --gdb: when the debugger leaves, wait for the next one\n"
        "                    (without it, the run goes on to its end)\n"
        "  --help, --version\n",
        f);
  fprintf(f, "kernels (default %s), and the options of each:\n", kernel_default()->name);
  for (const struct kernel_ops *const *k = kernel_list(); *k; k++) {
    fprintf(f, "  %-6s %s\n", (*k)->name, (*k)->summary);
    for (const struct kernel_option *opt = (*k)->options; opt && opt->name; opt++)
      usage_line(f, opt->name, opt->arg, opt->help);
  }
  fputs("exit status: the guest's exit code, 1 on an error, 2 on a bad command line,\n"
        "3 when the kernel panics, 124 when --max-cycles is reached, 125 when the guest can never "
        "run\n"
        "again (waiting for an interrupt nothing can raise, or trapping to a handler that\n"
        "cannot be fetched). On a terminal, Ctrl-A x quits.\n",
        f);
}

struct flag {
  const char *name;
  bool takes_value;
};

static const struct flag flags[] = {
    {"--help", false},       {"--version", false},
    {"--stats", false},      {"--kernel", true},
    {"--disk", true},        {"--mem", true},
    {"--cpus", true},        {"--tlb", true},
    {"--seed", true},        {"--max-cycles", true},
    {"--cost", true},        {"--events", true},
    {"--persist", false},    {"-c", true},
    {"--init", true},        {"--sched", true},
    {"--profile", true},     {"--trace", true},
    {"--tui", false},        {"--viz", false},
    {"--speed", true},       {"--gdb", false},
    {"--gdb-wait", false},   {"--tlb-ways", true},
    {"--strict-tlb", false}, {"--trap-misaligned", false},
};

static bool is_number(const char *s) { return s && *s && strspn(s, "0123456789") == strlen(s); }

/* --gdb [PORT]: the port is optional, so it is taken only when the next word is a number. */
static int parse_gdb(struct options *o, const char *val, char *err, size_t errlen) {
  uint64_t port = 1234;
  o->gdb = true;
  if (val && kernel_option_number(val, false, 65535, &port) < 0) {
    snprintf(err, errlen, "--gdb '%s': need a port number from 0 to 65535", val);
    return -1;
  }
  o->gdb_port = (unsigned)port;
  return 0;
}

static int apply(struct options *o, const char *name, const char *val, char *err, size_t errlen) {
  uint64_t n;
  if (!strcmp(name, "--help"))
    o->help = true;
  else if (!strcmp(name, "--version"))
    o->version = true;
  else if (!strcmp(name, "--stats"))
    o->stats = true;
  else if (!strcmp(name, "--persist"))
    o->persist = true;
  else if (!strcmp(name, "-c"))
    o->command = val;
  else if (!strcmp(name, "--init"))
    o->init = val;
  else if (!strcmp(name, "--sched"))
    o->sched = val;
  else if (!strcmp(name, "--kernel"))
    o->kernel = val;
  else if (!strcmp(name, "--disk"))
    o->disk = val;
  else if (!strcmp(name, "--cost"))
    o->cost_file = val;
  else if (!strcmp(name, "--profile"))
    o->profile = val;
  else if (!strcmp(name, "--events"))
    o->events_file = val;
  else if (!strcmp(name, "--trace"))
    o->trace_file = val;
  else if (!strcmp(name, "--tui"))
    o->tui = true;
  else if (!strcmp(name, "--viz"))
    o->viz = true;
  else if (!strcmp(name, "--gdb-wait"))
    o->gdb_wait = true;
  else if (!strcmp(name, "--strict-tlb"))
    o->strict_tlb = true;
  else if (!strcmp(name, "--trap-misaligned"))
    o->trap_misaligned = true;
  else if (!strcmp(name, "--speed")) {
    if (kernel_option_number(val, true, UINT64_MAX, &o->speed) || o->speed == 0) {
      snprintf(err, errlen, "--speed '%s': need a positive number of cycles per second", val);
      return -1;
    }
  } else if (!strcmp(name, "--mem")) {
    if (kernel_option_number(val, true, 2ull << 30, &n) || n < 4096 || n % 4096) {
      snprintf(err, errlen, "--mem '%s': need a size that is a multiple of 4K, up to 2G", val);
      return -1;
    }
    o->mem = n == 2ull << 30 ? 0x7ffff000u : (uint32_t)n;
  } else if (!strcmp(name, "--cpus")) {
    if (kernel_option_number(val, false, 8, &n) || n < 1) {
      snprintf(err, errlen, "--cpus '%s': need a number from 1 to 8", val);
      return -1;
    }
    o->cpus = (unsigned)n;
  } else if (!strcmp(name, "--tlb")) {
    if (kernel_option_number(val, false, 65536, &n) || n == 0 || (n & (n - 1))) {
      snprintf(err, errlen, "--tlb '%s': need a power of two from 1 to 65536", val);
      return -1;
    }
    o->tlb = (unsigned)n;
  } else if (!strcmp(name, "--tlb-ways")) {
    if (kernel_option_number(val, false, 65536, &n) || n == 0 || (n & (n - 1))) {
      snprintf(err, errlen, "--tlb-ways '%s': need a power of two from 1 to 65536", val);
      return -1;
    }
    o->tlb_ways = (unsigned)n;
  } else if (!strcmp(name, "--seed")) {
    if (kernel_option_number(val, false, UINT64_MAX, &o->seed)) {
      snprintf(err, errlen, "--seed '%s': need a whole number", val);
      return -1;
    }
  } else if (!strcmp(name, "--max-cycles")) {
    if (kernel_option_number(val, true, UINT64_MAX, &o->max_cycles) || o->max_cycles == 0) {
      snprintf(err, errlen, "--max-cycles '%s': need a positive whole number", val);
      return -1;
    }
  }
  return 0;
}

/* The first kernel's option called name (len bytes of it), or NULL: the front end learns
 * from it whether the option takes a value; options_for_kernel then takes the chosen
 * kernel's own. */
static const struct kernel_option *any_kernel_option(const char *name, size_t len) {
  for (const struct kernel_ops *const *k = kernel_list(); *k; k++) {
    const struct kernel_option *opt = kernel_option_find(*k, name, len);
    if (opt) return opt;
  }
  return NULL;
}

/* Keeps argv[*i], an option of some kernel, for options_for_kernel. */
static int keep_kernel_option(struct options *o, const struct kernel_option *opt, int argc,
                              char **argv, int *i, const char *eq, char *err, size_t errlen) {
  if (o->ngiven == sizeof o->given / sizeof o->given[0]) {
    snprintf(err, errlen, "%s: too many options of kernels", opt->name);
    return -1;
  }
  struct given_option *g = &o->given[o->ngiven++];
  g->opt = opt;
  g->val = eq ? eq + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
  if (!g->val) {
    snprintf(err, errlen, "%s needs a value", opt->name);
    return -1;
  }
  if (opt->kind == KOPT_REST) { /* the value and everything after it */
    argv[*i] = (char *)g->val;  /* --app=NAME: the name without the option */
    g->rest = &argv[*i];
    g->nrest = (unsigned)(argc - *i);
    *i = argc;
  }
  return 0;
}

int options_parse(int argc, char **argv, struct options *o, char *err, size_t errlen) {
  *o = (struct options){.mem = 64u << 20, .cpus = 1, .seed = 1};
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i], *val = NULL;
    const char *eq = strchr(arg, '=');
    size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
    const struct flag *f = NULL;
    for (size_t k = 0; k < sizeof flags / sizeof flags[0]; k++)
      if (strlen(flags[k].name) == len && !strncmp(flags[k].name, arg, len)) f = &flags[k];
    const struct kernel_option *kopt = f ? NULL : any_kernel_option(arg, len);
    if (kopt) {
      if (keep_kernel_option(o, kopt, argc, argv, &i, eq, err, errlen)) return -1;
      continue;
    }
    if (!f) {
      snprintf(err, errlen, "unknown option '%s'", arg);
      return -1;
    }
    if (!strcmp(f->name, "--gdb")) {
      if (parse_gdb(o,
                    eq                                       ? eq + 1
                    : i + 1 < argc && is_number(argv[i + 1]) ? argv[++i]
                                                             : NULL,
                    err, errlen))
        return -1;
      continue;
    }
    if (f->takes_value) {
      val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
      if (!val) {
        snprintf(err, errlen, "%s needs a value", f->name);
        return -1;
      }
    } else if (eq) {
      snprintf(err, errlen, "%s takes no value", f->name);
      return -1;
    }
    if (apply(o, f->name, val, err, errlen)) return -1;
  }
  return 0;
}

/* Says which kernels have the option called name, into err after n bytes. */
static void kernels_with(const char *name, char *err, size_t errlen, int n) {
  const char *sep = "; it is an option of ";
  for (const struct kernel_ops *const *k = kernel_list(); *k && n > 0 && (size_t)n < errlen; k++)
    if (kernel_option_find(*k, name, strlen(name))) {
      n += snprintf(err + n, errlen - (size_t)n, "%s%s", sep, (*k)->name);
      sep = ", ";
    }
}

static bool was_given(const struct options *o, const char *name) {
  for (unsigned i = 0; i < o->ngiven; i++)
    if (!strcmp(o->given[i].opt->name, name)) return true;
  return false;
}

int options_for_kernel(struct options *o, const struct kernel_ops *ops, char *err, size_t errlen) {
  if (!(o->own = calloc(1, ops->options_size ? ops->options_size : 1))) {
    snprintf(err, errlen, "out of memory");
    return -1;
  }
  for (unsigned i = 0; i < o->ngiven; i++) {
    const struct given_option *g = &o->given[i];
    const struct kernel_option *opt = kernel_option_find(ops, g->opt->name, strlen(g->opt->name));
    if (!opt) {
      int n =
          snprintf(err, errlen, "%s: kernel %s does not take this option", g->opt->name, ops->name);
      kernels_with(g->opt->name, err, errlen, n);
      return -1;
    }
    if (kernel_option_set(opt, o->own, g->val, g->rest, g->nrest, err, errlen)) return -1;
  }
  for (const struct kernel_option *opt = ops->options; opt && opt->name; opt++)
    if (opt->required && !was_given(o, opt->name)) {
      snprintf(err, errlen, "--kernel %s needs %s %s", ops->name, opt->name, opt->arg);
      return -1;
    }
  return 0;
}

int options_machine_config(const struct options *o, struct machine_config *cfg, char *err,
                           size_t errlen) {
  machine_config_default(cfg);
  cfg->ram_size = o->mem;
  cfg->ncpus = o->cpus;
  cfg->seed = o->seed;
  if (o->tlb) cfg->tlb_entries = o->tlb;
  cfg->tlb_ways = o->tlb_ways ? o->tlb_ways : cfg->tlb_entries;
  cfg->strict_tlb = o->strict_tlb;
  cfg->trap_misaligned = o->trap_misaligned;
  cfg->disk_path = o->disk;
  if (o->profile && cost_use_profile(&cfg->cost, o->profile, err, errlen) < 0) return -1;
  /* A cost file applies on top of the profile, so a student can start from one. */
  if (o->cost_file && cost_load_file(&cfg->cost, o->cost_file, err, errlen) < 0) return -1;
  return 0;
}
