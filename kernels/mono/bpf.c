/*
 * bpf.c: eBPF on mono. Objects named by --bpf FILE.o are loaded at boot (elf.c), their maps
 * made, and every program verified at the hook its section names (kernels/lib/bpf); a
 * refusal stops the boot with the verifier's reason. At each system call, filters run
 * first (one that returns an errno refuses the call, seccomp's idea), then sys_enter
 * programs; sys_exit programs see the result. At power-off the maps are printed.
 *
 * An object loaded with BPF_LOAD_SELF is the calling process's own, as a seccomp filter
 * is: its programs run only for the processes whose bpf_own has its bit (that process and
 * what it forks), and it lives until the last of them has exited.
 *
 * The verifier proves each program safe, so a program runs in the kernel with nothing but
 * the interpreter's own checks around it: the point of the contrast with modules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "bpf/bpf.h"
#include "mono.h"

#define MONO_BPF_OBJECTS 8
#define RUN_BUDGET BPF_COMPLEXITY_LIMIT /* no verified program runs longer */
#define LOG_SIZE 65536
#define MAP_BYTES_MAX (1u << 20) /* storage of one map */

struct bpf_loaded {
  char file[128];
  struct bpf_object obj;
  struct bpf_insn insns[BPF_MAXINSNS];
  struct bpf_map maps[BPF_MAX_MAPS];
  struct bpf_map *map_ptrs[BPF_MAX_MAPS];
  struct bpf_prog progs[BPF_OBJ_MAX_PROGS];
  unsigned holders; /* processes it is the own object of, or 0: it applies to all */
};
_Static_assert(MONO_BPF_OBJECTS <= 32, "struct proc's bpf_own has a bit per object");

struct mono_bpf {
  struct bpf_loaded *objs[MONO_BPF_OBJECTS];
  unsigned nobjs;
};

/* The running process, for the helpers. */
struct bpf_call {
  struct mono *k;
  struct proc *p;
};

static uint64_t now_ns(void *arg) {
  struct bpf_call *c = arg;
  return mycpu(c->k)->h->cycles * 1000000u / TICK_CYCLES; /* TICK_CYCLES a millisecond */
}

static uint64_t pid_tgid(void *arg) {
  struct bpf_call *c = arg;
  return (uint64_t)(uint32_t)c->p->pid << 32 | (uint32_t)c->p->tid; /* as Linux: tgid, tid */
}

static int comm(void *arg, char *buf, uint32_t size) {
  struct bpf_call *c = arg;
  snprintf(buf, size, "%s", c->p->name);
  return 0;
}

static void free_loaded(struct bpf_loaded *l) {
  for (uint32_t i = 0; i < BPF_MAX_MAPS; i++)
    free(l->maps[i].data);
  free(l);
}

static void *read_file(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
    n += got;
    if (n == cap && cap < (1u << 24)) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  *size = n;
  return buf;
}

/* What of a refusal's log fits a message: from the refused instruction's line (the line
 * before the reason, which comes before "state:"), or the log's start. */
static const char *log_reason(const char *log) {
  const char *state = NULL;
  for (const char *s = strstr(log, "\nstate: "); s; s = strstr(s + 1, "\nstate: "))
    state = s;
  if (!state) return log;
  const char *start = state;
  for (int lines = 0; start > log && lines < 2; lines += start[-1] == '\n')
    start--;
  return start;
}

/* --bpf-log: the verifier's log on the console, each line after the program's name. */
static void print_log(struct mono *k, const char *prog, const char *log) {
  for (const char *line = log, *end; *line; line = *end ? end + 1 : end) {
    end = strchr(line, '\n');
    if (!end) end = line + strlen(line);
    mono_console_printf(k, "bpf: %s: %.*s\n", prog, (int)(end - line), line);
  }
}

/* Makes obj's maps and verifies its programs. 0, or a negative errno with err saying why;
 * after a refusal, log holds the verifier's whole log. */
