/*
 * file.c: open files and the system calls on them — xv6's file.c, pipe.c, console.c and
 * sysfile.c, over the shared file system (kernels/lib/fs) and drivers (kernels/lib/drivers).
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
  for (int i = 0; i < n && i < (int)sizeof line - 1; i++) mono_console_putc(k, line[i]);
}

#define CTRL(x) ((x) - '@')

/* ^C: kill the foreground job. Without job control, that is every process but init and the
 * shells: the command the user is waiting for. */
static void interrupt_foreground(struct mono *k) {
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++)
    if (p->state != PROC_UNUSED && p != k->initproc && strcmp(p->name, "sh") != 0)
      proc_kill(k, p->pid);
}

/* One byte from the UART: the line discipline (echo, backspace, ^U, ^C, ^D). */
static void console_rx(void *ctx, uint8_t c) {
  struct mono *k = ctx;
  struct console *cn = &k->cons;
  switch (c) {
  case CTRL('C'):
    mono_console_printf(k, "^C\n");
    interrupt_foreground(k);
    return;
  case CTRL('U'):
    while (cn->e != cn->w && cn->buf[(cn->e - 1) % CONS_BUF] != '\n') {
      cn->e--;
      mono_console_printf(k, "\b \b");
    }
    return;
  case CTRL('H'):
  case 0x7f:
    if (cn->e != cn->w) {
      cn->e--;
      mono_console_printf(k, "\b \b");
    }
    return;
  default:
    if (c == '\r') c = '\n';
    if (cn->e - cn->r >= CONS_BUF) return; /* full: drop */
    cn->buf[cn->e++ % CONS_BUF] = (char)c;
    if (c != CTRL('D')) mono_console_putc(k, (char)c);
    if (c == '\n' || c == CTRL('D') || cn->e - cn->r == CONS_BUF) {
      cn->w = cn->e;
      wakeup(k, &cn->r);
    }
  }
}

/* True when the host's input is over and nothing of it is left to read. */
bool mono_console_over(struct mono *k) {
  return k->cons.r == k->cons.w && k->cons.e == k->cons.w && uart_input_done(k->k.m->uart);
}

static void console_unthrottle(struct mono *k);

static int console_read(struct mono *k, uint32_t dst, uint32_t n) {
  struct console *cn = &k->cons;
  uint32_t target = n;
  while (n > 0) {
    while (cn->r == cn->w) {
      if (myproc(k)->killed) return -OSSIM_EINTR;
      if (mono_console_over(k)) return (int)(target - n); /* end of input */
      sleep_on(k, &cn->r);
    }
    char c = cn->buf[cn->r++ % CONS_BUF];
    if (c == CTRL('D')) {
      if (n < target) cn->r--; /* keep ^D for the next read, which returns 0 */
      break;
    }
    if (copyout(k, dst++, &c, 1) < 0) return -OSSIM_EFAULT;
    n--;
    if (c == '\n') break;
  }
  console_unthrottle(k);
  return (int)(target - n);
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
  while (blkdrv_busy(d)) sleep_on(k, &k->blk);
  if (k->blk_result < 0) return k->blk_result;
  if (!write) blkdrv_buffer_get(d, buf, 0, FS_BSIZE);
  return 0;
}

static int disk_read(void *ctx, uint32_t block, void *buf) { return disk_io(ctx, block, buf, false); }
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
static bool console_has_room(const struct console *cn) {
  return CONS_BUF - (cn->e - cn->r) >= UART_FIFO_SIZE;
}

/* Returns true when the UART's interrupt must be masked (after it is completed: the PLIC
 * ignores the completion of a masked source). */
