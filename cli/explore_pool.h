/*
 * explore_pool: runs one job per seed in worker processes, at most `jobs` at a time (fork and
 * waitpid, plain POSIX), and collects what each found. A worker that dies (a signal, ossim
 * itself crashing) is a finding too, never the end of the exploration.
 *
 * Not for: what a job does (explore.c passes it in) or printing the report.
 */
#ifndef OSSIM_EXPLORE_POOL_H
#define OSSIM_EXPLORE_POOL_H

#include <stdbool.h>
#include <stdint.h>

/* What one seed's run came to: failed or not, and how, in a line. */
struct explore_finding {
  bool failed;
  char how[600];
};

/* Runs seed `seed`, in a worker process, and fills *f. */
typedef void (*explore_job)(void *ctx, uint64_t seed, struct explore_finding *f);

/* Runs job for each seed from first to last (findings[i] for seed first + i), jobs at a
 * time. Returns 0, or a negative errno when no worker could be started. */
int explore_pool_run(explore_job job, void *ctx, uint64_t first, uint64_t last, unsigned jobs,
                     struct explore_finding *findings);

#endif
