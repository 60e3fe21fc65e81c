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
 * What a descriptor, an open file, a pipe and open() are is the shared file layer's
 * (kernels/lib/file); what is this server's is how a caller waits: where the layer answers
 * -EAGAIN, the caller's reply cap is kept, and answered when it can go on.
 *
 * Requests (micro/proto.h) carry the caller's pid in their badge; the process manager's
 * (badge 0) tell it about forks and exits and read files for exec. A read of an empty pipe
 * waits: its reply cap is kept and answered when a writer comes (or the last one goes).
 */
#include <stdbool.h>

#include "abi/blk.h"
#include "abi/errno.h"
#include "abi/stat.h"
#include "abi/syscall.h"
#include "file/file.h"
#include "fs/fs.h"
#include "micro/proto.h"
#include "srv.h"
#include "string.h" /* the runtime's word-at-a-time copies */
#include "ulib.h"

#define NPROC 64
/* The IPC buffer is also where the disk driver's answers land, so a request's bytes are
 * copied in (IN) before it is handled, and its answer's (OUT) out after. */
#define BUF ((char *)BOOT_IPC_BUF)
static char IN[MSG_BUF_MAX], OUT[MSG_BUF_MAX];
#define SLOT_WAIT BOOT_SLOT_SRV        /* NPROC slots for saved reply caps */
#define SLOT_TAKEN (SLOT_WAIT + NPROC) /* a cap that came with a call (FS_LOADSEG's space) */
_Static_assert(SLOT_TAKEN < BOOT_SLOT_DEBUG, "the waiters' slots fit the cspace");
/* How many times a call to the console driver is made while the driver dies holding it. */
#define CON_TRIES 8

struct fproc {
  int pid; /* 0: free */
  uint32_t cwd;
  struct file_fds fds;
};

/* A reader of an empty pipe or of the console, or a writer to a full pipe, waiting: answered
 * later by a send on its saved reply cap (slot SLOT_WAIT + its index). A writer's bytes wait
 * here with it. Each process has its own, waiters[its index in procs]: a process has one
 * thread, so it waits in one call at most, and however many others wait, its call that
 * should block does (a table shared by all would be full for some). */
enum wkind { W_FREE, W_READ, W_WRITE, W_CONSOLE };
struct waiter {
  enum wkind kind;
  struct pipe *pipe;
  struct fproc *p;
  uint32_t n;
  char data[PIPE_SIZE];
};

static struct fs fs;
static struct fproc procs[NPROC];
static struct file_table files;
static struct waiter waiters[NPROC];
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

static void wake(struct pipe *pi);

/* Drops a reference to f; the last one gives back what f holds. */
static void file_close(struct file *f) {
  if (file_put(f) > 0) return;
  if (file_release(f) == FD_INODE) fs_iput(&fs, f->inum);
  if (f->type == FD_PIPE) wake(f->pipe); /* its waiters learn the end is gone */
  file_free(f);
}

