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
 * through the console driver (CON_*).
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
                      their count */
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

#endif
