#include "explore_pool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* A worker in flight: its process, the seed it runs, and the pipe its finding comes on. */
struct worker {
  pid_t pid;
  uint64_t index;
  int fd;
};

/* Writes all of len bytes, or as many as the pipe takes before an error. */
static void write_all(int fd, const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    len -= (size_t)n;
  }
}

static size_t read_all(int fd, void *buf, size_t len) {
  char *p = buf;
  size_t got = 0;
  while (got < len) {
    ssize_t n = read(fd, p + got, len - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += (size_t)n;
  }
  return got;
}

static int start(struct worker *w, explore_job job, void *ctx, uint64_t seed) {
  int fds[2];
  if (pipe(fds) < 0) return -errno;
  fflush(NULL); /* or the child would write the parent's buffered output a second time */
  pid_t pid = fork();
  if (pid < 0) {
    int e = errno;
    close(fds[0]);
    close(fds[1]);
    return -e;
  }
  if (pid == 0) {
    close(fds[0]);
    struct explore_finding f = {0};
    job(ctx, seed, &f);
    write_all(fds[1], &f, sizeof f);
    _exit(0);
  }
  close(fds[1]);
  w->pid = pid;
  w->fd = fds[0];
  return 0;
}

/* The worker's finding, read to the end of its pipe before it is reaped: a finding larger
 * than the pipe's buffer would otherwise keep it from exiting. */
static void collect(struct worker *w, struct explore_finding *f) {
  size_t got = read_all(w->fd, f, sizeof *f);
  close(w->fd);
  int status = 0;
  while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (got == sizeof *f && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    f->how[sizeof f->how - 1] = 0;
    return;
  }
  f->failed = true;
  if (WIFSIGNALED(status))
    snprintf(f->how, sizeof f->how, "ossim itself died of signal %d", WTERMSIG(status));
  else
    snprintf(f->how, sizeof f->how, "ossim itself stopped without a finding");
}

int explore_pool_run(explore_job job, void *ctx, uint64_t first, uint64_t last, unsigned jobs,
                     struct explore_finding *findings) {
  if (jobs < 1) jobs = 1;
  struct worker *w = calloc(jobs, sizeof *w);
  if (!w) return -ENOMEM;
  unsigned busy = 0;
  uint64_t next = 0, count = last - first + 1;
  int rc = 0;
  while (next < count || busy > 0) {
    if (next < count && busy < jobs) {
      int e = start(&w[busy], job, ctx, first + next);
      if (e == 0) {
        w[busy++].index = next++;
        continue;
      }
      if (busy == 0) { /* nothing in flight to wait for: give up */
        rc = e;
        break;
      }
    }
    /* The oldest worker first: its pipe is read to the end, so the wait cannot block for
     * ever, and the others go on meanwhile. */
    collect(&w[0], &findings[w[0].index]);
    memmove(w, w + 1, --busy * sizeof *w);
  }
  free(w);
  return rc;
}