static int prepare(struct mono *k, struct bpf_loaded *l, char *log, char *err, size_t errlen) {
  unsigned nharts = k->ncpu;
  for (uint32_t i = 0; i < l->obj.nmaps; i++) {
    size_t size = bpf_map_storage_size(&l->obj.maps[i], nharts);
    if (size > MAP_BYTES_MAX) { /* a guest may load objects: it may not exhaust the host */
      snprintf(err, errlen, "%s: map %s needs %zu bytes: the most is %u", l->file,
               l->obj.maps[i].name, size, MAP_BYTES_MAX);
      return -OSSIM_E2BIG;
    }
    void *storage = size ? calloc(1, size) : NULL;
    if (!storage || bpf_map_init(&l->maps[i], &l->obj.maps[i], nharts, storage, size) < 0) {
      free(storage);
      snprintf(err, errlen, "%s: map %s: invalid definition or out of memory", l->file,
               l->obj.maps[i].name);
      return -OSSIM_EINVAL;
    }
    l->map_ptrs[i] = &l->maps[i];
  }
  struct bpf_verifier *v = malloc(bpf_verifier_size());
  int rc = v ? 0 : -OSSIM_ENOMEM;
  for (uint32_t i = 0; rc == 0 && i < l->obj.nprogs; i++) {
    const struct bpf_obj_prog *op = &l->obj.progs[i];
    struct bpf_prog *p = &l->progs[i];
    if (!op->hook) {
      snprintf(err, errlen, "%s: section %s names no hook (sys_enter, sys_exit, filter)", l->file,
               op->section);
      rc = -OSSIM_EINVAL;
      break;
    }
    *p = (struct bpf_prog){"", op->hook, &l->insns[op->first], op->len, l->map_ptrs, l->obj.nmaps};
    memcpy(p->name, op->name, sizeof p->name); /* both BPF_NAME_MAX, NUL-terminated */
    rc = bpf_verify(p, v, log, LOG_SIZE, k->opts.bpf_log >= 2, NULL);
    if (k->opts.bpf_log) print_log(k, op->name, log); /* an accepted program's too */
    if (rc < 0) {
      snprintf(err, errlen, "%s: %s refused by the verifier:\n%s", l->file, op->name,
               log_reason(log));
    }
  }
  free(v);
  return rc;
}

/* Loads the object of size bytes at image (named name in messages) into a free slot.
 * Returns its id, or a negative errno with err (and, after a refusal, log) saying why. */
static int load_image(struct mono *k, const void *image, size_t size, const char *name, char *log,
                      char *err, size_t errlen) {
  if (!k->bpf && !(k->bpf = calloc(1, sizeof *k->bpf))) return -OSSIM_ENOMEM;
  struct mono_bpf *b = k->bpf;
  unsigned id = 0;
  while (id < MONO_BPF_OBJECTS && b->objs[id])
    id++;
  if (id == MONO_BPF_OBJECTS) {
    snprintf(err, errlen, "%s: at most %d eBPF objects", name, MONO_BPF_OBJECTS);
    return -OSSIM_E2BIG;
  }
  struct bpf_loaded *l = calloc(1, sizeof *l);
  char why[256] = "";
  if (!l) return -OSSIM_ENOMEM;
  snprintf(l->file, sizeof l->file, "%s", name);
  int rc = bpf_elf_load(image, size, &l->obj, l->insns, BPF_MAXINSNS, why, sizeof why);
  if (rc < 0)
    snprintf(err, errlen, "%s: %s", name, why);
  else
    rc = prepare(k, l, log, err, errlen);
  if (rc < 0) {
    free_loaded(l);
    return rc;
  }
  b->objs[id] = l;
  if (id >= b->nobjs) b->nobjs = id + 1;
  return (int)id;
}

int mono_bpf_load(struct mono *k, const char *path, char *err, size_t errlen) {
  size_t size;
  void *image = read_file(path, &size);
  char *log = malloc(LOG_SIZE);
  int rc = -OSSIM_ENOENT;
  if (!image || !log)
    snprintf(err, errlen, "--bpf %s: cannot read it", path);
  else
    rc = load_image(k, image, size, path, log, err, errlen);
  free(image);
  free(log);
  return rc < 0 ? rc : 0;
}

/* Cycles an interpreted eBPF instruction costs, from the machine's cost model: a
 * switch-dispatch interpreter loads the instruction, jumps through its table, and does the
 * operation (an ALU instruction, as most eBPF instructions are). */
