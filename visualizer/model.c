#include "model.h"

#include <stdio.h>
#include <string.h>

#include "abi/marks.h"

/* abi/proc.h's PROC_UNUSED and PROC_ZOMBIE (a kernel header, which this module never includes; the
 * test checks the two agree). */
#define UNUSED 0
#define ZOMBIE 5

void model_init(struct model *m) { memset(m, 0, sizeof *m); }

void model_unpack_name(const uint32_t *words, char out[16]) {
  for (unsigned i = 0; i < 12; i++)
    out[i] = (char)(words[i / 4] >> (8 * (i % 4)));
  out[12] = 0;
}

/* The names follow abi/proc.h's enum procstate (tests/test_model.c checks the order). */
const char *model_state_name(uint32_t state) {
  static const char *const names[] = {"unused",   "used",    "sleeping",
                                      "runnable", "running", "zombie"};
  return state < sizeof names / sizeof names[0] ? names[state] : "?";
}

const char *model_counter_name(enum model_counter c) {
  static const char *const names[MODEL_NCOUNTERS] = {"syscalls", "switches", "ipc", "tlb misses",
                                                     "page faults"};
  return names[c];
}

uint64_t model_type_count(const struct model *m, uint16_t type) {
  if (type < EV_MACHINE_LAST) return m->by_machine_type[type];
  if (type >= EV_KERNEL_BASE && type < EV_KERNEL_LAST)
    return m->by_kernel_type[type - EV_KERNEL_BASE];
  return 0;
}

_Static_assert(MODEL_PROCS < 256, "a hint is 1 + a slot, in a byte");

/* The slot of pid, or -1: the hint first, then the whole table. */
static int slot_of(const struct model *m, uint32_t pid) {
  unsigned h = m->hint[pid % MODEL_HINTS];
  if (h && m->procs[h - 1].used && m->procs[h - 1].pid == pid) return (int)h - 1;
  for (unsigned i = 0; i < MODEL_PROCS; i++)
    if (m->procs[i].used && m->procs[i].pid == pid) return (int)i;
  return -1;
}

static struct model_proc *find_proc(struct model *m, uint32_t pid) {
  int i = slot_of(m, pid);
  if (i < 0) return NULL;
  m->hint[pid % MODEL_HINTS] = (uint8_t)(i + 1);
  return &m->procs[i];
}

const struct model_proc *model_proc(const struct model *m, uint32_t pid) {
  int i = slot_of(m, pid);
  return i < 0 ? NULL : &m->procs[i];
}

const char *model_proc_name(const struct model *m, uint32_t pid, char *buf, unsigned len) {
  const struct model_proc *p = model_proc(m, pid);
  if (p && p->name[0]) return p->name;
  snprintf(buf, len, pid ? "pid %u" : "idle", pid);
  return buf;
}

/* A slot for a new process: an unused one, or else the exited process with the lowest pid
 * that holds no memory gives up its slot; NULL if there is none. */
static struct model_proc *free_slot(struct model *m) {
  struct model_proc *best = NULL;
  for (unsigned i = 0; i < MODEL_PROCS; i++) {
    struct model_proc *q = &m->procs[i];
    if (!q->used) return q;
    if (q->exited && !q->pages && (!best || q->pid < best->pid)) best = q;
  }
  return best;
}

/* The entry for pid, made if new; NULL when the table is full (the process goes unshown). */
static struct model_proc *get_proc(struct model *m, uint32_t pid) {
  struct model_proc *p = find_proc(m, pid);
  if (p) return p;
  if (!(p = free_slot(m))) return NULL;
  *p = (struct model_proc){.used = true, .pid = pid, .hart = -1, .priority = -1, .tickets = -1};
  m->hint[pid % MODEL_HINTS] = (uint8_t)(p - m->procs + 1);
  return p;
}

/* Ends hart h's current segment at `cycle` and starts one of (pid, mode). */
static void hart_set(struct model *m, struct model_hart *h, uint64_t cycle, uint32_t pid,
                     uint8_t mode) {
  if (h->pid == pid && h->mode == mode) return;
  if (cycle > h->since) {
    struct model_seg *s = &h->segs[h->nsegs++ % MODEL_SEGS];
    *s = (struct model_seg){h->since, cycle, h->pid, h->mode};
    if (m->on_seg) m->on_seg(m->on_seg_ctx, (unsigned)(h - m->harts), s);
  }
  h->pid = pid;
  h->mode = mode;
  h->since = cycle;
}

/* Enters or leaves kernel mode on hart h for whoever runs there. */
static void hart_mode(struct model *m, struct model_hart *h, uint64_t cycle, uint8_t mode) {
  if (h->pid) hart_set(m, h, cycle, h->pid, mode);
}

