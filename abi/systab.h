/*
 * abi/systab.h: each system call's name and the kinds of its arguments, for whatever shows
 * system calls to people — mono's strace module, traces of the event stream.
 *
 * One table, built from the numbers of abi/syscall.h: SC(write, "dxd") names the call
 * SYS_write "write" (the compiler checks the number exists) and says it takes a number, an
 * address and a number. Argument kinds, one letter each: d a number, x an address or flags
 * (shown in hex), s the address of a string (a tracer may show the string).
 *
 * Not for: dispatch. A kernel's own table maps numbers to its functions.
 */
#ifndef OSSIM_ABI_SYSTAB_H
#define OSSIM_ABI_SYSTAB_H

#include "abi/syscall.h"

struct systab_entry {
  const char *name; /* "write" */
  const char *args; /* one kind letter per argument: "dxd" */
};

/* The entry of system call num, or NULL when no call has that number. */
static inline const struct systab_entry *systab(unsigned num) {
#define SC(call, kinds) [SYS_##call] = { #call, kinds }
  static const struct systab_entry table[SYS_count] = {
      SC(fork, ""),           SC(exit, "d"),          SC(wait, "x"),      SC(pipe, "x"),
      SC(read, "dxd"),        SC(kill, "d"),          SC(exec, "sx"),     SC(fstat, "dx"),
      SC(chdir, "s"),         SC(dup, "d"),           SC(getpid, ""),     SC(sbrk, "d"),
      SC(sleep, "d"),         SC(uptime, ""),         SC(open, "sx"),     SC(write, "dxd"),
      SC(mknod, "sdd"),       SC(unlink, "s"),        SC(link, "ss"),     SC(mkdir, "s"),
      SC(close, "d"),         SC(getppid, ""),        SC(lseek, "ddd"),   SC(yield, ""),
      SC(trace_mark, "dddd"), SC(procinfo, "xd"),     SC(insmod, "ssxd"), SC(rmmod, "sxd"),
      SC(lsmod, "xd"),        SC(setpriority, "ddd"), SC(trace, "x"),     SC(inject, "s"),
      SC(symlink, "ss"),      SC(readlink, "sxd"),    SC(bpf, "dx"),      SC(thread_create, "xxxx"),
      SC(thread_exit, ""),    SC(thread_join, "d"),   SC(gettid, ""),     SC(futex_wait, "xd"),
      SC(futex_wake, "xd"),
  };
#undef SC
  return num < SYS_count && table[num].name ? &table[num] : 0;
}

#endif