static uint64_t insn_cost(const struct mono *k) {
  const struct cost_model *c = &k->k.m->cfg.cost;
  return (uint64_t)c->load + c->branch_taken + c->alu;
}

/* Runs every program of hook with ctx; returns the first nonzero result (filters). */
static uint64_t run_hook(struct mono *k, struct proc *p, const struct bpf_hook *hook, void *ctx) {
  struct bpf_call call = {k, p};
  struct bpf_env env = {&call, (uint32_t)(mycpu(k) - k->cpus), now_ns, pid_tgid, comm};
  uint64_t verdict = 0;
  for (unsigned o = 0; o < k->bpf->nobjs; o++) {
    struct bpf_loaded *l = k->bpf->objs[o];
    for (uint32_t i = 0; l && i < l->obj.nprogs; i++) {
      uint64_t r0 = 0, steps = 0;
      if (l->progs[i].hook != hook || (l->holders && !(p->leader->bpf_own >> o & 1))) continue;
      if (bpf_run(&l->progs[i], ctx, &env, RUN_BUDGET, &r0, &steps) == 0 && !verdict) verdict = r0;
      mycpu(k)->h->cycles += steps * insn_cost(k);
    }
  }
  return verdict;
}

int mono_bpf_enter(struct mono *k, struct proc *p, uint32_t num, const uint32_t *a) {
  struct bpf_syscall_ctx ctx = {num, (uint32_t)p->pid, {a[0], a[1], a[2], a[3], a[4], a[5]}};
  uint64_t refuse = run_hook(k, p, &bpf_hook_filter, &ctx);
  if (refuse) return -(int)refuse;
  run_hook(k, p, &bpf_hook_sys_enter, &ctx);
  return 0;
}

void mono_bpf_exit(struct mono *k, struct proc *p, uint32_t num, int ret) {
  struct bpf_syscall_exit_ctx ctx = {num, (uint32_t)p->pid, ret};
  run_hook(k, p, &bpf_hook_sys_exit, &ctx);
}

/* "map calls: 3=12 4=1\n": every key that holds a nonzero value, as numbers when keys and
 * values are 4 or 8 bytes (a per-hart array: the sum of the harts' values). Returns the
 * length written into text (at most size - 1). */
static int map_text(struct bpf_map *m, char *text, size_t size) {
  uint8_t key[BPF_MAP_VALUE_MAX], next[BPF_MAP_VALUE_MAX];
  const void *prev = NULL;
  uint32_t ks = m->def.key_size, vs = m->def.value_size;
  size_t n = (size_t)snprintf(text, size, "map %s:", m->def.name);
  if (m->def.type == BPF_MAP_TYPE_RINGBUF || (ks != 4 && ks != 8) || (vs != 4 && vs != 8))
    n += (size_t)snprintf(text + (n < size ? n : size), n < size ? size - n : 0, " (not numbers)");
  else
    while (bpf_map_next_key(m, prev, next) == 0) {
      uint64_t kv = 0, vv = 0;
      for (uint32_t h = 0; h < m->nharts; h++) {
        uint64_t one = 0;
        memcpy(&one, bpf_map_lookup(m, next, h), vs);
        vv += one;
      }
      memcpy(&kv, next, ks);
      if (vv && n < size)
        n += (size_t)snprintf(text + n, size - n, " %llu=%llu", (unsigned long long)kv,
                              (unsigned long long)vv);
      memcpy(key, next, ks);
      prev = key;
    }
  if (n < size) n += (size_t)snprintf(text + n, size - n, "\n");
  return (int)(n < size ? n : size - 1);
}

static int maps_text(struct bpf_loaded *l, char *text, size_t size) {
  size_t n = 0;
  for (uint32_t i = 0; i < l->obj.nmaps && n + 1 < size; i++)
    n += (size_t)map_text(&l->maps[i], text + n, size - n);
  return (int)n;
}

