/*
 * pm: the process manager, a system server. It owns the processes: their pids, parents and
 * exit statuses, and the caps to their threads and address spaces, with which it asks the
 * kernel to build them (fork copies an address space, exec builds a new one from the ELF
 * file it reads through the file server). The vDSO sends it the process calls of
 * micro/proto.h; the kernel sends it a process's faults (LABEL_FAULT), which kill the
 * process, as on mono.
 *
 * Boot: the kernel starts it with the first program's path and argv in its IPC buffer
 * (argc in a0's low byte, 0x100: open the console for it), and with the endpoints of
 * micro/kabi.h's system slots.
 *
 * One thread, one request at a time. A call that must wait (wait for a child) keeps its
 * reply cap in the process's slot and is answered later by a send on that slot.
 *
 * Its notification is bound to it (it comes as a message): the kernel's timer wakes sleepers
 * through it, and the console driver signals a ^C typed at the console. uptime and yield are
 * the vDSO's own kernel calls.
 */
#include <stdbool.h>

#include "abi/errno.h"
#include "abi/memmap.h"
#include "abi/proc.h"
#include "abi/sv32.h"
#include "abi/syscall.h"
#include "elf_check.h"
#include "micro/proto.h"
#include "srv.h"
#include "string.h" /* the runtime's word-at-a-time copies */
#include "ulib.h"

#define NPROC 56 /* 3 slots each, below FAULT_SLOT */
#define HEAD 512 /* the first read of a program: its ELF and program headers, as a rule */
/* The most pages a process's address space may hold (its tables too), 40 MiB: one that takes
 * all it may leaves the rest of the default 64 MiB of RAM to the others, and the benchmarks'
 * 8000 pages (bench pagefault) fit. */
#define PROC_PAGES 10240u
#define BUF ((char *)BOOT_IPC_BUF)
#define MAXARGS 32
#define SLOT(p, what) (BOOT_SLOT_SRV + 3 * (uint32_t)((p)-procs) + (what))
#define TH 0    /* the process's thread cap */
#define AS 1    /* its address space cap */
#define REPLY 2 /* its saved reply cap while it waits */
#define TMP_AS (BOOT_SLOT_SRV + 3 * NPROC)
#define SLOT_TIMER (TMP_AS + 1) /* the notification, badged PM_NOTE_TIMER, its timer signals */
_Static_assert(SLOT_TIMER < BOOT_SLOT_DEBUG, "the process manager's slots fit its cspace");

enum pstate { P_FREE, P_ALIVE, P_ZOMBIE };

struct proc {
  enum pstate state;
  int pid, ppid, status;
  /* In wait or in sleep, with its reply cap in SLOT(p, REPLY). Which one matters: a child's
   * exit answers a waiting parent, never a sleeping one (that would end its sleep early and
   * leave the child unreaped for the wait that follows). */
  enum { P_RUNS, P_IN_WAIT, P_IN_SLEEP } blocked;
  uint32_t wake_at;   /* in sleep: the tick it ends */
  uint32_t heap, brk; /* where its heap starts and ends */
  char name[16];
};

#define NO_REPLY SRV_LATER /* a handler's result when the reply is not now */

static struct proc procs[NPROC];
static int first_pid;      /* the first program: when it exits, the system powers off */
static bool first_is_init; /* ... and so, when it is init, does the end of a shell of its
                              once the console's input is over (piped input) */

static struct proc *find(int pid) {
  for (struct proc *p = procs; p < procs + NPROC; p++)
    if (p->state != P_FREE && p->pid == pid) return p;
  return 0;
}

/* A call to the file server. One it held when it died (-EPIPE) is sent again, to its next
 * instance (the reincarnation server restarts it); each of these calls may be made twice.
 * The cap in slot give (-1: none) goes with the call. */
static int fs_call_giving(uint32_t label, int give, uint32_t w0, uint32_t w1, uint32_t len,
                          struct srv_msg *m) {
  uint32_t w2 = m->w[2], w3 = m->w[3];
  do {
    m->label = label, m->w[0] = w0, m->w[1] = w1, m->w[2] = w2, m->w[3] = w3, m->len = len;
    srv_ipc(KC_CALL, MSG_A0(BOOT_SLOT_FS, give, -1), m);
  } while (m->status == -OSSIM_EPIPE);
  return m->status < 0 ? m->status : (int)m->label;
}

