/* bench-tiny: bench-bare with BENCH_TINY_ITERATIONS, for measuring the fixed cost of a
 * run (QEMU's start-up in bench/qemu-compare.sh). */
#include "bench_config.h"
#include "bench_expected.h"

#define BENCH_NAME "bench-tiny"
#define BENCH_N BENCH_TINY_ITERATIONS
#define BENCH_WANT BENCH_TINY_EXPECTED
#include "bench_bare.c"
