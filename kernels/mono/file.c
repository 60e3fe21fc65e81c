/*
 * file.c: open files and the system calls on them, over the shared file layer
 * (kernels/lib/file: descriptors, open files, pipes, the console's line discipline), file
 * system (kernels/lib/fs) and drivers (kernels/lib/drivers). What is mono's own here is how
 * it waits: where the file layer says a call would wait, the process sleeps on what it
 * names, and whoever changes that wakes it.
 *
 * The file system library is not re-entrant and its disk reads sleep, so every call into it
 * holds the file-system lock (fs_lock/fs_unlock, a sleeping lock): while one process waits
 * for the disk, another that wants the file system sleeps until the first is done.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/stat.h"
#include "abi/syscall.h"
#include "fs/fs.h"
#include "mono.h"
#include "uart.h"

/* ---- the console ---- */

void mono_console_putc(struct mono *k, char c) { uartdrv_putc(&k->uart, (uint8_t)c); }

void mono_console_printf(struct mono *k, const char *fmt, ...) {
  char line[256];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  for (int i = 0; i < n && i < (int)sizeof line - 1; i++)
    mono_console_putc(k, line[i]);
}

/* ^C: kill the foreground job. Without job control, that is every process but init and the
 * shells: the command the user is waiting for. */
static void interrupt_foreground(void *ctx) {
  struct mono *k = ctx;
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++)
    if (p->state != PROC_UNUSED && p != k->initproc && strcmp(p->name, "sh") != 0)
      proc_kill(k, p->pid);
}

static void console_echo(void *ctx, const char *s, uint32_t n) {
  for (uint32_t i = 0; i < n; i++)
    mono_console_putc(ctx, s[i]);
}

/* One byte from the UART, to the line discipline; a line made readable wakes the readers. */
static void console_rx(void *ctx, uint8_t c) {
  struct mono *k = ctx;
  const struct cons_ops ops = {.ctx = k, .echo = console_echo, .interrupt = interrupt_foreground};
  if (cons_input(&k->cons, c, &ops)) wakeup(k, &k->cons.r);
}

/* True when the host's input is over and nothing of it is left to read. */
bool mono_console_over(struct mono *k) {
  return cons_drained(&k->cons) && uart_input_done(k->k.m->uart);
}

static void console_unthrottle(struct mono *k);

/* A read of the console: waits for a line (or the end of the input). */
static int console_read(struct mono *k, uint32_t dst, uint32_t n) {
  char buf[CONS_BUF];
  int got;
  while ((got = cons_read(&k->cons, buf, n < sizeof buf ? n : sizeof buf)) == -OSSIM_EAGAIN) {
    if (myproc(k)->killed) return -OSSIM_EINTR;
    if (mono_console_over(k)) return 0; /* end of input */
    sleep_on(k, &k->cons.r);
  }
  if (got > 0 && copyout(k, dst, buf, (uint32_t)got) < 0) return -OSSIM_EFAULT;
  console_unthrottle(k);
  return got;
}

static int console_write(struct mono *k, uint32_t src, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    char c;
    if (copyin(k, &c, src + i, 1) < 0) return -OSSIM_EFAULT;
    mono_console_putc(k, c);
  }
  return (int)n;
}

/* ---- the disk and the file system lock ---- */

static int disk_io(struct mono *k, uint32_t block, void *buf, bool write) {
  struct blkdrv *d = &k->blk;
  uint32_t sectors = FS_BSIZE / 512;
  if (write) blkdrv_buffer_put(d, 0, buf, FS_BSIZE);
  int rc = blkdrv_start(d, write, block * sectors, sectors);
  if (rc < 0) return rc;
  while (blkdrv_busy(d))
    sleep_on(k, &k->blk);
  if (k->blk_result < 0) return k->blk_result;
  if (!write) blkdrv_buffer_get(d, buf, 0, FS_BSIZE);
  return 0;
}

static int disk_read(void *ctx, uint32_t block, void *buf) {
  return disk_io(ctx, block, buf, false);
}
static int disk_write(void *ctx, uint32_t block, const void *buf) {
  return disk_io(ctx, block, (void *)buf, true);
}

void mono_blk_intr(struct mono *k) {
  k->blk_result = blkdrv_intr(&k->blk);
  wakeup(k, &k->blk);
}

/* Input flow control: while the line buffer has no room for a FIFO's worth of bytes, the
 * UART's interrupt is masked at the PLIC and its bytes wait in the UART (and on the host),
 * instead of being dropped; console_read unmasks it as it makes room. */
static bool console_has_room(const struct cons *cn) { return cons_room(cn) >= UART_FIFO_SIZE; }