/* fs_call_giving without a cap. */
static int fs_call(uint32_t label, uint32_t w0, uint32_t w1, uint32_t len, struct srv_msg *m) {
  return fs_call_giving(label, -1, w0, w1, len, m);
}

/* Reads up to n bytes (a page at most) of the file at path from offset off into dst (as
 * process pid sees it). *size, when not NULL, gets the file's length. */
static int read_file(int pid, const char *path, uint32_t off, void *dst, uint32_t n,
                     uint32_t *size) {
  struct srv_msg m = {.w = {0, 0, n}};
  uint32_t len = (uint32_t)ulib_strlen(path) + 1;
  memcpy(BUF, path, len);
  int r = fs_call(FS_READFILE, (uint32_t)pid, off, len, &m);
  if (r < 0) return r;
  if ((uint32_t)r > n) r = (int)n;
  memcpy(dst, BUF, (uint32_t)r);
  if (size) *size = m.w[0];
  return r;
}

/* Reads n bytes of the file from off into dst, a page at a time; -ENOEXEC if it is shorter. */
static int read_all(int pid, const char *path, uint32_t off, char *dst, uint32_t n) {
  for (uint32_t done = 0; done < n;) {
    uint32_t chunk = n - done < PGSIZE ? n - done : PGSIZE;
    int rc = read_file(pid, path, off + done, dst + done, chunk, NULL);
    if (rc < 0) return rc;
    if ((uint32_t)rc < chunk) return -OSSIM_ENOEXEC; /* the file is cut short */
    done += chunk;
  }
  return 0;
}

/* Maps a checked segment into TMP_AS and has the file server write its file bytes there, in
 * one request (FS_LOADSEG, with a cap to TMP_AS). */
static int load_segment(int pid, const char *path, const struct elf_seg *s) {
  int perm = (s->flags & ELF_PF_R ? MAP_R : 0) | (s->flags & ELF_PF_W ? MAP_W : 0) |
             (s->flags & ELF_PF_X ? MAP_X : 0);
  if (srv_kcall(KC_AS_MAP, TMP_AS, (uint32_t)s->va, (uint32_t)s->memsz, (uint32_t)perm) < 0)
    return -OSSIM_ENOMEM;
  if (s->filesz == 0) return 0;
  uint32_t len = (uint32_t)ulib_strlen(path) + 1;
  memcpy(BUF, path, len);
  struct srv_msg m = {.w = {0, 0, (uint32_t)s->filesz, (uint32_t)s->va}};
  int rc = fs_call_giving(FS_LOADSEG, TMP_AS, (uint32_t)pid, (uint32_t)s->off, len, &m);
  return rc < 0 ? rc : 0;
}

/* Reads and checks the program's headers, with the same checks mono's exec makes
 * (sim/elf_check.c): segs[0..*n) and *entry, or -ENOEXEC. */
static int check_program(int pid, const char *path, struct elf_seg *segs, unsigned *n,
                         uint32_t *entry) {
  static char head[ELF_HEADERS_MAX];
  uint32_t size = 0;
  int have = read_file(pid, path, 0, head, HEAD, &size);
  if (have < 0) return have;
  uint64_t need = elf_headers_end((const uint8_t *)head, (size_t)have);
  if (need > (uint64_t)have && need <= sizeof head && need <= size) {
    int rc = read_all(pid, path, (uint32_t)have, head + have, (uint32_t)need - (uint32_t)have);
    if (rc < 0) return rc;
    have = (int)need;
  }
  const struct elf_place user = {false, USER_BASE, USER_TOP};
  char why[8]; /* the reason is mono's to print (it has a console); here only the errno */
  if (elf_check((const uint8_t *)head, (size_t)have, size, &user, segs, ELF_USER_SEGMENTS, n, entry,
                why, sizeof why) < 0)
    return -OSSIM_ENOEXEC;
  return 0;
}

