/*
 * gdb_server: `--gdb [PORT]`, the GDB remote stub on a TCP socket of 127.0.0.1 only.
 *
 * The machine stops before its first instruction and waits for gdb (gdb-multiarch, or
 * riscv64-elf-gdb) to connect; then packets are answered one by one (gdb_cmd.c) and the
 * socket is watched for Ctrl-C while the machine runs. When the debugger detaches or goes
 * away, the run goes on to its end as a run without --gdb would, unless --gdb-wait says to
 * keep the machine stopped and wait for the next debugger. `kill` ends the run.
 *
 * Not for: what the packets mean (gdb_cmd.c), or the machine (gdb_target.c).
 */
#ifndef OSSIM_GDB_SERVER_H
#define OSSIM_GDB_SERVER_H

#include "kernel.h"
#include "run.h"

/* Serves the run r of kernel ops with args; returns ossim's exit status. */
int gdb_serve(struct run *r, const struct kernel_ops *ops, const struct kernel_args *args);

#endif
