#include "gdb_server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "gdb_cmd.h"
#include "gdb_packet.h"
#include "gdb_target.h"

struct conn {
  int fd;
  bool gone; /* the debugger closed the connection or it failed */
  struct gdb_reader rd;
  struct term *term;
};

static void send_all(struct conn *c, const char *buf, size_t n) {
  while (n > 0 && !c->gone) {
    ssize_t w = send(c->fd, buf, n, 0);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      c->gone = true;
      return;
    }
    buf += w;
    n -= (size_t)w;
  }
}

/* Between slices or steps of a resumed run: has Ctrl-C come, or the debugger gone? */
static bool interrupted(void *ctx) {
  struct conn *c = ctx;
  term_flush(c->term);
  struct pollfd p = {.fd = c->fd, .events = POLLIN};
  while (!c->gone && poll(&p, 1, 0) > 0) {
    uint8_t buf[64];
    ssize_t n = recv(c->fd, buf, sizeof buf, 0);
    if (n <= 0) {
      c->gone = true;
      break;
    }
    for (ssize_t i = 0; i < n; i++)
      if (gdb_reader_feed(&c->rd, buf[i]) == GDB_RX_INTERRUPT) return true;
  }
  return c->gone;
}

/* Listens on 127.0.0.1:port (0: any free port) and says where. The socket, or -1. */
static int listen_on(unsigned port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  socklen_t alen = sizeof a;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0) return -1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 1) < 0 ||
      getsockname(fd, (struct sockaddr *)&a, &alen) < 0) {
    fprintf(stderr, "ossim: --gdb: cannot listen on 127.0.0.1:%u: %s\n", port, strerror(errno));
    close(fd);
    return -1;
  }
  fprintf(stderr,
          "ossim: gdb: waiting for a debugger on 127.0.0.1:%u "
          "(gdb-multiarch: target remote :%u)\n",
          ntohs(a.sin_port), ntohs(a.sin_port));
  fflush(stderr);
  return fd;
}

/* Serves one debugger until it detaches, kills or goes. */
static enum gdb_action serve(struct conn *c, struct gdb_session *s) {
  static const size_t framed = 2 * GDB_PACKET_MAX + 8;
  char *reply = malloc(GDB_PACKET_MAX + 1), *out = malloc(framed);
  enum gdb_action act = GDB_DETACH;
  gdb_reader_init(&c->rd);
  while (reply && out && !c->gone) {
    uint8_t buf[4096];
    ssize_t n = recv(c->fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    for (ssize_t i = 0; i < n && !c->gone; i++) {
      enum gdb_rx rx = gdb_reader_feed(&c->rd, buf[i]);
      if (rx == GDB_RX_BAD && !s->no_ack) send_all(c, "-", 1);
      if (rx != GDB_RX_PACKET) continue;
      if (!s->no_ack) send_all(c, "+", 1);
      size_t rlen;
      act = gdb_dispatch(s, c->rd.data, c->rd.len, reply, &rlen);
      term_flush(c->term);
      if (!(act == GDB_KILL && c->rd.data[0] == 'k')) {
        size_t flen = gdb_frame(reply, rlen, out, framed);
        send_all(c, out, flen);
      }
      if (act != GDB_REPLY) goto done;
    }
  }
  act = GDB_DETACH; /* the debugger went away */
done:
  free(reply);
  free(out);
  return act;
}

int gdb_serve(struct run *r, const struct kernel_ops *ops, const struct kernel_args *args) {
  struct gdb_target *t = calloc(1, sizeof *t);
  struct gdb_session *s = calloc(1, sizeof *s);
  char err[512];
  int lfd = -1, status = EXIT_ERROR;
  signal(SIGPIPE, SIG_IGN); /* a vanished debugger is a failed send, not a dead ossim */
  if (!t || !s) goto out;
  /* Booted to its first stop before the debugger is told to come, so that its first
   * packet is answered at once. */
  if (gdb_target_open(t, ops, &r->cfg, args, !args->persist, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n", err);
    goto out;
  }
  if ((lfd = listen_on(r->o->gdb_port)) < 0) goto out;
  t->last =
      (struct gdb_stop){.kind = GDB_STOP_SIGNAL, .signal = GDB_SIGTRAP, .tid = gdb_current_tid(t)};
  enum gdb_action act = GDB_DETACH;
  do {
    struct conn c = {.term = &r->term};
    if ((c.fd = accept(lfd, NULL, NULL)) < 0) {
      if (errno == EINTR) continue;
      fprintf(stderr, "ossim: --gdb: %s\n", strerror(errno));
      break;
    }
    int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    *s = (struct gdb_session){.t = t, .interrupted = interrupted, .ctx = &c};
    act = serve(&c, s);
    close(c.fd);
  } while (act != GDB_KILL && r->o->gdb_wait && t->state == KERNEL_RUNNING);
  if (act == GDB_KILL) {
    fprintf(stderr, "ossim: killed by the debugger\n");
    status = EXIT_OK;
  } else {
    struct kernel *k = t->k;
    t->k = NULL; /* the run goes on without the debugger, and ends as any run does */
    status = run_created(r, ops, k, t->state);
  }
out:
  if (lfd >= 0) close(lfd);
  if (t) gdb_target_close(t);
  free(t);
  free(s);
  return status;
}
