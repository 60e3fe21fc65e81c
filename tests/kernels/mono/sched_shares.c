/*
 * sched_shares EVENTS MODULE TICKETS...: reads an event stream written by `ossim --events`,
 * in which processes with these tickets compete for the CPU and the scheduling module
 * MODULE is loaded partway through. It counts the cycles each of them ran (from the
 * sched-switch records) before and after the module's load, and checks that the module
 * moved the shares toward the tickets: after the load the shares are ordered as the tickets
 * are, and closer to the tickets' proportions than before.
 *
 * The competitors: for each TICKETS value, the first process whose tickets were set to it
 * (a proc-sched record after the one of its creation, as userland/bin/spin's children
 * make). The windows: "before" runs from the last of those settings to the load; "after"
 * from the load to the first exit of a competitor, or the end of the run.
 * Prints the shares; exits 0 when the check holds, 1 when it does not, 2 on bad input.
 */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXP 8
#define MAXHARTS 16
#define MAXPID 4096

struct competitor {
  unsigned pid, tickets;
  uint64_t cycles[2]; /* before and after the load */
};

struct trace {
  struct competitor p[MAXP];
  int n;
  uint64_t ready, swap, end; /* the window bounds; swap and end are 0 until seen */
  unsigned wanted[MAXP];     /* the tickets of the competitors, from the command line */
  int nwanted;
  bool created[MAXPID]; /* its proc-sched at creation was seen */
  unsigned running[MAXHARTS];
  uint64_t since[MAXHARTS];
};

static struct competitor *find(struct trace *t, unsigned pid) {
  for (int i = 0; i < t->n; i++)
    if (t->p[i].pid == pid) return &t->p[i];
  return NULL;
}

/* The name packed into an event's a1..a3, little-endian. */
static void unpack(const uint32_t a[4], char name[13]) {
  for (int i = 0; i < 12; i++)
    name[i] = (char)(a[1 + i / 4] >> (8 * (i % 4)));
  name[12] = 0;
}

/* Adds [from, to) of pid's running time to the windows it overlaps. */
static void charge(struct trace *t, unsigned pid, uint64_t from, uint64_t to) {
  struct competitor *c = find(t, pid);
  if (!c || !t->ready) return;
  uint64_t swap = t->swap ? t->swap : UINT64_MAX, end = t->end ? t->end : UINT64_MAX;
  uint64_t bounds[3] = {t->ready, swap, end};
  for (int w = 0; w < 2; w++) {
    uint64_t lo = from > bounds[w] ? from : bounds[w], hi = to < bounds[w + 1] ? to : bounds[w + 1];
    if (hi > lo) c->cycles[w] += hi - lo;
  }
}

static void event(struct trace *t, uint64_t cycle, unsigned hart, const char *type,
                  const uint32_t a[4], const char *module) {
  char name[13];
  if (strcmp(type, "proc-sched") == 0 && a[0] < MAXPID && !t->created[a[0]]) {
    t->created[a[0]] = true;
  } else if (strcmp(type, "proc-sched") == 0 && a[0] < MAXPID && !t->swap && !find(t, a[0])) {
    for (int i = 0; i < t->nwanted; i++)
      if (t->wanted[i] == a[2]) {
        t->p[t->n++] = (struct competitor){.pid = a[0], .tickets = a[2]};
        t->wanted[i] = t->wanted[--t->nwanted]; /* taken */
        t->ready = cycle;
        break;
      }
  } else if (strcmp(type, "module-load") == 0) {
    unpack(a, name);
    if (strncmp(name, module, 12) == 0 && !t->swap) t->swap = cycle;
  } else if (strcmp(type, "proc-exit") == 0 && find(t, a[0]) && !t->end) {
    t->end = cycle;
  } else if (strcmp(type, "sched-switch") == 0 && hart < MAXHARTS) {
    if (t->running[hart]) charge(t, t->running[hart], t->since[hart], cycle);
    t->running[hart] = a[0];
    t->since[hart] = cycle;
  }
}

/* Sum over the competitors of |share - tickets' proportion| in window w. */
static double distance(const struct trace *t, int w, double share[MAXP]) {
  uint64_t total = 0, tickets = 0;
  for (int i = 0; i < t->n; i++)
    total += t->p[i].cycles[w], tickets += t->p[i].tickets;
  double d = 0;
  for (int i = 0; i < t->n; i++) {
    share[i] = total ? (double)t->p[i].cycles[w] / (double)total : 0;
    d += fabs(share[i] - (double)t->p[i].tickets / (double)tickets);
  }
  return d;
}

int main(int argc, char *argv[]) {
  static struct trace t;
  if (argc < 4 || argc - 3 > MAXP) {
    fprintf(stderr, "usage: sched_shares EVENTS MODULE TICKETS...\n");
    return 2;
  }
  for (int i = 3; i < argc; i++)
    t.wanted[t.nwanted++] = (unsigned)atoi(argv[i]);
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  char line[256], hart[16], type[32];
  uint64_t cycle;
  uint32_t a[4];
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "%" SCNu64 " %15s %31s %" SCNx32 " %" SCNx32 " %" SCNx32 " %" SCNx32, &cycle,
               hart, type, &a[0], &a[1], &a[2], &a[3]) == 7)
      event(&t, cycle, hart[0] == '-' ? MAXHARTS : (unsigned)atoi(hart), type, a, argv[2]);
  fclose(f);
  if (t.nwanted > 0 || !t.swap) {
    fprintf(stderr, "sched_shares: %d of the processes were found, and %s was %sloaded\n", t.n,
            argv[2], t.swap ? "" : "never ");
    return 2;
  }
  double before[MAXP], after[MAXP];
  double d0 = distance(&t, 0, before), d1 = distance(&t, 1, after);
  printf("%6s %8s %14s %14s\n", "pid", "tickets", "share before", "share after");
  bool ordered = true;
  for (int i = 0; i < t.n; i++) {
    printf("%6u %8u %14.3f %14.3f\n", t.p[i].pid, t.p[i].tickets, before[i], after[i]);
    for (int j = 0; j < t.n; j++)
      if (t.p[i].tickets < t.p[j].tickets && after[i] >= after[j]) ordered = false;
  }
  printf("distance from the tickets' proportions: %.3f before, %.3f after\n", d0, d1);
  if (!ordered) printf("FAIL: the shares after the load are not ordered by tickets\n");
  if (d1 >= d0) printf("FAIL: the shares did not move toward the tickets\n");
  return ordered && d1 < d0 ? 0 : 1;
}
