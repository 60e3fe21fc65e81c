/*
 * gdb_cmd: what the packets of GDB's remote protocol mean, answered from a gdb_target.
 *
 * gdb_dispatch takes one whole packet (already unframed) and writes the reply packet's
 * data; resuming packets (c, s, vCont, bc, bs) run the target before they return and
 * reply with why it stopped. Whatever the bytes, the answer is a reply: a malformed
 * packet gets `E` and an error number, an unknown one the empty reply (which gdb reads as
 * "not supported").
 *
 * Not for: framing or the socket (gdb_packet.c, gdb_server.c).
 */
#ifndef OSSIM_GDB_CMD_H
#define OSSIM_GDB_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "gdb_packet.h"
#include "gdb_target.h"

enum gdb_action {
  GDB_REPLY,  /* send the reply and go on */
  GDB_DETACH, /* send the reply; the debugger leaves, the run goes on */
  GDB_KILL,   /* the debugger ends the run (no reply for k, OK for vKill) */
};

struct gdb_session {
  struct gdb_target *t;
  gdb_interrupted_fn interrupted; /* Ctrl-C while the machine runs */
  void *ctx;
  bool no_ack;      /* QStartNoAckMode: no + and - from here on */
  bool gdb_catches; /* gdb's own catch syscall (QCatchSyscalls) is on: report syscall_entry */
  char doc[GDB_PACKET_MAX]; /* the XML document a qXfer reads in pieces */
};

/* Answers pkt (len bytes) into reply (GDB_PACKET_MAX bytes and a NUL), *rlen its length. */
enum gdb_action gdb_dispatch(struct gdb_session *s, const char *pkt, size_t len, char *reply,
                             size_t *rlen);

#endif
