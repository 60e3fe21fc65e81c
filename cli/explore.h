/*
 * explore: `ossim explore`, one command run under many seeds, each on a fresh machine, to find
 * the seeds whose interleaving of the harts makes it fail (sim/machine.h: the seed moves the
 * points where the harts take turns).
 *
 *   ossim explore --seeds A-B [-j N] [--kernel K] [--cpus N] [machine options] -c 'CMD'
 *
 * Prints each failing seed and how it failed (a non-zero exit with the guest's last line, a
 * panic, the cycle limit), a count, and the ossim command that replays the first failure.
 * Exits 0 when no seed failed, 1 when some did, 2 on a bad command line.
 *
 * Not for: running the workers (explore_pool.c) or the run itself (compare_run.c's cmp_run).
 */
#ifndef OSSIM_EXPLORE_H
#define OSSIM_EXPLORE_H

/* argv[0] is "explore". Returns ossim's exit status. */
int explore_main(int argc, char **argv);

#endif
