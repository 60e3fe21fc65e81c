/*
 * mono.c: the monolithic kernel's life — creation on a machine, the loop that runs the
 * harts through simulated time, device interrupts, the first process, and shutdown.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "exec.h"
#include "hostfile.h"
#include "mono.h"
#include "uart.h"

#ifndef OSSIM_FS_IMAGE
#define OSSIM_FS_IMAGE NULL /* no disk image was built */
#endif

void mono_yield_to_machine(struct mono *k) { swtch(mycpu(k)->current, &k->machine); }

void mono_halt(struct mono *k, int status) {
  mono_bpf_report(k);
  k->halted = true;
  k->k.exit_status = status & 0xff;
  machine_power(k->k.m, MACHINE_POWEROFF, (uint32_t)status);
}

/* The system cannot start from what it was given: stop with a message naming the disk. */
static void mono_cannot_start(struct mono *k, const char *what, int err) {
  snprintf(k->k.message, sizeof k->k.message, "%s: %s: %s", k->disk_name, what,
           hostfile_boot_error(err));
  k->cannot_start = true;
  machine_power(k->k.m, MACHINE_FAILED, 1);
}

/* Device interrupts, all routed to hart 0's S context: claim each source and hand it to
 * its driver. Called from a trap on hart 0 and from every scheduler between processes. */
void mono_device_poll(struct mono *k) {
  if (!(k->cpus[0].h->sip & SIP_SEIP)) return;
  uint32_t src;
  while ((src = plicdrv_claim(&k->plic)) != 0) {
    bool mask = false;
    if (src == MACHINE_IRQ_UART)
      mask = mono_uart_intr(k);
    else if (src == MACHINE_IRQ_BLK)
      mono_blk_intr(k);
    plicdrv_complete(&k->plic, src);
    if (mask) plicdrv_disable(&k->plic, src);
  }
}

/* The first process's first moments, on its own kernel stack (it may sleep for the disk):
 * mount the file system and exec the first program. */
void mono_first_process_start(struct mono *k, struct proc *p) {
  int rc = mono_fs_mount(k);
  if (rc < 0) {
    mono_cannot_start(k, "cannot mount the file system", rc);
    proc_exit(k, 1);
  }
  p->cwd = FS_ROOTINO;
  dev_make_nodes(k); /* /dev/modules, and the devices of modules loaded at boot */
  char path[FILE_MAXPATH], *argv[4];
  int argc;
  const struct kernel_args *a = &k->args;
  if (a->command) {
    snprintf(path, sizeof path, "/bin/sh");
    argv[0] = "sh", argv[1] = "-c", argv[2] = (char *)a->command, argc = 3;
  } else {
    const char *prog = a->init ? a->init : "init";
    snprintf(path, sizeof path, "%s%s", strchr(prog, '/') ? "" : "/bin/", prog);
    argv[0] = (char *)prog, argc = 1;
  }
  argv[argc] = NULL;
  if (a->command || a->init) mono_open_console(k, p); /* init opens the console itself */
  rc = exec_program(k, p, path, argv, argc);
  if (rc < 0) {
    char what[FILE_MAXPATH + 32];
    snprintf(what, sizeof what, "cannot run %s", path);
    mono_cannot_start(k, what, rc);
    proc_exit(k, 1);
  }
  mycpu(k)->h->x[10] = (uint32_t)rc;
}

static void mono_destroy(struct kernel *kk);

static int setup_devices(struct mono *k, char *err, size_t errlen) {
  struct machine *m = k->k.m;
  hostbus_init(&k->hb, m);
  plicdrv_init(&k->plic, &k->hb.bus, MACHINE_PLIC_BASE, 0);
  plicdrv_enable(&k->plic, MACHINE_IRQ_UART, 1);
  plicdrv_enable(&k->plic, MACHINE_IRQ_BLK, 1);
  mono_console_init(k);
  uint32_t dma = kalloc(k);
  int rc = dma ? blkdrv_init(&k->blk, &k->hb.bus, MACHINE_BLK_BASE, dma, PGSIZE) : -ENOMEM;
  if (rc == 0 && blkdrv_capacity(&k->blk) == 0) rc = -ENODEV;
  if (rc < 0 && !m->cfg.disk_path)
    snprintf(err, errlen, "mono needs a disk with a file system (--disk FILE)");
  else if (rc < 0)
    snprintf(err, errlen, "%s: the disk image is empty", k->disk_name);
  return rc;
}