/* Lays out argv on the stack [lo, hi) of TMP_AS as mono does; *sp and *uargv its place. */
static int push_args(const char *args, int argc, uint32_t hi, uint32_t *sp, uint32_t *uargv) {
  static char stage[2 * PGSIZE];
  uint32_t s = hi, ptrs[MAXARGS + 1];
  for (int i = 0; i < argc; i++) {
    uint32_t l = (uint32_t)ulib_strlen(args) + 1;
    s = (s - l) & ~15u;
    if (hi - s > sizeof stage - 4 * (MAXARGS + 1)) return -OSSIM_E2BIG;
    memcpy(stage + sizeof stage - (hi - s), args, l);
    ptrs[i] = s;
    args += l;
  }
  ptrs[argc] = 0;
  s = (s - (uint32_t)(argc + 1) * 4) & ~15u;
  memcpy(stage + sizeof stage - (hi - s), ptrs, (uint32_t)(argc + 1) * 4);
  *sp = *uargv = s;
  return srv_kcall(KC_AS_WRITE, TMP_AS, s, (uint32_t)(uintptr_t)(stage + sizeof stage - (hi - s)),
                   hi - s);
}

/* Builds the program at path in a new address space (TMP_AS). */
static int build(struct proc *p, const char *path, const char *args, int argc, uint32_t *entry,
                 uint32_t *sp, uint32_t *uargv) {
  struct elf_seg segs[ELF_USER_SEGMENTS];
  unsigned n;
  int rc = check_program(p->pid, path, segs, &n, entry);
  if (rc < 0) return rc;
  rc = srv_kcall(KC_AS_CREATE, TMP_AS, BOOT_SLOT_QUOTA, PROC_PAGES, 0);
  uint32_t top = USER_BASE;
  for (unsigned i = 0; rc >= 0 && i < n; i++) {
    rc = load_segment(p->pid, path, &segs[i]);
    if (segs[i].va + segs[i].memsz > top) top = (uint32_t)(segs[i].va + segs[i].memsz);
  }
  top = (top + PGSIZE - 1) & ~(PGSIZE - 1);
  uint32_t hi = top + PGSIZE + USER_STACK_PAGES * PGSIZE; /* a guard page below the stack */
  if (rc >= 0)
    rc = srv_kcall(KC_AS_MAP, TMP_AS, top + PGSIZE, USER_STACK_PAGES * PGSIZE, MAP_R | MAP_W);
  if (rc >= 0) rc = srv_kcall(KC_AS_MAP, TMP_AS, BOOT_IPC_BUF, PGSIZE, MAP_R | MAP_W);
  if (rc >= 0) rc = push_args(args, argc, hi, sp, uargv);
  if (rc < 0) {
    srv_kcall(KC_CAP_DELETE, TMP_AS, 0, 0, 0);
    return rc;
  }
  p->heap = p->brk = hi;
  return 0;
}

/* Replaces p's program: path, then argc strings in args. On success p runs the new one
 * (its pending call is never answered); on failure nothing changed. */
static int exec(struct proc *p, const char *path, const char *args, int argc) {
  uint32_t entry, sp, uargv;
  if (argc < 0 || argc > MAXARGS) return -OSSIM_E2BIG;
  int rc = build(p, path, args, argc, &entry, &sp, &uargv);
  if (rc < 0) return rc;
  const char *last = ulib_strrchr(path, '/');
  ulib_strncpy(p->name, last ? last + 1 : path, sizeof p->name - 1);
  srv_kcall(KC_TH_SPACE, SLOT(p, TH), TMP_AS, (uint32_t)(uintptr_t)p->name, 0);
  srv_kcall(KC_CAP_DELETE, SLOT(p, AS), 0, 0, 0);
  srv_kcall(KC_CAP_COPY, TMP_AS, SLOT(p, AS), CAP_ALL, 0);
  srv_kcall(KC_CAP_DELETE, TMP_AS, 0, 0, 0);
  uint32_t regs[][2] = {{0, entry}, {2, sp}, {10, (uint32_t)argc}, {11, uargv}};
  for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
    srv_kcall(KC_TH_WRITE, SLOT(p, TH), regs[i][0], regs[i][1], 0);
  return srv_kcall(KC_TH_RESUME, SLOT(p, TH), 0, 0, 0);
}

/* The caps a process calls the servers through, send-only and badged with its pid; its
 * faults come here. */