bool mono_uart_intr(struct mono *k) {
  if (!console_has_room(&k->cons)) {
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
  while (k->fs_busy) sleep_on(k, &k->fs_busy);
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

static struct file *filealloc(struct mono *k) {
  for (struct file *f = k->files; f < &k->files[NFILE]; f++)
    if (f->ref == 0) {
      memset(f, 0, sizeof *f);
      f->ref = 1;
      return f;
    }
  return NULL;
}

static void pipeclose(struct mono *k, struct pipe *pi, bool writable) {
  if (writable) {
    pi->writeopen = false;
    wakeup(k, &pi->nread);
  } else {
    pi->readopen = false;
    wakeup(k, &pi->nwrite);
  }
  if (!pi->readopen && !pi->writeopen) free(pi);
}

static void fileclose(struct mono *k, struct file *f) {
  if (--f->ref > 0) return;
  if (f->type == FD_PIPE) pipeclose(k, f->pipe, f->writable);
  if (f->type == FD_INODE) {
    fs_lock(k);
    fs_iput(&k->fs, f->inum);
    fs_unlock(k);
  }
  if (f->type == FD_DEVICE) dev_close(k, f);
  f->type = FD_NONE;
}

static int fdalloc(struct proc *p, struct file *f) {
  for (int fd = 0; fd < NOFILE; fd++)
    if (!p->ofile[fd]) {
      p->ofile[fd] = f;
      return fd;
    }
  return -OSSIM_EMFILE;
}

static struct file *fdget(struct proc *p, uint32_t fd) { return fd < NOFILE ? p->ofile[fd] : NULL; }

void mono_files_fork(struct mono *k, struct proc *parent, struct proc *child) {
  (void)k;
  for (int fd = 0; fd < NOFILE; fd++)
    if ((child->ofile[fd] = parent->ofile[fd])) child->ofile[fd]->ref++;
  child->cwd = parent->cwd;
}

void mono_files_exit(struct mono *k, struct proc *p) {
  for (int fd = 0; fd < NOFILE; fd++)
    if (p->ofile[fd]) {
      fileclose(k, p->ofile[fd]);
      p->ofile[fd] = NULL;
    }
}

/* At the kernel's end, with processes still holding files: their pipes are the only part of
 * an open file that lives outside struct mono (a pipe goes with the last of its two ends). */
void mono_files_free(struct mono *k) {
  for (struct file *f = k->files; f < &k->files[NFILE]; f++) {
    if (f->ref <= 0 || f->type != FD_PIPE) continue;
    if (f->writable)
      f->pipe->writeopen = false;
    else
      f->pipe->readopen = false;
    if (!f->pipe->readopen && !f->pipe->writeopen) free(f->pipe);
    f->ref = 0;
  }
}

/* Opens the console as descriptors 0, 1 and 2 of p (for a first process that is not init). */
int mono_open_console(struct mono *k, struct proc *p) {
  struct file *f = filealloc(k);
  if (!f) return -OSSIM_ENFILE;
  *f = (struct file){.type = FD_CONSOLE, .ref = 3, .readable = true, .writable = true};
  p->ofile[0] = p->ofile[1] = p->ofile[2] = f;
  return 0;
}

/* ---- pipes ---- */

/* Pipes move data a chunk at a time: what fits in the pipe (or what it holds), in one copy
 * to or from the process. sys_read and sys_write checked the whole buffer first. */
static int piperead(struct mono *k, struct pipe *pi, uint32_t dst, uint32_t n) {
  while (pi->nread == pi->nwrite && pi->writeopen) {
    if (myproc(k)->killed) return -OSSIM_EINTR;
    sleep_on(k, &pi->nread);
  }
  char buf[PIPESIZE];
  uint32_t avail = pi->nwrite - pi->nread, m = n < avail ? n : avail;
  for (uint32_t i = 0; i < m; i++) buf[i] = pi->data[(pi->nread + i) % PIPESIZE];
  if (m && copyout(k, dst, buf, m) < 0) return -OSSIM_EFAULT;
  pi->nread += m;
  wakeup(k, &pi->nwrite);
  return (int)m;
}

static int pipewrite(struct mono *k, struct pipe *pi, uint32_t src, uint32_t n) {
  uint32_t done = 0;
  char buf[PIPESIZE];
  while (done < n) {
    if (!pi->readopen) return done ? (int)done : -OSSIM_EPIPE;
    if (myproc(k)->killed) return -OSSIM_EINTR;
    uint32_t room = PIPESIZE - (pi->nwrite - pi->nread);
    if (room == 0) { /* full: let the reader in */
      wakeup(k, &pi->nread);
      sleep_on(k, &pi->nwrite);
      continue;
    }
    uint32_t m = n - done < room ? n - done : room;
    if (copyin(k, buf, src + done, m) < 0) return -OSSIM_EFAULT;
    for (uint32_t i = 0; i < m; i++) pi->data[(pi->nwrite + i) % PIPESIZE] = buf[i];
    pi->nwrite += m;
    done += m;
  }
  wakeup(k, &pi->nread);
  return (int)done;
}

/* ---- reading and writing files of the file system, a kernel buffer at a time ---- */

static int inode_rw(struct mono *k, struct file *f, uint32_t va, uint32_t n, bool write) {
  uint8_t buf[FS_BSIZE];
  uint32_t done = 0;
  while (done < n) {
    uint32_t chunk = n - done < sizeof buf ? n - done : (uint32_t)sizeof buf;
    int rc;
    if (write && copyin(k, buf, va + done, chunk) < 0) return -OSSIM_EFAULT;
    fs_lock(k);
    if (write && f->append) {
      struct stat st;
      if (fs_stat(&k->fs, f->inum, &st) == 0) f->off = (uint32_t)st.size;
    }
    rc = write ? fs_write(&k->fs, f->inum, f->off, buf, chunk)
               : fs_read(&k->fs, f->inum, f->off, buf, chunk);
    fs_unlock(k);
    if (rc < 0) return done ? (int)done : rc;
    if (!write && rc > 0 && copyout(k, va + done, buf, (uint32_t)rc) < 0) return -OSSIM_EFAULT;
    f->off += (uint32_t)rc;
    done += (uint32_t)rc;
    if ((uint32_t)rc < chunk) break; /* end of file, or the disk is full */
  }
  return (int)done;
}

/* ---- system calls on files ---- */

int sys_read(struct mono *k, struct proc *p, const uint32_t *a) {
  struct file *f = fdget(p, a[0]);
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
  struct file *f = fdget(p, a[0]);
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
  struct file *f = fdget(p, a[0]);
  if (!f) return -OSSIM_EBADF;
  p->ofile[a[0]] = NULL;
  fileclose(k, f);
  return 0;
}

int sys_dup(struct mono *k, struct proc *p, const uint32_t *a) {
  (void)k;
  struct file *f = fdget(p, a[0]);
  if (!f) return -OSSIM_EBADF;
  int fd = fdalloc(p, f);
  if (fd >= 0) f->ref++;
  return fd;
}

int sys_pipe(struct mono *k, struct proc *p, const uint32_t *a) {
  struct pipe *pi = calloc(1, sizeof *pi);
  struct file *r = filealloc(k), *w = r ? filealloc(k) : NULL;
  if (!pi || !r || !w) {
    free(pi);
    if (r) r->ref = 0;
    return -OSSIM_ENFILE;
  }
  pi->readopen = pi->writeopen = true;
  *r = (struct file){.type = FD_PIPE, .ref = 1, .readable = true, .pipe = pi};
  *w = (struct file){.type = FD_PIPE, .ref = 1, .writable = true, .pipe = pi};
  int fds[2] = {fdalloc(p, r), -1};
  if (fds[0] >= 0) fds[1] = fdalloc(p, w);
  if (fds[1] < 0 || copyout(k, a[0], fds, sizeof fds) < 0) {
    int err = fds[1] < 0 ? -OSSIM_EMFILE : -OSSIM_EFAULT;
    if (fds[0] >= 0) p->ofile[fds[0]] = NULL;
    if (fds[1] >= 0) p->ofile[fds[1]] = NULL;
    fileclose(k, r);
    fileclose(k, w);
    return err;
  }
  return 0;
}

/* Copies a path argument in. */
static int argpath(struct mono *k, uint32_t va, char *path) {
  int rc = copyinstr(k, path, va, MAXPATH);
  return rc < 0 ? rc : 0;
}

int sys_open(struct mono *k, struct proc *p, const uint32_t *a) {
  char path[MAXPATH];
  int rc = argpath(k, a[0], path);
  if (rc < 0) return rc;
  uint32_t mode = a[1], inum;
  struct stat st;
  fs_lock(k);
  rc = mode & O_NOFOLLOW ? fs_lookup_link(&k->fs, p->cwd, path, &inum)
                          : fs_lookup(&k->fs, p->cwd, path, &inum);
  if (rc == -OSSIM_ENOENT && (mode & O_CREATE))
    rc = fs_create(&k->fs, p->cwd, path, T_FILE, 0, 0, &inum);
  if (rc == 0) rc = fs_stat(&k->fs, inum, &st);
  if (rc == 0 && st.type == T_DIR && (mode & (O_WRONLY | O_RDWR))) rc = -OSSIM_EISDIR;
  if (rc == 0 && (mode & O_TRUNC) && st.type == T_FILE) rc = fs_truncate(&k->fs, inum);
  if (rc == 0) rc = fs_iget(&k->fs, inum);
  fs_unlock(k);
  if (rc < 0) return rc;
  struct file *f = filealloc(k);
  int fd = f ? fdalloc(p, f) : -OSSIM_ENFILE;
  if (fd < 0) {
    if (f) f->ref = 0;
    fs_lock(k);
    fs_iput(&k->fs, inum);
    fs_unlock(k);
    return fd;
  }
  short major = 0, minor = 0;
  if (st.type == T_DEVICE) {
    fs_lock(k);
    fs_devnum(&k->fs, inum, &major, &minor);
    fs_unlock(k);
  }
  f->type = FD_INODE;
  f->inum = inum;
  f->readable = !(mode & O_WRONLY);
  f->writable = (mode & O_WRONLY) || (mode & O_RDWR);
  f->append = (mode & O_APPEND) != 0;
  if (st.type != T_DEVICE) return fd;
  /* A device file keeps no inode reference, only its number for fstat. */
  fs_lock(k);
  fs_iput(&k->fs, inum);
  fs_unlock(k);
  if (major == CONSOLE_MAJOR) {
    f->type = FD_CONSOLE;
    return fd;
  }
  rc = dev_open(k, f, major);
  if (rc < 0) {
    p->ofile[fd] = NULL;
    f->type = FD_NONE;
    fileclose(k, f);
  }
  return rc < 0 ? rc : fd;
}

int sys_fstat(struct mono *k, struct proc *p, const uint32_t *a) {
  struct file *f = fdget(p, a[0]);
  if (!f) return -OSSIM_EBADF;
  struct stat st = {0};
  if (f->type == FD_INODE || ((f->type == FD_CONSOLE || f->type == FD_DEVICE) && f->inum)) {
    fs_lock(k);
    int rc = fs_stat(&k->fs, f->inum, &st);
    fs_unlock(k);
    if (rc < 0) return rc;
  } else {
    st.type = T_DEVICE; /* a pipe, or the console opened at boot */
  }
  return copyout(k, a[1], &st, sizeof st);
}

int sys_lseek(struct mono *k, struct proc *p, const uint32_t *a) {
  struct file *f = fdget(p, a[0]);
  if (!f) return -OSSIM_EBADF;
  if (f->type != FD_INODE) return -OSSIM_ESPIPE;
  struct stat st;
  fs_lock(k);
  int rc = fs_stat(&k->fs, f->inum, &st);
  fs_unlock(k);
  if (rc < 0) return rc;
  int64_t base = a[2] == 0 ? 0 : a[2] == 1 ? (int64_t)f->off : a[2] == 2 ? (int64_t)st.size : -1;
  if (base < 0) return -OSSIM_EINVAL;
  int64_t off = base + (int32_t)a[1];
  if (off < 0 || off > INT32_MAX) return -OSSIM_EINVAL;
  f->off = (uint32_t)off;
  return (int)off;
}

/* The calls that take one or two paths and hand them to the file system. */
static int path_call(struct mono *k, struct proc *p, const uint32_t *a, int which) {
  char path[MAXPATH], path2[MAXPATH];
  int rc = argpath(k, a[0], path);
  if (rc == 0 && (which == SYS_link || which == SYS_symlink)) rc = argpath(k, a[1], path2);
  if (rc < 0) return rc;
  uint32_t inum;
  struct stat st;
  fs_lock(k);
  switch (which) {
  case SYS_link: rc = fs_link(&k->fs, p->cwd, path, path2); break;
  case SYS_symlink: rc = fs_symlink(&k->fs, p->cwd, path, path2); break;
  case SYS_unlink: rc = fs_unlink(&k->fs, p->cwd, path); break;
  case SYS_mkdir: rc = fs_create(&k->fs, p->cwd, path, T_DIR, 0, 0, &inum); break;
  case SYS_mknod:
    rc = fs_create(&k->fs, p->cwd, path, T_DEVICE, (short)a[1], (short)a[2], &inum);
    break;
  case SYS_chdir:
    rc = fs_lookup(&k->fs, p->cwd, path, &inum);
    if (rc == 0) rc = fs_stat(&k->fs, inum, &st);
    if (rc == 0 && st.type != T_DIR) rc = -OSSIM_ENOTDIR;
    if (rc == 0) p->cwd = inum;
    break;
  }
  fs_unlock(k);
  return rc;
}

int sys_link(struct mono *k, struct proc *p, const uint32_t *a) { return path_call(k, p, a, SYS_link); }
int sys_unlink(struct mono *k, struct proc *p, const uint32_t *a) { return path_call(k, p, a, SYS_unlink); }
int sys_mkdir(struct mono *k, struct proc *p, const uint32_t *a) { return path_call(k, p, a, SYS_mkdir); }
int sys_mknod(struct mono *k, struct proc *p, const uint32_t *a) { return path_call(k, p, a, SYS_mknod); }
int sys_chdir(struct mono *k, struct proc *p, const uint32_t *a) { return path_call(k, p, a, SYS_chdir); }
int sys_symlink(struct mono *k, struct proc *p, const uint32_t *a) {
  return path_call(k, p, a, SYS_symlink);
}

/* readlink(path, buf, n): up to n bytes of the target of the link path names, no NUL. */
int sys_readlink(struct mono *k, struct proc *p, const uint32_t *a) {
  char path[MAXPATH], target[FS_SYMLINK_MAX];
  int rc = argpath(k, a[0], path);
  if (rc < 0) return rc;
  fs_lock(k);
  rc = fs_readlink(&k->fs, p->cwd, path, target, a[2] < sizeof target ? a[2] : sizeof target);
  fs_unlock(k);
  if (rc > 0 && copyout(k, a[1], target, (uint32_t)rc) < 0) rc = -OSSIM_EFAULT;
  return rc;
}