static int mono_create(const struct machine_config *mc, const struct kernel_args *args,
                       struct kernel **out, char *err, size_t errlen) {
  struct mono *k = calloc(1, sizeof *k);
  if (!k) return -ENOMEM;
  k->args = *args;
  k->opts = *(const struct mono_options *)args->own;
  k->nextpid = 1;
  struct machine_config cfg = *mc;
  if (cfg.ncpus > MONO_MAX_CPUS) {
    snprintf(err, errlen, "mono runs on 1 to %d harts", MONO_MAX_CPUS);
    free(k);
    return -EINVAL;
  }
  const struct sched_policy *policy = sched_find(args->sched ? args->sched : "rr");
  if (!policy) {
    int n = snprintf(err, errlen, "unknown scheduler '%s'; known:", args->sched);
    for (const struct sched_policy *const *s = sched_policies(); *s && n > 0 && (size_t)n < errlen;
         s++)
      n += snprintf(err + n, errlen - (size_t)n, " %s", (*s)->name);
    free(k);
    return KERNEL_EBADARG;
  }
  sched_init(&k->sched, policy, mc->seed);
  const char *disk = args->disk ? args->disk : OSSIM_FS_IMAGE;
  snprintf(k->disk_name, sizeof k->disk_name, "%.200s", disk ? disk : "(no disk)");
  int rc = hostfile_machine_create(&cfg, disk, args->persist, &k->k.m, err, errlen);
  if (rc == 0 && (rc = vm_init(k)) < 0) snprintf(err, errlen, "out of memory");
  if (rc == 0) rc = swap_init(k, k->opts.mem_limit, k->opts.evict, err, errlen);
  if (rc == 0) rc = setup_devices(k, err, errlen);
  dev_init(k);
  k->ncpu = cfg.ncpus;
  for (unsigned i = 0; rc == 0 && i < k->ncpu; i++) {
    struct cpu *c = &k->cpus[i];
    c->k = k;
    c->h = k->k.m->harts[i];
    c->h->host_traps = true;
    rc = context_init(&c->sched, sched_loop, c);
    c->current = &c->sched;
  }
  for (unsigned i = 0; rc == 0 && i < k->opts.modules.n; i++) {
    char msg[256], name[64], *params; /* --module "NAME key=value ..." */
    snprintf(name, sizeof name, "%s", k->opts.modules.v[i]);
    if ((params = strchr(name, ' '))) *params++ = 0;
    if ((rc = mod_insmod(k, name, params, msg, sizeof msg)) < 0 && k->panicked) {
      *out = &k->k; /* it boots dead: the first run reports the panic */
      return 0;
    }
    if (rc < 0) snprintf(err, errlen, "--module %s", msg);
    if (rc == -OSSIM_ENOENT) rc = KERNEL_EBADARG; /* no such module: the command line's fault */
  }
  for (unsigned i = 0; rc == 0 && i < k->opts.bpf.n; i++)
    rc = mono_bpf_load(k, k->opts.bpf.v[i], err, errlen);
  if (rc == 0) rc = proc_first(k, "init", err, errlen);
  if (rc < 0) {
    if (!err[0]) snprintf(err, errlen, "mono: %s", strerror(-rc));
    mono_destroy(&k->k);
    return rc;
  }
  *out = &k->k;
  return 0;
}

static bool something_runs(const struct mono *k) {
  for (const struct proc *p = k->procs; p < &k->procs[NPROC]; p++)
    if (p->state == PROC_RUNNABLE || p->state == PROC_RUNNING) return true;
  return false;
}

static bool anything_can_run(struct mono *k) {
  if (evq_next(&k->k.m->evq) != EVQ_NEVER) return true;
  if (k->cpus[0].h->sip & SIP_SEIP) return true; /* an interrupt not yet handled */
  return something_runs(k);
}

