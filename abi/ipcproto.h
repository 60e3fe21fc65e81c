/*
 * abi/ipcproto.h: the labels of micro's IPC protocols, and a name for each, so that whatever
 * shows a message to people (the visualizer, traces) says `fork` or `read` where the
 * message carries 2 or 0x200.
 *
 * A message's label says what it asks for, and its receiver says which protocol it is in:
 * the same 0x300 is a console write and a name-service registration. So the names are one
 * table per server protocol, found by the server's name (its process name: "fs", "pm").
 * The servers speak these protocols (kernels/micro/include/micro/proto.h says what each
 * message carries); the visualizer never includes a kernel header, which is why the numbers
 * live here and nowhere else.
 *
 * - The system calls: a program's call n reaches the process manager, the file server or the
 *   reincarnation server as label n (abi/syscall.h; named by abi/systab.h).
 * - The kernel's own labels, the same to any receiver: a fault, an exit, a notification.
 * - The file server's calls from the process manager (FS_*), the disk driver's (BLK_*), the
 *   console driver's (CON_*) and the name service's (NS_*).
 *
 * Not for: dispatch. A server switches on the enums itself.
 */
#ifndef OSSIM_ABI_IPCPROTO_H
#define OSSIM_ABI_IPCPROTO_H

#include "abi/systab.h"

/* The label of the message a faulting thread "sends" to its fault endpoint: words are the
 * cause (scause), the pc, the faulting address (stval) and the thread's pid. */
#define LABEL_FAULT 0xfa17u
/* The label of the message a thread with a fault endpoint "sends" there when it calls
 * KC_EXIT (a process ends through its manager): words are the status, 0, 0 and its pid. */
#define LABEL_EXIT 0xe417u
/* The label of what a receive gets from a notification bound to the thread (KC_NTFN_BIND):
 * a0 MSG_NOTIFY, a2 the notification's word, badge 0. */
#define LABEL_NOTIFY 0x5167u

/* The file server's requests from the process manager (badge 0). */
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
  FS_LABEL_END
};

/* The console driver's requests (from the file server, badge 0). It never calls the file
 * server: it signals the file server's notification (FS_NOTE_CON) when input can be read. */
enum con_label {
  CON_WRITE = 0x300, /* the bytes in the buffer go to the UART; label: their count */
  CON_READ,          /* w0 at most: typed bytes up to a newline or ^D in the buffer, label
                        their count; 0 at the end of the input; -EAGAIN when there are none yet */
  CON_LABEL_END
};

/* The disk driver's requests (from the file server): sectors of BLK_SECTOR_SIZE bytes. */
enum blk_label {
  BLK_READ = 0x200, /* w0 sector, w1 count (up to a page): reply, the bytes in the buffer */
  BLK_WRITE,        /* w0 sector, w1 count, the bytes in the buffer */
  BLK_FLUSH,        /* every write before it is durable */
  BLK_LABEL_END
};

/* The name service's requests; the name (1 to 15 bytes and a NUL) is in the buffer. */
enum ns_label {
  NS_REGISTER = 0x300, /* servers only (badge 0): the name stands for the cap sent with the
                          message (or for none), w0 the server's pid, w1 1 if user processes
                          may have the cap. Replaces what the name stood for. */
  NS_LOOKUP,           /* reply: w0 the pid, and the cap, in the landing slot the call names,
                          if the caller may have it; -ENOENT for a name never registered */
  NS_LABEL_END
};

/* One server's protocol: the names of its labels first .. first + count - 1, and whether it
 * also takes the system calls. */
struct ipc_protocol {
  const char *server;
  unsigned first, count;
  const char *const *names;
  int syscalls;
};

/* Whether two NUL-terminated strings are equal (guest code has no C library here). */
static inline int ipcproto_same(const char *a, const char *b) {
  while (*a && *a == *b)
    a++, b++;
  return *a == *b;
}

/* The name of the operation that label asks of the server called `server` ("fs", "pm"; NULL
 * for one not known), or NULL when that server's protocol has no such label. */
static inline const char *abi_ipc_name(const char *server, unsigned label) {
  static const char *const fs_names[] = {"fork", "exit", "new", "readfile", "loadseg"};
  static const char *const con_names[] = {"write", "read"};
  static const char *const blk_names[] = {"read", "write", "flush"};
  static const char *const ns_names[] = {"register", "lookup"};
  static const struct ipc_protocol protocols[] = {
      {"pm", 0, 0, 0, 1},
      {"rs", 0, 0, 0, 1},
      {"fs", FS_FORK, FS_LABEL_END - FS_FORK, fs_names, 1},
      {"con", CON_WRITE, CON_LABEL_END - CON_WRITE, con_names, 0},
      {"blk", BLK_READ, BLK_LABEL_END - BLK_READ, blk_names, 0},
      {"ns", NS_REGISTER, NS_LABEL_END - NS_REGISTER, ns_names, 0},
  };
  _Static_assert(sizeof fs_names / sizeof *fs_names == FS_LABEL_END - FS_FORK, "fs names");
  _Static_assert(sizeof con_names / sizeof *con_names == CON_LABEL_END - CON_WRITE, "con");
  _Static_assert(sizeof blk_names / sizeof *blk_names == BLK_LABEL_END - BLK_READ, "blk");
  _Static_assert(sizeof ns_names / sizeof *ns_names == NS_LABEL_END - NS_REGISTER, "ns");
  if (label == LABEL_FAULT) return "fault";
  if (label == LABEL_EXIT) return "exit";
  if (label == LABEL_NOTIFY) return "notify";
  for (unsigned i = 0; server && i < sizeof protocols / sizeof *protocols; i++) {
    const struct ipc_protocol *p = &protocols[i];
    if (!ipcproto_same(p->server, server)) continue;
    if (label - p->first < p->count) return p->names[label - p->first];
    const struct systab_entry *call = p->syscalls ? systab(label) : 0;
    return call ? call->name : 0;
  }
  return 0;
}

#endif
