/*
 * files.c: file descriptors, open files and pipes for the one program, through the shared
 * file layer (kernels/lib/file) over the shared file system (kernels/lib/fs), which the
 * library OS links and calls directly. The same code as mono's and micro's, so a program
 * gets the same answers on every kernel; what differs is that nothing here ever waits for
 * another process:
 *
 *  - a pipe has both ends in this program, so a read of an empty pipe whose write end is
 *    open, or a write to a full one whose read end is open, would wait forever: it returns
 *    the layer's -EAGAIN (what a non-blocking descriptor answers);
 *  - the disk is waited for in wfi (dev.c), with nothing else to run meanwhile.
 */
#include "abi/errno.h"
#include "abi/syscall.h"
#include "file/file.h"
#include "fs/fs.h"
#include "libos.h"
#include "rt.h"

static struct fs fs;
static bool mounted;
static uint32_t cwd = FS_ROOTINO;
static struct file_table files;
static struct file_fds fds;

/* Drops a reference to f; the last one gives back its inode. */
static void fileclose(struct file *f) {
  if (file_put(f) > 0) return;
  if (file_release(f) == FD_INODE) fs_iput(&fs, f->inum);
  file_free(f);
}

int libos_files_init(void) {
  file_console(&files, &fds);
  struct fs_disk d = {.ctx = 0, .read = libos_disk_read, .write = libos_disk_write};
  int rc = libos_dev_init();
  if (rc == 0) rc = fs_mount(&fs, &d);
  mounted = rc == 0;
  return rc;
}

int libos_pipe(int *out) {
  if (!libos_ok_ptr(out, 2 * sizeof(int))) return -OSSIM_EFAULT;
  int pfds[2];
  int rc = file_pipe(&files, &fds, pfds);
  return rc < 0 ? rc : libos_put(out, pfds, sizeof pfds);
}

/* ---- reading and writing ---- */

/* read and write: checks common to both, then the file's kind decides. */
static int rw(int fd, char *buf, int n, bool write) {
  struct file *f = file_fd_get(&fds, (uint32_t)fd);
  const void *wait; /* a pipe's: nobody but this program could end the wait */
  if (!f || !(write ? f->writable : f->readable)) return -OSSIM_EBADF;
  if (n < 0) return -OSSIM_EINVAL;
  if (!libos_ok_ptr(buf, (uint32_t)n)) return -OSSIM_EFAULT;
  switch (f->type) {
  case FD_CONSOLE:
    if (!write) return libos_console_read(buf, (uint32_t)n);
    libos_console_write(buf, (uint32_t)n);
    return n;
  case FD_PIPE:
    return write ? pipe_write(f->pipe, buf, (uint32_t)n, &wait)
                 : pipe_read(f->pipe, buf, (uint32_t)n, &wait);
  case FD_INODE: return file_rw(&fs, f, buf, (uint32_t)n, write);
  default: return -OSSIM_EBADF;
  }
}

int libos_read(int fd, void *buf, int n) { return rw(fd, buf, n, false); }
int libos_write(int fd, const void *buf, int n) { return rw(fd, (char *)buf, n, true); }

int libos_close(int fd) {
  struct file *f = file_fd_take(&fds, (uint32_t)fd);
  if (!f) return -OSSIM_EBADF;
  fileclose(f);
  return 0;
}

int libos_dup(int fd) { return file_fd_dup(&fds, (uint32_t)fd); }

/* ---- the file system ---- */

/* A path argument: in the program's memory and short enough. */
static int argpath(const char *path) {
  if (!mounted) return -OSSIM_ENODEV;
  int rc = libos_ok_str(path, FILE_MAXPATH);
  return rc < 0 ? rc : 0;
}

int libos_open(const char *path, int flags) {
  int rc = argpath(path);
  /* No devices but the console: the drivers of others are mono's modules. */
  return rc < 0 ? rc : file_open(&files, &fds, &fs, cwd, path, (uint32_t)flags, 0);
}

int libos_fstat(int fd, struct stat *st) {
  struct file *f = file_fd_get(&fds, (uint32_t)fd);
  if (!f) return -OSSIM_EBADF;
  struct stat out;
  int rc = file_fstat(&fs, f, &out);
  return rc < 0 ? rc : libos_put(st, &out, sizeof out);
}

int libos_lseek(int fd, int offset, int whence) {
  struct file *f = file_fd_get(&fds, (uint32_t)fd);
  return f ? file_lseek(&fs, f, offset, (uint32_t)whence) : -OSSIM_EBADF;
}

int libos_path_call(int which, const char *path, const char *path2, short major, short minor) {
  int rc = argpath(path);
  if (rc == 0 && (which == SYS_link || which == SYS_symlink)) rc = argpath(path2);
  return rc < 0 ? rc : file_path(&fs, &cwd, which, path, path2, major, minor);
}

int libos_readlink(const char *path, char *buf, int n) {
  int rc = argpath(path);
  if (rc < 0) return rc;
  if (n < 0 || !libos_ok_ptr(buf, (uint32_t)n)) return -OSSIM_EFAULT;
  return file_readlink(&fs, cwd, path, buf, (uint32_t)n);
}
