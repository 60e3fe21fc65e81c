/*
 * fs: the file server, a system server. It runs the shared file system (kernels/lib/fs)
 * over the disk, and owns what mono keeps per process for files: the descriptor tables, the
 * open files with their offsets, the pipes, the working directories, and the console.
 *
 * Why one server for all of these, in this first cut: descriptors name pipes, files and the
 * console alike, and fork and exit change them all at once; so the table of open files
 * lives with whoever serves reads and writes. The disk is the disk driver's server (blk.c);
 * the console's driver (kernels/lib/drivers/uartdrv) runs here, over the UART's register
 * page, its interrupts a notification bound to this thread. A console server of its own
 * comes next.
 *
 * Requests (micro/proto.h) carry the caller's pid in their badge; the process manager's
 * (badge 0) tell it about forks and exits and read files for exec. A read of an empty pipe
 * waits: its reply cap is kept and answered when a writer comes (or the last one goes).
 */
#include <stdbool.h>

#include "abi/errno.h"
#include "abi/stat.h"
#include "abi/syscall.h"
#include "blk.h"
#include "devbus_mmio.h"
#include "fs/fs.h"
#include "micro/proto.h"
#include "srv.h"
#include "uartdrv.h"
#include "ulib.h"

#define NPROC 64
#define NOFILE 16
#define NFILE 128
#define NPIPE 32
#define PIPESIZE 512
#define MAXPATH 128
#define NWAIT 32
/* The IPC buffer is also where the disk driver's answers land, so a request's bytes are
 * copied in (IN) before it is handled, and its answer's (OUT) out after. */
#define BUF ((char *)BOOT_IPC_BUF)
static char IN[MSG_BUF_MAX], OUT[MSG_BUF_MAX];
#define SLOT_WAIT BOOT_SLOT_SRV                /* NWAIT slots for saved reply caps */
#define SLOT_UART_NTFN (BOOT_SLOT_SRV + NWAIT) /* bound: the UART's interrupts come as messages */

enum ftype { FD_NONE, FD_INODE, FD_PIPE, FD_CONSOLE };

struct pipe {
  bool used, readopen, writeopen;
  uint32_t nread, nwrite;
  char data[PIPESIZE];
};

struct file {
  enum ftype type;
  int ref;
  bool readable, writable, append;
  uint32_t inum, off;
  struct pipe *pipe;
};

struct fproc {
  int pid; /* 0: free */
  uint32_t cwd;
  struct file *ofile[NOFILE];
};

/* A reader of an empty pipe or of the console, or a writer to a full pipe, waiting: answered
 * later by a send on its saved reply cap (slot SLOT_WAIT + its index). A writer's bytes wait
 * here with it. */
enum wkind { W_FREE, W_READ, W_WRITE, W_CONSOLE };
struct waiter {
  enum wkind kind;
  struct pipe *pipe;
  struct fproc *p;
  uint32_t n;
  char data[PIPESIZE];
};

/* The console's line discipline (as mono's): typed bytes are edited in buf[w..e) and become
 * readable, buf[r..w), a line at a time. */
#define CONS_BUF 256
#define CTRL(c) ((c) - '@')
struct console {
  char buf[CONS_BUF];
  uint32_t r, w, e;
  bool throttled; /* its interrupt is not acknowledged until there is room */
};

static struct fs fs;
static struct uartdrv uart;
static struct console cons;
static struct devbus bus;
static struct fproc procs[NPROC];
static struct file files[NFILE];
static struct pipe pipes[NPIPE];
static struct waiter waiters[NWAIT];

/* ---- the disk, through the disk driver's server ---- */

static int disk_io(uint32_t block, void *buf, int write) {
  uint32_t per = FS_BSIZE / BLK_SECTOR_SIZE;
  struct srv_msg m = {.label = write ? BLK_WRITE : BLK_READ, .w = {block * per, per}};
  if (write) ulib_memcpy(BUF, buf, FS_BSIZE);
  m.len = write ? FS_BSIZE : 0;
  srv_ipc(KC_CALL, MSG_A0(BOOT_SLOT_BLKEP, -1, -1), &m);
  int rc = m.status < 0 ? m.status : (int)m.label;
  if (rc == 0 && !write) ulib_memcpy(buf, BUF, FS_BSIZE);
  return rc;
}

