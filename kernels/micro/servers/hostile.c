/*
 * hostile: a boot module that attacks the system servers, booted beside them
 * (`ossim --kernel micro --module +hostile`). It sends every server in `servers` below
 * malformed messages (labels it does not serve, words out of range, byte counts beyond the
 * buffer, paths without an end), calls through caps with badges no process has, through
 * slots that are empty, out of range or hold caps of other types, and with caps it may not
 * send. Every call must be refused — come back with a negative status or label — and every
 * server must still serve a good request at the end.
 *
 * It holds what a system server holds, the servers' endpoints unbadged: the authority of
 * their trusted clients (the process manager's for the file server, the file server's for
 * the drivers), which is more than a process has. From them it mints badged caps, as a
 * process's or nobody's. It never sends what a client may rightly ask (a write to the disk,
 * a read of the console): those would succeed.
 *
 * Ends with `hostile: N calls to M servers, every one refused` on the console (written
 * through the console driver: a good request). A call that was not refused is printed and
 * the machine powers off with status 1. With ARG 1 (`+hostile:1`) every call is printed.
 *
 * To attack a new server: a row in `servers` (its endpoint slot and the labels it serves),
 * and, for what its own words mean, a function like attack_blk.
 */
#include <stdbool.h>

#include "abi/blk.h"
#include "abi/errno.h"
#include "abi/stat.h"
#include "abi/syscall.h"
#include "micro/proto.h"
#include "srv.h"
#include "ulib.h"

#define BUF ((char *)BOOT_IPC_BUF)
#define SLOT_TMP BOOT_SLOT_SRV           /* a badged or weakened copy of a server's cap */
#define SLOT_NTFN (BOOT_SLOT_SRV + 1)    /* a notification: a cap of the wrong type */
#define NOBODY 0x7ffffff0u               /* a pid no process has */
#define NOCAP(slot) MSG_A0(slot, -1, -1) /* a0 of a plain call through slot */

struct server {
  const char *name;
  uint32_t slot;                       /* its endpoint, unbadged */
  uint32_t labels[12];                 /* the labels it serves (0 ends the list) */
  void (*own)(const struct server *s); /* attacks on what its words mean */
};

static bool verbose;
static unsigned calls, accepted;

/* One call: a0 as MSG_A0 builds it, label, two words, len bytes of the IPC buffer. Its
 * result: the negative status, or the reply's label. */
static int call(uint32_t a0, uint32_t label, uint32_t w0, uint32_t w1, uint32_t len) {
  struct srv_msg m = {.label = label, .w = {w0, w1, 0, 0}, .len = len};
  srv_ipc(KC_CALL, a0, &m);
  return m.status < 0 ? m.status : (int)m.label;
}

/* An attack on server s: the call must be refused. */
static void attack(const struct server *s, uint32_t a0, uint32_t label, uint32_t w0, uint32_t w1,
                   uint32_t len) {
  int r = call(a0, label, w0, w1, len);
  calls++;
  if (verbose)
    srv_printf("hostile: %s 0x%x (0x%x, 0x%x, %u bytes): %d\n", s->name, label, w0, w1, len, r);
  if (r >= 0) {
    srv_printf("hostile: %s accepted 0x%x (0x%x, 0x%x, %u bytes): %d\n", s->name, label, w0, w1,
               len, r);
    accepted++;
  }
}

/* A good request to s: it must succeed (the server is up and still serves). */
static int good(const struct server *s, uint32_t slot, uint32_t label, uint32_t w0, uint32_t w1,
                uint32_t len) {
  int r = call(NOCAP(slot), label, w0, w1, len);
  if (r < 0) {
    srv_printf("hostile: %s refused a good request 0x%x: %d\n", s->name, label, r);
    accepted++; /* counted as a failure all the same */
  }
  return r;
}

/* Puts the string s (with its NUL) in the buffer; returns the bytes. */
static uint32_t put(const char *s) {
  uint32_t n = (uint32_t)ulib_strlen(s) + 1;
  ulib_memcpy(BUF, s, n);
  return n;
}

/* Labels no server serves, and the kernel's own (a client cannot pass a call off as a signal
 * or a fault), through the unbadged cap. */
