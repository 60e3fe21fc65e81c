/*
 * file.c: the table of open files and the descriptor tables (file.h).
 *
 * Why a file is *releasing* between its last file_put and file_free, not free: releasing
 * may wait. mono's kernel gives an inode back under its file-system lock, and a process may
 * sleep for that lock; were the slot free as soon as ref reached 0, another process could
 * be handed it meanwhile and, on waking, the first would give back the new owner's inode
 * and clear its type. So file_alloc passes over a releasing file, and the kernel frees it
 * with file_free once nothing of the release is left.
 */
#include "file/file.h"

#include <stddef.h>

#include "abi/errno.h"

struct file *file_alloc(struct file_table *t) {
  for (struct file *f = t->files; f < t->files + FILE_NFILE; f++)
    if (f->ref == 0 && !f->releasing) {
      *f = (struct file){.ref = 1, .type = FD_NONE};
      return f;
    }
  return NULL;
}

int file_put(struct file *f) {
  if (--f->ref > 0) return f->ref;
  f->releasing = true;
  if (f->type == FD_PIPE) pipe_close(f->pipe, f->writable);
  return 0;
}

enum file_type file_release(const struct file *f) {
  return f->type == FD_INODE || f->type == FD_DEVICE ? f->type : FD_NONE;
}

void file_free(struct file *f) { *f = (struct file){.type = FD_NONE}; }

int file_fd_install(struct file_fds *d, struct file *f) {
  for (int fd = 0; fd < FILE_NOFILE; fd++)
    if (!d->fd[fd]) {
      d->fd[fd] = f;
      return fd;
    }
  return -OSSIM_EMFILE;
}

struct file *file_fd_get(const struct file_fds *d, uint32_t fd) {
  return fd < FILE_NOFILE ? d->fd[fd] : NULL;
}

struct file *file_fd_take(struct file_fds *d, uint32_t fd) {
  struct file *f = file_fd_get(d, fd);
  if (f) d->fd[fd] = NULL;
  return f;
}

int file_fd_dup(struct file_fds *d, uint32_t fd) {
  struct file *f = file_fd_get(d, fd);
  if (!f) return -OSSIM_EBADF;
  int nfd = file_fd_install(d, f);
  if (nfd >= 0) f->ref++;
  return nfd;
}

void file_fd_fork(struct file_fds *child, const struct file_fds *parent) {
  for (int fd = 0; fd < FILE_NOFILE; fd++)
    if ((child->fd[fd] = parent->fd[fd])) child->fd[fd]->ref++;
}

int file_console(struct file_table *t, struct file_fds *d) {
  struct file *f = file_alloc(t);
  if (!f) return -OSSIM_ENFILE;
  *f = (struct file){.type = FD_CONSOLE, .ref = 3, .readable = true, .writable = true};
  d->fd[0] = d->fd[1] = d->fd[2] = f;
  return 0;
}

static struct pipe *pipe_alloc(struct file_table *t) {
  for (struct pipe *p = t->pipes; p < t->pipes + FILE_NPIPE; p++)
    if (pipe_free(p)) return p;
  return NULL;
}

int file_pipe(struct file_table *t, struct file_fds *d, int fds[2]) {
  struct pipe *p = pipe_alloc(t);
  struct file *r = p ? file_alloc(t) : NULL, *w = r ? file_alloc(t) : NULL;
  if (!w) {
    if (r) file_free(r);
    return -OSSIM_ENFILE;
  }
  pipe_open(p);
  *r = (struct file){.type = FD_PIPE, .ref = 1, .readable = true, .pipe = p};
  *w = (struct file){.type = FD_PIPE, .ref = 1, .writable = true, .pipe = p};
  fds[0] = file_fd_install(d, r);
  fds[1] = fds[0] < 0 ? -1 : file_fd_install(d, w);
  if (fds[1] >= 0) return 0;
  if (fds[0] >= 0) d->fd[fds[0]] = NULL;
  /* Neither end was seen by anyone: both go at once, and the pipe with them. */
  file_put(r);
  file_put(w);
  file_free(r);
  file_free(w);
  return -OSSIM_EMFILE;
}