static int disk_read(void *ctx, uint32_t block, void *buf) {
  (void)ctx;
  return disk_io(block, buf, 0);
}

static int disk_write(void *ctx, uint32_t block, const void *buf) {
  (void)ctx;
  return disk_io(block, (void *)buf, 1);
}

static void console_rx(void *ctx, uint8_t c);

/* The console (the UART mapped, its interrupt bound) and the file system. */
static int start(void) {
  struct fs_disk d = {.read = disk_read, .write = disk_write};
  bus = devbus_mmio();
  int uregs = srv_kcall(KC_FRAME_MAP, BOOT_SLOT_UART, BOOT_SLOT_ASPACE, 0, 0);
  int rc = uregs < 0 ? uregs : srv_irq_ntfn(BOOT_SLOT_UART_IRQ, SLOT_UART_NTFN, 1);
  if (rc == 0) rc = fs_mount(&fs, &d);
  /* The kernel set the UART up at boot (its debug print uses it), and typed-ahead bytes may
   * wait in its FIFO already: uartdrv_init would empty it, so the driver only takes over. */
  uart = (struct uartdrv){.bus = &bus, .base = (uint32_t)uregs << 12};
  return rc;
}

/* ---- processes and open files ---- */

static struct fproc *proc_of(int pid, bool make) {
  struct fproc *free = 0;
  for (struct fproc *p = procs; p < procs + NPROC; p++) {
    if (p->pid == pid) return p;
    if (!p->pid && !free) free = p;
  }
  if (!make || !free) return 0;
  *free = (struct fproc){.pid = pid, .cwd = FS_ROOTINO};
  return free;
}

static struct file *file_alloc(void) {
  for (struct file *f = files; f < files + NFILE; f++)
    if (f->ref == 0) {
      *f = (struct file){.ref = 1};
      return f;
    }
  return 0;
}

static int fd_alloc(struct fproc *p, struct file *f) {
  for (int fd = 0; fd < NOFILE; fd++)
    if (!p->ofile[fd]) {
      p->ofile[fd] = f;
      return fd;
    }
  return -OSSIM_EMFILE;
}

static struct file *fd_get(struct fproc *p, uint32_t fd) { return fd < NOFILE ? p->ofile[fd] : 0; }

static void wake(struct pipe *pi);

static void file_close(struct file *f) {
  if (--f->ref > 0) return;
  if (f->type == FD_PIPE) {
    struct pipe *pi = f->pipe;
    if (f->writable) pi->writeopen = false;
    if (f->readable) pi->readopen = false;
    wake(pi);
    if (!pi->readopen && !pi->writeopen) pi->used = false;
  }
  if (f->type == FD_INODE) fs_iput(&fs, f->inum);
  f->type = FD_NONE;
}

static void proc_exit(struct fproc *p) {
  for (int fd = 0; fd < NOFILE; fd++)
    if (p->ofile[fd]) file_close(p->ofile[fd]);
  for (struct waiter *w = waiters; w < waiters + NWAIT; w++)
    if (w->kind != W_FREE && w->p == p) {
      w->kind = W_FREE;
      srv_kcall(KC_CAP_DELETE, SLOT_WAIT + (uint32_t)(w - waiters), 0, 0, 0);
    }
  *p = (struct fproc){0};
}

static int proc_fork(int parent, int child) {
  struct fproc *pp = proc_of(parent, true), *c = proc_of(child, true);
  if (!pp || !c) return -OSSIM_ENOMEM;
  for (int fd = 0; fd < NOFILE; fd++)
    if ((c->ofile[fd] = pp->ofile[fd])) c->ofile[fd]->ref++;
  c->cwd = pp->cwd;
  return 0;
}