static void attack_labels(const struct server *s) {
  static const uint32_t bad[] = {0,     0x7fffffff, 0xffffffff, LABEL_NOTIFY, LABEL_FAULT,
                                 0x1ff, 0x2ff,      0x3ff,      SYS_count};
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
    attack(s, NOCAP(s->slot), bad[i], 0, 0, 0);
}

/* The server's own labels through caps badged with pids no process has (the process manager
 * and the file server serve the processes they know; the drivers, the file server alone). */
static void attack_badges(const struct server *s) {
  static const uint32_t badges[] = {NOBODY, 54321, 1u << 31, 100 /* a server's pid */};
  for (unsigned b = 0; b < sizeof badges / sizeof badges[0]; b++) {
    srv_kcall(KC_CAP_MINT, s->slot, SLOT_TMP, CAP_W, badges[b]);
    for (const uint32_t *l = s->labels; *l; l++)
      attack(s, NOCAP(SLOT_TMP), *l, 0, 1, 0);
    srv_kcall(KC_CAP_DELETE, SLOT_TMP, 0, 0, 0);
  }
}

/* Caps and counts the kernel refuses before the server sees the message. */
static void attack_caps(const struct server *s) {
  uint32_t label = s->labels[0];
  attack(s, MSG_A0(s->slot, 250, -1), label, 0, 0, 0);     /* a cap to send from no slot */
  attack(s, MSG_A0(s->slot, -1, 250), label, 0, 0, 0);     /* the answer's cap to no slot */
  attack(s, NOCAP(s->slot), label, 0, 0, MSG_BUF_MAX + 1); /* more than the buffer */
  attack(s, NOCAP(s->slot), label, 0, 0, 0xffffffff);
  srv_kcall(KC_CAP_COPY, s->slot, SLOT_TMP, CAP_R | CAP_G, 0); /* no right to send */
  attack(s, NOCAP(SLOT_TMP), label, 0, 0, 0);
  srv_kcall(KC_CAP_DELETE, SLOT_TMP, 0, 0, 0);
  srv_kcall(KC_CAP_COPY, s->slot, SLOT_TMP, CAP_W, 0); /* no right to grant */
  attack(s, MSG_A0(SLOT_TMP, BOOT_SLOT_SELF, -1), label, 0, 0, 0);
  srv_kcall(KC_CAP_DELETE, SLOT_TMP, 0, 0, 0);
  /* A cap it may send, its own thread's, with a label the server does not serve: the server
   * takes no caps, so the cap stays here and the call is refused. */
  attack(s, MSG_A0(s->slot, BOOT_SLOT_SELF, -1), 0xffffffff, 0, 0, 0);
}

static void attack_pm(const struct server *s) {
  /* Its own labels unbadged: the process manager's badge 0 is nobody's. */
  for (const uint32_t *l = s->labels; *l; l++)
    attack(s, NOCAP(s->slot), *l, 1, 0, 0);
}

/* The file server: the process manager's requests with pids it does not know, then a process
 * of its own (FS_NEW) whose requests are malformed. */
