/*
 * files.c: file descriptors, open files and pipes -- what xv6's file.c and sysfile.c do for a
 * process, for the one program -- over the shared file system (kernels/lib/fs), which the
 * library OS links and calls directly. Same semantics as mono's (kernels/mono/file.c), so a
 * program gets the same answers on both; what differs is that nothing here ever sleeps for
 * another process:
 *
 *  - a pipe has both ends in this program, so a read of an empty pipe whose write end is
 *    open, or a write to a full one whose read end is open, would wait forever: it returns
 *    -EAGAIN instead (what a non-blocking descriptor answers);
 *  - the disk is waited for in wfi (dev.c), with nothing else to run meanwhile.
 */
#include "abi/errno.h"
#include "abi/syscall.h"
#include "fs/fs.h"
#include "libos.h"
#include "rt.h"

#define NFILE 32 /* open files: descriptors share them after dup */
#define NPIPE 8
#define PIPESIZE 512

enum ftype { FD_NONE, FD_CONSOLE, FD_INODE, FD_PIPE };

struct pipe {
  char data[PIPESIZE];
  uint32_t nread, nwrite; /* bytes read and written since the pipe was made */
  bool readopen, writeopen, used;
};

struct file {
  enum ftype type;
  int ref; /* descriptors naming it; 0: free */
  bool readable, writable, append;
  uint32_t inum; /* FD_INODE, and FD_CONSOLE opened by name (for fstat) */
  uint32_t off;  /* FD_INODE */
  struct pipe *pipe;
};

static struct fs fs;
static bool mounted;
static uint32_t cwd = FS_ROOTINO;
static struct file files[NFILE];
static struct file *ofile[LIBOS_NOFILE];
static struct pipe pipes[NPIPE];

static struct file *filealloc(void) {
  for (struct file *f = files; f < &files[NFILE]; f++)
    if (f->ref == 0) {
      *f = (struct file){.ref = 1};
      return f;
    }
  return 0;
}

static int fdalloc(struct file *f) {
  for (int fd = 0; fd < LIBOS_NOFILE; fd++)
    if (!ofile[fd]) {
      ofile[fd] = f;
      return fd;
    }
  return -OSSIM_EMFILE;
}

static struct file *fdget(int fd) { return fd >= 0 && fd < LIBOS_NOFILE ? ofile[fd] : 0; }

static void fileclose(struct file *f) {
  if (--f->ref > 0) return;
  if (f->type == FD_PIPE) {
    if (f->writable)
      f->pipe->writeopen = false;
    else
      f->pipe->readopen = false;
    if (!f->pipe->readopen && !f->pipe->writeopen) f->pipe->used = false;
  }
  if (f->type == FD_INODE) fs_iput(&fs, f->inum);
  f->type = FD_NONE;
}

int libos_files_init(void) {
  struct file *f = filealloc();
  *f = (struct file){.type = FD_CONSOLE, .ref = 3, .readable = true, .writable = true};
  ofile[0] = ofile[1] = ofile[2] = f;
  struct fs_disk d = {.ctx = 0, .read = libos_disk_read, .write = libos_disk_write};
  int rc = libos_dev_init();
  if (rc == 0) rc = fs_mount(&fs, &d);
  mounted = rc == 0;
  return rc;
}

/* ---- pipes ---- */

static int piperead(struct pipe *pi, char *dst, uint32_t n) {
  uint32_t avail = pi->nwrite - pi->nread, m = n < avail ? n : avail;
  if (m == 0 && n > 0 && pi->writeopen) return -OSSIM_EAGAIN; /* would wait forever */
  for (uint32_t i = 0; i < m; i++)
    dst[i] = pi->data[(pi->nread + i) % PIPESIZE];
  pi->nread += m;
  return (int)m;
}

static int pipewrite(struct pipe *pi, const char *src, uint32_t n) {
  if (!pi->readopen) return -OSSIM_EPIPE;
  uint32_t room = PIPESIZE - (pi->nwrite - pi->nread), m = n < room ? n : room;
  if (m == 0 && n > 0) return -OSSIM_EAGAIN; /* full, and only we could empty it */
  for (uint32_t i = 0; i < m; i++)
    pi->data[(pi->nwrite + i) % PIPESIZE] = src[i];
  pi->nwrite += m;
  return (int)m;
}