static int open_console(int pid) {
  struct fproc *p = proc_of(pid, true);
  struct file *f = p ? file_alloc() : 0;
  if (!f) return -OSSIM_ENFILE;
  *f = (struct file){.type = FD_CONSOLE, .ref = 3, .readable = true, .writable = true};
  p->ofile[0] = p->ofile[1] = p->ofile[2] = f;
  return 0;
}

/* ---- pipes ---- */

/* Moves up to n bytes (all there are) from the pipe to dst. */
static uint32_t pipe_take(struct pipe *pi, char *dst, uint32_t n) {
  uint32_t avail = pi->nwrite - pi->nread, m = n < avail ? n : avail;
  for (uint32_t i = 0; i < m; i++)
    dst[i] = pi->data[(pi->nread + i) % PIPESIZE];
  pi->nread += m;
  return m;
}

/* Moves up to n bytes (what fits) from src into the pipe. */
static uint32_t pipe_put(struct pipe *pi, const char *src, uint32_t n) {
  uint32_t room = PIPESIZE - (pi->nwrite - pi->nread), m = n < room ? n : room;
  for (uint32_t i = 0; i < m; i++)
    pi->data[(pi->nwrite + i) % PIPESIZE] = src[i];
  pi->nwrite += m;
  return m;
}

static bool can_read(const struct pipe *pi) { return pi->nread != pi->nwrite || !pi->writeopen; }
static bool can_write(const struct pipe *pi) {
  return pi->nwrite - pi->nread < PIPESIZE || !pi->readopen;
}

/* ---- the console ---- */

static void console_putc(char c) { uartdrv_putc(&uart, (uint8_t)c); }

static void console_puts(const char *s) {
  while (*s)
    console_putc(*s++);
}

static bool console_has_room(void) { return cons.e - cons.r < CONS_BUF; }

/* One typed byte: echo, backspace, ^U, ^C, ^D, as mono's line discipline. ^C is the process
 * manager's to act on: a signal (this server must not call it, as it calls this one). */
static void console_rx(void *ctx, uint8_t c) {
  (void)ctx;
  switch (c) {
  case CTRL('C'):
    console_puts("^C\n");
    srv_kcall(KC_SIGNAL, BOOT_SLOT_PM_NTFN, 0, 0, 0);
    return;
  case CTRL('U'):
    while (cons.e != cons.w && cons.buf[(cons.e - 1) % CONS_BUF] != '\n') {
      cons.e--;
      console_puts("\b \b");
    }
    return;
  case CTRL('H'):
  case 0x7f:
    if (cons.e != cons.w) {
      cons.e--;
      console_puts("\b \b");
    }
    return;
  default:
    if (c == '\r') c = '\n';
    if (cons.e - cons.r >= CONS_BUF) return; /* full: drop */
    cons.buf[cons.e++ % CONS_BUF] = (char)c;
    if (c != CTRL('D')) console_putc((char)c);
    if (c == '\n' || c == CTRL('D') || cons.e - cons.r == CONS_BUF) cons.w = cons.e;
  }
}

/* True when the host's input is over and nothing of it is left to read. */
static bool console_over(void) {
  return cons.r == cons.w && cons.e == cons.w && srv_kcall(KC_INPUT_DONE, 0, 0, 0, 0) == 1;
}

static bool console_ready(void) { return cons.r != cons.w || console_over(); }

/* Up to n bytes of the lines typed, up to a newline or ^D, into dst. */
static int console_take(char *dst, uint32_t n) {
  uint32_t got = 0;
  while (got < n && cons.r != cons.w) {
    char c = cons.buf[cons.r++ % CONS_BUF];
    if (c == CTRL('D')) {
      if (got) cons.r--; /* keep ^D for the next read, which returns 0 */
      break;
    }
    dst[got++] = c;
    if (c == '\n') break;
  }
  if (cons.throttled && console_has_room()) {
    cons.throttled = false;
    srv_kcall(KC_IRQ_ACK, BOOT_SLOT_UART_IRQ, 0, 0, 0);
  }
  return (int)got;
}

/* ---- waiting readers and writers ---- */

