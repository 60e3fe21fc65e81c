/*
 * bench-bare: the workload in S mode with the MMU off, as the bare runtime starts it.
 * Touches only the UART and the test device and no CSR, so the same image also runs
 * under `qemu-system-riscv32 -M virt -bios none` (entered in M mode there), which is
 * what bench/qemu-compare.sh times. bench_tiny.c includes this file with a smaller count.
 */
#include "bench_config.h"
#include "bench_expected.h"
#include "report.h"
#include "workload.h"

#ifndef BENCH_NAME
#define BENCH_NAME "bench-bare"
#define BENCH_N BENCH_ITERATIONS
#define BENCH_WANT BENCH_EXPECTED
#endif

static struct bench_state state;

int main(void) {
  return bench_report(BENCH_NAME, BENCH_N, bench_workload(&state, BENCH_N), BENCH_WANT);
}
