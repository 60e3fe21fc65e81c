/*
 * micro/proto.h: the messages between the vDSO and the system servers, and between the
 * servers themselves. Not the kernel's business: the kernel only moves them (kabi.h). The labels
 * themselves are in abi/ipcproto.h, which names them for the visualizer too.
 *
 * A system call n from a user program reaches its server as a call with label n (SYS_*),
 * the integer arguments in words 0..3, and what pointer arguments point to in the IPC
 * buffer: a path or two (NUL-terminated, one after the other), exec's path then its argv
 * strings (word 0: argc), or write's data. The badge is the caller's pid. The reply's label
 * is the call's result (or -errno); results behind pointers come back in the buffer (read's
 * data, fstat's struct stat, procinfo's table) or in words (pipe's two descriptors, wait's
 * status). A read or write larger than a page is made of several calls, the later ones with
 * IO_MORE in word 3: those must not block (they return 0 instead), so a read returns what
 * was there, as one big call would.
 *
 * The file server reads and writes the disk through the disk driver (BLK_*), and the console
 * through the console driver (CON_*). A request a driver held when it died comes back -EPIPE
 * (kabi.h), and the file server sends it again: the reincarnation server (servers/rs.c)
 * restarts the driver on the same endpoint, and every request is idempotent (a block written
 * twice holds the same bytes).
 *
 * The name service (NS_*) maps names to caps. A user process reaches the reincarnation
 * server through it: the vDSO looks up "rs", and sends SYS_inject there.
 *
 * Process calls go to the process manager (USER_SLOT_PM), file calls to the file server
 * (USER_SLOT_FS). The process manager tells the file server about processes with the
 * FS_* labels, through its unbadged cap (badge 0).
 */
#ifndef OSSIM_MICRO_PROTO_H
#define OSSIM_MICRO_PROTO_H

#include "abi/ipcproto.h" /* the labels: FS_*, CON_*, BLK_*, NS_* */

#define IO_MORE 1u

/* SYS_inject at the reincarnation server: "SERVER" or "SERVER:hang" in the buffer. The badge
 * of the cap it registers for user processes, so that they cannot pass for the kernel. */
#define RS_BADGE_USER 1u

#endif