static void attack_fs(const struct server *s) {
  attack(s, NOCAP(s->slot), FS_FORK, NOBODY, NOBODY + 1, 0); /* no such parent */
  attack(s, NOCAP(s->slot), FS_FORK, 0, NOBODY, 0);
  attack(s, NOCAP(s->slot), FS_EXIT, NOBODY, 0, 0);
  attack(s, NOCAP(s->slot), FS_NEW, 0, 1, 0); /* no pid */
  attack(s, NOCAP(s->slot), FS_NEW, 0xffffffff, 0, 0);
  attack(s, NOCAP(s->slot), FS_READFILE, NOBODY, 0, put("/bin/sh"));
  attack(s, NOCAP(s->slot), SYS_read, 0, 1, 0); /* a process's call with no process */
  good(s, s->slot, FS_NEW, NOBODY, 0, 0);
  attack(s, NOCAP(s->slot), FS_NEW, NOBODY, 0, 0);       /* twice */
  attack(s, NOCAP(s->slot), FS_FORK, NOBODY, NOBODY, 0); /* a child that exists */
  srv_kcall(KC_CAP_MINT, s->slot, SLOT_TMP, CAP_W, NOBODY);
  uint32_t as = NOCAP(SLOT_TMP);
  static const uint32_t bad_fds[] = {0, 2, 15, 16, 99, 0xffffffff};
  for (unsigned i = 0; i < sizeof bad_fds / sizeof bad_fds[0]; i++) {
    uint32_t fd = bad_fds[i];
    attack(s, as, SYS_read, fd, 0xffffffff, 0);
    attack(s, as, SYS_write, fd, 0xffffffff, 16);
    attack(s, as, SYS_close, fd, 0, 0);
    attack(s, as, SYS_dup, fd, 0, 0);
    attack(s, as, SYS_fstat, fd, 0, 0);
    attack(s, as, SYS_lseek, fd, 0, 0);
  }
  ulib_memset(BUF, 'a', MSG_BUF_MAX); /* a path without its end */
  attack(s, as, SYS_open, O_RDONLY, 0, MSG_BUF_MAX);
  attack(s, as, SYS_open, O_RDONLY, 0, 0);
  BUF[200] = 0;
  attack(s, as, SYS_open, O_RDONLY, 0, 201);     /* longer than a path may be */
  attack(s, as, SYS_link, 0, 0, put("/bin/sh")); /* one path of two */
  attack(s, as, SYS_open, O_RDONLY, 0, put("/nosuch"));
  attack(s, as, SYS_open, O_WRONLY, 0, put("/"));
  attack(s, as, SYS_chdir, 0, 0, put("/bin/sh"));
  attack(s, as, SYS_unlink, 0, 0, put("/nosuch"));
  attack(s, as, SYS_mkdir, 0, 0, put("/"));
  attack(s, as, SYS_mknod, 1, 1, put("/"));
  attack(s, as, SYS_fork, 0, 0, 0); /* the process manager's calls */
  attack(s, as, SYS_exec, 1, 0, put("/bin/sh"));
  attack(s, as, FS_EXIT, NOBODY, 0, 0); /* its manager's, from a process */
  int fd = good(s, SLOT_TMP, SYS_open, O_RDONLY, 0, put("/"));
  if (fd >= 0) good(s, SLOT_TMP, SYS_close, (uint32_t)fd, 0, 0);
  srv_kcall(KC_CAP_DELETE, SLOT_TMP, 0, 0, 0);
  good(s, s->slot, FS_EXIT, NOBODY, 0, 0);
}

static void attack_blk(const struct server *s) {
  static const uint32_t reads[][2] = {{0, 0},          {0, 9},          {0, 0xffffffff},
                                      {0xfffffff0, 1}, {0xffffffff, 8}, {0x7fffffff, 1}};
  for (unsigned i = 0; i < sizeof reads / sizeof reads[0]; i++)
    attack(s, NOCAP(s->slot), BLK_READ, reads[i][0], reads[i][1], 0);
  ulib_memset(BUF, 0, MSG_BUF_MAX);
  attack(s, NOCAP(s->slot), BLK_WRITE, 0, 1, 0);                        /* no bytes */
  attack(s, NOCAP(s->slot), BLK_WRITE, 0, 2, BLK_SECTOR_SIZE);          /* fewer than said */
  attack(s, NOCAP(s->slot), BLK_WRITE, 0, 0x00800001, MSG_BUF_MAX);     /* count * 512 wraps */
  attack(s, NOCAP(s->slot), BLK_WRITE, 0xffffffff, 1, BLK_SECTOR_SIZE); /* past the disk */
  good(s, s->slot, BLK_READ, 0, 1, 0);
}

static void attack_rs(const struct server *s) {
  static const char *const names[] = {"nosuch", "pm", "ns", "blk:bogus", "fs:hang", ""};
  for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
    attack(s, NOCAP(s->slot), SYS_inject, 0, 0, put(names[i]));
  ulib_memset(BUF, 'b', MSG_BUF_MAX); /* a name without its end */
  attack(s, NOCAP(s->slot), SYS_inject, 0, 0, MSG_BUF_MAX);
}