int libos_pipe(int *fds) {
  if (!libos_ok_ptr(fds, 2 * sizeof(int))) return -OSSIM_EFAULT;
  struct pipe *pi = 0;
  for (struct pipe *p = pipes; p < &pipes[NPIPE] && !pi; p++)
    if (!p->used) pi = p;
  struct file *r = pi ? filealloc() : 0, *w = r ? filealloc() : 0;
  if (!w) {
    if (r) r->ref = 0;
    return -OSSIM_ENFILE;
  }
  *pi = (struct pipe){.readopen = true, .writeopen = true, .used = true};
  *r = (struct file){.type = FD_PIPE, .ref = 1, .readable = true, .pipe = pi};
  *w = (struct file){.type = FD_PIPE, .ref = 1, .writable = true, .pipe = pi};
  int rfd = fdalloc(r), wfd = rfd >= 0 ? fdalloc(w) : -1;
  if (wfd < 0) {
    if (rfd >= 0) ofile[rfd] = 0;
    fileclose(r);
    fileclose(w);
    return -OSSIM_EMFILE;
  }
  int out[2] = {rfd, wfd};
  return libos_put(fds, out, sizeof out);
}

/* ---- reading and writing ---- */

static int inode_rw(struct file *f, char *buf, uint32_t n, bool write) {
  if (write && f->append) {
    struct stat st;
    if (fs_stat(&fs, f->inum, &st) == 0) f->off = (uint32_t)st.size;
  }
  int rc = write ? fs_write(&fs, f->inum, f->off, buf, n) : fs_read(&fs, f->inum, f->off, buf, n);
  if (rc > 0) f->off += (uint32_t)rc;
  return rc;
}

/* read and write: checks common to both, then the file's kind decides. */
static int rw(int fd, char *buf, int n, bool write) {
  struct file *f = fdget(fd);
  if (!f || !(write ? f->writable : f->readable)) return -OSSIM_EBADF;
  if (n < 0) return -OSSIM_EINVAL;
  if (!libos_ok_ptr(buf, (uint32_t)n)) return -OSSIM_EFAULT;
  switch (f->type) {
  case FD_CONSOLE:
    if (!write) return libos_console_read(buf, (uint32_t)n);
    libos_console_write(buf, (uint32_t)n);
    return n;
  case FD_PIPE:
    return write ? pipewrite(f->pipe, buf, (uint32_t)n) : piperead(f->pipe, buf, (uint32_t)n);
  case FD_INODE: return inode_rw(f, buf, (uint32_t)n, write);
  default: return -OSSIM_EBADF;
  }
}

int libos_read(int fd, void *buf, int n) { return rw(fd, buf, n, false); }
int libos_write(int fd, const void *buf, int n) { return rw(fd, (char *)buf, n, true); }

int libos_close(int fd) {
  struct file *f = fdget(fd);
  if (!f) return -OSSIM_EBADF;
  ofile[fd] = 0;
  fileclose(f);
  return 0;
}

int libos_dup(int fd) {
  struct file *f = fdget(fd);
  if (!f) return -OSSIM_EBADF;
  int nfd = fdalloc(f);
  if (nfd >= 0) f->ref++;
  return nfd;
}

/* ---- the file system ---- */

/* A path argument: in the program's memory and short enough. */
static int argpath(const char *path) {
  if (!mounted) return -OSSIM_ENODEV;
  int rc = libos_ok_str(path, LIBOS_MAXPATH);
  return rc < 0 ? rc : 0;
}

/* Looks path up (creating a file for O_CREATE) and takes a reference to its inode. */
static int open_inode(const char *path, int flags, uint32_t *inum, struct stat *st) {
  int rc =
      flags & O_NOFOLLOW ? fs_lookup_link(&fs, cwd, path, inum) : fs_lookup(&fs, cwd, path, inum);
  if (rc == -OSSIM_ENOENT && (flags & O_CREATE)) rc = fs_create(&fs, cwd, path, T_FILE, 0, 0, inum);
  if (rc == 0) rc = fs_stat(&fs, *inum, st);
  if (rc == 0 && st->type == T_DIR && (flags & (O_WRONLY | O_RDWR))) rc = -OSSIM_EISDIR;
  if (rc == 0 && (flags & O_TRUNC) && st->type == T_FILE) rc = fs_truncate(&fs, *inum);
  if (rc == 0) rc = fs_iget(&fs, *inum);
  return rc;
}

