/*
 * vdso.c: micro's vDSO — system call n turned into an IPC call to the server that does it
 * (micro/proto.h), so the binaries on the disk are the very ones mono runs.
 *
 * Runs in the calling program, in U mode, on its stack: it can touch only what the program
 * can. Pointer arguments travel through the thread's IPC buffer page: the vDSO copies what
 * they point to into the buffer before the call, and results out of it after. Reads and
 * writes larger than the buffer go as several calls, a page at a time.
 *
 * The page has no data of its own (it is shared by every process, read-only), so everything
 * here lives in registers and on the caller's stack.
 */
#include <stdbool.h>
#include <stdint.h>

#include "abi/errno.h"
#include "abi/proc.h"
#include "abi/stat.h"
#include "abi/syscall.h"
#include "micro/proto.h"
#include "rt_copy.h"
#include "srv.h"

#define BUF ((char *)BOOT_IPC_BUF)
#define MAXARGS 32

/* The compiler may call this for loops it recognises; the vDSO links nothing, so it has
 * its own, the runtime's word-at-a-time copy. */
void *memcpy(void *dst, const void *src, unsigned n) {
  rt_copy_forward(dst, src, n);
  return dst;
}

static long kcall(enum kcall n, long a0, long a1, long a2) {
  struct srv_msg m = {.label = (uint32_t)a1, .w = {(uint32_t)a2}};
  srv_ipc(n, (uint32_t)a0, &m);
  return m.status;
}

/* 0 if the program may touch [p, p + n) (for writing if write), else -EFAULT. */
static long check(const void *p, uint32_t n, bool write) {
  return kcall(KC_CHECK, (long)p, (long)n, write);
}

/* Copies the string s to BUF + at. Returns the offset after its NUL, -ENAMETOOLONG or
 * -EFAULT. Each page of the string is checked before it is read. */
static long put_str(long at, const char *s) {
  for (const char *start = s; at < (long)MSG_BUF_MAX;) {
    if ((s == start || ((uintptr_t)s & 0xfff) == 0) && check(s, 1, false) < 0) return -OSSIM_EFAULT;
    if ((BUF[at++] = *s++) == 0) return at;
  }
  return -OSSIM_ENAMETOOLONG;
}

/* Calls the server in slot with label n, words w0..w3 and len bytes in the buffer. Its
 * result is the reply's label; *m keeps the rest of the reply. A server that died with the
 * call (the reincarnation server restarts it) fails it with -EIO. */
static long call(unsigned slot, struct srv_msg *m, uint32_t n, uint32_t len) {
  m->label = n;
  m->len = len;
  srv_ipc(KC_CALL, MSG_A0(slot, -1, -1), m);
  if (m->status == -OSSIM_EPIPE) return -OSSIM_EIO;
  return m->status < 0 ? m->status : (long)(int32_t)m->label;
}

/* A call whose pointer arguments are one or two paths (open, chdir, mkdir, link ...). */
static long path_call(uint32_t n, const char *p1, const char *p2, long a1, long a2) {
  long at = put_str(0, p1);
  if (at >= 0 && p2) at = put_str(at, p2);
  if (at < 0) return at;
  struct srv_msg m = {.w = {(uint32_t)a1, (uint32_t)a2}};
  return call(USER_SLOT_FS, &m, n, (uint32_t)at);
}

static long exec_call(const char *path, char **argv) {
  long at = put_str(0, path);
  uint32_t argc = 0;
  for (; at >= 0; argc++) {
    if (check(&argv[argc], sizeof *argv, false) < 0) return -OSSIM_EFAULT;
    if (!argv[argc]) break;
    at = argc < MAXARGS ? put_str(at, argv[argc]) : -OSSIM_E2BIG;
  }
  if (at < 0) return at == -OSSIM_ENAMETOOLONG ? -OSSIM_E2BIG : at;
  struct srv_msg m = {.w = {argc}};
  return call(USER_SLOT_PM, &m, SYS_exec, (uint32_t)at);
}