/* Returns true when the UART's interrupt must be masked (after it is completed: the PLIC
 * ignores the completion of a masked source). */
bool mono_uart_intr(struct mono *k) {
  if (!console_has_room(&k->cons)) {
    /* With nothing to read, a line that nearly fills the buffer would wait for bytes that
     * wait for room: the line as it is becomes readable, and the read that takes it makes
     * room. */
    if (!cons_readable(&k->cons) && cons_release(&k->cons)) wakeup(k, &k->cons.r);
    k->cons_throttled = true;
    return true;
  }
  uartdrv_intr(&k->uart);
  return false;
}

static void console_unthrottle(struct mono *k) {
  if (k->cons_throttled && console_has_room(&k->cons)) {
    k->cons_throttled = false;
    plicdrv_enable(&k->plic, MACHINE_IRQ_UART, 1);
  }
}

void mono_console_init(struct mono *k) {
  uartdrv_init(&k->uart, &k->hb.bus, MACHINE_UART_BASE, console_rx, k);
}

static void fs_lock(struct mono *k) {
  while (k->fs_busy)
    sleep_on(k, &k->fs_busy);
  k->fs_busy = true;
}

static void fs_unlock(struct mono *k) {
  k->fs_busy = false;
  wakeup(k, &k->fs_busy);
}

int mono_fs_mount(struct mono *k) {
  k->disk = (struct fs_disk){.ctx = k, .read = disk_read, .write = disk_write};
  fs_lock(k);
  int rc = fs_mount(&k->fs, &k->disk);
  fs_unlock(k);
  k->fs_ready = rc == 0;
  return rc;
}

/* Makes the device file path (in an existing directory) with this major number, replacing
 * any file of that name: one left on a --persist disk by an earlier run names no driver. */
int mono_fs_mknod(struct mono *k, const char *path, short major) {
  fs_lock(k);
  int rc = fs_create(&k->fs, FS_ROOTINO, path, T_DEVICE, major, 0, NULL);
  if (rc == -OSSIM_EEXIST && fs_unlink(&k->fs, FS_ROOTINO, path) == 0)
    rc = fs_create(&k->fs, FS_ROOTINO, path, T_DEVICE, major, 0, NULL);
  fs_unlock(k);
  return rc;
}

int mono_fs_remove(struct mono *k, const char *path) {
  fs_lock(k);
  int rc = fs_unlink(&k->fs, FS_ROOTINO, path);
  fs_unlock(k);
  return rc;
}

/* Reads a whole file (for exec) into a malloc'd buffer. */
int mono_fs_slurp(struct mono *k, uint32_t cwd, const char *path, uint8_t **data, uint32_t *len) {
  uint32_t inum;
  struct stat st;
  fs_lock(k);
  int rc = fs_lookup(&k->fs, cwd, path, &inum);
  if (rc == 0) rc = fs_stat(&k->fs, inum, &st);
  if (rc == 0 && st.type != T_FILE) rc = st.type == T_DIR ? -OSSIM_EISDIR : -OSSIM_EACCES;
  if (rc == 0 && st.size > (64u << 20)) rc = -OSSIM_E2BIG;
  if (rc == 0 && !(*data = malloc(st.size ? st.size : 1))) rc = -OSSIM_ENOMEM;
  if (rc == 0) {
    rc = fs_read(&k->fs, inum, 0, *data, (uint32_t)st.size);
    if (rc >= 0) {
      *len = (uint32_t)rc;
      rc = 0;
    } else {
      free(*data);
    }
  }
  fs_unlock(k);
  return rc;
}

/* ---- open files ---- */

/* Wakes whoever waits on p, at either end. */
static void pipe_wake(struct mono *k, const struct pipe *p) {
  wakeup(k, pipe_readers(p));
  wakeup(k, pipe_writers(p));
}

/* Drops a reference to f; the last one gives back what f holds. The inode goes back under
 * the file-system lock, which may sleep: f stays out of reach of file_alloc until
 * file_free (kernels/lib/file/file.c says why). */
static void fileclose(struct mono *k, struct file *f) {
  if (file_put(f) > 0) return;
  switch (file_release(f)) {
  case FD_INODE:
    fs_lock(k);
    fs_iput(&k->fs, f->inum);
    fs_unlock(k);
    break;
  case FD_DEVICE: dev_close(k, f); break;
  default:
    if (f->type == FD_PIPE) pipe_wake(k, f->pipe);
  }
  file_free(f);
}

void mono_files_fork(struct mono *k, struct proc *parent, struct proc *child) {
  (void)k;
  file_fd_fork(&child->fds, &parent->fds);
  child->cwd = parent->cwd;
}

