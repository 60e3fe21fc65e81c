/*
 * file: open files and descriptor tables, and the calls on them that go to the file system,
 * shared by every kernel: mono links it into its kernel, micro's file server runs it in user
 * space, uni's library OS links it into the program -- as kernels/lib/fs below it.
 *
 * What it is for: the system's table of open files (struct file_table: what a descriptor
 * names, with its offset and reference count, and the pipes behind pipe descriptors), a
 * process's descriptors (struct file_fds), and the calls of xv6's sysfile.c over
 * kernels/lib/fs: open (lookup or create, O_TRUNC, O_APPEND, O_NOFOLLOW, directories and
 * device files), reads and writes of a file at its offset, lseek, fstat, and the calls that
 * take paths (link, symlink, unlink, mkdir, mknod, chdir, readlink).
 * What it is not for: user memory (paths and buffers come in the kernel's own memory: the
 * kernel copies them in and out), waiting (pipe.h and cons.h say when a call would wait;
 * the kernel decides how), locking (the kernel serializes calls on a table, and holds its
 * file-system lock around the calls that take a struct fs), and drivers (a device file
 * other than the console goes to the kernel's dev_open callback).
 *
 * The rules it keeps:
 *  - A file is free when ref is 0 and it is not being released. file_put drops a
 *    reference; the last one leaves the file *releasing*: the kernel gives back what it
 *    holds (file_release says what) and only file_free makes it allocatable again.
 *  - FD_INODE holds a reference to its inode (fs_iget) until it is released; FD_CONSOLE and
 *    FD_DEVICE keep only their inode's number, for fstat (0 for the console opened at boot);
 *    FD_PIPE holds one end of a pipe of the table's pool.
 *  - Descriptors 0..FILE_NOFILE-1; a descriptor names one file, several may name the same.
 * Portable C for the host and the guest: no malloc, no globals, not thread-safe.
 *
 * Errors are negative numbers from abi/errno.h, with the file system's (fs.h) passed on:
 * -OSSIM_EBADF a descriptor names no file (or not one open for that), -OSSIM_EMFILE no free
 * descriptor, -OSSIM_ENFILE no free file (or pipe) in the table.
 */
#ifndef OSSIM_FILE_H
#define OSSIM_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/stat.h"
#include "file/pipe.h"

#define FILE_NOFILE 16              /* descriptors of a process */
#define FILE_NFILE 128              /* open files in a table */
#define FILE_NPIPE (FILE_NFILE / 2) /* pipes: two files each */
#define FILE_MAXPATH 128            /* bytes of a path, NUL included */

struct fs;
struct chrdev; /* a kernel's character device driver (FD_DEVICE) */

enum file_type { FD_NONE, FD_PIPE, FD_INODE, FD_CONSOLE, FD_DEVICE };

struct file {
  /* Changed by file_alloc, file_put and file_free, under the kernel's serialization. */
  int ref;        /* descriptors (in every process) that name it */
  bool releasing; /* its last reference went and file_free has not been called */
  /* Set when it is opened, then read-only; off changes with reads, writes and lseek. */
  enum file_type type;
  bool readable, writable, append;
  struct pipe *pipe;  /* FD_PIPE */
  uint32_t inum;      /* FD_INODE; FD_CONSOLE and FD_DEVICE opened by name (for fstat) */
  uint32_t off;       /* FD_INODE, FD_DEVICE */
  struct chrdev *dev; /* FD_DEVICE: its driver, a type of the kernel's own (dev_open sets it) */
};

struct file_table {
  struct file files[FILE_NFILE];
  struct pipe pipes[FILE_NPIPE];
};

struct file_fds {
  struct file *fd[FILE_NOFILE]; /* NULL: a free descriptor */
};

/* ---- the table (file.c) ---- */

/* file_alloc: a free file with ref 1 and type FD_NONE, or NULL (the table is full). */
struct file *file_alloc(struct file_table *t);
/* file_put: drops one reference. Returns the references left; at 0 the file is releasing:
 * a pipe end is closed already (its pipe is free with its last end: wake the pipe's
 * waiters), and the caller releases the rest (file_release) and then calls file_free. */
int file_put(struct file *f);
/* file_release: what the kernel still holds for a releasing file: FD_INODE (fs_iput
 * f->inum), FD_DEVICE (its driver's close), or FD_NONE (nothing). */
enum file_type file_release(const struct file *f);
/* file_free: the end of a release: the file may be allocated again. */
void file_free(struct file *f);

/* ---- descriptors (file.c) ---- */

