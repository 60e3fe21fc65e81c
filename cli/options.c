#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"

const char *options_usage(void) {
  return "usage: ossim [options]\n"
         "  --kernel NAME     kernel to boot (see the list below)\n"
         "  --image FILE      ELF32 RISC-V image to load (bare, uni)\n"
         "  --app NAME [ARGS...]  boot the unikernel image of program NAME (uni); the\n"
         "                    arguments after NAME are the program's\n"
         "  --disk FILE       block device image\n"
         "  --persist         write to the disk image itself, not to a copy\n"
         "  -c 'CMD'          run one shell command, then power off with its status\n"
         "  --init PROG       run PROG as the first process instead of the shell\n"
         "  --sched NAME      scheduling policy\n"
         "  --module NAME     load a kernel module at boot (mono; repeatable);\n"
         "                    micro: boot module NAME[:ARG] instead of the system servers,\n"
         "                    +NAME[:ARG] beside them\n"
         "  --inject SERVER@CYCLE[:hang]  micro: SERVER faults (or hangs) at CYCLE, and the\n"
         "                    reincarnation server restarts it (repeatable)\n"
         "  --vmprint PROG    mono: print the page table of each process that execs PROG\n"
         "  --mem-limit PAGES mono: page processes' heaps to swap past PAGES resident pages\n"
         "  --evict POLICY    mono: the page-replacement policy: fifo, clock (default), lru\n"
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
         "  --help, --version\n"
         "exit status: the guest's exit code, 1 on an error, 2 on a bad command line,\n"
         "3 when the kernel panics, 124 when --max-cycles is reached, 125 when the guest can never run\n"
         "again (waiting for an interrupt nothing can raise, or trapping to a handler that\n"
         "cannot be fetched). On a terminal, Ctrl-A x quits.\n";
}

/* Parses a whole number with an optional K/M/G suffix (powers of 1024 when allow_suffix). */
static int parse_number(const char *s, bool allow_suffix, uint64_t max, uint64_t *out) {
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
    if ((*end & ~0x20) == 'B' || (*end == 'i' && (end[1] & ~0x20) == 'B')) end += *end == 'i' ? 2 : 1;
  }
  if (*end || (shift && v > (max >> shift)) || (v << shift) > max) return -1;
  *out = v << shift;
  return 0;
}

struct flag {
  const char *name;
  bool takes_value;
};

static const struct flag flags[] = {
    {"--help", false},   {"--version", false}, {"--stats", false},  {"--kernel", true},
    {"--image", true},   {"--disk", true},     {"--mem", true},     {"--cpus", true},
    {"--tlb", true},     {"--seed", true},     {"--max-cycles", true}, {"--cost", true},
    {"--events", true},  {"--persist", false}, {"-c", true},       {"--init", true},
    {"--sched", true},   {"--module", true},   {"--profile", true},  {"--app", true},
    {"--tlb-ways", true}, {"--strict-tlb", false}, {"--trap-misaligned", false},
    {"--trace", true},   {"--tui", false},     {"--viz", false},     {"--speed", true},
    {"--inject", true}, {"--vmprint", true}, {"--mem-limit", true}, {"--evict", true},
};

/* --inject SERVER@CYCLE[:hang], into the next free entry of o->injects. */
static int parse_inject(struct options *o, const char *val, char *err, size_t errlen) {
  const size_t max = sizeof o->injects / sizeof o->injects[0];
  const char *at = strchr(val, '@'), *colon = at ? strchr(at, ':') : NULL;
  struct kernel_inject in = {.hang = colon && !strcmp(colon, ":hang")};
  size_t nlen = at ? (size_t)(at - val) : 0, clen = !at ? 0 : colon ? (size_t)(colon - at - 1) : strlen(at + 1);
  char cycle[32];
  if (o->ninjects == max) {
    snprintf(err, errlen, "--inject: at most %zu injections", max);
    return -1;
  }
  if (!nlen || nlen >= sizeof in.server || !clen || clen >= sizeof cycle || (colon && !in.hang)) {
    snprintf(err, errlen, "--inject '%s': need SERVER@CYCLE or SERVER@CYCLE:hang", val);
    return -1;
  }
  memcpy(in.server, val, nlen);
  memcpy(cycle, at + 1, clen);
  cycle[clen] = 0;
  if (parse_number(cycle, true, UINT64_MAX, &in.cycle)) {
    snprintf(err, errlen, "--inject '%s': '%s' is not a number of cycles", val, cycle);
    return -1;
  }
  o->injects[o->ninjects++] = in;
  return 0;
}

