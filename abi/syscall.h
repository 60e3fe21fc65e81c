/*
 * abi/syscall.h: system call numbers and the vDSO page of the user ABI.
 *
 * Programs never trap into a kernel themselves. Every process has the kernel's vDSO page
 * mapped at VDSO_BASE (read and execute, user): entry n, at VDSO_BASE + n * VDSO_STRIDE, is
 * a function that performs system call n with the arguments in a0..a5 and returns its result
 * in a0 (a negative error number on failure). On mono the entry is `li a7, n; ecall; ret`;
 * on micro it turns the call into IPC to the right server; for uni the C library calls the
 * library OS directly. So one binary runs unmodified on mono and micro.
 *
 * The numbers 1..21 are xv6's, in xv6's order; ossim's additions follow.
 */
#ifndef OSSIM_ABI_SYSCALL_H
#define OSSIM_ABI_SYSCALL_H

#define VDSO_BASE 0xfffff000u /* the top page of the user address space */
#define VDSO_STRIDE 16u       /* bytes per entry: up to 256 system calls */

/* mono (lab 3) maps a page per process, read-only, just below the vDSO, holding what a
 * program may learn without a trap. Other kernels map nothing there. */
#define USYSCALL (VDSO_BASE - 0x1000u)
#ifndef __ASSEMBLER__
struct usyscall {
  int pid; /* the process's own pid: getpid() without a system call (ugetpid) */
};
#endif

#define SYS_fork 1
#define SYS_exit 2
#define SYS_wait 3
#define SYS_pipe 4
#define SYS_read 5
#define SYS_kill 6
#define SYS_exec 7
#define SYS_fstat 8
#define SYS_chdir 9
#define SYS_dup 10
#define SYS_getpid 11
#define SYS_sbrk 12
#define SYS_sleep 13
#define SYS_uptime 14
#define SYS_open 15
#define SYS_write 16
#define SYS_mknod 17
#define SYS_unlink 18
#define SYS_link 19
#define SYS_mkdir 20
#define SYS_close 21
/* ossim's additions */
#define SYS_getppid 22
#define SYS_lseek 23
#define SYS_yield 24
#define SYS_trace_mark 25 /* write a mark into the event stream */
#define SYS_procinfo 26   /* fill an array of struct procinfo (abi/proc.h), for ps */
#define SYS_insmod 27     /* insmod(name, "key=value ...", msgbuf, msglen): load a module */
#define SYS_rmmod 28      /* rmmod(name, msgbuf, msglen) */
#define SYS_lsmod 29      /* lsmod(buf, len): the loaded modules as text; returns its length */
/* setpriority(pid, prio, tickets): pid 0 is the caller; prio < 0 or tickets 0 leaves that
 * one as it is */
#define SYS_setpriority 30
/* trace(mask): print the calls in mask (bit n: call n) that this process and its future
 * children make (lab 1) */
#define SYS_trace 31
/* inject(server): make a server fault ("NAME") or hang ("NAME:hang") for micro's
 * reincarnation server to restart; others: -ENOSYS */
#define SYS_inject 32
#define SYS_symlink 33  /* symlink(target, path): make path a symbolic link to target */
#define SYS_readlink 34 /* readlink(path, buf, n): a link's target, no NUL; returns its length */
#define SYS_bpf 35      /* bpf(cmd, attr): load, list, detach eBPF objects, dump maps */
/* Threads of one process (docs/concurrency.md). thread_create(entry, arg, sp, tls) starts a
 * thread at entry with a0 = arg, sp = sp and tp = tls, sharing the caller's memory and
 * files, and returns its tid; the stack is the caller's to allocate and free. */
#define SYS_thread_create 36
#define SYS_thread_exit 37 /* the calling thread ends; the last one's end is the process's (0) */
#define SYS_thread_join 38 /* thread_join(tid): waits for thread tid of this process to end */
#define SYS_gettid 39      /* the calling thread's id (the main thread's is the pid) */
/* futex_wait(addr, expected): sleeps until a futex_wake on addr, if the word at addr still
 * holds expected (checked and slept on as one step, so a wake that comes after the check
 * is never lost); -EAGAIN at once if it does not. futex_wake(addr, n): wakes up to n of the
 * process's threads waiting on addr; returns how many. Both: -EFAULT for an address the
 * process may not read, -EINVAL for one not aligned to 4. Futexes are private to a process. */
#define SYS_futex_wait 40
#define SYS_futex_wake 41
#define SYS_count 42 /* one past the last number */

#endif
