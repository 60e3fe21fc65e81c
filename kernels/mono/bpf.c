/*
 * bpf.c: eBPF on mono. Objects named by --bpf FILE.o are loaded at boot (elf.c), their maps
 * made, and every program verified at the hook its section names (kernels/lib/bpf); a
 * refusal stops the boot with the verifier's reason. At each system call, filters run
 * first (one that returns an errno refuses the call, seccomp's idea), then sys_enter
 * programs; sys_exit programs see the result. At power-off the maps are printed.
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

struct bpf_loaded {
  char file[128];
  struct bpf_object obj;
  struct bpf_insn insns[BPF_MAXINSNS];
  struct bpf_map maps[BPF_MAX_MAPS];
  struct bpf_map *map_ptrs[BPF_MAX_MAPS];
  struct bpf_prog progs[BPF_OBJ_MAX_PROGS];
};

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
  return (uint64_t)(uint32_t)c->p->pid << 32 | (uint32_t)c->p->pid;
}

static int comm(void *arg, char *buf, uint32_t size) {
  struct bpf_call *c = arg;
  snprintf(buf, size, "%s", c->p->name);
  return 0;
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
  for (const char *s = strstr(log, "\nstate: "); s; s = strstr(s + 1, "\nstate: ")) state = s;
  if (!state) return log;
  const char *start = state;
  for (int lines = 0; start > log && lines < 2; lines += start[-1] == '\n') start--;
  return start;
}

/* Makes obj's maps and verifies its programs. 0, or a negative errno with err saying why. */
static int prepare(struct bpf_loaded *l, unsigned nharts, char *err, size_t errlen) {
  for (uint32_t i = 0; i < l->obj.nmaps; i++) {
    size_t size = bpf_map_storage_size(&l->obj.maps[i], nharts);
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
  char *log = malloc(LOG_SIZE);
  int rc = v && log ? 0 : -OSSIM_ENOMEM;
  for (uint32_t i = 0; rc == 0 && i < l->obj.nprogs; i++) {
    const struct bpf_obj_prog *op = &l->obj.progs[i];
    struct bpf_prog *p = &l->progs[i];
    if (!op->hook) {
      snprintf(err, errlen, "%s: section %s names no hook (sys_enter, sys_exit, filter)",
               l->file, op->section);
      rc = -OSSIM_EINVAL;
      break;
    }
    *p = (struct bpf_prog){"", op->hook, &l->insns[op->first], op->len, l->map_ptrs, l->obj.nmaps};
    snprintf(p->name, sizeof p->name, "%s", op->name);
    if ((rc = bpf_verify(p, v, log, LOG_SIZE, 0, NULL)) < 0) {
      snprintf(err, errlen, "%s: %s refused by the verifier:\n%s", l->file, op->name,
               log_reason(log));
    }
  }
  free(v);
  free(log);
  return rc;
}

int mono_bpf_load(struct mono *k, const char *path, char *err, size_t errlen) {
  if (!k->bpf && !(k->bpf = calloc(1, sizeof *k->bpf))) return -OSSIM_ENOMEM;
  struct mono_bpf *b = k->bpf;
  if (b->nobjs == MONO_BPF_OBJECTS) {
    snprintf(err, errlen, "--bpf: at most %d objects", MONO_BPF_OBJECTS);
    return -OSSIM_E2BIG;
  }
  size_t size;
  void *image = read_file(path, &size);
  if (!image) {
    snprintf(err, errlen, "--bpf %s: cannot read it", path);
    return -OSSIM_ENOENT;
  }
  struct bpf_loaded *l = calloc(1, sizeof *l);
  char why[256] = "";
  int rc = l ? bpf_elf_load(image, size, &l->obj, l->insns, BPF_MAXINSNS, why, sizeof why)
             : -OSSIM_ENOMEM;
  free(image);
  if (l) snprintf(l->file, sizeof l->file, "%s", path);
  if (rc < 0) snprintf(err, errlen, "--bpf %s: %s", path, why);
  else rc = prepare(l, k->ncpu, err, errlen);
  if (l) b->objs[b->nobjs++] = l; /* freed with the others, even when refused */
  return rc;
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
    for (uint32_t i = 0; i < l->obj.nprogs; i++) {
      uint64_t r0 = 0, steps = 0;
      if (l->progs[i].hook != hook) continue;
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

/* "bpf: map calls: 3=12 4=1": every key that holds a nonzero value, as numbers when keys
 * and values are 4 or 8 bytes. */
static void report_map(struct mono *k, struct bpf_map *m) {
  uint8_t key[BPF_MAP_VALUE_MAX], next[BPF_MAP_VALUE_MAX];
  const void *prev = NULL;
  uint32_t ks = m->def.key_size, vs = m->def.value_size;
  if (m->def.type == BPF_MAP_TYPE_RINGBUF || (ks != 4 && ks != 8) || (vs != 4 && vs != 8)) return;
  mono_console_printf(k, "bpf: map %s:", m->def.name);
  while (bpf_map_next_key(m, prev, next) == 0) {
    uint64_t kv = 0, vv = 0;
    for (uint32_t h = 0; h < m->nharts; h++) {
      uint64_t one = 0;
      memcpy(&one, bpf_map_lookup(m, next, h), vs);
      vv += one; /* a per-hart array: the sum of the harts' values */
    }
    memcpy(&kv, next, ks);
    if (vv) mono_console_printf(k, " %llu=%llu", (unsigned long long)kv, (unsigned long long)vv);
    memcpy(key, next, ks);
    prev = key;
  }
  mono_console_printf(k, "\n");
}

void mono_bpf_report(struct mono *k) {
  for (unsigned o = 0; k->bpf && o < k->bpf->nobjs; o++)
    for (uint32_t i = 0; i < k->bpf->objs[o]->obj.nmaps; i++)
      report_map(k, &k->bpf->objs[o]->maps[i]);
}

void mono_bpf_free(struct mono *k) {
  for (unsigned o = 0; k->bpf && o < k->bpf->nobjs; o++) {
    for (uint32_t i = 0; i < BPF_MAX_MAPS; i++) free(k->bpf->objs[o]->maps[i].data);
    free(k->bpf->objs[o]);
  }
  free(k->bpf);
  k->bpf = NULL;
}