static int apply(struct options *o, const char *name, const char *val, char *err, size_t errlen) {
  uint64_t n;
  if (!strcmp(name, "--help")) o->help = true;
  else if (!strcmp(name, "--version")) o->version = true;
  else if (!strcmp(name, "--stats")) o->stats = true;
  else if (!strcmp(name, "--persist")) o->persist = true;
  else if (!strcmp(name, "--strict-tlb")) o->strict_tlb = true;
  else if (!strcmp(name, "--trap-misaligned")) o->trap_misaligned = true;
  else if (!strcmp(name, "-c")) o->command = val;
  else if (!strcmp(name, "--init")) o->init = val;
  else if (!strcmp(name, "--sched")) o->sched = val;
  else if (!strcmp(name, "--vmprint")) o->vmprint = val;
  else if (!strcmp(name, "--evict")) o->evict = val;
  else if (!strcmp(name, "--module")) {
    if (o->nmodules == sizeof o->modules / sizeof o->modules[0]) {
      snprintf(err, errlen, "--module: at most %zu modules", sizeof o->modules / sizeof o->modules[0]);
      return -1;
    }
    o->modules[o->nmodules++] = val;
  }
  else if (!strcmp(name, "--inject")) return parse_inject(o, val, err, errlen);
  else if (!strcmp(name, "--kernel")) o->kernel = val;
  else if (!strcmp(name, "--image")) o->image = val;
  else if (!strcmp(name, "--disk")) o->disk = val;
  else if (!strcmp(name, "--cost")) o->cost_file = val;
  else if (!strcmp(name, "--profile")) o->profile = val;
  else if (!strcmp(name, "--events")) o->events_file = val;
  else if (!strcmp(name, "--trace")) o->trace_file = val;
  else if (!strcmp(name, "--tui")) o->tui = true;
  else if (!strcmp(name, "--viz")) o->viz = true;
  else if (!strcmp(name, "--speed")) {
    if (parse_number(val, true, UINT64_MAX, &o->speed) || o->speed == 0) {
      snprintf(err, errlen, "--speed '%s': need a positive number of cycles per second", val);
      return -1;
    }
  }
  else if (!strcmp(name, "--mem")) {
    if (parse_number(val, true, 2ull << 30, &n) || n < 4096 || n % 4096) {
      snprintf(err, errlen, "--mem '%s': need a size that is a multiple of 4K, up to 2G", val);
      return -1;
    }
    o->mem = n == 2ull << 30 ? 0x7ffff000u : (uint32_t)n;
  } else if (!strcmp(name, "--mem-limit")) {
    if (parse_number(val, false, 1u << 20, &n) || n == 0) {
      snprintf(err, errlen, "--mem-limit '%s': need a number of pages from 1 to 1048576", val);
      return -1;
    }
    o->mem_limit = (unsigned)n;
  } else if (!strcmp(name, "--cpus")) {
    if (parse_number(val, false, 8, &n) || n < 1) {
      snprintf(err, errlen, "--cpus '%s': need a number from 1 to 8", val);
      return -1;
    }
    o->cpus = (unsigned)n;
  } else if (!strcmp(name, "--tlb")) {
    if (parse_number(val, false, 65536, &n) || n == 0 || (n & (n - 1))) {
      snprintf(err, errlen, "--tlb '%s': need a power of two from 1 to 65536", val);
      return -1;
    }
    o->tlb = (unsigned)n;
  } else if (!strcmp(name, "--tlb-ways")) {
    if (parse_number(val, false, 65536, &n) || n == 0 || (n & (n - 1))) {
      snprintf(err, errlen, "--tlb-ways '%s': need a power of two from 1 to 65536", val);
      return -1;
    }
    o->tlb_ways = (unsigned)n;
  } else if (!strcmp(name, "--seed")) {
    if (parse_number(val, false, UINT64_MAX, &o->seed)) {
      snprintf(err, errlen, "--seed '%s': need a whole number", val);
      return -1;
    }
  } else if (!strcmp(name, "--max-cycles")) {
    if (parse_number(val, true, UINT64_MAX, &o->max_cycles) || o->max_cycles == 0) {
      snprintf(err, errlen, "--max-cycles '%s': need a positive whole number", val);
      return -1;
    }
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
    if (!f) {
      snprintf(err, errlen, "unknown option '%s'", arg);
      return -1;
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
    if (!strcmp(f->name, "--app")) { /* NAME and everything after it are the program's */
      o->app_argv = &argv[i];
      o->app_argc = (unsigned)(argc - i);
      argv[i] = (char *)val; /* --app=NAME: the name without the option */
      break;
    }
    if (apply(o, f->name, val, err, errlen)) return -1;
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