void mono_files_exit(struct mono *k, struct proc *p) {
  for (uint32_t fd = 0; fd < FILE_NOFILE; fd++) {
    struct file *f = file_fd_take(&p->fds, fd);
    if (f) fileclose(k, f);
  }
}

/* Opens the console as descriptors 0, 1 and 2 of p (for a first process that is not init). */
int mono_open_console(struct mono *k, struct proc *p) { return file_console(&k->files, &p->fds); }

/* ---- pipes ---- */

/* Pipes move data a chunk at a time: what the pipe holds (or what fits in it), in one copy
 * to or from the process. sys_read and sys_write checked the whole buffer first. */
static int piperead(struct mono *k, struct pipe *pi, uint32_t dst, uint32_t n) {
  char buf[PIPE_SIZE];
  const void *wait;
  int m;
  while ((m = pipe_read(pi, buf, n < sizeof buf ? n : sizeof buf, &wait)) == -OSSIM_EAGAIN) {
    if (myproc(k)->killed) return -OSSIM_EINTR;
    sleep_on(k, wait);
  }
  if (m > 0 && copyout(k, dst, buf, (uint32_t)m) < 0) return -OSSIM_EFAULT;
  wakeup(k, pipe_writers(pi));
  return m;
}

static int pipewrite(struct mono *k, struct pipe *pi, uint32_t src, uint32_t n) {
  uint32_t done = 0;
  char buf[PIPE_SIZE];
  const void *wait;
  while (done < n) {
    uint32_t chunk = n - done < sizeof buf ? n - done : (uint32_t)sizeof buf;
    if (copyin(k, buf, src + done, chunk) < 0) return -OSSIM_EFAULT;
    int m = pipe_write(pi, buf, chunk, &wait);
    if (m == -OSSIM_EAGAIN) { /* full: let the reader in */
      if (myproc(k)->killed) return -OSSIM_EINTR;
      wakeup(k, pipe_readers(pi));
      sleep_on(k, wait);
      continue;
    }
    if (m < 0) return done ? (int)done : m;
    done += (uint32_t)m;
  }
  wakeup(k, pipe_readers(pi));
  return (int)done;
}

/* ---- reading and writing files of the file system, a kernel buffer at a time ---- */

static int inode_rw(struct mono *k, struct file *f, uint32_t va, uint32_t n, bool write) {
  char buf[FS_BSIZE];
  uint32_t done = 0;
  while (done < n) {
    uint32_t chunk = n - done < sizeof buf ? n - done : (uint32_t)sizeof buf;
    if (write && copyin(k, buf, va + done, chunk) < 0) return -OSSIM_EFAULT;
    fs_lock(k);
    int rc = file_rw(&k->fs, f, buf, chunk, write);
    fs_unlock(k);
    if (rc < 0) return done ? (int)done : rc;
    if (!write && rc > 0 && copyout(k, va + done, buf, (uint32_t)rc) < 0) return -OSSIM_EFAULT;
    done += (uint32_t)rc;
    if ((uint32_t)rc < chunk) break; /* end of file, or the disk is full */
  }
  return (int)done;
}

/* ---- system calls on files ---- */

int sys_read(struct mono *k, struct proc *p, const uint32_t *a) {
  struct file *f = file_fd_get(&p->leader->fds, a[0]);
  if (!f) return -OSSIM_EBADF;
  if (!f->readable) return -OSSIM_EBADF;
  if ((int32_t)a[2] < 0) return -OSSIM_EINVAL;
  if (uvm_check(k, a[1], a[2], true) < 0) return -OSSIM_EFAULT;
  switch (f->type) {
  case FD_CONSOLE: return console_read(k, a[1], a[2]);
  case FD_PIPE: return piperead(k, f->pipe, a[1], a[2]);
  case FD_INODE: return inode_rw(k, f, a[1], a[2], false);
  case FD_DEVICE: return dev_rw(k, f, a[1], a[2], false);
  default: return -OSSIM_EBADF;
  }
}

int sys_write(struct mono *k, struct proc *p, const uint32_t *a) {
  struct file *f = file_fd_get(&p->leader->fds, a[0]);
  if (!f || !f->writable) return -OSSIM_EBADF;
  if ((int32_t)a[2] < 0) return -OSSIM_EINVAL;
  if (uvm_check(k, a[1], a[2], false) < 0) return -OSSIM_EFAULT;
  switch (f->type) {
  case FD_CONSOLE: return console_write(k, a[1], a[2]);
  case FD_PIPE: return pipewrite(k, f->pipe, a[1], a[2]);
  case FD_INODE: return inode_rw(k, f, a[1], a[2], true);
  case FD_DEVICE: return dev_rw(k, f, a[1], a[2], true);
  default: return -OSSIM_EBADF;
  }
}

