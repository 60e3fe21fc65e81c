/*
 * pipe: the ring buffer behind a pipe, shared by every kernel (kernels/lib/file): mono's
 * kernel, micro's file server and uni's library OS move bytes through the same code.
 *
 * What it is for: a PIPE_SIZE-byte ring with a read end and a write end, each open or
 * closed, and the rules of xv6 and POSIX for them: a read takes what is there (never more
 * than asked), a write puts in what fits, a read of an empty pipe whose writers are gone is
 * the end of the file (0), a write with no reader left is -OSSIM_EPIPE. What it is not for:
 * waiting. Where a call would have to wait it returns -OSSIM_EAGAIN and names what the
 * caller waits on (a wait token, *wait); the kernel chooses how to wait -- mono sleeps on
 * the token, micro's file server keeps the caller's reply capability, uni (one program,
 * both ends its own) answers -OSSIM_EAGAIN. After any call that moved bytes or closed an
 * end, the kernel wakes whoever waits on both of the pipe's tokens.
 *
 * The format it keeps: nread and nwrite count every byte ever read and written (they wrap
 * at 2^32, and only their difference, at most PIPE_SIZE, is ever used); byte i of the
 * stream sits at data[i % PIPE_SIZE]. A pipe with both ends closed is free (a zeroed pipe
 * is free). Portable C for the host and the guest: no malloc, no globals, not thread-safe.
 */
#ifndef OSSIM_PIPE_H
#define OSSIM_PIPE_H

#include <stdbool.h>
#include <stdint.h>

#define PIPE_SIZE 512 /* bytes a pipe holds */

struct pipe {
  char data[PIPE_SIZE];
  uint32_t nread, nwrite;   /* bytes read and written since pipe_open */
  bool readopen, writeopen; /* both false: the pipe is free */
};

/* pipe_open: an empty pipe with both ends open. */
void pipe_open(struct pipe *p);
/* pipe_free: true when both ends are closed (the pipe may be opened again). */
bool pipe_free(const struct pipe *p);

/* pipe_read: moves up to n bytes (what there is) to dst. Returns the bytes moved; 0 at the
 * end (empty, no writer left) or for n == 0; -OSSIM_EAGAIN when empty with a writer left,
 * *wait set to what a reader waits on. */
int pipe_read(struct pipe *p, char *dst, uint32_t n, const void **wait);
/* pipe_write: moves up to n bytes (what fits) from src. Returns the bytes moved (0 for
 * n == 0); -OSSIM_EPIPE when the read end is closed; -OSSIM_EAGAIN when full, *wait set to
 * what a writer waits on. */
int pipe_write(struct pipe *p, const char *src, uint32_t n, const void **wait);
/* pipe_can_read / pipe_can_write: the call would not return -OSSIM_EAGAIN. */
bool pipe_can_read(const struct pipe *p);
bool pipe_can_write(const struct pipe *p);

/* The wait tokens: what readers and writers of p wait on. */
const void *pipe_readers(const struct pipe *p);
const void *pipe_writers(const struct pipe *p);

/* pipe_close: closes the write end (writer) or the read end. Returns true when that was the
 * last end: the pipe is free. */
bool pipe_close(struct pipe *p, bool writer);

#endif