static void on_switch(struct model *m, struct model_hart *h, int hart, const struct ev_record *r) {
  uint32_t pid = r->a[0];
  if (pid)
    m->total[MODEL_SWITCHES]++; /* a process put on the hart; leaving it is the same switch */
  struct model_proc *prev = h->pid ? find_proc(m, h->pid) : NULL;
  if (prev && prev->hart == hart) {
    prev->cpu_cycles += r->cycle - prev->run_since;
    prev->hart = -1;
  }
  struct model_proc *p = pid ? get_proc(m, pid) : NULL;
  if (p) {
    p->hart = (int16_t)hart;
    p->run_since = r->cycle;
  }
  hart_set(m, h, r->cycle, pid, !pid ? MODEL_IDLE : p && p->in_syscall ? MODEL_KERNEL : MODEL_USER);
}

static void on_syscall(struct model *m, struct model_hart *h, const struct ev_record *r,
                       bool enter) {
  struct model_proc *p = get_proc(m, r->a[0]);
  if (enter) m->total[MODEL_SYSCALLS]++;
  if (p) {
    p->in_syscall = enter;
    p->syscall = r->a[1];
  }
  if (h && h->pid == r->a[0]) hart_mode(m, h, r->cycle, enter ? MODEL_KERNEL : MODEL_USER);
}

/* The module named in r's a1..a3, made if new; NULL when the table is full. */
static struct model_module *get_module(struct model *m, const struct ev_record *r) {
  char name[16];
  model_unpack_name(&r->a[1], name);
  struct model_module *mod = NULL, *spare = NULL;
  for (unsigned i = 0; i < MODEL_MODULES; i++) {
    if (m->modules[i].used && !strcmp(m->modules[i].name, name)) mod = &m->modules[i];
    if (!m->modules[i].used && !spare) spare = &m->modules[i];
  }
  if (!mod && !(mod = spare)) return NULL;
  if (!mod->used) *mod = (struct model_module){.used = true, .refs = -1};
  memcpy(mod->name, name, sizeof name);
  return mod;
}

static void on_module(struct model *m, const struct ev_record *r) {
  struct model_module *mod = get_module(m, r);
  if (!mod) return;
  if (r->type == EV_MODULE_REF) { /* not a change to flash: lsmod's count moved */
    mod->refs = (int32_t)r->a[0];
    return;
  }
  mod->changed = r->cycle;
  if (r->type == EV_MODULE_LOAD) mod->refs = -1; /* a new life: its count comes next */
  if (r->type == EV_MODULE_FAIL) {
    mod->state = MODEL_MOD_FAILED;
    mod->error = r->a[0];
  } else {
    mod->state = r->type == EV_MODULE_LOAD ? MODEL_MOD_LOADED : MODEL_MOD_UNLOADED;
    mod->size = r->a[0];
  }
}

static struct model_server *get_server(struct model *m, uint32_t pid) {
  struct model_server *spare = NULL;
  for (unsigned i = 0; i < MODEL_SERVERS; i++) {
    if (m->servers[i].used && m->servers[i].pid == pid) return &m->servers[i];
    if (!m->servers[i].used && !spare) spare = &m->servers[i];
  }
  if (spare) *spare = (struct model_server){.used = true, .pid = pid};
  return spare;
}

static void on_server(struct model *m, const struct ev_record *r) {
  struct model_server *s = get_server(m, r->a[0]);
  if (!s) return;
  s->changed = r->cycle;
  if (r->type == EV_SERVER_START) {
    model_unpack_name(&r->a[1], s->name);
    s->alive = true;
  } else if (r->type == EV_SERVER_DEATH) {
    s->alive = false;
    s->deaths++;
    s->why = r->a[1];
  } else { /* a restart: the server lives on under its new pid, keeping its history */
    struct model_server *old = get_server(m, r->a[1]);
    if (old && old != s) {
      memcpy(s->name, old->name, sizeof s->name);
      s->deaths = old->deaths;
      old->used = false;
    }
    s->alive = true;
    s->restarts = r->a[2];
  }
  struct model_proc *p = get_proc(m, s->pid);
  if (p && !p->name[0]) memcpy(p->name, s->name, sizeof p->name);
}

static void on_ipc(struct model *m, const struct ev_record *r) {
  struct model_msg *msg = &m->msgs[m->nmsgs++ % MODEL_MSGS];
  *msg = (struct model_msg){r->cycle, r->type, r->hart, r->a[0], r->a[1], r->a[2], r->a[3]};
  if (r->type == EV_IPC_RECV) { /* stored as the message goes: from the sender to r->a[0] */
    msg->from = r->a[1];
    msg->to = r->a[0];
  } else if (r->type == EV_NOTIFY) {
    msg->size = 0;
  }
  /* A message is counted once, when it is sent (a reply is a message too). */
  if (r->type == EV_IPC_SEND || r->type == EV_IPC_REPLY || r->type == EV_NOTIFY)
    m->total[MODEL_IPC]++;
}

