/*
 * fs: the file server, a system server. It runs the shared file system (kernels/lib/fs)
 * over the disk, and owns what mono keeps per process for files: the descriptor tables, the
 * open files with their offsets, the pipes, the working directories, and the console.
 *
 * Why one server for all of these: descriptors name pipes, files and the console alike, and
 * fork and exit change them all at once; so the table of open files lives with whoever
 * serves reads and writes. The devices are drivers' servers: the disk is blk.c's, the
 * console con.c's (the UART and the line discipline). A console read that finds no line
 * typed waits here, and the console driver's signal (FS_NOTE_CON, on a notification bound
 * to this thread) says when to ask again.
 *
 * Requests (micro/proto.h) carry the caller's pid in their badge; the process manager's
 * (badge 0) tell it about forks and exits and read files for exec. A read of an empty pipe
 * waits: its reply cap is kept and answered when a writer comes (or the last one goes).
 */
#include <stdbool.h>

#include "abi/errno.h"
#include "abi/stat.h"
#include "abi/syscall.h"
#include "abi/blk.h"
#include "fs/fs.h"
#include "micro/proto.h"
#include "srv.h"
#include "string.h" /* the runtime's word-at-a-time copies */
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
#define SLOT_WAIT BOOT_SLOT_SRV /* NWAIT slots for saved reply caps */
/* How many times a call to the console driver is made while the driver dies holding it. */
#define CON_TRIES 8

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

static struct fs fs;
static struct fproc procs[NPROC];
static struct file files[NFILE];
static struct pipe pipes[NPIPE];
static struct waiter waiters[NWAIT];
static bool restarted; /* this is not the first instance: the reincarnation server restarted it */

/* ---- the disk, through the disk driver's server ---- */

/* A block to or from the disk driver. A request the driver held when it died comes back
 * -EPIPE: it is sent again, and waits on the endpoint until the driver's next instance
 * takes it (the reincarnation server restarts it, or powers the system off). Sending a
 * request twice is harmless: a block written twice holds the same bytes. */
