/*
 * modload.c: loading and unloading modules into the running kernel (module.h says what a
 * module is). insmod checks everything a module asks for before its init runs — the API
 * version, its dependencies, the symbols it imports — so a module that cannot work is
 * refused with a message naming what is missing, and the kernel stays as it was.
 *
 * Reference counts: a module is referenced by each loaded module that depends on it (refs),
 * by each open file on its devices (opens, kept by dev.c), and, while its scheduling policy
 * is the one in force, by the scheduler. rmmod refuses (-EBUSY, saying which) while a module
 * is depended on or open; the scheduler's reference alone does not stop it (module.h says
 * why). lsmod shows the sum.
 *
 * Every call into a module's code — init, exit, device operations, the system-call hook,
 * each function of a scheduling policy — goes through MOD_GUARDED (modguard.h): a module
 * that faults panics the kernel instead of killing ossim.
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/systab.h"
#include "hostfile.h"
#include "mono.h"

#ifndef OSSIM_MODULE_DIR
#define OSSIM_MODULE_DIR "modules"
#endif

/* module.h's codes are the kernel's errno numbers, so a module's error needs no mapping. */
_Static_assert(MOD_EPERM == OSSIM_EPERM && MOD_ENOENT == OSSIM_ENOENT && MOD_EIO == OSSIM_EIO &&
                   MOD_ENOMEM == OSSIM_ENOMEM && MOD_EBUSY == OSSIM_EBUSY &&
                   MOD_EEXIST == OSSIM_EEXIST && MOD_EINVAL == OSSIM_EINVAL,
               "module.h's MOD_E* codes differ from abi/errno.h");

static const char *const state_names[] = {"free", "loading", "live", "unloading"};

/* Whether mod's policy is the one scheduling now. */
static bool scheduling(const struct mono *k, const struct module *mod) {
  return mod->sched && k->sched.policy == &mod->guarded;
}

/* The references lsmod shows: dependent modules, open files, the scheduler's. */
static int ref_count(const struct mono *k, const struct module *mod) {
  return mod->refs + mod->opens + scheduling(k, mod);
}

void mod_report_refs(struct mono *k) {
  for (struct module *mod = k->modules; mod < &k->modules[NMODULE]; mod++) {
    if (mod->state != MOD_LIVE || mod->reported_refs == ref_count(k, mod)) continue;
    mod->reported_refs = ref_count(k, mod);
    mono_emit_name(k, EV_MODULE_REF, (uint32_t)mod->reported_refs, mod->name, sizeof mod->name);
  }
}

static struct module *find(struct mono *k, const char *name) {
  for (struct module *mod = k->modules; mod < &k->modules[NMODULE]; mod++)
    if (mod->state != MOD_FREE && strcmp(mod->name, name) == 0) return mod;
  return NULL;
}

bool mod_plain_word(const char *name, size_t size) {
  size_t n = strlen(name);
  if (n == 0 || n >= size) return false;
  for (const char *c = name; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) return false;
  return true;
}

/* Module names are plain words: they become file names. */
static bool valid_name(const char *name) {
  return mod_plain_word(name, sizeof((struct module *)0)->name);
}

/* ---- what the kernel offers modules (module.h, struct mod_api) ---- */