void mono_bpf_report(struct mono *k) {
  char text[4096];
  for (unsigned o = 0; k->bpf && o < k->bpf->nobjs; o++)
    if (k->bpf->objs[o] && maps_text(k->bpf->objs[o], text, sizeof text) > 0)
      for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        mono_console_printf(k, "bpf: %s\n", line);
}

/* "ID FILE PROGRAM@HOOK ...\n" for each object. */
static int list_text(struct mono *k, char *text, size_t size) {
  size_t n = 0;
  text[0] = 0;
  for (unsigned o = 0; k->bpf && o < k->bpf->nobjs && n + 1 < size; o++) {
    struct bpf_loaded *l = k->bpf->objs[o];
    if (!l) continue;
    n += (size_t)snprintf(text + n, size - n, "%u %s", o, l->file);
    for (uint32_t i = 0; i < l->obj.nprogs && n + 1 < size; i++)
      n += (size_t)snprintf(text + n, size - n, " %s@%s", l->progs[i].name, l->progs[i].hook->name);
    if (l->holders && n + 1 < size)
      n += (size_t)snprintf(text + n, size - n, " (own: %u processes)", l->holders);
    if (n + 1 < size) n += (size_t)snprintf(text + n, size - n, "\n");
  }
  return (int)(n < size ? n : size - 1);
}

/* Copies n bytes of text out to the user's buffer (at most len): returns what was copied. */
static int text_out(struct mono *k, uint32_t buf, uint32_t len, const char *text, int n) {
  uint32_t m = (uint32_t)n < len ? (uint32_t)n : len;
  if (m && copyout(k, buf, text, m) < 0) return -OSSIM_EFAULT;
  return (int)m;
}

#define OBJECT_MAX (1u << 20) /* bytes of an object the system call takes */

static int sys_load(struct mono *k, struct proc *p, const struct bpf_attr *at) {
  char err[512], name[64];
  if (at->flags & ~(uint32_t)BPF_LOAD_SELF) return -OSSIM_EINVAL;
  if (at->len == 0 || at->len > OBJECT_MAX) return -OSSIM_E2BIG;
  char *image = malloc(at->len), *log = malloc(LOG_SIZE);
  int rc = image && log ? 0 : -OSSIM_ENOMEM;
  if (rc == 0 && copyin(k, image, at->buf, at->len) < 0) rc = -OSSIM_EFAULT;
  if (!at->name || copyinstr(k, name, at->name, sizeof name) < 0)
    snprintf(name, sizeof name, "pid %d's object", p->pid);
  if (rc == 0) {
    log[0] = 0;
    rc = load_image(k, image, at->len, name, log, err, sizeof err);
    /* The log, or (when the loader refused before any verifying) the loader's reason. */
    const char *why = log[0] ? log : err;
    if (rc < 0 && at->log && at->log_len &&
        text_out(k, at->log, at->log_len, why, (int)strlen(why) + 1) < 0)
      rc = -OSSIM_EFAULT;
  }
  if (rc >= 0 && at->flags & BPF_LOAD_SELF) {
    k->bpf->objs[rc]->holders = 1;
    p->leader->bpf_own |= 1u << rc; /* a process's filters are its leader's */
  }
  free(image);
  free(log);
  return rc;
}

/* MAP_LOOKUP, MAP_UPDATE, MAP_DELETE and MAP_NEXT_KEY on m, with the key copied in. */
static int map_key_cmd(struct mono *k, struct bpf_map *m, uint32_t cmd, const struct bpf_attr *at,
                       const uint8_t *key) {
  uint32_t vs = m->def.value_size;
  uint8_t next[BPF_MAP_VALUE_MAX];
  switch (cmd) {
  case BPF_CMD_MAP_LOOKUP:
    for (uint32_t h = 0; h < m->nharts; h++) {
      const void *v = bpf_map_lookup(m, key, h);
      if (!v) return -OSSIM_ENOENT;
      if (copyout(k, at->value + h * vs, v, vs) < 0) return -OSSIM_EFAULT;
    }
    return 0;
  case BPF_CMD_MAP_UPDATE:
    for (uint32_t h = 0; h < m->nharts; h++) {
      int rc = copyin(k, next, at->value + h * vs, vs) < 0
                   ? -OSSIM_EFAULT
                   : bpf_map_update(m, key, next, at->flags, h);
      if (rc < 0) return rc;
    }
    return 0;
  case BPF_CMD_MAP_DELETE: return bpf_map_delete(m, key);
  default: { /* BPF_CMD_MAP_NEXT_KEY */
    int rc = bpf_map_next_key(m, at->key ? key : NULL, next);
    if (rc == 0 && copyout(k, at->value, next, m->def.key_size) < 0) rc = -OSSIM_EFAULT;
    return rc;
  }
  }
}

