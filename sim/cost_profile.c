/*
 * Cost profiles: named sets of constants measured on real systems, so that a comparison
 * can be re-run "as if on" that system and a class can see how the ranking moves.
 *
 * A profile is text in the --cost FILE syntax, parsed by cost_parse() on top of the
 * defaults: one syntax, one parser, and a student can copy a profile into a file and edit it.
 * Each constant names its source. Measured figures from faster cores are converted to
 * cycles at the clock of the machine they were measured on, not ours: a profile says what
 * that system's kernel path costs in its own cycles, which is what a comparison between
 * kernels needs.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cost.h"

static const struct cost_profile profiles[] = {
    {"default", "the documented defaults (sim/cost.c): a SiFive E31-like core at 1 GHz", ""},
    {"sel4-u54",
     "seL4 on a SiFive U54 (HiFive Unleashed): the seL4 project's published IPC figures",
     "# sel4.systems/About/Performance, RISC-V 64, SiFive U54, seL4 fastpath:\n"
     "ipc_call = 474   # IPC call, one-way, in cycles\n"
     "ipc_reply = 654  # IPC reply-receive, in cycles\n"},
    {"linux-pti-off", "Linux 4.14 on a Xeon W3580 (3.33 GHz), page-table isolation off (nopti)",
     "# Martin Cracauer, \"Microbenchmarking the page table isolation patches\", Jan 2018:\n"
     "# read() of 1 byte from /dev/zero took 127.4 ns = 424 cycles at 3.33 GHz in all\n"
     "kernel_syscall = 424\n"
     "kernel_switch = 424  # estimate: a switch enters and leaves the kernel as a call does\n"},
    {"linux-pti-on",
     "Linux 4.14 on a Xeon W3580 (3.33 GHz), page-table isolation on: each entry and exit "
     "switches page tables",
     "# Cracauer, ibid.: the same read() took 536.8 ns = 1788 cycles with PTI\n"
     "kernel_syscall = 1788\n"
     "kernel_switch = 1788  # estimate, as above\n"},
    {NULL, NULL, NULL},
};

const struct cost_profile *cost_profiles(void) { return profiles; }

int cost_use_profile(struct cost_model *c, const char *name, char *err, size_t errlen) {
  for (const struct cost_profile *p = profiles; p->name; p++) {
    if (strcmp(p->name, name) != 0) continue;
    struct cost_model next;
    cost_default(&next);
    char msg[160];
    if (cost_parse(&next, p->text, msg, sizeof msg) < 0) {
      /* A profile is part of the program; tests parse every one, so this is a bug. */
      snprintf(err, errlen, "cost profile '%s': %s", name, msg);
      return -EINVAL;
    }
    *c = next;
    return 0;
  }
  int n = snprintf(err, errlen, "unknown cost profile '%s'; known profiles:", name);
  for (const struct cost_profile *p = profiles; p->name && n >= 0 && (size_t)n < errlen; p++)
    n += snprintf(err + n, errlen - (size_t)n, " %s", p->name);
  return -ENOENT;
}