/* Answers w, which can now go on: a reader gets data (or the end), a writer's bytes go in
 * (or it learns the readers are gone). */
static void answer(struct waiter *w) {
  struct srv_msg m = {0};
  struct pipe *pi = w->pipe;
  if (w->kind == W_CONSOLE)
    m.label = m.len = (uint32_t)console_take(BUF, w->n);
  else if (w->kind == W_READ)
    m.label = m.len = pipe_take(pi, BUF, w->n);
  else
    m.label = pi->readopen ? pipe_put(pi, w->data, w->n) : (uint32_t)-OSSIM_EPIPE;
  w->kind = W_FREE;
  srv_ipc(KC_SEND, MSG_A0(SLOT_WAIT + (uint32_t)(w - waiters), -1, -1), &m);
}

static bool can_go(const struct waiter *w) {
  switch (w->kind) {
  case W_READ: return can_read(w->pipe);
  case W_WRITE: return can_write(w->pipe);
  case W_CONSOLE: return console_ready();
  default: return false;
  }
}

/* Answers every waiter of pi (NULL: of the console) that can go on, until none can. */
static void wake(struct pipe *pi) {
  for (bool again = true; again;) {
    again = false;
    for (struct waiter *w = waiters; w < waiters + NWAIT; w++)
      if (w->kind != W_FREE && w->pipe == pi && can_go(w)) {
        answer(w);
        again = true;
      }
  }
}

#define LATER SRV_LATER /* the answer comes later, from a saved reply cap */

/* Keeps the caller's reply cap to answer when it can go on. */
static int wait_on(struct fproc *p, enum wkind kind, struct pipe *pi, uint32_t n) {
  for (struct waiter *w = waiters; w < waiters + NWAIT; w++) {
    if (w->kind != W_FREE) continue;
    if (srv_kcall(KC_REPLY_SAVE, SLOT_WAIT + (uint32_t)(w - waiters), 0, 0, 0) < 0) break;
    w->kind = kind, w->pipe = pi, w->p = p;
    w->n = kind == W_WRITE && n > PIPESIZE ? PIPESIZE : n;
    if (kind == W_WRITE) ulib_memcpy(w->data, IN, w->n);
    return LATER;
  }
  return -OSSIM_ENOMEM;
}

/* The UART interrupted (or the input ended): its bytes to the line discipline while there is
 * room, then the readers. A byte at a time, not uartdrv_intr: time passes while this server
 * echoes, more bytes arrive, and the ones without room must wait in the UART (and on the
 * host), not be dropped; the interrupt is acknowledged when a read makes room. */
static void console_intr(void) {
  int c;
  while (console_has_room() && (c = uartdrv_getc_poll(&uart)) >= 0)
    console_rx(0, (uint8_t)c);
  if (console_has_room())
    srv_kcall(KC_IRQ_ACK, BOOT_SLOT_UART_IRQ, 0, 0, 0);
  else
    cons.throttled = true;
  wake(0);
}

static int console_read(struct fproc *p, uint32_t n, bool more) {
  if (console_ready()) return console_take(OUT, n);
  return more ? 0 : wait_on(p, W_CONSOLE, 0, n);
}

static int pipe_read(struct fproc *p, struct pipe *pi, uint32_t n, bool more) {
  if (!can_read(pi)) return more ? 0 : wait_on(p, W_READ, pi, n);
  int r = (int)pipe_take(pi, OUT, n);
  wake(pi);
  return r;
}

/* Writes what fits now; the vDSO calls again for the rest. */
static int pipe_write(struct fproc *p, struct pipe *pi, uint32_t n) {
  if (!pi->readopen) return -OSSIM_EPIPE;
  if (!can_write(pi)) return wait_on(p, W_WRITE, pi, n);
  int r = (int)pipe_put(pi, IN, n);
  wake(pi);
  return r;
}