static int give_caps(struct proc *p) {
  uint32_t pid = (uint32_t)p->pid;
  int rc = srv_kcall(KC_CAP_GIVE, SLOT(p, TH), BOOT_SLOT_PM, USER_SLOT_PM, pid);
  if (rc >= 0) rc = srv_kcall(KC_CAP_GIVE, SLOT(p, TH), BOOT_SLOT_FS, USER_SLOT_FS, pid);
  if (rc >= 0) rc = srv_kcall(KC_CAP_GIVE, SLOT(p, TH), BOOT_SLOT_NS, USER_SLOT_NS, pid);
  if (rc >= 0) rc = srv_kcall(KC_CAP_MINT, BOOT_SLOT_PM, TMP_AS, CAP_W, pid);
  if (rc >= 0) rc = srv_kcall(KC_TH_FAULT, SLOT(p, TH), TMP_AS, 0, 0);
  srv_kcall(KC_CAP_DELETE, TMP_AS, 0, 0, 0);
  return rc;
}

/* A free process slot with a new thread in address space slot as; NULL if none. */
static struct proc *proc_new(int ppid, const char *name) {
  struct proc *p = procs;
  while (p < procs + NPROC && p->state != P_FREE)
    p++;
  if (p == procs + NPROC) return 0;
  int pid =
      srv_kcall(KC_TH_CREATE, SLOT(p, TH), SLOT(p, AS), (uint32_t)(uintptr_t)name, BOOT_SLOT_QUOTA);
  if (pid < 0) return 0;
  *p = (struct proc){.state = P_ALIVE, .pid = pid, .ppid = ppid};
  ulib_strncpy(p->name, name, sizeof p->name - 1);
  if (give_caps(p) < 0) {
    srv_kcall(KC_TH_KILL, SLOT(p, TH), 0, 0, 0);
    p->state = P_FREE;
    return 0;
  }
  return p;
}

static int fork(struct proc *parent) {
  struct proc *p = procs;
  while (p < procs + NPROC && p->state != P_FREE)
    p++;
  if (p == procs + NPROC) return -OSSIM_EAGAIN;
  int rc = srv_kcall(KC_AS_CREATE, SLOT(p, AS), BOOT_SLOT_QUOTA, PROC_PAGES, 0);
  if (rc >= 0 && (rc = srv_kcall(KC_AS_COPY, SLOT(p, AS), SLOT(parent, AS), 0, 0)) < 0)
    srv_kcall(KC_CAP_DELETE, SLOT(p, AS), 0, 0, 0);
  struct proc *child = rc < 0 ? 0 : proc_new(parent->pid, parent->name);
  if (!child) return rc < 0 ? rc : -OSSIM_EAGAIN;
  child->heap = parent->heap, child->brk = parent->brk;
  srv_kcall(KC_TH_COPY, SLOT(child, TH), SLOT(parent, TH), 0, 0);
  srv_kcall(KC_TH_WRITE, SLOT(child, TH), 10, 0, 0); /* the call's status ... */
  srv_kcall(KC_TH_WRITE, SLOT(child, TH), 11, 0, 0); /* ... and its result: 0 in the child */
  struct srv_msg m;
  fs_call(FS_FORK, (uint32_t)parent->pid, (uint32_t)child->pid, 0, &m);
  srv_kcall(KC_TH_RESUME, SLOT(child, TH), 0, 0, 0);
  return child->pid;
}

/* Answers a wait of parent p with child c's end, and forgets c. */
static void reap(struct proc *c, struct srv_msg *m) {
  m->label = (uint32_t)c->pid;
  m->w[0] = (uint32_t)c->status;
  m->len = 0;
  c->state = P_FREE;
}