static void attack_ns(const struct server *s) {
  attack(s, NOCAP(s->slot), NS_LOOKUP, 0, 0, put("nosuch"));
  attack(s, NOCAP(s->slot), NS_LOOKUP, 0, 0, put(""));
  ulib_memset(BUF, 'c', MSG_BUF_MAX); /* names without their end */
  attack(s, NOCAP(s->slot), NS_LOOKUP, 0, 0, MSG_BUF_MAX);
  attack(s, NOCAP(s->slot), NS_REGISTER, 0, 0, MSG_BUF_MAX);
  good(s, s->slot, NS_LOOKUP, 0, 0, put("rs"));
}

static void attack_con(const struct server *s) { attack(s, NOCAP(s->slot), CON_READ + 1, 0, 0, 0); }

static const struct server servers[] = {
    {"pm",
     BOOT_SLOT_PM,
     {SYS_fork, SYS_exit, SYS_wait, SYS_kill, SYS_exec, SYS_getpid, SYS_sbrk, SYS_sleep,
      SYS_procinfo, LABEL_FAULT},
     attack_pm},
    {"fs",
     BOOT_SLOT_FS,
     {SYS_read, SYS_write, SYS_open, SYS_close, SYS_pipe, SYS_fstat, SYS_chdir, SYS_mkdir},
     attack_fs},
    {"rs", BOOT_SLOT_RS, {SYS_inject}, attack_rs},
    {"ns", BOOT_SLOT_NS, {NS_LOOKUP, NS_REGISTER}, attack_ns},
    {"blk", BOOT_SLOT_BLKEP, {BLK_READ, BLK_WRITE, BLK_FLUSH}, attack_blk},
    {"con", BOOT_SLOT_CON, {CON_WRITE, CON_READ}, attack_con},
};
#define NSERVERS (sizeof servers / sizeof servers[0])

/* Kernel calls through slots that hold no endpoint, and kernel calls that do not exist. */
static void attack_kernel(void) {
  static const struct server kernel = {"kernel", 0, {0}, 0};
  static const uint32_t slots[] = {
      BOOT_SLOT_SELF, BOOT_SLOT_ASPACE, BOOT_SLOT_SYSTEM, SLOT_NTFN, FAULT_SLOT, CSPACE_SLOTS, 255};
  srv_kcall(KC_NTFN_CREATE, SLOT_NTFN, 0, 0, 0);
  for (unsigned i = 0; i < sizeof slots / sizeof slots[0]; i++)
    attack(&kernel, NOCAP(slots[i]), 1, 0, 0, 0);
  static const struct {
    uint32_t call, a0;
  } calls_[] = {{KC_SIGNAL, BOOT_SLOT_PM},
                {KC_WAIT, BOOT_SLOT_FS},
                {KC_REPLY, 0},
                {KC_REPLY_SAVE, SLOT_TMP},
                {0, 0},
                {KC_COUNT, 0},
                {0xffffffff, 0}};
  for (unsigned i = 0; i < sizeof calls_ / sizeof calls_[0]; i++) {
    int r = srv_kcall(calls_[i].call, calls_[i].a0, 0, 0, 0);
    calls++;
    if (r >= 0) {
      srv_printf("hostile: the kernel accepted call %u on slot %u: %d\n", calls_[i].call,
                 calls_[i].a0, r);
      accepted++;
    }
  }
  srv_kcall(KC_CAP_DELETE, SLOT_NTFN, 0, 0, 0);
}

int main(uint32_t arg) {
  verbose = arg == 1;
  attack_kernel();
  for (const struct server *s = servers; s < servers + NSERVERS; s++) {
    attack_labels(s);
    attack_badges(s);
    attack_caps(s);
    s->own(s);
  }
  char line[96];
  int n =
      accepted
          ? ulib_snprintf(line, sizeof line, "hostile: %u of %u calls accepted\n", accepted, calls)
          : ulib_snprintf(line, sizeof line, "hostile: %u calls to %u servers, every one refused\n",
                          calls, (unsigned)NSERVERS);
  ulib_memcpy(BUF, line, (uint32_t)n);
  const struct server *con = &servers[NSERVERS - 1];
  good(con, con->slot, CON_WRITE, 0, 0, (uint32_t)n);
  if (accepted) srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 1, 0, 0);
  return 0;
}