static int do_pipe(struct fproc *p, struct srv_msg *m) {
  struct pipe *pi = pipes;
  while (pi < pipes + NPIPE && pi->used)
    pi++;
  struct file *r = pi < pipes + NPIPE ? file_alloc() : 0, *w = r ? file_alloc() : 0;
  if (!w) {
    if (r) r->ref = 0;
    return -OSSIM_ENFILE;
  }
  *pi = (struct pipe){.used = true, .readopen = true, .writeopen = true};
  *r = (struct file){.type = FD_PIPE, .ref = 1, .readable = true, .pipe = pi};
  *w = (struct file){.type = FD_PIPE, .ref = 1, .writable = true, .pipe = pi};
  int fr = fd_alloc(p, r), fw = fr < 0 ? fr : fd_alloc(p, w);
  if (fw < 0) {
    if (fr >= 0) p->ofile[fr] = 0;
    file_close(r);
    file_close(w);
    return -OSSIM_EMFILE;
  }
  m->w[0] = (uint32_t)fr, m->w[1] = (uint32_t)fw;
  return 0;
}

/* ---- reading and writing ---- */

static int inode_rw(struct file *f, uint32_t n, bool write) {
  if (write && f->append) {
    struct stat st;
    if (fs_stat(&fs, f->inum, &st) == 0) f->off = (uint32_t)st.size;
  }
  int rc = write ? fs_write(&fs, f->inum, f->off, IN, n) : fs_read(&fs, f->inum, f->off, OUT, n);
  if (rc > 0) f->off += (uint32_t)rc;
  return rc;
}

static int do_read(struct fproc *p, struct srv_msg *m) {
  struct file *f = fd_get(p, m->w[0]);
  uint32_t n = m->w[1] < MSG_BUF_MAX ? m->w[1] : MSG_BUF_MAX;
  if (!f || !f->readable) return -OSSIM_EBADF;
  switch (f->type) {
  case FD_CONSOLE: return console_read(p, n, m->w[3] & IO_MORE);
  case FD_PIPE: return pipe_read(p, f->pipe, n, m->w[3] & IO_MORE);
  case FD_INODE: return inode_rw(f, n, false);
  default: return -OSSIM_EBADF;
  }
}

static int do_write(struct fproc *p, struct srv_msg *m) {
  struct file *f = fd_get(p, m->w[0]);
  uint32_t n = m->len < m->w[1] ? m->len : m->w[1];
  if (!f || !f->writable) return -OSSIM_EBADF;
  switch (f->type) {
  case FD_CONSOLE:
    for (uint32_t i = 0; i < n; i++)
      console_putc(IN[i]);
    return (int)n;
  case FD_PIPE: return pipe_write(p, f->pipe, n);
  case FD_INODE: return inode_rw(f, n, true);
  default: return -OSSIM_EBADF;
  }
}

/* ---- paths ---- */

/* The path (or the second path) of the request, NUL-terminated within the message. */
static int arg_path(struct srv_msg *m, int which, char *out) {
  uint32_t at = 0;
  for (int i = 0; i < which; i++) {
    while (at < m->len && IN[at])
      at++;
    at++;
  }
  uint32_t len = 0;
  while (at + len < m->len && IN[at + len])
    len++;
  if (at + len >= m->len) return -OSSIM_EFAULT;
  if (len >= MAXPATH) return -OSSIM_ENAMETOOLONG;
  ulib_memcpy(out, IN + at, len + 1);
  return 0;
}