static void exit_proc(struct proc *p, int status) {
  struct srv_msg m;
  fs_call(FS_EXIT, (uint32_t)p->pid, 0, 0, &m);
  srv_kcall(KC_TH_KILL, SLOT(p, TH), (uint32_t)status, 0, 0);
  srv_kcall(KC_CAP_DELETE, SLOT(p, REPLY), 0, 0, 0);
  p->state = P_ZOMBIE;
  p->status = status;
  p->blocked = P_RUNS;
  if (p->pid == first_pid || (first_is_init && p->ppid == first_pid &&
                              srv_kcall(KC_INPUT_DONE, BOOT_SLOT_DEBUG, 0, 0, 0) == 1))
    srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, (uint32_t)status, 0, 0);
  for (struct proc *c = procs; c < procs + NPROC; c++)
    if (c->state != P_FREE && c->ppid == p->pid) c->ppid = first_pid;
  struct proc *parent = find(p->ppid);
  if (parent && parent->blocked == P_IN_WAIT) {
    reap(p, &m);
    parent->blocked = P_RUNS;
    srv_ipc(KC_SEND, MSG_A0(SLOT(parent, REPLY), -1, -1), &m);
  }
}

/* wait: a zombie child now, -ECHILD with none, or later (1: the reply is saved). */
static int wait(struct proc *p, struct srv_msg *m) {
  bool any = false;
  for (struct proc *c = procs; c < procs + NPROC; c++) {
    if (c->state == P_FREE || c->ppid != p->pid) continue;
    if (c->state == P_ZOMBIE) {
      reap(c, m);
      return 0;
    }
    any = true;
  }
  if (!any) return -OSSIM_ECHILD;
  if (srv_kcall(KC_REPLY_SAVE, SLOT(p, REPLY), 0, 0, 0) < 0) return -OSSIM_ENOMEM;
  p->blocked = P_IN_WAIT;
  return 1;
}

static int sbrk(struct proc *p, int n) {
  uint32_t old = p->brk, end = old + (uint32_t)n;
  uint32_t from = (old + PGSIZE - 1) & ~(PGSIZE - 1), to = (end + PGSIZE - 1) & ~(PGSIZE - 1);
  if (n > 0 && (end < old || end > USER_TOP)) return -OSSIM_ENOMEM;
  if (n > 0 && to > from && srv_kcall(KC_AS_MAP, SLOT(p, AS), from, to - from, MAP_R | MAP_W) < 0)
    return -OSSIM_ENOMEM;
  if (n < 0 && (end > old || end < p->heap)) return -OSSIM_EINVAL;
  if (n < 0 && from > to) srv_kcall(KC_AS_UNMAP, SLOT(p, AS), to, from - to, 0);
  p->brk = end;
  return (int)old;
}

/* Answers the sleepers that are due, and sets the timer for the next. */
static void wake_sleepers(void) {
  uint32_t now = srv_ticks(), next = 0;
  for (struct proc *p = procs; p < procs + NPROC; p++) {
    if (p->state != P_ALIVE || p->blocked != P_IN_SLEEP) continue;
    if ((int32_t)(p->wake_at - now) > 0) {
      if (!next || (int32_t)(p->wake_at - next) < 0) next = p->wake_at;
      continue;
    }
    struct srv_msg m = {0};
    p->blocked = P_RUNS;
    srv_ipc(KC_SEND, MSG_A0(SLOT(p, REPLY), -1, -1), &m);
  }
  if (next) srv_kcall(KC_TIMER, SLOT_TIMER, next, 0, 0);
}

static int sleep(struct proc *p, int n) {
  if (n <= 0) return 0;
  if (srv_kcall(KC_REPLY_SAVE, SLOT(p, REPLY), 0, 0, 0) < 0) return -OSSIM_ENOMEM;
  p->blocked = P_IN_SLEEP;
  p->wake_at = srv_ticks() + (uint32_t)n;
  wake_sleepers();
  return NO_REPLY;
}

/* ^C: kill the foreground job. As mono, without job control that is every process but the
 * first and the shells. */
static void interrupt_foreground(void) {
  for (struct proc *p = procs; p < procs + NPROC; p++)
    if (p->state == P_ALIVE && p->pid != first_pid && ulib_strcmp(p->name, "sh") != 0)
      exit_proc(p, -1);
}

/* poweroff's rule: the machine is the console user's, so a program the console's shells
 * run may stop it (every ancestor up to the first program is a shell), and so may the first
 * program; one that another program started (a fuzzer's child, a test's) may not. As for
 * ^C, pm knows the shells by name. */
static bool may_poweroff(const struct proc *p) {
  if (p->pid == first_pid) return true;
  int depth = 0;
  for (const struct proc *a = find(p->ppid); a && depth < NPROC; a = find(a->ppid), depth++) {
    if (a->pid == first_pid) return true;
    if (ulib_strcmp(a->name, "sh") != 0) return false;
  }
  return false;
}

