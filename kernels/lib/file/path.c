/*
 * path.c: the calls on open files and paths that reach the file system (file.h), as xv6's
 * sysfile.c: open, reads and writes at an offset, lseek, fstat, and the path calls.
 */
#include <stddef.h>

#include "abi/errno.h"
#include "abi/syscall.h"
#include "file/file.h"
#include "fs/fs.h"

/* The inode path names for open: looked up (a link itself with O_NOFOLLOW), or made by
 * O_CREATE; checked against the flags, and emptied by O_TRUNC. */
static int open_inode(struct fs *fs, uint32_t cwd, const char *path, uint32_t flags, uint32_t *inum,
                      struct stat *st) {
  int rc =
      flags & O_NOFOLLOW ? fs_lookup_link(fs, cwd, path, inum) : fs_lookup(fs, cwd, path, inum);
  if (rc == -OSSIM_ENOENT && (flags & O_CREATE)) rc = fs_create(fs, cwd, path, T_FILE, 0, 0, inum);
  if (rc == 0) rc = fs_stat(fs, *inum, st);
  if (rc < 0) return rc;
  /* A directory opens read-only; O_CREATE asks for a file, which a directory is not. */
  if (st->type == T_DIR && (flags & (O_WRONLY | O_RDWR | O_CREATE))) return -OSSIM_EISDIR;
  if ((flags & O_TRUNC) && st->type == T_FILE) return fs_truncate(fs, *inum);
  return 0;
}

/* f, opened on inode inum of type type: an FD_INODE with its inode held, the console, or a
 * device of devs. */
static int open_as(struct file *f, struct fs *fs, uint32_t inum, short type,
                   const struct file_devices *devs) {
  short major = 0, minor = 0;
  if (type != T_DEVICE) {
    int rc = fs_iget(fs, inum);
    if (rc == 0) f->type = FD_INODE;
    return rc;
  }
  int rc = fs_devnum(fs, inum, &major, &minor);
  if (rc < 0) return rc;
  if (major == CONSOLE_MAJOR) {
    f->type = FD_CONSOLE;
    return 0;
  }
  if (!devs || !devs->dev_open) return -OSSIM_ENODEV;
  return devs->dev_open(devs->ctx, f, major);
}

int file_open(struct file_table *t, struct file_fds *d, struct fs *fs, uint32_t cwd,
              const char *path, uint32_t flags, const struct file_devices *devs) {
  uint32_t inum;
  struct stat st;
  int rc = open_inode(fs, cwd, path, flags, &inum, &st);
  if (rc < 0) return rc;
  struct file *f = file_alloc(t);
  if (!f) return -OSSIM_ENFILE;
  f->inum = inum;
  f->readable = !(flags & O_WRONLY);
  f->writable = (flags & (O_WRONLY | O_RDWR)) != 0;
  f->append = (flags & O_APPEND) != 0;
  int fd = file_fd_install(d, f);
  rc = fd < 0 ? fd : open_as(f, fs, inum, st.type, devs);
  if (rc == 0) return fd;
  /* Nothing is held yet (open_as takes its reference or device last): no release. */
  if (fd >= 0) d->fd[fd] = NULL;
  file_free(f);
  return rc;
}

int file_rw(struct fs *fs, struct file *f, char *buf, uint32_t n, bool write) {
  if (write && f->append) {
    struct stat st;
    if (fs_stat(fs, f->inum, &st) == 0) f->off = (uint32_t)st.size;
  }
  int rc = write ? fs_write(fs, f->inum, f->off, buf, n) : fs_read(fs, f->inum, f->off, buf, n);
  if (rc > 0) f->off += (uint32_t)rc;
  return rc;
}

int file_lseek(struct fs *fs, struct file *f, int32_t offset, uint32_t whence) {
  if (f->type != FD_INODE) return -OSSIM_ESPIPE;
  struct stat st;
  int rc = fs_stat(fs, f->inum, &st);
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

int file_fstat(struct fs *fs, const struct file *f, struct stat *st) {
  *st = (struct stat){.type = T_DEVICE}; /* a pipe, or the console opened at boot */
  if (f->type == FD_INODE || ((f->type == FD_CONSOLE || f->type == FD_DEVICE) && f->inum))
    return fs_stat(fs, f->inum, st);
  return 0;
}

int file_path(struct fs *fs, uint32_t *cwd, int call, const char *path, const char *path2,
              short major, short minor) {
  uint32_t inum;
  struct stat st;
  int rc;
  switch (call) {
  case SYS_link: return fs_link(fs, *cwd, path, path2);
  case SYS_symlink: return fs_symlink(fs, *cwd, path, path2);
  case SYS_unlink: return fs_unlink(fs, *cwd, path);
  case SYS_mkdir: return fs_create(fs, *cwd, path, T_DIR, 0, 0, &inum);
  case SYS_mknod: return fs_create(fs, *cwd, path, T_DEVICE, major, minor, &inum);
  case SYS_chdir:
    rc = fs_lookup(fs, *cwd, path, &inum);
    if (rc == 0) rc = fs_stat(fs, inum, &st);
    if (rc == 0 && st.type != T_DIR) rc = -OSSIM_ENOTDIR;
    if (rc == 0) *cwd = inum;
    return rc;
  default: return -OSSIM_ENOSYS;
  }
}

int file_readlink(struct fs *fs, uint32_t cwd, const char *path, char *buf, uint32_t n) {
  return fs_readlink(fs, cwd, path, buf, n);
}