static int do_open(struct fproc *p, struct srv_msg *m) {
  char path[MAXPATH];
  uint32_t mode = m->w[0], inum;
  struct stat st;
  short major = 0, minor = 0;
  int rc = arg_path(m, 0, path);
  if (rc == 0)
    rc = mode & O_NOFOLLOW ? fs_lookup_link(&fs, p->cwd, path, &inum)
                           : fs_lookup(&fs, p->cwd, path, &inum);
  if (rc == -OSSIM_ENOENT && (mode & O_CREATE))
    rc = fs_create(&fs, p->cwd, path, T_FILE, 0, 0, &inum);
  if (rc == 0) rc = fs_stat(&fs, inum, &st);
  if (rc == 0 && st.type == T_DIR && (mode & (O_WRONLY | O_RDWR))) rc = -OSSIM_EISDIR;
  if (rc == 0 && st.type == T_DEVICE) fs_devnum(&fs, inum, &major, &minor);
  if (rc == 0 && st.type == T_DEVICE && major != CONSOLE_MAJOR) rc = -OSSIM_ENODEV;
  if (rc == 0 && (mode & O_TRUNC) && st.type == T_FILE) rc = fs_truncate(&fs, inum);
  if (rc < 0) return rc;
  struct file *f = file_alloc();
  int fd = f ? fd_alloc(p, f) : -OSSIM_ENFILE;
  if (fd < 0) {
    if (f) f->ref = 0;
    return fd;
  }
  bool console = st.type == T_DEVICE;
  if (!console) fs_iget(&fs, inum); /* the console keeps only its number, for fstat */
  f->type = console ? FD_CONSOLE : FD_INODE;
  f->inum = inum;
  f->readable = !(mode & O_WRONLY);
  f->writable = (mode & O_WRONLY) || (mode & O_RDWR);
  f->append = (mode & O_APPEND) != 0;
  return fd;
}

/* The calls that take one or two paths and hand them to the file system. */
static int do_path(struct fproc *p, struct srv_msg *m) {
  char path[MAXPATH], path2[MAXPATH];
  uint32_t inum;
  struct stat st;
  int rc = arg_path(m, 0, path);
  if (rc == 0 && (m->label == SYS_link || m->label == SYS_symlink)) rc = arg_path(m, 1, path2);
  if (rc < 0) return rc;
  switch (m->label) {
  case SYS_link: return fs_link(&fs, p->cwd, path, path2);
  case SYS_symlink: return fs_symlink(&fs, p->cwd, path, path2);
  case SYS_unlink: return fs_unlink(&fs, p->cwd, path);
  case SYS_mkdir: return fs_create(&fs, p->cwd, path, T_DIR, 0, 0, &inum);
  case SYS_mknod:
    return fs_create(&fs, p->cwd, path, T_DEVICE, (short)m->w[0], (short)m->w[1], &inum);
  default: /* chdir */
    rc = fs_lookup(&fs, p->cwd, path, &inum);
    if (rc == 0) rc = fs_stat(&fs, inum, &st);
    if (rc == 0 && st.type != T_DIR) rc = -OSSIM_ENOTDIR;
    if (rc == 0) p->cwd = inum;
    return rc;
  }
}

/* readlink: the target of the link at the path, up to w0 bytes, comes back in the buffer. */
static int do_readlink(struct fproc *p, struct srv_msg *m) {
  char path[MAXPATH];
  int rc = arg_path(m, 0, path);
  if (rc == 0)
    rc = fs_readlink(&fs, p->cwd, path, OUT, m->w[0] < MSG_BUF_MAX ? m->w[0] : MSG_BUF_MAX);
  return rc; /* its bytes in OUT: request() sends them */
}

static int do_fstat(struct fproc *p, struct srv_msg *m) {
  struct file *f = fd_get(p, m->w[0]);
  if (!f) return -OSSIM_EBADF;
  struct stat st = {0};
  int rc = 0;
  if (f->type == FD_INODE || (f->type == FD_CONSOLE && f->inum))
    rc = fs_stat(&fs, f->inum, &st);
  else
    st.type = T_DEVICE; /* a pipe or the console */
  ulib_memcpy(OUT, &st, sizeof st);
  m->len = sizeof st;
  return rc;
}

static int do_lseek(struct fproc *p, struct srv_msg *m) {
  struct file *f = fd_get(p, m->w[0]);
  struct stat st;
  if (!f) return -OSSIM_EBADF;
  if (f->type != FD_INODE) return -OSSIM_ESPIPE;
  int rc = fs_stat(&fs, f->inum, &st);
  if (rc < 0) return rc;
  uint32_t w = m->w[2];
  int64_t base = w == 0 ? 0 : w == 1 ? (int64_t)f->off : w == 2 ? (int64_t)st.size : -1;
  int64_t off = base + (int32_t)m->w[1];
  if (base < 0 || off < 0 || off > 0x7fffffff) return -OSSIM_EINVAL;
  f->off = (uint32_t)off;
  return (int)off;
}