/* The kernel's view of boot module i (KC_SRV_INFO): m->status its pid (0: dead, < 0: no such
 * module), m->label its state, m->w[0..2] its cycles (low, high) and priority. */
static void server_info(uint32_t i, struct srv_msg *m) {
  *m = (struct srv_msg){.label = i};
  srv_ipc(KC_SRV_INFO, BOOT_SLOT_SYSTEM, m);
}

/* The servers' lines of ps's table, up to max of them: every thread of the system is in it.
 * A server's parent is 0, as init's: the kernel started it. */
static uint32_t servers_info(struct procinfo *out, uint32_t max) {
  static const char *const names[] = SRV_NAMES;
  uint32_t n = 0;
  struct srv_msg m;
  for (uint32_t i = 0; n < max && (server_info(i, &m), m.status >= 0); i++) {
    if (m.status == 0) continue; /* dead, and being restarted */
    out[n] = (struct procinfo){.pid = m.status, .state = (int)m.label, .priority = (int)m.w[2]};
    out[n].cpu_cycles = (uint64_t)m.w[1] << 32 | m.w[0];
    ulib_strncpy(out[n].name, i < SRV_COUNT ? names[i] : "module", sizeof out[n].name - 1);
    n++;
  }
  return n;
}

/* kill of a server's pid: the kernel ends it as killed, and the reincarnation server, which
 * watches it, restarts it if it restarts that server. -ESRCH if no server has the pid. */
static int kill_server(int pid) {
  struct srv_msg m;
  for (uint32_t i = 0; server_info(i, &m), m.status >= 0; i++)
    if (m.status == pid) /* not the two that keep the others going: pm itself, and rs */
      return i == SRV_PM || i == SRV_RS ? -OSSIM_EPERM
                                        : srv_kcall(KC_SRV_KILL, BOOT_SLOT_SYSTEM, i, 4, 0);
  return -OSSIM_ESRCH;
}

/* ps's table; the caller is running (it waits for this answer, but it is the one asking). */
static int procinfo(struct proc *caller, uint32_t max) {
  struct procinfo *out = (struct procinfo *)BUF;
  uint32_t n = 0, limit = MSG_BUF_MAX / sizeof *out;
  for (struct proc *p = procs; p < procs + NPROC && n < max && n < limit; p++) {
    if (p->state == P_FREE) continue;
    struct srv_msg m = {.w = {0}};
    if (p->state == P_ALIVE) srv_ipc(KC_TH_INFO, SLOT(p, TH), &m); /* as the kernel sees it */
    out[n] = (struct procinfo){.pid = p->pid, .ppid = p->ppid, .size = p->brk};
    out[n].state = p == caller            ? PROC_RUNNING
                   : p->state == P_ZOMBIE ? PROC_ZOMBIE
                   : m.status < 0         ? PROC_USED
                                          : m.status;
    out[n].cpu_cycles = (uint64_t)m.w[0] << 32 | m.label;
    out[n].priority = (int)m.w[1];
    memcpy(out[n].name, p->name, sizeof out[n].name);
    n++;
  }
  return (int)(n + servers_info(out + n, max - n < limit - n ? max - n : limit - n));
}

/* One request from process p (or its fault). Returns the reply's label, or 1 << 31 for no
 * reply now. */