/* read and write, a page at a time. A read stops at a short answer; the later pages must
 * not block (IO_MORE). A write goes on until all is written or nothing more could be. */
static long io_call(uint32_t n, long fd, char *p, long len) {
  long done = 0;
  if (len < 0) return -OSSIM_EINVAL;
  if (check(p, (uint32_t)len, n == SYS_read) < 0) return -OSSIM_EFAULT;
  do {
    uint32_t chunk = len - done < (long)MSG_BUF_MAX ? (uint32_t)(len - done) : MSG_BUF_MAX;
    bool write = n == SYS_write;
    if (write) memcpy(BUF, p + done, chunk);
    struct srv_msg m = {.w = {(uint32_t)fd, chunk, 0, done && !write ? IO_MORE : 0}};
    long r = call(USER_SLOT_FS, &m, n, write ? chunk : 0);
    if (r <= 0) return done ? done : r;
    if (!write) memcpy(p + done, BUF, (uint32_t)r);
    done += r;
    if (!write && (uint32_t)r < chunk) break;
  } while (done < len);
  return done;
}

/* A call answered with up to max bytes in the buffer, copied to out. */
static long out_call(unsigned slot, uint32_t n, long a0, long a1, void *out, uint32_t max) {
  struct srv_msg m = {.w = {(uint32_t)a0, (uint32_t)a1}};
  if (check(out, max, true) < 0) return -OSSIM_EFAULT;
  long r = call(slot, &m, n, 0);
  if (r >= 0) memcpy(out, BUF, m.len < max ? m.len : max);
  return r;
}

/* readlink: the path goes in the buffer, and up to n bytes of the link's target come back
 * in it. */
static long readlink_call(const char *path, char *out, long n) {
  if (n < 0) return -OSSIM_EINVAL;
  if (check(out, (uint32_t)n, true) < 0) return -OSSIM_EFAULT;
  long at = put_str(0, path);
  if (at < 0) return at;
  struct srv_msg m = {.w = {(uint32_t)n}};
  long r = call(USER_SLOT_FS, &m, SYS_readlink, (uint32_t)at);
  if (r > 0) memcpy(out, BUF, (uint32_t)r);
  return r;
}

/* A call with integer arguments only. */
static long word_call(unsigned slot, uint32_t n, long a0, long a1, long a2, long a3) {
  struct srv_msg m = {.w = {(uint32_t)a0, (uint32_t)a1, (uint32_t)a2, (uint32_t)a3}};
  return call(slot, &m, n, 0);
}

/* inject(server), served by the reincarnation server: the vDSO finds it by name ("rs") at the
 * name service, which gives its cap (USER_SLOT_TMP) for this one call. */
static long inject_call(const char *server) {
  struct srv_msg m = {.label = NS_LOOKUP, .len = 3};
  BUF[0] = 'r', BUF[1] = 's', BUF[2] = 0; /* (the vDSO has no data, not even strings) */
  kcall(KC_CAP_DELETE, USER_SLOT_TMP, 0, 0);
  srv_ipc(KC_CALL, MSG_A0(USER_SLOT_NS, -1, USER_SLOT_TMP), &m);
  long r = m.status < 0 ? m.status : (long)(int32_t)m.label;
  if (r >= 0 && !(m.status & MSG_CAP_MOVED)) r = -OSSIM_ENOSYS;
  if (r >= 0) r = put_str(0, server);
  if (r >= 0) r = call(USER_SLOT_TMP, &m, SYS_inject, (uint32_t)r);
  kcall(KC_CAP_DELETE, USER_SLOT_TMP, 0, 0);
  return r;
}

/* The ticks since boot (KC_CYCLES's a2). */
static long ticks(void) {
  struct srv_msg m = {0};
  srv_ipc(KC_CYCLES, 0, &m);
  return (long)m.w[0];
}