/* The MAP_* commands on map at->map of l. */
static int sys_map(struct mono *k, struct bpf_loaded *l, uint32_t cmd, const struct bpf_attr *at) {
  uint8_t key[BPF_MAP_VALUE_MAX];
  if (!l || at->map >= l->obj.nmaps) return -OSSIM_ENOENT;
  struct bpf_map *m = &l->maps[at->map];
  if (cmd == BPF_CMD_MAP_INFO) {
    struct bpf_map_info info = {m->def.type,        m->def.key_size, m->def.value_size,
                                m->def.max_entries, m->nharts,       ""};
    memcpy(info.name, m->def.name, sizeof info.name); /* both BPF_NAME_MAX, NUL-terminated */
    return copyout(k, at->value, &info, sizeof info) < 0 ? -OSSIM_EFAULT : 0;
  }
  if (m->def.type == BPF_MAP_TYPE_RINGBUF) return -OSSIM_EINVAL; /* records, not keys */
  if ((cmd != BPF_CMD_MAP_NEXT_KEY || at->key) && copyin(k, key, at->key, m->def.key_size) < 0)
    return -OSSIM_EFAULT;
  return map_key_cmd(k, m, cmd, at, key);
}

int mono_bpf_syscall(struct mono *k, struct proc *p, uint32_t cmd, uint32_t uattr) {
  struct bpf_attr at;
  char text[4096];
  if (copyin(k, &at, uattr, sizeof at) < 0) return -OSSIM_EFAULT;
  struct bpf_loaded *l = k->bpf && at.id < k->bpf->nobjs ? k->bpf->objs[at.id] : NULL;
  switch (cmd) {
  case BPF_CMD_LOAD: return sys_load(k, p, &at);
  case BPF_CMD_LIST: return text_out(k, at.buf, at.len, text, list_text(k, text, sizeof text));
  case BPF_CMD_DETACH:
    if (!l) return -OSSIM_ENOENT;
    if (l->holders) return -OSSIM_EPERM; /* a process's own filters stay with it */
    k->bpf->objs[at.id] = NULL;
    free_loaded(l);
    return 0;
  case BPF_CMD_MAP_DUMP:
    if (!l) return -OSSIM_ENOENT;
    return text_out(k, at.buf, at.len, text, maps_text(l, text, sizeof text));
  case BPF_CMD_MAP_INFO:
  case BPF_CMD_MAP_LOOKUP:
  case BPF_CMD_MAP_UPDATE:
  case BPF_CMD_MAP_DELETE:
  case BPF_CMD_MAP_NEXT_KEY: return sys_map(k, l, cmd, &at);
  default: return -OSSIM_EINVAL;
  }
}

void mono_bpf_free(struct mono *k) {
  for (unsigned o = 0; k->bpf && o < k->bpf->nobjs; o++)
    if (k->bpf->objs[o]) free_loaded(k->bpf->objs[o]);
  free(k->bpf);
  k->bpf = NULL;
}

void mono_bpf_inherit(struct mono *k, const struct proc *parent, struct proc *child) {
  child->bpf_own = parent->bpf_own;
  for (unsigned o = 0; o < MONO_BPF_OBJECTS; o++)
    if (child->bpf_own >> o & 1) k->bpf->objs[o]->holders++;
}

void mono_bpf_release(struct mono *k, struct proc *p) {
  for (unsigned o = 0; o < MONO_BPF_OBJECTS; o++)
    if (p->bpf_own >> o & 1 && --k->bpf->objs[o]->holders == 0) {
      free_loaded(k->bpf->objs[o]);
      k->bpf->objs[o] = NULL;
    }
  p->bpf_own = 0;
}