static int handle(struct proc *p, struct srv_msg *m) {
  switch (m->label) {
  case SYS_fork: return fork(p);
  case SYS_exit: exit_proc(p, (int)m->w[0]); return NO_REPLY;
  case LABEL_FAULT: exit_proc(p, -1); return NO_REPLY;
  case LABEL_EXIT: exit_proc(p, (int)m->w[0]); return NO_REPLY; /* the kernel's exit, called */
  case SYS_wait: {
    int rc = wait(p, m);
    return rc == 1 ? NO_REPLY : rc < 0 ? rc : (int)m->label;
  }
  case SYS_kill: {
    struct proc *v = find((int)m->w[0]);
    if (!v) return kill_server((int)m->w[0]);
    if (v->state != P_ALIVE) return -OSSIM_ESRCH;
    exit_proc(v, -1);
    return v == p ? NO_REPLY : 0;
  }
  case SYS_exec: {
    static char args[MSG_BUF_MAX];
    uint32_t len = m->len < MSG_BUF_MAX ? m->len : MSG_BUF_MAX - 1, strings = 0;
    memcpy(args, BUF, len);
    args[len] = 0;
    for (uint32_t i = 0; i < len; i++)
      strings += args[i] == 0;
    if (m->w[0] + 1 > strings) return -OSSIM_EINVAL; /* fewer strings than argc says */
    const char *path = args;
    int rc = exec(p, path, path + ulib_strlen(path) + 1, (int)m->w[0]);
    return rc < 0 ? rc : NO_REPLY;
  }
  case SYS_getpid: return p->pid;
  case SYS_getppid: return p->ppid;
  case SYS_sbrk: return sbrk(p, (int)m->w[0]);
  case SYS_sleep: return sleep(p, (int)m->w[0]);
  case SYS_poweroff:
    if (!may_poweroff(p)) return -OSSIM_EPERM;
    return srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, m->w[0], 0, 0);
  case SYS_trace_mark: return srv_kcall(KC_TRACE_MARK, m->w[0], m->w[1], m->w[2], 0);
  case SYS_setpriority: {
    struct proc *v = m->w[0] ? find((int)m->w[0]) : p;
    if ((int32_t)m->w[2] < 0) return -OSSIM_EINVAL;
    if (!v || v->state != P_ALIVE) return -OSSIM_ESRCH;
    return srv_kcall(KC_TH_SCHED, SLOT(v, TH), m->w[1], m->w[2], 0);
  }
  case SYS_procinfo: {
    int n = procinfo(p, m->w[1]);
    m->len = (uint32_t)n * sizeof(struct procinfo);
    return n;
  }
  default: return -OSSIM_ENOSYS;
  }
}

/* The first program: its path and argc strings in the IPC buffer, as the kernel left them;
 * with the console as descriptors 0-2 if console. */
static void start_first(int argc, bool console) {
  static char args[MSG_BUF_MAX];
  memcpy(args, BUF, MSG_BUF_MAX);
  args[MSG_BUF_MAX - 1] = 0;
  const char *path = args, *argv = args + ulib_strlen(args) + 1;
  struct proc *p = 0;
  int rc = srv_kcall(KC_AS_CREATE, SLOT(procs, AS), BOOT_SLOT_QUOTA, PROC_PAGES, 0);
  if (rc >= 0) p = proc_new(0, "init");
  if (p) {
    first_pid = p->pid;
    first_is_init = !console;
    struct srv_msg m;
    rc = fs_call(FS_NEW, (uint32_t)p->pid, console, 0, &m);
    if (rc >= 0) rc = exec(p, path, argv, argc);
  }
  if (!p || rc < 0) {
    srv_printf("pm: cannot run %s: error %d\n", path, p ? rc : -OSSIM_ENOMEM);
    srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 1, 0, 0);
  }
}

/* A request: from a live process, handled; from anyone else, refused. */
static int request(struct srv_msg *m) {
  if (srv_notified(m)) { /* the bound notification */
    if (m->w[0] & PM_NOTE_INTR) interrupt_foreground();
    if (m->w[0] & PM_NOTE_TIMER) wake_sleepers();
    return NO_REPLY;
  }
  struct proc *p = find((int)m->badge);
  if (!p || p->state != P_ALIVE) {
    m->len = 0;
    return -OSSIM_ESRCH;
  }
  uint32_t label = m->label;
  int rc = handle(p, m);
  if (label != SYS_procinfo) m->len = 0;
  return rc;
}

int main(uint32_t arg, uint32_t index) {
  (void)index;
  if (srv_kcall(KC_NTFN_BIND, BOOT_SLOT_PM_NTFN, 0, 0, 0) < 0 ||
      srv_kcall(KC_CAP_MINT, BOOT_SLOT_PM_NTFN, SLOT_TIMER, CAP_W, PM_NOTE_TIMER) < 0)
    srv_printf("pm: no notification: no sleep, no ^C\n");
  start_first((int)(arg & 0xff), arg & 0x100);
  srv_serve(BOOT_SLOT_PM, request);
}