/* System call n, in IPC. */
static long syscall(long a0, long a1, long a2, long a3, long n) {
  struct srv_msg m = {.w = {(uint32_t)a0}};
  long r;
  switch (n) {
  case SYS_wait:
    if (a0 && check((void *)a0, sizeof(int), true) < 0) return -OSSIM_EFAULT;
    r = call(USER_SLOT_PM, &m, SYS_wait, 0);
    if (r >= 0 && a0) memcpy((void *)a0, &m.w[0], sizeof(int)); /* maybe misaligned */
    return r;
  case SYS_pipe:
    if (check((void *)a0, 2 * sizeof(int), true) < 0) return -OSSIM_EFAULT;
    r = call(USER_SLOT_FS, &m, SYS_pipe, 0);
    if (r >= 0) memcpy((void *)a0, m.w, 2 * sizeof(int));
    return r;
  case SYS_exec: return exec_call((const char *)a0, (char **)a1);
  case SYS_read:
  case SYS_write: return io_call((uint32_t)n, a0, (char *)a1, a2);
  case SYS_fstat: return out_call(USER_SLOT_FS, SYS_fstat, a0, 0, (void *)a1, sizeof(struct stat));
  case SYS_procinfo:
    return out_call(USER_SLOT_PM, SYS_procinfo, 0, a1, (void *)a0,
                    (uint32_t)a1 * sizeof(struct procinfo));
  case SYS_open:
  case SYS_chdir:
  case SYS_unlink:
  case SYS_mkdir: return path_call((uint32_t)n, (const char *)a0, 0, a1, 0);
  case SYS_mknod: return path_call(SYS_mknod, (const char *)a0, 0, a1, a2);
  case SYS_link:
  case SYS_symlink: return path_call((uint32_t)n, (const char *)a0, (const char *)a1, 0, 0);
  case SYS_readlink: return readlink_call((const char *)a0, (char *)a1, a2);
  case SYS_dup:
  case SYS_close:
  case SYS_lseek: return word_call(USER_SLOT_FS, (uint32_t)n, a0, a1, a2, a3);
  case SYS_fork:
  case SYS_exit:
  case SYS_kill:
  case SYS_getpid:
  case SYS_sbrk:
  case SYS_sleep:
  case SYS_getppid:
  case SYS_setpriority:
  case SYS_poweroff:
  case SYS_trace_mark: return word_call(USER_SLOT_PM, (uint32_t)n, a0, a1, a2, a3);
  case SYS_uptime: return ticks();
  case SYS_yield: return kcall(KC_YIELD, 0, 0, 0);
  case SYS_inject: return inject_call((const char *)a0);
  default:
    return -OSSIM_ENOSYS; /* insmod, rmmod, lsmod: micro has no loadable modules;
                             trace (lab 1) is not served yet */
  }
}

/* A mark for the event stream, KC_SYS_ENTER or KC_SYS_EXIT: the kernel reads the call's
 * number in a6 and a0, a1 (the first arguments, or the result), and changes no register. */
static void mark(enum kcall call, long a0, long a1, long n) {
  register long r0 __asm__("a0") = a0;
  register long r1 __asm__("a1") = a1;
  register long r6 __asm__("a6") = n;
  register long r7 __asm__("a7") = call;
  __asm__ volatile("ecall" : : "r"(r0), "r"(r1), "r"(r6), "r"(r7) : "memory");
}

/* Where every entry of the table (entry.S) comes, with the call's number in n. Each call is
 * marked on entry and exit (KC_SYS_ENTER, KC_SYS_EXIT), so that micro's event stream has
 * its system calls as mono's has: only here is it known where a call begins and ends. */
long vdso_main(long a0, long a1, long a2, long a3, long a4, long a5, long n) {
  (void)a4, (void)a5;
  mark(KC_SYS_ENTER, a0, a1, n);
  long r = syscall(a0, a1, a2, a3, n);
  mark(KC_SYS_EXIT, r, 0, n);
  return r;
}