int libos_open(const char *path, int flags) {
  int rc = argpath(path);
  uint32_t inum;
  struct stat st;
  short major = 0, minor = 0;
  if (rc == 0) rc = open_inode(path, flags, &inum, &st);
  if (rc < 0) return rc;
  if (st.type == T_DEVICE) fs_devnum(&fs, inum, &major, &minor);
  struct file *f = st.type == T_DEVICE && major != CONSOLE_MAJOR ? 0 : filealloc();
  int fd = f ? fdalloc(f) : st.type == T_DEVICE ? -OSSIM_ENODEV : -OSSIM_ENFILE;
  if (fd < 0) {
    if (f) f->ref = 0;
    fs_iput(&fs, inum);
    return fd;
  }
  bool console = st.type == T_DEVICE;
  *f = (struct file){.type = console ? FD_CONSOLE : FD_INODE,
                     .ref = 1,
                     .inum = inum,
                     .readable = !(flags & O_WRONLY),
                     .writable = (flags & O_WRONLY) || (flags & O_RDWR),
                     .append = (flags & O_APPEND) != 0};
  if (console) fs_iput(&fs, inum); /* the console keeps only its number, for fstat */
  return fd;
}

int libos_fstat(int fd, struct stat *st) {
  struct file *f = fdget(fd);
  if (!f) return -OSSIM_EBADF;
  struct stat out = {.type = T_DEVICE}; /* a pipe or the console */
  int rc = 0;
  if (f->type == FD_INODE || (f->type == FD_CONSOLE && f->inum)) rc = fs_stat(&fs, f->inum, &out);
  return rc < 0 ? rc : libos_put(st, &out, sizeof out);
}

int libos_lseek(int fd, int offset, int whence) {
  struct file *f = fdget(fd);
  if (!f) return -OSSIM_EBADF;
  if (f->type != FD_INODE) return -OSSIM_ESPIPE;
  struct stat st;
  int rc = fs_stat(&fs, f->inum, &st);
  if (rc < 0) return rc;
  int64_t base = whence == 0   ? 0
                 : whence == 1 ? (int64_t)f->off
                 : whence == 2 ? (int64_t)st.size
                               : -1;
  if (base < 0) return -OSSIM_EINVAL;
  int64_t off = base + offset;
  if (off < 0 || off > INT32_MAX) return -OSSIM_EINVAL;
  f->off = (uint32_t)off;
  return (int)off;
}

int libos_path_call(int which, const char *path, const char *path2, short major, short minor) {
  int rc = argpath(path);
  if (rc == 0 && (which == SYS_link || which == SYS_symlink)) rc = argpath(path2);
  if (rc < 0) return rc;
  uint32_t inum;
  struct stat st;
  switch (which) {
  case SYS_link: return fs_link(&fs, cwd, path, path2);
  case SYS_symlink: return fs_symlink(&fs, cwd, path, path2);
  case SYS_unlink: return fs_unlink(&fs, cwd, path);
  case SYS_mkdir: return fs_create(&fs, cwd, path, T_DIR, 0, 0, &inum);
  case SYS_mknod: return fs_create(&fs, cwd, path, T_DEVICE, major, minor, &inum);
  case SYS_chdir:
    rc = fs_lookup(&fs, cwd, path, &inum);
    if (rc == 0) rc = fs_stat(&fs, inum, &st);
    if (rc == 0 && st.type != T_DIR) rc = -OSSIM_ENOTDIR;
    if (rc == 0) cwd = inum;
    return rc;
  default: return -OSSIM_ENOSYS;
  }
}

int libos_readlink(const char *path, char *buf, int n) {
  int rc = argpath(path);
  if (rc < 0) return rc;
  if (n < 0 || !libos_ok_ptr(buf, (uint32_t)n)) return -OSSIM_EFAULT;
  return fs_readlink(&fs, cwd, path, buf, (uint32_t)n);
}