static int do_dup(struct fproc *p, struct srv_msg *m) {
  struct file *f = fd_get(p, m->w[0]);
  if (!f) return -OSSIM_EBADF;
  int fd = fd_alloc(p, f);
  if (fd >= 0) f->ref++;
  return fd;
}

static int do_close(struct fproc *p, struct srv_msg *m) {
  struct file *f = fd_get(p, m->w[0]);
  if (!f) return -OSSIM_EBADF;
  p->ofile[m->w[0]] = 0;
  file_close(f);
  return 0;
}

/* exec's read: up to a page of the file at path from offset w1, for process w0. */
static int read_for_exec(struct srv_msg *m) {
  char path[MAXPATH];
  struct fproc *p = proc_of((int)m->w[0], false);
  uint32_t inum;
  struct stat st;
  int rc = arg_path(m, 0, path);
  if (rc == 0) rc = fs_lookup(&fs, p ? p->cwd : FS_ROOTINO, path, &inum);
  if (rc == 0) rc = fs_stat(&fs, inum, &st);
  if (rc == 0 && st.type != T_FILE) rc = st.type == T_DIR ? -OSSIM_EISDIR : -OSSIM_EACCES;
  if (rc == 0) rc = fs_read(&fs, inum, m->w[1], OUT, MSG_BUF_MAX);
  if (rc > 0) m->len = (uint32_t)rc;
  return rc;
}

/* The process manager's requests (badge 0). */
static int handle_pm(struct srv_msg *m) {
  struct fproc *p;
  switch (m->label) {
  case FS_FORK: return proc_fork((int)m->w[0], (int)m->w[1]);
  case FS_EXIT:
    if ((p = proc_of((int)m->w[0], false))) proc_exit(p);
    return 0;
  case FS_CONSOLE: return open_console((int)m->w[0]);
  case FS_READFILE: return read_for_exec(m);
  default: return -OSSIM_ENOSYS;
  }
}

static int handle(struct srv_msg *m) {
  if (m->badge == 0 && m->label == LABEL_NOTIFY) {
    console_intr();
    return LATER; /* a notification: nobody to answer */
  }
  if (m->badge == 0) return handle_pm(m);
  struct fproc *p = proc_of((int)m->badge, true);
  if (!p) return -OSSIM_ENOMEM;
  switch (m->label) {
  case SYS_read: return do_read(p, m);
  case SYS_write: return do_write(p, m);
  case SYS_open: return do_open(p, m);
  case SYS_close: return do_close(p, m);
  case SYS_dup: return do_dup(p, m);
  case SYS_pipe: return do_pipe(p, m);
  case SYS_fstat: return do_fstat(p, m);
  case SYS_lseek: return do_lseek(p, m);
  case SYS_readlink: return do_readlink(p, m);
  case SYS_link:
  case SYS_symlink:
  case SYS_unlink:
  case SYS_mkdir:
  case SYS_mknod:
  case SYS_chdir: return do_path(p, m);
  default: return -OSSIM_ENOSYS;
  }
}

/* A request, with the reply's bytes counted in m->len. */
static int request(struct srv_msg *m) {
  uint32_t label = m->label;
  ulib_memcpy(IN, BUF, m->len < MSG_BUF_MAX ? m->len : MSG_BUF_MAX);
  int rc = handle(m);
  if (label == SYS_read || label == FS_READFILE || label == SYS_readlink)
    m->len = rc > 0 && rc != LATER ? (uint32_t)rc : 0;
  else if (label != SYS_fstat)
    m->len = 0;
  ulib_memcpy(BUF, OUT, m->len);
  return rc;
}

int main(void) {
  int rc = start();
  if (rc < 0) {
    srv_printf("fs: cannot mount the file system: error %d\n", rc);
    srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 1, 0, 0);
  }
  srv_serve(BOOT_SLOT_FS, request);
}