static void on_proc(struct model *m, const struct ev_record *r) {
  struct model_proc *p = r->a[0] ? get_proc(m, r->a[0]) : NULL;
  switch (r->type) {
  case EV_PROC_CREATE:
    if (p) {
      char keep[16];
      memcpy(keep, p->name, sizeof keep); /* a pid reused: a fresh entry, but the name stays
                                             until the new one's EV_PROC_NAME arrives, and the
                                             pages it was charged before its creation (its
                                             page table) stay too */
      uint32_t pages = p->pages;
      *p = (struct model_proc){.used = true,
                               .pid = r->a[0],
                               .ppid = r->a[1],
                               .hart = -1,
                               .priority = -1,
                               .tickets = -1,
                               .pages = pages};
      memcpy(p->name, keep, sizeof keep);
    }
    break;
  case EV_PROC_NAME:
    if (p) model_unpack_name(&r->a[1], p->name);
    break;
  case EV_PROC_STATE:
    if (p) p->state = (uint8_t)r->a[1];
    if (p && r->a[1] == UNUSED) p->exited = true; /* reaped: its slot may go */
    break;
  case EV_PROC_EXIT:
    if (p) {
      p->exited = true;
      p->exit_status = (int32_t)r->a[1];
      p->state = ZOMBIE; /* exited, not yet waited for: its memory goes when it is reaped,
                            and the kernel says so with EV_PROC_MEM */
    }
    break;
  case EV_PROC_MEM: {
    uint32_t *pages = !r->a[0] ? &m->kernel_pages : p ? &p->pages : NULL;
    if (!pages) break; /* the table is full of the living: this owner goes uncounted */
    m->pages = m->pages - *pages + r->a[1];
    *pages = r->a[1];
    if (m->pages > m->peak_pages) m->peak_pages = m->pages;
    break;
  }
  case EV_PROC_SCHED:
    if (p) {
      p->priority = (int32_t)r->a[1];
      p->tickets = (int32_t)r->a[2];
    }
    break;
  }
}

/* Closes the rate window once MODEL_WINDOW cycles have passed since it opened. */
static void roll_window(struct model *m) {
  uint64_t span = m->now - m->window_start;
  if (span < MODEL_WINDOW) return;
  for (unsigned c = 0; c < MODEL_NCOUNTERS; c++) {
    m->rate[c] = (double)(m->total[c] - m->window_base[c]) * 1e6 / (double)span;
    m->window_base[c] = m->total[c];
  }
  m->window_start = m->now;
  m->windows++;
}

static void count(struct model *m, uint16_t type) {
  m->nevents++;
  if (type < EV_MACHINE_LAST)
    m->by_machine_type[type]++;
  else if (type >= EV_KERNEL_BASE && type < EV_KERNEL_LAST)
    m->by_kernel_type[type - EV_KERNEL_BASE]++;
  else if (type != MODEL_EV_TLB_SAMPLE)
    m->other_types++;
}

void model_feed(struct model *m, const struct ev_record *r) {
  if (r->type != MODEL_EV_TLB_SAMPLE) count(m, r->type);
  if (r->cycle > m->now) m->now = r->cycle;
  int hart = r->hart < MODEL_HARTS ? r->hart : -1;
  struct model_hart *h = hart >= 0 ? &m->harts[hart] : NULL;
  if (h && !h->seen) {
    h->seen = true;
    h->since = r->cycle;
    if ((unsigned)hart + 1 > m->nharts) m->nharts = (unsigned)hart + 1;
  }
  switch (r->type) {
  case EV_SCHED_SWITCH:
    if (h) on_switch(m, h, hart, r);
    break;
  case EV_SYSCALL_ENTER:
  case EV_SYSCALL_EXIT: on_syscall(m, h, r, r->type == EV_SYSCALL_ENTER); break;
  case EV_EXCEPTION:
  case EV_INTERRUPT: /* a trap from user mode enters the kernel */
    if (h && r->a[3] == 0) hart_mode(m, h, r->cycle, MODEL_KERNEL);
    break;
  case EV_SRET:
    if (h && r->a[1] == 0) hart_mode(m, h, r->cycle, MODEL_USER);
    break;
  case EV_PAGE_FAULT: m->total[MODEL_PAGE_FAULTS]++; break;
  case EV_MARK: m->lock_contentions += r->a[0] == MARK_LOCK_CONTEND; break;
  case EV_MODULE_LOAD:
  case EV_MODULE_UNLOAD:
  case EV_MODULE_FAIL:
  case EV_MODULE_REF: on_module(m, r); break;
  case EV_IPC_SEND:
  case EV_IPC_RECV:
  case EV_IPC_REPLY:
  case EV_NOTIFY: on_ipc(m, r); break;
  case EV_SERVER_START:
  case EV_SERVER_DEATH:
  case EV_SERVER_RESTART: on_server(m, r); break;
  case MODEL_EV_TLB_SAMPLE:
    m->total[MODEL_TLB_MISSES] = r->a[0] | (uint64_t)r->a[1] << 32;
    for (unsigned i = m->nharts; i < r->a[2] && i < MODEL_HARTS; i++) {
      m->harts[i].seen = true;
      m->harts[i].since = r->cycle;
    }
    if (r->a[2] > m->nharts) m->nharts = r->a[2] < MODEL_HARTS ? r->a[2] : MODEL_HARTS;
    break;
  default:
    if (r->type >= EV_KERNEL_BASE && r->type < EV_KERNEL_LAST) on_proc(m, r);
  }
  roll_window(m);
}
