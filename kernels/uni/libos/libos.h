/*
 * libos: the unikernel's library OS, guest code that runs in S mode in one address space
 * with the one program it was linked with. The program's C library calls these functions
 * directly (api.c defines the C library's system-call functions over them): there is no
 * trap, no copy between address spaces and no second process.
 *
 *   boot.c    from the monitor's hand-off to main(): devices, file system, heap, timer
 *   dev.c     the devices, through the shared drivers (kernels/lib/drivers): console,
 *             disk, timer, trace port, power
 *   files.c   file descriptors and pipes through the shared file layer (kernels/lib/file)
 *   mem.c     the heap (sbrk), and the check that a pointer names the program's memory
 *   trap.c    the trap handler: a fault is reported and ends the run
 *   api.c     the C library's calls (user.h), each a plain function call into the above
 *
 * Errors are negative numbers from abi/errno.h, as the system calls of the other kernels
 * return. Globals are fine here: this is the whole kernel of a one-program machine.
 *
 * Not for: anything that needs a second process or address space (fork, exec, wait, kill):
 * those return -OSSIM_ENOSYS (see api.c and docs/uni.md).
 */
#ifndef OSSIM_LIBOS_H
#define OSSIM_LIBOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/proc.h"
#include "abi/stat.h"

#define LIBOS_TICK_CYCLES 1000000u /* a timer tick: 1 ms at 1 GHz, as on mono */

/* ---- boot.c ---- */

/* What the boot-info block said, kept for the rest of the run. */
struct libos_boot {
  uint32_t ram_end;          /* one past the last byte of RAM the program may use */
  uint32_t info_lo, info_hi; /* the boot-info block, where argv's strings are */
  bool marks;                /* mark each call in the event stream (UNI_BOOT_MARKS) */
  const char *name;          /* the program's name, argv[0] */
};
extern struct libos_boot libos_boot_info;

/* ---- api.c ---- */

/* The program's exit (the C library's exit(), and main's return): powers off with status. */
_Noreturn void libos_exit(int status);

/* ---- dev.c ---- */

/* Sets up the console, first of all, so that anything can be reported. */
void libos_console_init(void);
/* Sets up the interrupt controller, the timer and the disk. 0, or -ENODEV with no disk. */
int libos_dev_init(void);
/* Console output, bytes as they are. */
void libos_console_write(const char *s, uint32_t n);
/* Console input: waits for at least one byte, returns up to n bytes ending at the first
 * newline; 0 at the end of input (^D, or the host's input is over). */
int libos_console_read(char *dst, uint32_t n);
/* One block of the file system's disk (FS_BSIZE bytes), read or written. 0 or -errno. */
int libos_disk_read(void *ctx, uint32_t block, void *buf);
int libos_disk_write(void *ctx, uint32_t block, const void *buf);
/* Timer ticks since power-on, and a wait of n ticks (the hart sleeps in wfi). */
uint32_t libos_ticks(void);
void libos_sleep_ticks(uint32_t n);
/* A mark in the event stream (abi/traceport.h). */
void libos_mark(uint32_t id, uint32_t a0, uint32_t a1, uint32_t a2);
/* Ends the run through the test device: 0 powers off, any other status fails with it. */
_Noreturn void libos_poweroff(int status);
/* Writes a message to the console and fails the run with `code` (a fault, a bad boot). */
_Noreturn void libos_panic(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- mem.c ---- */

void libos_mem_init(void);
/* sbrk: grows (n > 0, zero-filled) or shrinks the heap; the old end, or -ENOMEM/-EINVAL. */
long libos_sbrk(int n);
/* True when [p, p + n) is the program's memory (image, stacks, heap, its arguments). */
bool libos_ok_ptr(const void *p, uint32_t n);
/* The length of string s if it lies in the program's memory and ends within max bytes:
 * -EFAULT or -ENAMETOOLONG otherwise. */
int libos_ok_str(const char *s, uint32_t max);
/* Copies a result of n bytes to dst, memory the program named: 0, or -EFAULT if it is not
 * the program's. Byte by byte, as mono's copyout: a program may pass a misaligned pointer,
 * and a word store there would fault (there is no kernel to emulate it). */
int libos_put(void *dst, const void *src, uint32_t n);
/* Bytes of memory the program holds: image, stacks and heap. */
uint32_t libos_mem_size(void);

/* ---- files.c ---- */

/* Mounts the file system and opens the console as descriptors 0, 1 and 2. 0 or -errno. */
int libos_files_init(void);
int libos_open(const char *path, int flags);
int libos_read(int fd, void *buf, int n);
int libos_write(int fd, const void *buf, int n);
int libos_close(int fd);
int libos_dup(int fd);
int libos_pipe(int *fds);
int libos_fstat(int fd, struct stat *st);
int libos_lseek(int fd, int offset, int whence);
/* The calls that take paths: which is the call's SYS_ number (abi/syscall.h). */
int libos_path_call(int which, const char *path, const char *path2, short major, short minor);
int libos_readlink(const char *path, char *buf, int n);

#endif
