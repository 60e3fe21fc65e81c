/*
 * report: how a benchmark image ends -- one line with the checksum it computed and the
 * one the host reference computed, and an exit status of 0 only when they agree.
 * Nothing printed depends on time, so a run's output is the same on every machine.
 */
#ifndef OSSIM_BENCH_REPORT_H
#define OSSIM_BENCH_REPORT_H

#include "rt.h"

static inline int bench_report(const char *name, uint32_t iterations, uint32_t got, uint32_t want) {
  printf("%s: %u iterations, checksum 0x%08x, expected 0x%08x: %s\n", name, (unsigned)iterations,
         (unsigned)got, (unsigned)want, got == want ? "ok" : "MISMATCH");
  return got == want ? 0 : 1;
}

#endif
