/*
 * user.h: the C library of ossim's user programs -- the programs in userland/bin and any
 * program a student writes for the mono, micro or uni kernel.
 *
 * A superset of xv6's user/user.h, with the same names and signatures. xv6 programs include
 * "user/user.h" instead, which is this library with xv6's conventions (-1 for an error,
 * xv6's printf); with it and the kernel/ headers they compile unchanged (docs/xv6.md).
 * The differences a reader of xv6 must know:
 *
 *  - Errors are negative errno values: a failing call returns -ENOENT, -EBADF ..., not -1,
 *    and also sets the global `errno` to the positive number; strerror() gives the text.
 *    `if (fd < 0)` works as in xv6; `if (fd == -1)` does not. The exceptions return
 *    pointers: sbrk() returns SBRK_ERROR ((char *)-1) and malloc() NULL, with errno set.
 *  - exit, wait and fork as in xv6 (wait(&status) gets the child's exit status); sleep
 *    and uptime count timer ticks, as in xv6.
 *  - printf and fprintf return the number of characters written (xv6's return nothing),
 *    and know the usual conversions (%d %u %x %p %s %c, widths, l and ll: see format.c).
 *  - the memory and string functions take size_t, which is xv6's uint on the 32-bit guest.
 *
 * Every system call goes through the vDSO page the kernel maps at VDSO_BASE
 * (abi/syscall.h), so one binary runs on every kernel.
 *
 * Not for: host programs; and nothing here is thread-safe (processes have one thread).
 */
#ifndef OSSIM_USER_H
#define OSSIM_USER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/errno.h"
#include "abi/proc.h"
#include "abi/stat.h"
#include "kernel/types.h"

/* ---- errors ---- */

#define EPERM OSSIM_EPERM
#define ENOENT OSSIM_ENOENT
#define ESRCH OSSIM_ESRCH
#define EINTR OSSIM_EINTR
#define EIO OSSIM_EIO
#define E2BIG OSSIM_E2BIG
#define ENOEXEC OSSIM_ENOEXEC
#define EBADF OSSIM_EBADF
#define ECHILD OSSIM_ECHILD
#define EAGAIN OSSIM_EAGAIN
#define ENOMEM OSSIM_ENOMEM
#define EACCES OSSIM_EACCES
#define EFAULT OSSIM_EFAULT
#define EBUSY OSSIM_EBUSY
#define EEXIST OSSIM_EEXIST
#define EXDEV OSSIM_EXDEV
#define ENODEV OSSIM_ENODEV
#define ENOTDIR OSSIM_ENOTDIR
#define EISDIR OSSIM_EISDIR
#define EINVAL OSSIM_EINVAL
#define ENFILE OSSIM_ENFILE
#define EMFILE OSSIM_EMFILE
#define ENOTTY OSSIM_ENOTTY
#define EFBIG OSSIM_EFBIG
#define ENOSPC OSSIM_ENOSPC
#define ESPIPE OSSIM_ESPIPE
#define EROFS OSSIM_EROFS
#define EMLINK OSSIM_EMLINK
#define EPIPE OSSIM_EPIPE
#define ERANGE OSSIM_ERANGE
#define ENAMETOOLONG OSSIM_ENAMETOOLONG
#define ENOSYS OSSIM_ENOSYS
#define ENOTEMPTY OSSIM_ENOTEMPTY
#define ELOOP OSSIM_ELOOP
#define ENOTSUP OSSIM_ENOTSUP
#define EUCLEAN OSSIM_EUCLEAN

/* The last failing call's error number, positive (ENOENT ...). Calls that succeed leave
 * it alone. One per process: each process has its own copy of the library's data. */
extern int errno;
/* The message for an error number, of either sign: strerror(-ENOENT) is
 * "no such file or directory". */
char *strerror(int err);

/* ---- system calls ---- */

#define SBRK_ERROR ((char *)-1) /* what sbrk returns on failure */

/* lseek's whence (Linux's values) */
#define SEEK_SET 0 /* offset from the start of the file */
#define SEEK_CUR 1 /* from the current offset */
#define SEEK_END 2 /* from the end of the file */

