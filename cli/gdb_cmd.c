#include "gdb_cmd.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "abi/syscall.h"
#include "abi/systab.h"
#include "gdb_pagetable.h"

#define NREGS 33      /* x0..x31 and pc: the 'g' packet */
#define REG_PRIV 4161 /* gdb's virtual "priv" register: 65 + 4096 */

static const char *const abi_names[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                          "fp",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                          "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                          "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

static const struct {
  const char *name;
  unsigned csr;
} csrs[] = {
    {"sstatus", 0x100},  {"sie", 0x104},  {"stvec", 0x105},  {"scounteren", 0x106},
    {"sscratch", 0x140}, {"sepc", 0x141}, {"scause", 0x142}, {"stval", 0x143},
    {"sip", 0x144},      {"satp", 0x180}, {"cycle", 0xc00},  {"time", 0xc01},
    {"instret", 0xc02},
};

/* The target description gdb reads with qXfer:features:read:target.xml. */
static size_t target_xml(char *out, size_t len) {
  size_t o = (size_t)snprintf(out, len,
                              "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\">"
                              "<target version=\"1.0\"><architecture>riscv:rv32</architecture>"
                              "<feature name=\"org.gnu.gdb.riscv.cpu\">");
  for (unsigned i = 0; i < 32 && o < len; i++)
    o += (size_t)snprintf(out + o, len - o,
                          "<reg name=\"%s\" bitsize=\"32\" regnum=\"%u\" type=\"%s\"/>",
                          abi_names[i], i,
                          i == 2   ? "data_ptr"
                          : i == 1 ? "code_ptr"
                                   : "int");
  if (o < len)
    o += (size_t)snprintf(out + o, len - o,
                          "<reg name=\"pc\" bitsize=\"32\" regnum=\"32\" type=\"code_ptr\"/>"
                          "</feature><feature name=\"org.gnu.gdb.riscv.csr\">");
  for (size_t i = 0; i < sizeof csrs / sizeof csrs[0] && o < len; i++)
    o += (size_t)snprintf(out + o, len - o,
                          "<reg name=\"%s\" bitsize=\"32\" regnum=\"%u\" group=\"csr\"/>",
                          csrs[i].name, 65 + csrs[i].csr);
  if (o < len)
    o += (size_t)snprintf(out + o, len - o,
                          "</feature><feature name=\"org.gnu.gdb.riscv.virtual\">"
                          "<reg name=\"priv\" bitsize=\"32\" regnum=\"%u\"/>"
                          "</feature></target>",
                          REG_PRIV);
  return o < len ? o : len;
}

/* The thread list gdb reads with qXfer:threads:read. */
static size_t threads_xml(struct gdb_target *t, char *out, size_t len) {
  int tids[GDB_MAX_THREADS];
  unsigned n = gdb_threads(t, tids, GDB_MAX_THREADS);
  size_t o = (size_t)snprintf(out, len, "<?xml version=\"1.0\"?><threads>");
  for (unsigned i = 0; i < n && o < len; i++) {
    char name[64];
    gdb_thread_name(t, tids[i], name, sizeof name);
    for (char *c = name; *c; c++) /* keep the XML well formed whatever a program is named */
      if (*c == '<' || *c == '>' || *c == '&' || *c == '"') *c = '_';
    o += (size_t)snprintf(out + o, len - o, "<thread id=\"%x\" name=\"%s\"/>", tids[i], name);
  }
  if (o < len) o += (size_t)snprintf(out + o, len - o, "</threads>");
  return o < len ? o : len;
}

/* qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH over a document. */
static size_t xfer(const char *doc, size_t doclen, const char *args, char *reply) {
  uint32_t off, n;
  const char *p = args;
  if (!gdb_hex_u32(&p, &off) || *p++ != ',' || !gdb_hex_u32(&p, &n) || *p)
    return (size_t)sprintf(reply, "E01");
  if (off >= doclen) return (size_t)sprintf(reply, "l");
  if (n > GDB_PACKET_MAX / 2) n = GDB_PACKET_MAX / 2;
  size_t take = doclen - off < n ? doclen - off : n;
  reply[0] = off + take < doclen ? 'm' : 'l';
  memcpy(reply + 1, doc + off, take);
  return take + 1;
}

static size_t error(char *reply, int err) {
  return (size_t)sprintf(reply, "E%02x", (err < 0 ? -err : err) & 0xff);
}

/* The stop reply (T, W) for *st. */
static size_t stop_reply(const struct gdb_stop *st, bool gdb_catches, char *reply) {
  switch (gdb_catches || st->kind < GDB_STOP_SYSCALL_ENTRY || st->kind > GDB_STOP_SYSCALL_RETURN
              ? st->kind
              : GDB_STOP_SIGNAL) {
  case GDB_STOP_EXITED: return (size_t)sprintf(reply, "W%02x", st->status & 0xff);
  case GDB_STOP_WATCH:
    return (size_t)sprintf(reply, "T05watch:%" PRIx32 ";thread:%x;", st->addr, st->tid);
  case GDB_STOP_SYSCALL_ENTRY:
  case GDB_STOP_SYSCALL_RETURN:
    return (size_t)sprintf(reply, "T05%s:%" PRIx32 ";thread:%x;",
                           st->kind == GDB_STOP_SYSCALL_ENTRY ? "syscall_entry" : "syscall_return",
                           st->syscall, st->tid);
  case GDB_STOP_HISTORY_BEGIN:
    return (size_t)sprintf(reply, "T05replaylog:begin;thread:%x;", st->tid);
  default:
    return (size_t)sprintf(reply, "T%02xthread:%x;%s", st->signal, st->tid,
                           st->breakpoint ? "swbreak:;" : "");
  }
}

static int reg_get(struct gdb_target *t, unsigned n, uint32_t *v) {
  if (n == REG_PRIV) {
    uint32_t sstatus;
    int rc = gdb_reg_get(t, t->gtid, 0x100 + 65, &sstatus); /* is the thread there? */
    if (rc == 0) *v = t->k->m->harts[0]->priv;
    return rc;
  }
  return gdb_reg_get(t, t->gtid, n, v);
}

static size_t read_regs(struct gdb_target *t, char *reply) {
  for (unsigned i = 0; i < NREGS; i++) {
    uint32_t v;
    int rc = gdb_reg_get(t, t->gtid, i, &v);
    if (rc < 0) return error(reply, rc);
    gdb_hex_le32(v, reply + 8 * i);
  }
  return 8 * NREGS;
}

static size_t write_regs(struct gdb_target *t, const char *hex, size_t len, char *reply) {
  uint32_t v[NREGS];
  if (len != 8 * NREGS) return error(reply, EINVAL);
  for (unsigned i = 0; i < NREGS; i++)
    if (!gdb_unhex_le32(hex + 8 * i, &v[i])) return error(reply, EINVAL);
  for (unsigned i = 0; i < NREGS; i++) {
    int rc = gdb_reg_set(t, t->gtid, i, v[i]);
    if (rc < 0) return error(reply, rc);
  }
  return (size_t)sprintf(reply, "OK");
}

/* p n / P n=v */
static size_t one_reg(struct gdb_target *t, const char *args, bool write, char *reply) {
  uint32_t n, v;
  const char *p = args;
  if (!gdb_hex_u32(&p, &n)) return error(reply, EINVAL);
  if (write) {
    if (*p++ != '=' || strlen(p) != 8 || !gdb_unhex_le32(p, &v)) return error(reply, EINVAL);
    int rc = n == REG_PRIV ? -EPERM : gdb_reg_set(t, t->gtid, n, v);
    return rc < 0 ? error(reply, rc) : (size_t)sprintf(reply, "OK");
  }
  if (*p) return error(reply, EINVAL);
  int rc = reg_get(t, n, &v);
  if (rc < 0) return error(reply, rc);
  gdb_hex_le32(v, reply);
  return 8;
}

/* m addr,len / M addr,len:hex */
static size_t memory(struct gdb_target *t, const char *args, size_t alen, bool write, char *reply) {
  uint32_t addr, n;
  uint8_t buf[GDB_PACKET_MAX / 2];
  const char *p = args;
  if (!gdb_hex_u32(&p, &addr) || *p++ != ',' || !gdb_hex_u32(&p, &n)) return error(reply, EINVAL);
  if (!write) {
    if (*p) return error(reply, EINVAL);
    if (n > sizeof buf - 1) n = sizeof buf - 1;
    long got = gdb_read_mem(t, t->gtid, addr, buf, n);
    if (got < 0) return error(reply, (int)got);
    gdb_hex_encode(buf, (size_t)got, reply);
    return 2 * (size_t)got;
  }
  if (*p++ != ':' || n > sizeof buf || (size_t)(p - args) + 2 * (size_t)n != alen ||
      !gdb_hex_decode(p, n, buf))
    return error(reply, EINVAL);
  long put = gdb_write_mem(t, t->gtid, addr, buf, n);
  if (put < 0 || (uint32_t)put != n) return error(reply, EFAULT);
  return (size_t)sprintf(reply, "OK");
}

/* Z type,addr,kind / z type,addr,kind */
static size_t point(struct gdb_target *t, const char *args, bool add, char *reply) {
  uint32_t type, addr, kind;
  const char *p = args;
  if (!gdb_hex_u32(&p, &type) || *p++ != ',' || !gdb_hex_u32(&p, &addr) || *p++ != ',' ||
      !gdb_hex_u32(&p, &kind) || (*p && *p != ';'))
    return error(reply, EINVAL);
  if (type > 2) return 0; /* read and access watchpoints: not supported */
  if (!add) {
    gdb_point_remove(t, (int)type, addr, kind);
    return (size_t)sprintf(reply, "OK");
  }
  int rc = gdb_point_add(t, (int)type, addr, kind);
  return rc < 0 ? error(reply, rc) : (size_t)sprintf(reply, "OK");
}

/* QCatchSyscalls:0 / QCatchSyscalls:1[;num]... */
static size_t catch_syscalls(struct gdb_session *s, const char *args, char *reply) {
  struct gdb_target *t = s->t;
  if (!strcmp(args, "0")) {
    s->gdb_catches = t->catch_syscalls = false;
    return (size_t)sprintf(reply, "OK");
  }
  if (args[0] != '1' || (args[1] && args[1] != ';')) return error(reply, EINVAL);
  uint8_t set[GDB_NSYSCALLS] = {0};
  bool any = !args[1];
  for (const char *p = args + 1; *p;) {
    uint32_t n;
    p++;
    if (!gdb_hex_u32(&p, &n) || (*p && *p != ';')) return error(reply, EINVAL);
    if (n < GDB_NSYSCALLS) set[n] = 1;
  }
  memcpy(t->catch_set, set, sizeof set);
  t->catch_any = any;
  s->gdb_catches = t->catch_syscalls = true;
  return (size_t)sprintf(reply, "OK");
}

/* H op tid: the thread later packets are about; -1 and 0 mean any. */
static size_t set_thread(struct gdb_target *t, const char *args, char *reply) {
  uint32_t tid = 0;
  const char *p = args + 1;
  if (args[0] != 'g' && args[0] != 'c') return error(reply, EINVAL);
  if (!strcmp(p, "-1") || !strcmp(p, "0"))
    tid = 0;
  else if (!gdb_hex_u32(&p, &tid) || *p || !gdb_thread_alive(t, (int)tid))
    return error(reply, ESRCH);
  if (args[0] == 'g') t->gtid = (int)tid;
  return (size_t)sprintf(reply, "OK");
}

static size_t resumed(struct gdb_session *s, bool step, char *reply) {
  struct gdb_stop st;
  struct gdb_target *t = s->t;
  if (t->state != KERNEL_RUNNING) return stop_reply(&t->last, s->gdb_catches, reply);
  if (step)
    gdb_step(t, &st);
  else
    gdb_continue(t, s->interrupted, s->ctx, &st);
  t->gtid = 0;
  return stop_reply(&st, s->gdb_catches, reply);
}

static size_t reversed(struct gdb_session *s, bool step, char *reply) {
  struct gdb_stop st;
  int rc =
      step ? gdb_reverse_step(s->t, &st) : gdb_reverse_continue(s->t, s->interrupted, s->ctx, &st);
  if (rc < 0) return error(reply, rc);
  s->t->gtid = 0;
  return stop_reply(&st, s->gdb_catches, reply);
}

/* vCont;ACTION[:tid]...: a step if any thread is to step, else a continue. */
static size_t vcont(struct gdb_session *s, const char *args, char *reply) {
  bool step = false, go = false;
  for (const char *p = args; *p == ';';) {
    p++;
    char a = *p++;
    if (a == 'C' || a == 'S') { /* a signal to deliver: there are none to give a guest */
      uint32_t sig;
      if (!gdb_hex_u32(&p, &sig)) return error(reply, EINVAL);
    } else if (a != 'c' && a != 's' && a != 't') {
      return error(reply, EINVAL);
    }
    step |= a == 's' || a == 'S';
    go |= a == 'c' || a == 'C';
    if (*p == ':') { /* the thread it is for: stepping steps the machine, whoever asks */
      uint32_t tid;
      p++;
      if (!strncmp(p, "-1", 2))
        p += 2;
      else if (!gdb_hex_u32(&p, &tid))
        return error(reply, EINVAL);
    }
    if (*p && *p != ';') return error(reply, EINVAL);
  }
  if (!step && !go) return error(reply, EINVAL);
  return resumed(s, step, reply);
}

/* monitor catch [NAME|NUMBER]...: stop at the entry and return of those system calls (all
 * with none named; `catch off` ends it), for a gdb that cannot `catch syscall` on RISC-V. */
static void monitor_catch(struct gdb_target *t, const char *args, char *out, size_t len) {
  char word[32];
  int used;
  uint8_t set[GDB_NSYSCALLS] = {0};
  bool any = true;
  if (!strcmp(args, " off")) {
    t->catch_syscalls = false;
    snprintf(out, len, "system calls are not caught\n");
    return;
  }
  for (const char *p = args; sscanf(p, " %31s%n", word, &used) == 1; p += used) {
    unsigned num = SYS_count;
    for (unsigned i = 0; i < SYS_count && i < GDB_NSYSCALLS; i++)
      if (systab(i) && systab(i)->name && !strcmp(systab(i)->name, word)) num = i;
    if (num == SYS_count && sscanf(word, "%u", &num) != 1) num = SYS_count;
    if (num >= SYS_count || num >= GDB_NSYSCALLS) {
      snprintf(out, len, "catch: no system call '%s'\n", word);
      return;
    }
    set[num] = 1;
    any = false;
  }
  memcpy(t->catch_set, set, sizeof set);
  t->catch_any = any;
  t->catch_syscalls = true;
  snprintf(out, len, "stopping at the entry and return of %s system calls\n",
           any ? "all" : "the named");
}

/* The stub's own monitor commands; the rest go to the kernel. */
static void monitor(struct gdb_target *t, const char *cmd, char *out, size_t len) {
  struct gdb_pos p = gdb_position(t);
  if (!strcmp(cmd, "where")) {
    snprintf(out, len, "instructions %" PRIu64 ", cycles %" PRIu64 " (hart 0)\n", p.instret,
             p.cycles);
    return;
  }
  if (!strncmp(cmd, "only", 4) && (!cmd[4] || cmd[4] == ' ')) {
    const char *name = cmd[4] ? cmd + 5 : "";
    if (strlen(name) >= sizeof t->only) {
      snprintf(out, len, "only: a program name is at most %zu characters\n", sizeof t->only - 1);
      return;
    }
    memcpy(t->only, name, strlen(name) + 1);
    snprintf(out, len,
             t->only[0] ? "breakpoints stop in program %s only\n"
                        : "breakpoints stop in every program%s\n",
             t->only);
    return;
  }
  if (!strncmp(cmd, "catch", 5) && (!cmd[5] || cmd[5] == ' ')) {
    monitor_catch(t, cmd + 5, out, len);
    return;
  }
  unsigned n;
  if (!strcmp(cmd, "pagetable") || sscanf(cmd, "pagetable %u", &n) == 1) {
    uint32_t satp;
    if (gdb_thread_satp(t, cmd[9] ? (int)n : t->gtid, &satp) < 0)
      snprintf(out, len, "no such thread\n");
    else
      gdb_pagetable_text(t->k->m, satp, out, len);
    return;
  }
  if (!strcmp(cmd, "events") || sscanf(cmd, "events %u", &n) == 1) {
    gdb_record_events(&t->rec, cmd[6] ? n : 10, out, len);
    return;
  }
  if (!strcmp(cmd, "ps")) {
    int tids[GDB_MAX_THREADS];
    unsigned n = gdb_threads(t, tids, GDB_MAX_THREADS);
    size_t o = 0;
    for (unsigned i = 0; i < n && o < len; i++) {
      char name[64];
      gdb_thread_name(t, tids[i], name, sizeof name);
      o += (size_t)snprintf(out + o, len - o, "%s\n", name);
    }
    return;
  }
  if (t->ops->debug && t->ops->debug->monitor && t->ops->debug->monitor(t->k, cmd, out, len) == 0)
    return;
  /* Unknown to the kernel too: say so, then list every command. */
  size_t o =
      (size_t)snprintf(out, len, "%s", strcmp(cmd, "help") ? "unknown monitor command; " : "");
  if (t->ops->debug && t->ops->debug->monitor)
    t->ops->debug->monitor(t->k, "help", out + o, len - o);
  o += strlen(out + o);
  snprintf(out + o, len - o,
           "monitor where: instructions and cycles so far\n"
           "monitor ps: the threads (processes, servers, or harts)\n"
           "monitor pagetable [PID]: a thread's page table (the current one's)\n"
           "monitor events [N]: the last N events (10; at most 32)\n"
           "monitor catch [CALL...] | catch off: stop at system calls (entry and return)\n"
           "monitor only [NAME]: breakpoints stop in program NAME only (or in all)\n");
}

static size_t rcmd(struct gdb_target *t, const char *hex, char *reply) {
  char cmd[256], out[GDB_PACKET_MAX / 2];
  size_t n = strlen(hex) / 2;
  if (strlen(hex) % 2 || n >= sizeof cmd || !gdb_hex_decode(hex, n, cmd))
    return error(reply, EINVAL);
  cmd[n] = 0;
  if (memchr(cmd, 0, n)) return error(reply, EINVAL);
  out[0] = 0;
  monitor(t, cmd, out, sizeof out);
  size_t olen = strnlen(out, sizeof out - 1);
  gdb_hex_encode(out, olen, reply);
  return 2 * olen;
}

/* s past prefix, or NULL if it does not start with it. */
static const char *after(const char *s, const char *prefix) {
  size_t n = strlen(prefix);
  return strncmp(s, prefix, n) ? NULL : s + n;
}

static size_t query(struct gdb_session *s, const char *q, char *reply) {
  struct gdb_target *t = s->t;
  char *doc = s->doc;
  if (!strncmp(q, "Supported", 9))
    return (size_t)sprintf(reply,
                           "PacketSize=%x;qXfer:features:read+;qXfer:threads:read+;"
                           "QCatchSyscalls+;ReverseStep+;ReverseContinue+;swbreak+;"
                           "QStartNoAckMode+;vContSupported+",
                           GDB_PACKET_MAX);
  const char *rest;
  if ((rest = after(q, "Xfer:features:read:target.xml:")))
    return xfer(doc, target_xml(doc, sizeof s->doc), rest, reply);
  if ((rest = after(q, "Xfer:threads:read::")))
    return xfer(doc, threads_xml(t, doc, sizeof s->doc), rest, reply);
  if (!strcmp(q, "C")) return (size_t)sprintf(reply, "QC%x", gdb_current_tid(t));
  if (!strcmp(q, "Attached")) return (size_t)sprintf(reply, "1");
  if (!strcmp(q, "fThreadInfo")) {
    int tids[GDB_MAX_THREADS];
    unsigned n = gdb_threads(t, tids, GDB_MAX_THREADS);
    size_t o = (size_t)sprintf(reply, "m");
    for (unsigned i = 0; i < n; i++)
      o += (size_t)sprintf(reply + o, "%s%x", i ? "," : "", tids[i]);
    return n ? o : (size_t)sprintf(reply, "l");
  }
  if (!strcmp(q, "sThreadInfo")) return (size_t)sprintf(reply, "l");
  if ((rest = after(q, "ThreadExtraInfo,"))) {
    uint32_t tid;
    const char *p = rest;
    char name[64];
    if (!gdb_hex_u32(&p, &tid) || *p) return error(reply, EINVAL);
    gdb_thread_name(t, (int)tid, name, sizeof name);
    gdb_hex_encode(name, strlen(name), reply);
    return 2 * strlen(name);
  }
  if ((rest = after(q, "Rcmd,"))) return rcmd(t, rest, reply);
  return 0;
}

enum gdb_action gdb_dispatch(struct gdb_session *s, const char *pkt, size_t len, char *reply,
                             size_t *rlen) {
  struct gdb_target *t = s->t;
  size_t n = 0;
  enum gdb_action act = GDB_REPLY;
  if (len == 0 || strlen(pkt) != len) { /* a NUL in a packet no command expects */
    *rlen = 0;
    reply[0] = 0;
    return act;
  }
  const char *a = pkt + 1;
  switch (pkt[0]) {
  case '?': n = stop_reply(&t->last, s->gdb_catches, reply); break;
  case 'g': n = len == 1 ? read_regs(t, reply) : error(reply, EINVAL); break;
  case 'G': n = write_regs(t, a, len - 1, reply); break;
  case 'p': n = one_reg(t, a, false, reply); break;
  case 'P': n = one_reg(t, a, true, reply); break;
  case 'm': n = memory(t, a, len - 1, false, reply); break;
  case 'M': n = memory(t, a, len - 1, true, reply); break;
  case 'Z': n = point(t, a, true, reply); break;
  case 'z': n = point(t, a, false, reply); break;
  case 'H': n = len >= 2 ? set_thread(t, a, reply) : error(reply, EINVAL); break;
  case 'T': {
    uint32_t tid;
    const char *p = a;
    n = gdb_hex_u32(&p, &tid) && !*p && gdb_thread_alive(t, (int)tid) ? (size_t)sprintf(reply, "OK")
                                                                      : error(reply, ESRCH);
    break;
  }
  case 'c': n = len == 1 ? resumed(s, false, reply) : error(reply, EINVAL); break;
  case 's': n = len == 1 ? resumed(s, true, reply) : error(reply, EINVAL); break;
  case 'b':
    if (!strcmp(a, "s") || !strcmp(a, "c")) n = reversed(s, a[0] == 's', reply);
    break;
  case 'q': n = query(s, a, reply); break;
  case 'Q':
    if (!strncmp(a, "CatchSyscalls:", 14))
      n = catch_syscalls(s, a + 14, reply);
    else if (!strcmp(a, "StartNoAckMode")) {
      s->no_ack = true;
      n = (size_t)sprintf(reply, "OK");
    }
    break;
  case 'v':
    if (!strcmp(a, "Cont?"))
      n = (size_t)sprintf(reply, "vCont;c;C;s;S;t");
    else if (!strncmp(a, "Cont;", 5) || !strcmp(a, "Cont"))
      n = vcont(s, a + 4, reply);
    else if (!strncmp(a, "Kill", 4)) {
      n = (size_t)sprintf(reply, "OK");
      act = GDB_KILL;
    }
    break;
  case 'D':
    n = (size_t)sprintf(reply, "OK");
    act = GDB_DETACH;
    break;
  case 'k': act = GDB_KILL; break;
  default: break; /* the empty reply: not supported */
  }
  reply[n] = 0;
  *rlen = n;
  return act;
}