static enum kernel_state mono_run(struct kernel *kk, uint64_t until) {
  struct mono *k = (struct mono *)kk;
  struct machine *m = kk->m;
  kk->idle = true;
  /* With modules loaded, their fault handler stays in place for the whole slice rather
   * than coming and going around each call (modguard.h). */
  bool guard = mod_any_loaded(k);
  if (guard) mod_protect_begin(k);
  while (!k->halted && !k->cannot_start && !k->panicked && m->now < until) {
    if (something_runs(k)) kk->idle = false;
    /* A round begins only where the last one ended: a slice that ends inside a round (the
     * gdb stub's one-cycle steps) leaves it to go on at the next call, so the kernel does
     * the same whatever slices it is run in. */
    if (m->now >= k->round_end) {
      machine_advance(m, m->now);
      /* The end of piped input raises no interrupt: let readers see it. */
      if (uart_input_done(m->uart)) wakeup(k, &k->cons.r);
      if (!anything_can_run(k)) {
        snprintf(kk->message, sizeof kk->message,
                 "mono: every process waits for something that can never happen");
        break;
      }
      k->round_end = machine_round_end(m);
    }
    uint64_t target = k->round_end < until ? k->round_end : until;
    k->target = target;
    for (unsigned i = 0; i < k->ncpu && !k->halted && !k->cannot_start && !k->panicked; i++) {
      struct cpu *c = &k->cpus[i];
      if (c->h->cycles >= target) continue;
      k->cur = i;
      m->running = c->h;
      k->hb.hart = c->h;
      swtch(&k->machine, c->current);
      m->running = NULL;
    }
    m->now = target;
  }
  if (guard) mod_protect_end(k);
  if (k->panicked) return KERNEL_FAILED;
  if (k->cannot_start) return KERNEL_ERROR;
  if (!k->halted && m->now < until) return KERNEL_STUCK;
  return k->halted ? KERNEL_HALTED : KERNEL_RUNNING;
}

static void mono_destroy(struct kernel *kk) {
  struct mono *k = (struct mono *)kk;
  for (struct proc *p = k->procs; p < &k->procs[NPROC]; p++)
    if (p->state != PROC_UNUSED) context_free(&p->ctx);
  for (unsigned i = 0; i < MONO_MAX_CPUS; i++)
    context_free(&k->cpus[i].sched);
  if (kk->m) mod_unload_all(k);
  mono_bpf_free(k);
  swap_free_all(k);
  vm_free_all(k);
  machine_destroy(kk->m);
  free(k);
}

/* --mem-limit PAGES, from 1 to 2^20. */
static int parse_mem_limit(void *field, const char *val, char *err, size_t errlen) {
  uint64_t n;
  if (kernel_option_number(val, false, 1u << 20, &n) || n == 0) {
    snprintf(err, errlen, "--mem-limit '%s': need a number of pages from 1 to 1048576", val);
    return -1;
  }
  *(unsigned *)field = (unsigned)n;
  return 0;
}

/* --bpf-log LEVEL, 1 or 2. */
static int parse_bpf_log(void *field, const char *val, char *err, size_t errlen) {
  uint64_t n;
  if (kernel_option_number(val, false, 2, &n) || n == 0) {
    snprintf(err, errlen, "--bpf-log '%s': need a level, 1 or 2", val);
    return -1;
  }
  *(unsigned *)field = (unsigned)n;
  return 0;
}

static const struct kernel_option mono_option_table[] = {
    {.name = "--module",
     .arg = "NAME",
     .help = "load a kernel module at boot (repeatable)",
     .kind = KOPT_LIST,
     .offset = offsetof(struct mono_options, modules)},
    {.name = "--bpf",
     .arg = "FILE.o",
     .help = "load an eBPF object (clang -target bpf) at boot; a program the verifier\n"
             "refuses stops the boot with its log (repeatable)",
     .kind = KOPT_LIST,
     .offset = offsetof(struct mono_options, bpf)},
    {.name = "--bpf-log",
     .arg = "LEVEL",
     .help = "print the verifier's log of every eBPF program loaded, accepted too: level 1\n"
             "the path to a refusal and the walk's cost, 2 every instruction walked",
     .kind = KOPT_PARSE,
     .offset = offsetof(struct mono_options, bpf_log),
     .parse = parse_bpf_log},
    {.name = "--vmprint",
     .arg = "PROG",
     .help = "print the page table of each process that execs PROG",
     .kind = KOPT_STRING,
     .offset = offsetof(struct mono_options, vmprint)},
    {.name = "--mem-limit",
     .arg = "PAGES",
     .help = "page processes' heaps to swap past PAGES resident pages",
     .kind = KOPT_PARSE,
     .offset = offsetof(struct mono_options, mem_limit),
     .parse = parse_mem_limit},
    {.name = "--evict",
     .arg = "POLICY",
     .help = "the page-replacement policy: fifo, clock (default), lru",
     .kind = KOPT_STRING,
     .offset = offsetof(struct mono_options, evict)},
    {0},
};

const struct kernel_ops mono_kernel = {
    .name = "mono",
    .summary = "monolithic kernel: processes, virtual memory, files and pipes in the kernel",
    .options = mono_option_table,
    .options_size = sizeof(struct mono_options),
    .create = mono_create,
    .run = mono_run,
    .destroy = mono_destroy,
    .debug = &mono_debug,
};