static void proc_exit(struct fproc *p) {
  for (uint32_t fd = 0; fd < FILE_NOFILE; fd++) {
    struct file *f = file_fd_take(&p->fds, fd);
    if (f) file_close(f);
  }
  for (struct waiter *w = waiters; w < waiters + NPROC; w++)
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

/* FS_NEW: process pid, with descriptors 0, 1, 2 on the console if console. */
static int proc_first(int pid, bool console) {
  int rc;
  struct fproc *p = proc_new(pid, &rc);
  return p && console ? file_console(&files, &p->fds) : rc;
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
  file_console(&files, &p->fds);
  return p;
}

static int proc_fork(int parent, int child) {
  struct fproc *pp = caller(parent), *c;
  int rc;
  if (!pp) return -OSSIM_ESRCH;
  if (!(c = proc_new(child, &rc))) return rc;
  file_fd_fork(&c->fds, &pp->fds);
  c->cwd = pp->cwd;
  return 0;
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
  const void *wait;
  if (w->kind == W_READ) {
    int n = pipe_read(w->pipe, BUF, w->n, &wait);
    answer(w, (uint32_t)n, n > 0 ? (uint32_t)n : 0);
  } else {
    answer(w, (uint32_t)pipe_write(w->pipe, w->data, w->n, &wait), 0);
  }
}

static bool can_go(const struct waiter *w) {
  return w->kind == W_READ ? pipe_can_read(w->pipe) : w->kind == W_WRITE && pipe_can_write(w->pipe);
}

/* Answers every waiter of pi that can go on, until none can. */
static void wake(struct pipe *pi) {
  for (bool again = true; again;) {
    again = false;
    for (struct waiter *w = waiters; w < waiters + NPROC; w++)
      if (w->kind != W_FREE && w->pipe == pi && can_go(w)) {
        answer_pipe(w);
        again = true;
      }
  }
}

/* The console driver signalled: its input goes to the console's waiting readers, in turn,
 * while there is some. */
static void console_wake(void) {
  for (struct waiter *w = waiters; w < waiters + NPROC; w++) {
    if (w->kind != W_CONSOLE) continue;
    int r = console_take(w->n);
    if (r == -OSSIM_EAGAIN) return;
    answer(w, (uint32_t)r, r > 0 ? (uint32_t)r : 0);
  }
}

#define LATER SRV_LATER /* the answer comes later, from a saved reply cap */

/* Keeps the caller's reply cap, in its own waiter, to answer when it can go on. */
static int wait_on(struct fproc *p, enum wkind kind, struct pipe *pi, uint32_t n) {
  struct waiter *w = &waiters[p - procs];
  if (w->kind != W_FREE) return -OSSIM_EBUSY; /* not its one thread, then: a forged call */
  if (srv_kcall(KC_REPLY_SAVE, SLOT_WAIT + (uint32_t)(w - waiters), 0, 0, 0) < 0)
    return -OSSIM_ENOMEM;
  w->kind = kind, w->pipe = pi, w->p = p;
  w->n = kind == W_WRITE && n > PIPE_SIZE ? PIPE_SIZE : n;
  if (kind == W_WRITE) memcpy(w->data, IN, w->n);
  return LATER;
}

static int console_read(struct fproc *p, uint32_t n, bool more) {
  int r = console_take(n);
  if (r > 0) memcpy(OUT, BUF, (uint32_t)r);
  if (r != -OSSIM_EAGAIN) return r;
  return more ? 0 : wait_on(p, W_CONSOLE, 0, n);
}

static int pipe_in(struct fproc *p, struct pipe *pi, uint32_t n, bool more) {
  const void *wait;
  int r = pipe_read(pi, OUT, n, &wait);
  if (r == -OSSIM_EAGAIN) return more ? 0 : wait_on(p, W_READ, pi, n);
  wake(pi);
  return r;
}

/* Writes what fits now; the vDSO calls again for the rest. */
static int pipe_out(struct fproc *p, struct pipe *pi, uint32_t n) {
  const void *wait;
  int r = pipe_write(pi, IN, n, &wait);
  if (r == -OSSIM_EAGAIN) return wait_on(p, W_WRITE, pi, n);
  if (r > 0) wake(pi);
  return r;
}

static int do_pipe(struct fproc *p, struct srv_msg *m) {
  int fds[2];
  int rc = file_pipe(&files, &p->fds, fds);
  if (rc == 0) m->w[0] = (uint32_t)fds[0], m->w[1] = (uint32_t)fds[1];
  return rc;
}

/* ---- reading and writing ---- */

static int do_read(struct fproc *p, struct srv_msg *m) {
  struct file *f = file_fd_get(&p->fds, m->w[0]);
  uint32_t n = m->w[1] < MSG_BUF_MAX ? m->w[1] : MSG_BUF_MAX;
  if (!f || !f->readable) return -OSSIM_EBADF;
  switch (f->type) {
  case FD_CONSOLE: return console_read(p, n, m->w[3] & IO_MORE);
  case FD_PIPE: return pipe_in(p, f->pipe, n, m->w[3] & IO_MORE);
  case FD_INODE: return file_rw(&fs, f, OUT, n, false);
  default: return -OSSIM_EBADF;
  }
}

static int do_write(struct fproc *p, struct srv_msg *m) {
  struct file *f = file_fd_get(&p->fds, m->w[0]);
  uint32_t n = m->len < m->w[1] ? m->len : m->w[1];
  if (!f || !f->writable) return -OSSIM_EBADF;
  switch (f->type) {
  case FD_CONSOLE: return con_call(CON_WRITE, 0, IN, n);
  case FD_PIPE: return pipe_out(p, f->pipe, n);
  case FD_INODE: return file_rw(&fs, f, IN, n, true);
  default: return -OSSIM_EBADF;
  }
}

/* ---- paths ---- */

/* exec reads a program in pieces, naming it by its path each time (pm keeps no file open):
 * the last lookup is kept — directory, path, inode — while no name goes (names_gen), so the
 * path is looked up once per exec, not once per page. */
static struct {
  uint32_t dir, inum, gen;
  char path[FILE_MAXPATH];
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
  if (len >= FILE_MAXPATH) return -OSSIM_ENAMETOOLONG;
  memcpy(out, IN + at, len + 1);
  return 0;
}

static int do_open(struct fproc *p, struct srv_msg *m) {
  char path[FILE_MAXPATH];
  int rc = arg_path(m, 0, path);
  /* No devices but the console: the drivers of others are mono's modules. */
  return rc < 0 ? rc : file_open(&files, &p->fds, &fs, p->cwd, path, m->w[0], 0);
}

/* The calls that take one or two paths and hand them to the file system. */
static int do_path(struct fproc *p, struct srv_msg *m) {
  char path[FILE_MAXPATH], path2[FILE_MAXPATH] = "";
  int rc = arg_path(m, 0, path);
  if (rc == 0 && (m->label == SYS_link || m->label == SYS_symlink)) rc = arg_path(m, 1, path2);
  if (rc < 0) return rc;
  if (m->label == SYS_link || m->label == SYS_unlink) names_gen++;
  return file_path(&fs, &p->cwd, (int)m->label, path, path2, (short)m->w[0], (short)m->w[1]);
}

/* readlink: the target of the link at the path, up to w0 bytes, comes back in the buffer. */
static int do_readlink(struct fproc *p, struct srv_msg *m) {
  char path[FILE_MAXPATH];
  int rc = arg_path(m, 0, path);
  if (rc == 0)
    rc = file_readlink(&fs, p->cwd, path, OUT, m->w[0] < MSG_BUF_MAX ? m->w[0] : MSG_BUF_MAX);
  return rc; /* its bytes in OUT: request() sends them */
}

static int do_fstat(struct fproc *p, struct srv_msg *m) {
  struct file *f = file_fd_get(&p->fds, m->w[0]);
  if (!f) return -OSSIM_EBADF;
  struct stat st;
  int rc = file_fstat(&fs, f, &st);
  memcpy(OUT, &st, sizeof st);
  m->len = sizeof st;
  return rc;
}

static int do_lseek(struct fproc *p, struct srv_msg *m) {
  struct file *f = file_fd_get(&p->fds, m->w[0]);
  return f ? file_lseek(&fs, f, (int32_t)m->w[1], m->w[2]) : -OSSIM_EBADF;
}

static int do_close(struct fproc *p, struct srv_msg *m) {
  struct file *f = file_fd_take(&p->fds, m->w[0]);
  if (!f) return -OSSIM_EBADF;
  file_close(f);
  return 0;
}

/* The program file at the path of an exec request of process w0: its inode and stat. */
static int exec_file(struct srv_msg *m, uint32_t *inum, struct stat *st) {
  char path[FILE_MAXPATH];
  struct fproc *p = caller((int)m->w[0]); /* after a restart, a survivor's exec too */
  int rc = p ? arg_path(m, 0, path) : -OSSIM_ESRCH;
  if (rc == 0) rc = lookup_for_exec(p->cwd, path, inum);
  if (rc == 0) rc = fs_stat(&fs, *inum, st);
  if (rc == 0 && st->type != T_FILE) rc = st->type == T_DIR ? -OSSIM_EISDIR : -OSSIM_EACCES;
  return rc;
}

/* exec's read: up to w2 bytes (a page) of the file at path from offset w1, for process w0,
 * and the file's length. */
static int read_for_exec(struct srv_msg *m) {
  uint32_t inum;
  struct stat st;
  int rc = exec_file(m, &inum, &st);
  if (rc == 0) rc = fs_read(&fs, inum, m->w[1], OUT, m->w[2] < MSG_BUF_MAX ? m->w[2] : MSG_BUF_MAX);
  if (rc >= 0) m->w[0] = (uint32_t)st.size;
  if (rc > 0) m->len = (uint32_t)rc;
  return rc;
}

/* exec's loading: w2 bytes of the file from offset w1 to va w3 of the space that came with
 * the call, a page at a time through OUT. One request for a whole segment: the path is
 * looked at once, and the bytes cross to the new space in one kernel copy, not through the
 * process manager. */
static int load_for_exec(struct srv_msg *m) {
  if (!(m->status & MSG_CAP_MOVED)) return -OSSIM_EINVAL;
  uint32_t inum, off = m->w[1], n = m->w[2], va = m->w[3];
  struct stat st;
  int rc = exec_file(m, &inum, &st);
  for (uint32_t done = 0; rc >= 0 && done < n;) {
    uint32_t chunk = n - done < MSG_BUF_MAX ? n - done : MSG_BUF_MAX;
    rc = fs_read(&fs, inum, off + done, OUT, chunk);
    if (rc >= 0 && (uint32_t)rc < chunk) rc = -OSSIM_ENOEXEC; /* the file is cut short */
    if (rc >= 0 &&
        srv_kcall(KC_AS_WRITE, SLOT_TAKEN, va + done, (uint32_t)(uintptr_t)OUT, chunk) < 0)
      rc = -OSSIM_ENOMEM; /* the new space's quota is spent */
    done += chunk;
  }
  return rc < 0 ? rc : 0;
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
  case FS_LOADSEG: return load_for_exec(m);
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
  case SYS_dup: return file_fd_dup(&p->fds, m->w[0]);
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
  bool took = m->status & MSG_CAP_MOVED;
  int rc = handle(m);
  if (took) srv_kcall(KC_CAP_DELETE, SLOT_TAKEN, 0, 0, 0); /* FS_LOADSEG's space, or a stray */
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
    srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 1, (uint32_t)-rc, 0); /* the host names the disk */
  }
  srv_serve_taking(BOOT_SLOT_FS, SLOT_TAKEN, request);
}
