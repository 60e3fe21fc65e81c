/* pipe.c: the pipe's ring (pipe.h). */
#include "pipe.h"

#include "abi/errno.h"

void pipe_open(struct pipe *p) {
  p->nread = p->nwrite = 0;
  p->readopen = p->writeopen = true;
}

bool pipe_free(const struct pipe *p) { return !p->readopen && !p->writeopen; }

bool pipe_can_read(const struct pipe *p) { return p->nread != p->nwrite || !p->writeopen; }

bool pipe_can_write(const struct pipe *p) {
  return p->nwrite - p->nread < PIPE_SIZE || !p->readopen;
}

const void *pipe_readers(const struct pipe *p) { return &p->nread; }
const void *pipe_writers(const struct pipe *p) { return &p->nwrite; }

int pipe_read(struct pipe *p, char *dst, uint32_t n, const void **wait) {
  if (n == 0) return 0;
  if (!pipe_can_read(p)) {
    *wait = pipe_readers(p);
    return -OSSIM_EAGAIN;
  }
  uint32_t avail = p->nwrite - p->nread, m = n < avail ? n : avail;
  for (uint32_t i = 0; i < m; i++)
    dst[i] = p->data[(p->nread + i) % PIPE_SIZE];
  p->nread += m;
  return (int)m;
}

int pipe_write(struct pipe *p, const char *src, uint32_t n, const void **wait) {
  if (!p->readopen) return -OSSIM_EPIPE;
  if (n == 0) return 0;
  uint32_t room = PIPE_SIZE - (p->nwrite - p->nread), m = n < room ? n : room;
  if (m == 0) {
    *wait = pipe_writers(p);
    return -OSSIM_EAGAIN;
  }
  for (uint32_t i = 0; i < m; i++)
    p->data[(p->nwrite + i) % PIPE_SIZE] = src[i];
  p->nwrite += m;
  return (int)m;
}

bool pipe_close(struct pipe *p, bool writer) {
  if (writer)
    p->writeopen = false;
  else
    p->readopen = false;
  return pipe_free(p);
}