static int disk_io(uint32_t block, void *buf, int write) {
  uint32_t per = FS_BSIZE / BLK_SECTOR_SIZE;
  struct srv_msg m;
  // LAB 09 BEGIN
  do { /* the driver died with it (-EPIPE): the same request again, to its next instance */
    m = (struct srv_msg){.label = write ? BLK_WRITE : BLK_READ, .w = {block * per, per}};
    if (write) memcpy(BUF, buf, FS_BSIZE);
    m.len = write ? FS_BSIZE : 0;
    srv_ipc(KC_CALL, MSG_A0(BOOT_SLOT_BLKEP, -1, -1), &m);
  } while (m.status == -OSSIM_EPIPE);
  // LAB 09 STARTER
  // m = (struct srv_msg){.label = write ? BLK_WRITE : BLK_READ, .w = {block * per, per}};
  // if (write) memcpy(BUF, buf, FS_BSIZE);
  // m.len = write ? FS_BSIZE : 0;
  // srv_ipc(KC_CALL, MSG_A0(BOOT_SLOT_BLKEP, -1, -1), &m); /* TODO (lab 9): if blk died? */
  // LAB 09 END
  int rc = m.status < 0 ? m.status : (int)m.label;
  if (rc == 0 && !write) memcpy(buf, BUF, FS_BSIZE);
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

/* The console driver's signals (bound: they come as messages) and the file system. */
static int start(void) {
  struct fs_disk d = {.read = disk_read, .write = disk_write};
  int rc = srv_kcall(KC_NTFN_BIND, BOOT_SLOT_FS_NTFN, 0, 0, 0);
  return rc < 0 ? rc : fs_mount(&fs, &d);
}

/* ---- processes and open files ---- */

/* Process pid's entry (a new one if make), or NULL. */
static struct fproc *proc_of(int pid, bool make) {
  struct fproc *free = 0;
  if (pid <= 0) return 0; /* 0 marks a free entry */
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

/* A new process's entry: -EEXIST if pid has one, -EINVAL for no pid. */
static struct fproc *proc_new(int pid, int *rc) {
  *rc = pid <= 0 ? -OSSIM_EINVAL : proc_of(pid, false) ? -OSSIM_EEXIST : 0;
  struct fproc *p = *rc == 0 ? proc_of(pid, true) : 0;
  if (*rc == 0 && !p) *rc = -OSSIM_ENOMEM;
  return p;
}

/* Descriptors 0, 1 and 2 of p on the console. */
static int console_fds(struct fproc *p) {
  struct file *f = file_alloc();
  if (!f) return -OSSIM_ENFILE;
  *f = (struct file){.type = FD_CONSOLE, .ref = 3, .readable = true, .writable = true};
  p->ofile[0] = p->ofile[1] = p->ofile[2] = f;
  return 0;
}

/* FS_NEW: process pid, with descriptors 0, 1, 2 on the console if console. */
static int proc_first(int pid, bool console) {
  int rc;
  struct fproc *p = proc_new(pid, &rc);
  return p && console ? console_fds(p) : rc;
}

/* Process pid, which calls or forks; NULL if the process manager never told of it. After a
 * restart, one this instance has not heard of is a survivor of the instance before: its
 * descriptors died with that one, but 0, 1 and 2 are the console again (most processes had
 * it there), so that a shell goes on. (Only then is an unknown badge taken on trust: this
 * instance cannot tell a survivor from a made-up badge without asking the process manager.) */
static struct fproc *caller(int pid) {
  struct fproc *p = proc_of(pid, false);
  int rc;
  if (p || !restarted || !(p = proc_new(pid, &rc))) return p;
  console_fds(p);
  return p;
}

static int proc_fork(int parent, int child) {
  struct fproc *pp = caller(parent), *c;
  int rc;
  if (!pp) return -OSSIM_ESRCH;
  if (!(c = proc_new(child, &rc))) return rc;
  for (int fd = 0; fd < NOFILE; fd++)
    if ((c->ofile[fd] = pp->ofile[fd])) c->ofile[fd]->ref++;
  c->cwd = pp->cwd;
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

/* ---- the console, through the console driver's server ---- */

/* A call to the console driver with len bytes of data. A driver that dies holding the call
 * makes it come back -EPIPE: it is made again, to the driver restarted on the same endpoint,
 * so nothing written is lost (a write cut short by the death may go out twice in part). */
static int con_call(uint32_t label, uint32_t w0, const char *data, uint32_t len) {
  struct srv_msg m = {.status = -OSSIM_EPIPE};
  for (int i = 0; i < CON_TRIES && m.status == -OSSIM_EPIPE; i++) {
    m = (struct srv_msg){.label = label, .w = {w0}, .len = len};
    memcpy(BUF, data, len);
    srv_ipc(KC_CALL, MSG_A0(BOOT_SLOT_CON, -1, -1), &m);
  }
  if (m.status < 0) return m.status == -OSSIM_EPIPE ? -OSSIM_EIO : m.status;
  return (int)m.label;
}

/* Up to n typed bytes, left in the IPC buffer; -EAGAIN when none are there yet. */
static int console_take(uint32_t n) {
  int r = con_call(CON_READ, n, 0, 0);
  return r > (int)n ? (int)n : r; /* never more than asked, whatever the driver says */
}

/* ---- waiting readers and writers ---- */

/* Answers w with label and the len bytes in the IPC buffer; w is free again. */
static void answer(struct waiter *w, uint32_t label, uint32_t len) {
  struct srv_msg m = {.label = label, .len = len};
  w->kind = W_FREE;
  srv_ipc(KC_SEND, MSG_A0(SLOT_WAIT + (uint32_t)(w - waiters), -1, -1), &m);
}

/* Answers w, a waiter of a pipe that can now go on: a reader gets data (or the end), a
 * writer's bytes go in (or it learns the readers are gone). */
static void answer_pipe(struct waiter *w) {
  struct pipe *pi = w->pipe;
  if (w->kind == W_READ) {
    uint32_t n = pipe_take(pi, BUF, w->n);
    answer(w, n, n);
  } else {
    answer(w, pi->readopen ? pipe_put(pi, w->data, w->n) : (uint32_t)-OSSIM_EPIPE, 0);
  }
}

static bool can_go(const struct waiter *w) {
  return w->kind == W_READ ? can_read(w->pipe) : w->kind == W_WRITE && can_write(w->pipe);
}

/* Answers every waiter of pi that can go on, until none can. */
static void wake(struct pipe *pi) {
  for (bool again = true; again;) {
    again = false;
    for (struct waiter *w = waiters; w < waiters + NWAIT; w++)
      if (w->kind != W_FREE && w->pipe == pi && can_go(w)) {
        answer_pipe(w);
        again = true;
      }
  }
}

/* The console driver signalled: its input goes to the console's waiting readers, in turn,
 * while there is some. */
static void console_wake(void) {
  for (struct waiter *w = waiters; w < waiters + NWAIT; w++) {
    if (w->kind != W_CONSOLE) continue;
    int r = console_take(w->n);
    if (r == -OSSIM_EAGAIN) return;
    answer(w, (uint32_t)r, r > 0 ? (uint32_t)r : 0);
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
    if (kind == W_WRITE) memcpy(w->data, IN, w->n);
    return LATER;
  }
  return -OSSIM_ENOMEM;
}

static int console_read(struct fproc *p, uint32_t n, bool more) {
  int r = console_take(n);
  if (r > 0) memcpy(OUT, BUF, (uint32_t)r);
  if (r != -OSSIM_EAGAIN) return r;
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
  case FD_CONSOLE: return con_call(CON_WRITE, 0, IN, n);
  case FD_PIPE: return pipe_write(p, f->pipe, n);
  case FD_INODE: return inode_rw(f, n, true);
  default: return -OSSIM_EBADF;
  }
}

/* ---- paths ---- */

/* exec reads a program in pieces, naming it by its path each time (pm keeps no file open):
 * the last lookup is kept — directory, path, inode — while no name goes (names_gen), so the
 * path is looked up once per exec, not once per page. */
static struct {
  uint32_t dir, inum, gen;
  char path[MAXPATH];
} exec_lookup;
static uint32_t names_gen = 1; /* bumped by an unlink or a link */

static int lookup_for_exec(uint32_t dir, const char *path, uint32_t *inum) {
  if (exec_lookup.gen == names_gen && exec_lookup.dir == dir &&
      ulib_strcmp(exec_lookup.path, path) == 0) {
    *inum = exec_lookup.inum;
    return 0;
  }
  int rc = fs_lookup(&fs, dir, path, inum);
  if (rc == 0) {
    exec_lookup.dir = dir, exec_lookup.inum = *inum, exec_lookup.gen = names_gen;
    memcpy(exec_lookup.path, path, ulib_strlen(path) + 1);
  }
  return rc;
}

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
  memcpy(out, IN + at, len + 1);
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
  if (m->label == SYS_link || m->label == SYS_unlink) names_gen++;
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
  memcpy(OUT, &st, sizeof st);
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

/* exec's read: up to w2 bytes (a page) of the file at path from offset w1, for process w0,
 * and the file's length. */
static int read_for_exec(struct srv_msg *m) {
  char path[MAXPATH];
  struct fproc *p = caller((int)m->w[0]); /* after a restart, a survivor's exec too */
  uint32_t inum;
  struct stat st;
  int rc = p ? arg_path(m, 0, path) : -OSSIM_ESRCH;
  if (rc == 0) rc = lookup_for_exec(p->cwd, path, &inum);
  if (rc == 0) rc = fs_stat(&fs, inum, &st);
  if (rc == 0 && st.type != T_FILE) rc = st.type == T_DIR ? -OSSIM_EISDIR : -OSSIM_EACCES;
  if (rc == 0) rc = fs_read(&fs, inum, m->w[1], OUT, m->w[2] < MSG_BUF_MAX ? m->w[2] : MSG_BUF_MAX);
  if (rc >= 0) m->w[0] = (uint32_t)st.size;
  if (rc > 0) m->len = (uint32_t)rc;
  return rc;
}

/* The process manager's requests (badge 0). */
static int handle_pm(struct srv_msg *m) {
  struct fproc *p;
  switch (m->label) {
  case FS_FORK: return proc_fork((int)m->w[0], (int)m->w[1]);
  case FS_EXIT:
    if (!(p = proc_of((int)m->w[0], false))) return -OSSIM_ESRCH;
    proc_exit(p);
    return 0;
  case FS_NEW: return proc_first((int)m->w[0], m->w[1] == 1);
  case FS_READFILE: return read_for_exec(m);
  default: return -OSSIM_ENOSYS;
  }
}

static int handle(struct srv_msg *m) {
  if (srv_notified(m)) {
    if (m->w[0] & FS_NOTE_CON) console_wake();
    return LATER; /* a notification: nobody to answer */
  }
  if (m->badge == 0) return handle_pm(m);
  struct fproc *p = caller((int)m->badge);
  if (!p) return -OSSIM_ESRCH; /* a badge the process manager did not tell of */
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
  memcpy(IN, BUF, m->len < MSG_BUF_MAX ? m->len : MSG_BUF_MAX);
  int rc = handle(m);
  if (label == SYS_read || label == FS_READFILE || label == SYS_readlink)
    m->len = rc > 0 && rc != LATER ? (uint32_t)rc : 0;
  else if (label != SYS_fstat)
    m->len = 0;
  memcpy(BUF, OUT, m->len);
  return rc;
}

int main(uint32_t arg, uint32_t index, uint32_t restarts) {
  (void)arg, (void)index;
  restarted = restarts > 0;
  int rc = start();
  if (rc < 0) {
    srv_printf("fs: cannot mount the file system: error %d\n", rc);
    srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 1, 0, 0);
  }
  srv_serve(BOOT_SLOT_FS, request);
}