int fork(void);
int exit(int status) __attribute__((noreturn));
int wait(int *status); /* a child's pid; its exit status in *status if not NULL */
int pipe(int *fds);    /* fds[0] reads, fds[1] writes */
int write(int fd, const void *buf, int n);
int read(int fd, void *buf, int n);
int close(int fd);
int kill(int pid);
int exec(const char *path, char **argv); /* argv ends with NULL; returns only on error */
int open(const char *path, int flags);   /* O_RDONLY, O_WRONLY or O_RDWR | O_CREATE ... */
int mknod(const char *path, short major, short minor);
int unlink(const char *path);
int fstat(int fd, struct stat *st);
int link(const char *oldpath, const char *newpath);
int mkdir(const char *path);
int chdir(const char *path);
int dup(int fd);
int getpid(void);
char *sbrk(int n); /* grows (or shrinks) the heap by n bytes; returns the old end */
int sleep(int ticks);
int uptime(void); /* timer ticks since boot */
/* ossim's additions */
int getppid(void);
int trace(int mask); /* lab 1: print the calls in mask of this process and its children */
int lseek(int fd, int offset, int whence);      /* the new offset */
int yield(void);                                /* gives up the CPU to another runnable process */
int trace_mark(int id, int a0, int a1, int a2); /* a mark in ossim's event stream */
int procinfo(struct procinfo *buf, int max);    /* fills up to max entries; returns how many */
/* Kernel modules (mono): msg receives the reason when a call fails. */
int insmod(const char *name, const char *params, char *msg, int msglen);
int rmmod(const char *name, char *msg, int msglen);
int lsmod(char *buf, int len); /* the loaded modules as text; returns its length */
struct bpf_attr;               /* abi/bpf.h: eBPF objects (mono) */
int bpf(int cmd, struct bpf_attr *attr);
/* Sets process pid's (0: the caller's) scheduling priority (0 highest .. 15) and its lottery
 * and stride tickets; prio < 0 or tickets 0 leaves that one as it is. */
int setpriority(int pid, int prio, int tickets);
/* Makes a system server fault ("NAME") or hang ("NAME:hang"), for micro's reincarnation
 * server to restart (the other kernels have no servers: -ENOSYS). */
int inject(const char *server);
/* Symbolic links: path becomes a link to target (which need not exist); readlink copies up
 * to n bytes of a link's target into buf, without a NUL, and returns how many. open
 * follows links; open(path, O_NOFOLLOW) opens the link itself. */
int symlink(const char *target, const char *path);
int readlink(const char *path, char *buf, int n);
/* Threads of one process (docs/concurrency.md; <pthread.h> is built on these; uni: -ENOSYS).
 * thread_create starts entry(arg) on the stack below sp, with tp = tls, and returns the new
 * thread's tid; entry must end with thread_exit(), never return. thread_join waits for thread
 * tid to end. futex_wait sleeps while *addr == expected until a futex_wake(addr, n) (-EAGAIN
 * at once when *addr differs); futex_wake wakes up to n waiters and returns how many.
 * errno is one for the whole process, not one per thread. */
int thread_create(void (*entry)(void *), void *arg, void *sp, void *tls);
int thread_exit(void);
int thread_join(int tid);
int gettid(void);
int futex_wait(volatile uint32_t *addr, uint32_t expected);
int futex_wake(volatile uint32_t *addr, int n);

/* ---- files, strings and memory ---- */

int stat(const char *path, struct stat *st);  /* open + fstat + close */
int lstat(const char *path, struct stat *st); /* stat of a symbolic link itself */
char *gets(char *buf, int max); /* a line from fd 0, newline kept; "" at end of input */

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
char *strcpy(char *dst, const char *src);
char *strncpy(char *dst, const char *src, size_t n);
char *strcat(char *dst, const char *src);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strstr(const char *haystack, const char *needle);
char *strdup(const char *s); /* a malloc'd copy, or NULL */
int atoi(const char *s);
long strtol(const char *s, char **end, int base); /* sets errno = ERANGE on overflow */

int isdigit(int c);
int isxdigit(int c);
int isalpha(int c);
int isalnum(int c);
int isupper(int c);
int islower(int c);
int isspace(int c);
int isprint(int c);
int ispunct(int c);
int toupper(int c);
int tolower(int c);

/* ---- formatted output (to file descriptors: 1 is standard output, 2 standard error) ---- */

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vprintf(const char *fmt, va_list ap);
int vfprintf(int fd, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s); /* s and a newline to standard output */

/* ---- the heap, on sbrk ---- */

void *malloc(size_t n);
void free(void *p);
void *realloc(void *p, size_t n);
void *calloc(size_t nmemb, size_t size);

/* ---- command-line options (POSIX getopt; errors are reported on fd 2 unless opterr is 0
 * or optstring starts with ':') ---- */

int getopt(int argc, char *const argv[], const char *optstring);
extern char *optarg;
extern int optind, opterr, optopt;

/* ---- non-local jumps: setjmp returns 0, then val (1 if val is 0) when longjmp'd to ---- */

typedef unsigned long jmp_buf[14]; /* ra, sp, s0..s11 */
int setjmp(jmp_buf env) __attribute__((returns_twice));
void longjmp(jmp_buf env, int val) __attribute__((noreturn));

#endif