int sys_close(struct mono *k, struct proc *p, const uint32_t *a) {
  struct file *f = file_fd_take(&p->leader->fds, a[0]);
  if (!f) return -OSSIM_EBADF;
  fileclose(k, f);
  return 0;
}

int sys_dup(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)k;
  return file_fd_dup(&p->leader->fds, a[0]);
}

int sys_pipe(struct mono *k, struct proc *p, const uint32_t *a) {
  int fds[2];
  int rc = file_pipe(&k->files, &p->leader->fds, fds);
  if (rc < 0) return rc;
  if (copyout(k, a[0], fds, sizeof fds) < 0) {
    fileclose(k, file_fd_take(&p->leader->fds, (uint32_t)fds[0]));
    fileclose(k, file_fd_take(&p->leader->fds, (uint32_t)fds[1]));
    return -OSSIM_EFAULT;
  }
  return 0;
}

/* Copies a path argument in. */
static int argpath(struct mono *k, uint32_t va, char *path) {
  int rc = copyinstr(k, path, va, FILE_MAXPATH);
  return rc < 0 ? rc : 0;
}

static int open_device(void *ctx, struct file *f, short major) { return dev_open(ctx, f, major); }

int sys_open(struct mono *k, struct proc *p, const uint32_t *a) {
  char path[FILE_MAXPATH];
  int rc = argpath(k, a[0], path);
  if (rc < 0) return rc;
  const struct file_devices devs = {.ctx = k, .dev_open = open_device};
  fs_lock(k);
  rc = file_open(&k->files, &p->leader->fds, &k->fs, p->leader->cwd, path, a[1], &devs);
  fs_unlock(k);
  return rc;
}

int sys_fstat(struct mono *k, struct proc *p, const uint32_t *a) {
  struct file *f = file_fd_get(&p->leader->fds, a[0]);
  if (!f) return -OSSIM_EBADF;
  struct stat st;
  fs_lock(k);
  int rc = file_fstat(&k->fs, f, &st);
  fs_unlock(k);
  return rc < 0 ? rc : copyout(k, a[1], &st, sizeof st);
}

int sys_lseek(struct mono *k, struct proc *p, const uint32_t *a) {
  struct file *f = file_fd_get(&p->leader->fds, a[0]);
  if (!f) return -OSSIM_EBADF;
  fs_lock(k);
  int rc = file_lseek(&k->fs, f, (int32_t)a[1], a[2]);
  fs_unlock(k);
  return rc;
}

/* The calls that take one or two paths and hand them to the file system. */
static int path_call(struct mono *k, struct proc *p, const uint32_t *a, int which) {
  char path[FILE_MAXPATH], path2[FILE_MAXPATH] = "";
  int rc = argpath(k, a[0], path);
  if (rc == 0 && (which == SYS_link || which == SYS_symlink)) rc = argpath(k, a[1], path2);
  if (rc < 0) return rc;
  fs_lock(k);
  rc = file_path(&k->fs, &p->leader->cwd, which, path, path2, (short)a[1], (short)a[2]);
  fs_unlock(k);
  return rc;
}

int sys_link(struct mono *k, struct proc *p, const uint32_t *a) {
  return path_call(k, p, a, SYS_link);
}
int sys_unlink(struct mono *k, struct proc *p, const uint32_t *a) {
  return path_call(k, p, a, SYS_unlink);
}
int sys_mkdir(struct mono *k, struct proc *p, const uint32_t *a) {
  return path_call(k, p, a, SYS_mkdir);
}
int sys_mknod(struct mono *k, struct proc *p, const uint32_t *a) {
  return path_call(k, p, a, SYS_mknod);
}
int sys_chdir(struct mono *k, struct proc *p, const uint32_t *a) {
  return path_call(k, p, a, SYS_chdir);
}
int sys_symlink(struct mono *k, struct proc *p, const uint32_t *a) {
  return path_call(k, p, a, SYS_symlink);
}

/* readlink(path, buf, n): up to n bytes of the target of the link path names, no NUL. */
int sys_readlink(struct mono *k, struct proc *p, const uint32_t *a) {
  char path[FILE_MAXPATH], target[FS_SYMLINK_MAX];
  int rc = argpath(k, a[0], path);
  if (rc < 0) return rc;
  fs_lock(k);
  rc = file_readlink(&k->fs, p->leader->cwd, path, target,
                     a[2] < sizeof target ? a[2] : sizeof target);
  fs_unlock(k);
  if (rc > 0 && copyout(k, a[1], target, (uint32_t)rc) < 0) rc = -OSSIM_EFAULT;
  return rc;
}
