/*
 * compare: `ossim compare`, one workload on every kernel with the same seed, machine and
 * disk, and a table of what each architecture cost (metrics.h), with ratios to a baseline.
 *
 *   ossim compare --workload NAME | --cmd 'COMMAND'
 *                 [--kernels K1,K2,...] [--baseline K] [--format text|csv|json|md]
 *                 [--profiles] [machine options: --cpus --mem --seed --disk --sched
 *                  --profile --cost --max-cycles] [--viz | --tui]
 *   ossim compare --list
 *
 * Each run is a whole boot of the kernel on a fresh machine in this process, headless; the
 * guest's console output is kept and shown only when the run fails. A kernel that cannot
 * run the workload (the unikernel has no fork) shows "n/a" and the reason. With --viz or
 * --tui the table is followed by a picture of the runs side by side (compare_view.c).
 *
 * Not for: the figures' meaning (metrics.h) or the workloads (userland/bench/workloads.txt).
 */
#ifndef OSSIM_COMPARE_H
#define OSSIM_COMPARE_H

/* argv[0] is "compare". Returns ossim's exit status. */
int compare_main(int argc, char **argv);

#endif