/* file_fd_install: the lowest free descriptor, now naming f (its reference passes to the
 * descriptor); -OSSIM_EMFILE if none. */
int file_fd_install(struct file_fds *d, struct file *f);
/* file_fd_get: the file descriptor fd names, or NULL (-OSSIM_EBADF for the caller). */
struct file *file_fd_get(const struct file_fds *d, uint32_t fd);
/* file_fd_take: removes descriptor fd and returns its file (whose reference the caller now
 * holds: file_put it), or NULL if fd names none. */
struct file *file_fd_take(struct file_fds *d, uint32_t fd);
/* file_fd_dup: a new descriptor naming fd's file: the descriptor, -OSSIM_EBADF or
 * -OSSIM_EMFILE. */
int file_fd_dup(struct file_fds *d, uint32_t fd);
/* file_fd_fork: child's descriptors are parent's, each file with one more reference. */
void file_fd_fork(struct file_fds *child, const struct file_fds *parent);
/* file_console: descriptors 0, 1 and 2 (which must be free) on one new console file, as
 * the first process gets them. 0 or -OSSIM_ENFILE. */
int file_console(struct file_table *t, struct file_fds *d);
/* file_pipe: a new pipe, its read end at descriptor fds[0] and its write end at fds[1].
 * 0, -OSSIM_ENFILE (no free pipe or file) or -OSSIM_EMFILE (fewer than two descriptors;
 * nothing is left open). */
int file_pipe(struct file_table *t, struct file_fds *d, int fds[2]);

/* ---- the calls that reach the file system (path.c) ---- */

/* How a kernel opens the device files other than the console: dev_open makes f (opened,
 * its type FD_NONE) a file on the driver with this major number, setting f->type to
 * FD_DEVICE and f->dev; it returns 0 or a negative errno (-OSSIM_ENODEV: no such driver).
 * A NULL callback means the kernel has no such devices: -OSSIM_ENODEV. */
struct file_devices {
  void *ctx;
  int (*dev_open)(void *ctx, struct file *f, short major);
};

/* file_open: opens path (relative to directory cwd) with O_* flags (abi/stat.h) at a new
 * descriptor of d, and returns it. O_CREATE makes a file if there is none; O_TRUNC empties
 * a file; O_NOFOLLOW opens a symbolic link itself; O_APPEND writes at the end. A device file
 * opens the console (CONSOLE_MAJOR) or goes to devs. Errors: fs_lookup's and fs_create's,
 * -OSSIM_EISDIR for a directory opened to write or with O_CREATE (a directory opens
 * read-only), -OSSIM_ENODEV for a device with no driver, -OSSIM_ENFILE, -OSSIM_EMFILE; on
 * an error nothing is left open (a file made by O_CREATE stays made). */
int file_open(struct file_table *t, struct file_fds *d, struct fs *fs, uint32_t cwd,
              const char *path, uint32_t flags, const struct file_devices *devs);
/* file_rw: reads or writes up to n bytes of FD_INODE file f at its offset (a write with
 * O_APPEND at the end), and moves the offset. The bytes done, or fs_read's and fs_write's
 * errors. */
int file_rw(struct fs *fs, struct file *f, char *buf, uint32_t n, bool write);
/* file_lseek: sets f's offset from whence 0 (the start), 1 (the offset) or 2 (the end).
 * The new offset; -OSSIM_ESPIPE for a file that is not FD_INODE, -OSSIM_EINVAL for another
 * whence or an offset outside 0..INT32_MAX. */
int file_lseek(struct fs *fs, struct file *f, int32_t offset, uint32_t whence);
/* file_fstat: f's inode's stat; a pipe, or the console opened at boot, is a T_DEVICE of
 * size 0. 0 or fs_stat's errors. */
int file_fstat(struct fs *fs, const struct file *f, struct stat *st);
/* file_path: the calls that take paths, by their system-call number (abi/syscall.h):
 * SYS_link (path2 the new name), SYS_symlink (path the target, path2 the link), SYS_unlink,
 * SYS_mkdir, SYS_mknod (major, minor), SYS_chdir (sets *cwd; -OSSIM_ENOTDIR for what is not
 * a directory). The file system's errors; -OSSIM_ENOSYS for another call. */
int file_path(struct fs *fs, uint32_t *cwd, int call, const char *path, const char *path2,
              short major, short minor);
/* file_readlink: up to n bytes of the target of the link at path (no NUL): the bytes, or
 * fs_readlink's errors. */
int file_readlink(struct fs *fs, uint32_t cwd, const char *path, char *buf, uint32_t n);

#endif