static void api_printk(struct mod_kernel *mk, const char *fmt, ...) {
  char line[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  mono_console_printf(mk->k, "[%s] %s", mk->self->name, line);
}

/* One allocation of a module's: a header, then the module's bytes. */
struct mod_block {
  struct mod_block *next;
  max_align_t data[]; /* aligned for whatever the module keeps there */
};

static void *api_alloc(struct mod_kernel *mk, size_t size) {
  struct mod_block *b = calloc(1, sizeof *b + size);
  if (!b) return NULL;
  b->next = mk->self->blocks;
  mk->self->blocks = b;
  return b->data;
}

/* Frees what api_alloc gave mod: its code and its state go together. */
static void free_blocks(struct module *mod) {
  while (mod->blocks) {
    struct mod_block *b = mod->blocks;
    mod->blocks = b->next;
    free(b);
  }
}

static int api_export(struct mod_kernel *mk, const char *name, void *addr) {
  struct module *self = mk->self;
  if (self->state != MOD_LOADING || !mod_plain_word(name, sizeof self->exports[0].name))
    return -OSSIM_EINVAL;
  for (int i = 0; i < self->nexports; i++)
    if (strcmp(self->exports[i].name, name) == 0) return -OSSIM_EEXIST;
  if (self->nexports == MOD_MAXEXPORTS) return -OSSIM_ENOMEM;
  struct mod_export *e = &self->exports[self->nexports++];
  snprintf(e->name, sizeof e->name, "%s", name);
  e->addr = addr;
  return 0;
}

/* A symbol exported by one of the modules this one depends on. */
static void *api_symbol(struct mod_kernel *mk, const char *name) {
  struct module *self = mk->self;
  for (int i = 0; i < self->ndeps; i++) {
    const struct module *dep = &mk->k->modules[self->deps[i]];
    for (int j = 0; j < dep->nexports; j++)
      if (strcmp(dep->exports[j].name, name) == 0) return dep->exports[j].addr;
  }
  return NULL;
}

static uint64_t api_now(struct mod_kernel *mk) { return machine_now(mk->k->k.m); }

/* ---- scheduling policies from modules, each call through the guard ----
 *
 * The kernel does not put a module's policy itself in force but mod->guarded, a copy whose
 * functions call the module's through the guard. The library calls a policy's functions
 * only as s->policy->fn(s, ...), so s->policy says which module's policy is being called. */

static struct mono *sched_kernel(const struct sched *s) {
  return (struct mono *)((char *)s - offsetof(struct mono, sched));
}

static struct module *policy_module(const struct sched *s) {
  return (struct module *)((char *)s->policy - offsetof(struct module, guarded));
}

static void guarded_init(struct sched *s) {
  struct module *mod = policy_module(s);
  MOD_GUARDED(sched_kernel(s), mod, "sched init", mod->sched->init, mod->sched->init(s), );
}

static void guarded_enqueue(struct sched *s, struct sched_entity *e) {
  struct module *mod = policy_module(s);
  MOD_GUARDED(sched_kernel(s), mod, "enqueue", mod->sched->enqueue, mod->sched->enqueue(s, e), );
}

static void guarded_dequeue(struct sched *s, struct sched_entity *e) {
  struct module *mod = policy_module(s);
  MOD_GUARDED(sched_kernel(s), mod, "dequeue", mod->sched->dequeue, mod->sched->dequeue(s, e), );
}

static struct sched_entity *guarded_pick_next(struct sched *s) {
  struct module *mod = policy_module(s);
  struct sched_entity *volatile e = NULL;
  MOD_GUARDED(sched_kernel(s), mod, "pick_next", mod->sched->pick_next,
              e = mod->sched->pick_next(s), );
  return e;
}

static bool guarded_tick(struct sched *s, struct sched_entity *running) {
  struct module *mod = policy_module(s);
  volatile bool preempt = false;
  MOD_GUARDED(sched_kernel(s), mod, "tick", mod->sched->tick,
              preempt = mod->sched->tick(s, running), );
  return preempt;
}

static void guarded_set_priority(struct sched *s, struct sched_entity *e, int value) {
  struct module *mod = policy_module(s);
  MOD_GUARDED(sched_kernel(s), mod, "set_priority", mod->sched->set_priority,
              mod->sched->set_priority(s, e, value), );
}

static int guarded_shown_priority(const struct sched *s, const struct sched_entity *e) {
  struct module *mod = policy_module(s);
  volatile int v = 0;
  MOD_GUARDED(sched_kernel(s), mod, "shown_priority", mod->sched->shown_priority,
              v = mod->sched->shown_priority(s, e), );
  return v;
}

static int api_sched_register(struct mod_kernel *mk, const struct sched_policy *p) {
  struct module *self = mk->self;
  struct sched *s = &mk->k->sched;
  if (self->sched) return -OSSIM_EEXIST; /* one policy per module */
  self->sched = p;
  self->guarded = (struct sched_policy){
      .name = p->name,
      .description = p->description,
      .init = guarded_init,
      .enqueue = guarded_enqueue,
      .dequeue = guarded_dequeue,
      .pick_next = guarded_pick_next,
      .tick = guarded_tick,
      .set_priority = guarded_set_priority,
      .shown_priority = p->shown_priority ? guarded_shown_priority : NULL,
  };
  self->sched_prev = s->policy;
  sched_switch(s, &self->guarded);
  return 0;
}

/* Switching back, when p is in force, drops the reference the active policy holds. */
static void api_sched_unregister(struct mod_kernel *mk, const struct sched_policy *p) {
  struct module *self = mk->self;
  struct mono *k = mk->k;
  if (!self->sched || self->sched != p) return;
  if (k->sched.policy == &self->guarded) sched_switch(&k->sched, self->sched_prev);
  /* A policy loaded after this one now falls back to the one before this one. */
  for (struct module *m = k->modules; m < &k->modules[NMODULE]; m++)
    if (m->state != MOD_FREE && m->sched && m->sched_prev == &self->guarded)
      m->sched_prev = self->sched_prev;
  self->sched = NULL;
  mod_report_refs(k); /* the policy in force holds a reference */
}

static int api_chrdev_register(struct mod_kernel *mk, const char *name,
                               const struct mod_chrdev_ops *ops) {
  if (mk->self->state != MOD_LOADING) return -OSSIM_EINVAL; /* the file is made after init */
  return dev_register(mk->k, mk->self, name, ops);
}

static void api_chrdev_unregister(struct mod_kernel *mk, const char *name) {
  struct chrdev *d = dev_find(mk->k, name);
  if (d && d->owner == mk->self) d->ops = NULL; /* rmmod removes the file and the slot */
}

static int api_syscall_hook_register(struct mod_kernel *mk,
                                     void (*fn)(struct mod_kernel *, const struct mod_api *, void *,
                                                const struct mod_syscall *)) {
  struct mono *k = mk->k;
  if (k->tracer && k->tracer != mk->self) return -OSSIM_EBUSY;
  mk->self->syscall_hook = fn;
  k->tracer = fn ? mk->self : NULL;
  return 0;
}

static void api_syscall_hook_unregister(struct mod_kernel *mk) {
  if (mk->k->tracer == mk->self) mk->k->tracer = NULL;
  mk->self->syscall_hook = NULL;
}

static const struct mod_api api = {
    .version = MOD_API_VERSION,
    .printk = api_printk,
    .alloc = api_alloc,
    .export = api_export,
    .symbol = api_symbol,
    .now = api_now,
    .sched_register = api_sched_register,
    .sched_unregister = api_sched_unregister,
    .chrdev_register = api_chrdev_register,
    .chrdev_unregister = api_chrdev_unregister,
    .syscall_hook_register = api_syscall_hook_register,
    .syscall_hook_unregister = api_syscall_hook_unregister,
};

/* ---- calls into module code ---- */

/* The calls into a module outside the scheduler, each in a function of its own: a guarded
 * call's frame holds nothing that changes between sigsetjmp and the call (the rule for what
 * may be read after a longjmp). */

static int __attribute__((noinline))
call_io(struct mono *k, struct module *mod, const struct mod_chrdev_ops *ops, char *buf, uint32_t n,
        uint32_t off, bool write) {
  volatile int rc = -OSSIM_EIO; /* volatile: read after a fault's longjmp */
  if (write)
    MOD_GUARDED(k, mod, "write", ops->write, rc = ops->write(&mod->ctx, mod->priv, buf, n, off), );
  else
    MOD_GUARDED(k, mod, "read", ops->read, rc = ops->read(&mod->ctx, mod->priv, buf, n, off), );
  return rc;
}

static int __attribute__((noinline))
call_init(struct mono *k, struct module *mod, const struct mod_param *p, int np) {
  volatile int rc = -OSSIM_EFAULT; /* volatile: read after a fault's longjmp */
  MOD_GUARDED(k, mod, "init", mod->info->init,
              rc = mod->info->init(&mod->ctx, &api, p, np, &mod->priv), );
  return rc;
}

static void __attribute__((noinline)) call_exit(struct mono *k, struct module *mod) {
  MOD_GUARDED(k, mod, "exit", mod->info->exit, mod->info->exit(&mod->ctx, &api, mod->priv), );
}

static void __attribute__((noinline))
call_hook(struct mono *k, struct module *mod, const struct mod_syscall *sc) {
  MOD_GUARDED(k, mod, "syscall hook", mod->syscall_hook,
              mod->syscall_hook(&mod->ctx, &api, mod->priv, sc), );
}

int mod_chrdev_io(struct mono *k, struct chrdev *d, char *buf, uint32_t n, uint32_t off,
                  bool write) {
  if (write ? !d->ops->write : !d->ops->read) return -OSSIM_EINVAL;
  if (d->owner) return call_io(k, d->owner, d->ops, buf, n, off, write);
  struct mod_kernel self = {.k = k}; /* the kernel's own device */
  return write ? d->ops->write(&self, NULL, buf, n, off) : d->ops->read(&self, NULL, buf, n, off);
}

void mod_trace_begin(struct mono *k, struct proc *p, uint32_t num, const uint32_t *a,
                     struct mod_trace *t) {
  (void)p;
  const struct systab_entry *e = systab(num);
  t->sc = (struct mod_syscall){.num = num, .name = e ? e->name : NULL, .kinds = e ? e->args : ""};
  memcpy(t->sc.args, a, sizeof t->sc.args);
  int nstr = 0;
  for (int i = 0; i < 6 && t->sc.kinds[i]; i++)
    if (t->sc.kinds[i] == 's' && nstr < 2 &&
        copyinstr(k, t->strings[nstr], a[i], sizeof t->strings[nstr]) >= 0)
      t->sc.str[i] = t->strings[nstr++];
}

void mod_trace_end(struct mono *k, struct proc *p, struct mod_trace *t, int result) {
  struct module *mod = k->tracer;
  t->sc.pid = p->pid;
  t->sc.proc = p->name;
  t->sc.result = result;
  call_hook(k, mod, &t->sc);
}

/* ---- insmod ---- */

/* Splits "key=value key=value" into params (pointing into buf). Returns the count. */
static int parse_params(char *buf, struct mod_param *params, int max) {
  int n = 0;
  for (char *tok = strtok(buf, " \t"); tok && n < max; tok = strtok(NULL, " \t")) {
    char *eq = strchr(tok, '=');
    params[n].key = tok;
    params[n].value = eq ? (*eq = 0, eq + 1) : "";
    n++;
  }
  return n;
}

/* Checks what the module needs, records its dependencies. 0, or an error with msg. */
static int resolve(struct mono *k, struct module *mod, char *msg, size_t len) {
  const struct module_info *info = mod->info;
  if (info->api_version != MOD_API_VERSION) {
    snprintf(msg, len, "%s: built for module API version %u, the kernel has %u", mod->name,
             info->api_version, MOD_API_VERSION);
    return -OSSIM_ENOEXEC;
  }
  for (const char *const *d = info->depends; d && *d; d++) {
    struct module *dep = find(k, *d);
    if (!dep || dep->state != MOD_LIVE) {
      snprintf(msg, len, "%s: missing dependency %s (insmod %s first)", mod->name, *d, *d);
      return -OSSIM_ENOENT;
    }
    if (mod->ndeps == MOD_MAXDEPS) {
      snprintf(msg, len, "%s: more than %d dependencies", mod->name, MOD_MAXDEPS);
      return -OSSIM_EINVAL;
    }
    mod->deps[mod->ndeps++] = (int)(dep - k->modules);
  }
  for (const char *const *s = info->imports; s && *s; s++)
    if (!api_symbol(&mod->ctx, *s)) {
      snprintf(msg, len, "%s: missing symbol %s (no dependency exports it)", mod->name, *s);
      return -OSSIM_ENOENT;
    }
  return 0;
}

int mod_insmod(struct mono *k, const char *name, const char *params, char *msg, size_t len) {
  msg[0] = 0;
  if (!valid_name(name)) {
    snprintf(msg, len, "%s: not a module name (letters, digits and _)", name);
    return -OSSIM_EINVAL;
  }
  if (find(k, name)) {
    snprintf(msg, len, "%s: already loaded", name);
    return -OSSIM_EEXIST;
  }
  struct module *mod = NULL;
  for (struct module *m = k->modules; m < &k->modules[NMODULE] && !mod; m++)
    if (m->state == MOD_FREE) mod = m;
  if (!mod) {
    snprintf(msg, len, "%s: too many modules loaded (%d)", name, NMODULE);
    return -OSSIM_ENOMEM;
  }
  char path[512];
  snprintf(path, sizeof path, "%s/%s.so", OSSIM_MODULE_DIR, name);
  *mod = (struct module){.state = MOD_LOADING, .reported_refs = -1, .ctx = {.k = k, .self = mod}};
  snprintf(mod->name, sizeof mod->name, "%s", name);
  int rc = 0;
  bool exists = hostfile_size(path) >= 0;
  mod->handle = exists ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
  if (!exists) {
    snprintf(msg, len, "%s: unknown module (no %s)", name, path);
    rc = -OSSIM_ENOENT;
  } else if (!mod->handle) {
    const char *why = dlerror();
    snprintf(msg, len, "%s: cannot load: %s", name, why ? why : "dlopen failed");
    rc = -OSSIM_ENOEXEC;
  } else if (!(mod->info = dlsym(mod->handle, "ossim_module"))) {
    snprintf(msg, len, "%s: not a module (no ossim_module in %s)", name, path);
    rc = -OSSIM_ENOEXEC;
  }
  if (rc == 0) rc = resolve(k, mod, msg, len);
  if (rc == 0 && mod->info->init) {
    char buf[256];
    struct mod_param p[16];
    snprintf(buf, sizeof buf, "%s", params ? params : "");
    int np = parse_params(buf, p, 16);
    k->taint |= TAINT_O; /* its code is about to run in the kernel */
    rc = call_init(k, mod, p, np);
    if (rc > 0 || rc < -4095) rc = -OSSIM_EINVAL; /* a module must return 0 or -errno */
    if (rc < 0 && !k->panicked) k->taint |= TAINT_E;
    if (rc < 0)
      snprintf(msg, len, "%s: init %s %d", name,
               k->panicked ? "faulted: error" : "failed with error", -rc);
  }
  if (rc < 0) {
    if (!k->panicked) mono_emit_name(k, EV_MODULE_FAIL, (uint32_t)-rc, name, sizeof mod->name);
    dev_remove(k, mod);
    if (mod->handle) dlclose(mod->handle);
    free_blocks(mod);
    *mod = (struct module){0};
    return rc;
  }
  for (int i = 0; i < mod->ndeps; i++)
    k->modules[mod->deps[i]].refs++;
  mod->size = (uint32_t)hostfile_size(path);
  mod->state = MOD_LIVE;
  k->taint |= TAINT_O;
  dev_make_nodes(k);
  mono_emit_name(k, EV_MODULE_LOAD, mod->size, name, sizeof mod->name);
  mod_report_refs(k); /* its own count, and its dependencies' */
  return 0;
}

/* ---- rmmod, lsmod ---- */

/* Runs mod's exit and takes it out of the kernel. Nothing may depend on it. After a panic
 * no module code runs again: the module only goes. */
static void unload(struct mono *k, struct module *mod) {
  mod->state = MOD_UNLOADING;
  if (mod->info->exit && !k->panicked) call_exit(k, mod);
  if (k->panicked) return; /* exit faulted at the kernel's end: mod_unload_all clears up */
  /* Whatever the module left registered goes: its code is about to. */
  if (mod->sched && !k->panicked) api_sched_unregister(&mod->ctx, mod->sched);
  api_syscall_hook_unregister(&mod->ctx);
  dev_remove(k, mod);
  for (int i = 0; i < mod->ndeps; i++)
    k->modules[mod->deps[i]].refs--;
  mono_emit_name(k, EV_MODULE_UNLOAD, mod->size, mod->name, sizeof mod->name);
  dlclose(mod->handle);
  free_blocks(mod);
  *mod = (struct module){0};
  mod_report_refs(k); /* its dependencies', and the policy back in force */
}

int mod_rmmod(struct mono *k, const char *name, char *msg, size_t len) {
  msg[0] = 0;
  struct module *mod = valid_name(name) ? find(k, name) : NULL;
  if (!mod) {
    snprintf(msg, len, "%s: not loaded", name);
    return -OSSIM_ENOENT;
  }
  // LAB 06 BEGIN
  if (mod->opens > 0) {
    snprintf(msg, len, "%s: in use (%d open file%s on its devices)", name, mod->opens,
             mod->opens == 1 ? "" : "s");
    return -OSSIM_EBUSY;
  }
  // LAB 06 STARTER
  // /* TODO (lab 6): refuse while a file is open on the module's devices */
  // LAB 06 END
  if (mod->refs > 0) {
    snprintf(msg, len, "%s: in use (%d module%s depend%s on it)", name, mod->refs,
             mod->refs == 1 ? "" : "s", mod->refs == 1 ? "s" : "");
    return -OSSIM_EBUSY;
  }
  unload(k, mod);
  return 0;
}

int mod_list(struct mono *k, char *buf, size_t len) {
  char taint[32];
  mod_taint_text(k->taint, taint, sizeof taint);
  size_t n = (size_t)snprintf(buf, len, "%s\n%-16s %8s %4s %-9s %s\n", taint, "Module", "Size",
                              "Refs", "State", "Used by");
  for (struct module *mod = k->modules; mod < &k->modules[NMODULE] && n < len; mod++) {
    if (mod->state == MOD_FREE) continue;
    n += (size_t)snprintf(buf + n, len - n, "%-16s %8u %4d %-9s", mod->name, mod->size,
                          ref_count(k, mod), state_names[mod->state]);
    if (scheduling(k, mod) && n < len) n += (size_t)snprintf(buf + n, len - n, " [scheduling]");
    for (struct module *u = k->modules; u < &k->modules[NMODULE] && n < len; u++)
      for (int i = 0; u->state != MOD_FREE && i < u->ndeps && n < len; i++)
        if (u->deps[i] == (int)(mod - k->modules))
          n += (size_t)snprintf(buf + n, len - n, " %s", u->name);
    if (n < len) n += (size_t)snprintf(buf + n, len - n, "\n");
  }
  return (int)(n < len ? n : len);
}

bool mod_any_loaded(const struct mono *k) {
  for (const struct module *mod = k->modules; mod < &k->modules[NMODULE]; mod++)
    if (mod->state != MOD_FREE) return true;
  return false;
}

/* At the kernel's end: open files no longer count (their processes are gone with it). */
void mod_unload_all(struct mono *k) {
  /* Dependents first: repeat until nothing is left that can go. */
  for (bool progress = true; progress && !k->panicked;) {
    progress = false;
    for (struct module *mod = k->modules; mod < &k->modules[NMODULE] && !k->panicked; mod++)
      if (mod->state == MOD_LIVE && mod->refs == 0) {
        unload(k, mod);
        progress = true;
      }
  }
  /* After a panic no module code runs again, and a module may have died half loaded or
   * half unloaded: what is left only goes. */
  for (struct module *mod = k->modules; mod < &k->modules[NMODULE]; mod++)
    if (mod->state != MOD_FREE) {
      dlclose(mod->handle);
      free_blocks(mod);
      *mod = (struct module){0};
    }
}
