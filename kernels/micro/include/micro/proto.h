/*
 * micro/proto.h: the messages between the vDSO and the system servers, and between the
 * servers themselves. Not the kernel's business: the kernel only moves them (kabi.h).
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

#define IO_MORE 1u

enum fs_label {
  FS_FORK = 0x100, /* w0 parent, w1 child: the child gets copies of the parent's descriptors */
  FS_EXIT,         /* w0 pid: its descriptors are closed */
  FS_NEW,          /* w0 pid: a process without a parent (the first); w1 1: with descriptors
                      0, 1, 2 on the console. The file server serves only the processes it
                      was told about (FS_NEW, FS_FORK) */
  FS_READFILE,     /* w0 pid (for its working directory), w1 offset, w2 bytes (up to a
                      page), buffer: path. Reply: the bytes of the file from offset, label
                      their count, w0 the file's length */
  FS_LOADSEG,      /* w0 pid, w1 offset, w2 bytes, w3 va; buffer: path; the cap sent with
                      it: an address space. exec's loading of a segment, in one request:
                      the bytes of the file from offset go to va in that space (the file
                      server writes them there, and lets the cap go). Label: 0, or
                      -ENOEXEC if the file is shorter */
};

/* The console driver's requests (from the file server, badge 0). It never calls the file
 * server: it signals the file server's notification (FS_NOTE_CON) when input can be read. */
enum con_label {
  CON_WRITE = 0x300, /* the bytes in the buffer go to the UART; label: their count */
  CON_READ,          /* w0 at most: typed bytes up to a newline or ^D in the buffer, label
                        their count; 0 at the end of the input; -EAGAIN when there are none yet */
};

/* The disk driver's requests (from the file server): sectors of BLK_SECTOR_SIZE bytes. */
enum blk_label {
  BLK_READ = 0x200, /* w0 sector, w1 count (up to a page): reply, the bytes in the buffer */
  BLK_WRITE,        /* w0 sector, w1 count, the bytes in the buffer */
  BLK_FLUSH,        /* every write before it is durable */
};

/* The name service's requests; the name (1 to 15 bytes and a NUL) is in the buffer. */
enum ns_label {
  NS_REGISTER = 0x300, /* servers only (badge 0): the name stands for the cap sent with the
                          message (or for none), w0 the server's pid, w1 1 if user processes
                          may have the cap. Replaces what the name stood for. */
  NS_LOOKUP,           /* reply: w0 the pid, and the cap, in the landing slot the call names,
                          if the caller may have it; -ENOENT for a name never registered */
};

/* SYS_inject at the reincarnation server: "SERVER" or "SERVER:hang" in the buffer. The badge
 * of the cap it registers for user processes, so that they cannot pass for the kernel. */
#define RS_BADGE_USER 1u

#endif
