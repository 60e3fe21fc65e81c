/*
 * boot.c: the boot modules — the servers the kernel itself starts, as seL4's root task and
 * the modules a boot loader hands it. Each is a guest ELF program built with the kernel
 * (kernels/micro/servers) and read from the build directory (OSSIM_SERVER_DIR), loaded
 * into an address space of its own, and started as one thread with the boot caps of
 * micro/kabi.h: its thread, its address space, the boot endpoint all modules share, and the
 * system cap. From there on the servers build everything else with kernel calls.
 *
 * `--module NAME[:ARG]` (repeatable) names the modules to boot instead of the system set;
 * `--module +NAME[:ARG]` boots them beside it, each with the system servers' endpoints (the
 * hostile client of the servers is such a module).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/syscall.h"
#include "elf.h"
#include "micro.h"

#ifndef OSSIM_SERVER_DIR
#define OSSIM_SERVER_DIR "servers"
#endif

/* The system servers' pids count from here, apart from the processes': so a process has the
 * pid mono would give it (init 1, the shell 2), however many servers there are. */
#define SERVER_PIDS 100
#define MAX_MODULE_SIZE (4u << 20)

/* Reads the whole file at path into *data (malloc'd). 0, or -errno. */
static int read_file(const char *path, uint8_t **data, uint32_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return -errno;
  uint8_t *buf = malloc(MAX_MODULE_SIZE);
  size_t n = buf ? fread(buf, 1, MAX_MODULE_SIZE, f) : 0;
  int rc = !buf ? -ENOMEM : ferror(f) ? -EIO : n == MAX_MODULE_SIZE ? -EFBIG : 0;
  fclose(f);
  if (rc < 0) {
    free(buf);
    return rc;
  }
  *data = buf;
  *len = (uint32_t)n;
  return 0;
}

static uint32_t seg_perm(uint32_t flags) {
  return PTE_U | (flags & ELF_PF_R ? PTE_R : 0) | (flags & ELF_PF_W ? PTE_W : 0) |
         (flags & ELF_PF_X ? PTE_X : 0);
}

/* Loads the program into address space as: its segments, a stack and an IPC buffer. */
static int load_image(struct micro *k, int as, const uint8_t *data, uint32_t len, uint32_t *entry,
                      char *err, size_t errlen) {
  struct elf_segment segs[ELF_USER_SEGMENTS];
  unsigned n;
  int rc =
      elf_segments(data, len, USER_BASE, USER_TOP, segs, ELF_USER_SEGMENTS, &n, entry, err, errlen);
  for (unsigned i = 0; rc == 0 && i < n; i++) {
    rc = mvm_map_fresh(k, as, segs[i].va, segs[i].memsz, seg_perm(segs[i].flags));
    if (rc == 0) rc = mvm_write(k, as, segs[i].va, data + segs[i].off, segs[i].filesz);
  }
  uint32_t rw = PTE_R | PTE_W | PTE_U;
  if (rc == 0)
    rc = mvm_map_fresh(k, as, BOOT_STACK_TOP - BOOT_STACK_PAGES * PGSIZE, BOOT_STACK_PAGES * PGSIZE,
                       rw);
  if (rc == 0) rc = mvm_map_fresh(k, as, BOOT_IPC_BUF, PGSIZE, rw);
  return rc;
}

int micro_mod_start(struct micro *k, struct bootmod *m, char *err, size_t errlen) {
  uint32_t entry = 0;
  int as = mvm_as_create(k, 0, -1, 0);
  int rc = as < 0 ? as : load_image(k, as, m->image, m->len, &entry, err, errlen);
  struct tcb *t = rc == 0 ? micro_thread_new(k, as, m->name, &k->server_pid) : NULL;
  if (!t) {
    if (as >= 0) mvm_as_destroy(k, as);
    if (!err[0]) snprintf(err, errlen, "--module %s: out of memory", m->name);
    return rc < 0 ? rc : -ENOMEM;
  }
  struct cap_sys *cs = &k->o.caps;
  cap_install(cs, t->cs, BOOT_SLOT_SELF, CAP_THREAD, (uint16_t)(t - k->o.tcb), CAP_ALL, 0);
  cap_install(cs, t->cs, BOOT_SLOT_ASPACE, CAP_ASPACE, (uint16_t)as, CAP_ALL, 0);
  cap_install(cs, t->cs, BOOT_SLOT_EP, CAP_ENDPOINT, 0, CAP_ALL, 0);
  cap_install(cs, t->cs, BOOT_SLOT_SYSTEM, CAP_SYSTEM, 0, CAP_ALL, 0);
  cap_install(cs, t->cs, BOOT_SLOT_QUOTA, CAP_QUOTA, 0, CAP_ALL, 0);
  cap_install(cs, t->cs, BOOT_SLOT_DEBUG, CAP_DEBUG, 0, CAP_ALL, 0);
  for (uint32_t slot = BOOT_SLOT_FREE; slot < CSPACE_SLOTS; slot++) { /* empty at boot */
    const struct cap *c = &m->caps.slot[slot];
    if (c->type != CAP_NULL) cap_install(cs, t->cs, slot, c->type, c->obj, c->rights, c->badge);
  }
  t->pc = entry;
  t->x[2] = BOOT_STACK_TOP;
  t->x[R_A0] = m->arg;
  t->x[R_A1] = (uint32_t)(m - k->mods);
  t->x[R_A2] = m->restarts;
  m->t = t;
  m->pid = t->pid;
  micro_emit_name(k, t, EV_SERVER_START);
  t->state = TS_RUNNABLE;
  micro_wake(k, t);
  return 0;
}

/* Boots module `spec` (NAME or NAME:ARG) as the next module; *out its thread. The module's
 * file stays in memory, to start it again. */
static int boot_one(struct micro *k, const char *spec, struct tcb **out, char *err, size_t errlen) {
  char name[64], path[512];
  const char *colon = strchr(spec, ':');
  size_t nlen = colon ? (size_t)(colon - spec) : strlen(spec);
  snprintf(name, sizeof name, "%.*s", (int)(nlen < 15 ? nlen : 15), spec);
  if (!name[0] || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(name)) {
    snprintf(err, errlen, "--module %s: not a module name", spec);
    return -EINVAL;
  }
  struct bootmod *m = &k->mods[k->nmods];
  snprintf(path, sizeof path, "%s/%s.elf", OSSIM_SERVER_DIR, name);
  int rc = k->nmods < MICRO_NMOD ? read_file(path, &m->image, &m->len) : -E2BIG;
  if (rc < 0) {
    snprintf(err, errlen, "--module %s: no such boot module (%s: %s)", name, path, strerror(-rc));
    return rc == -ENOENT ? KERNEL_EBADARG : rc;
  }
  k->nmods++;
  snprintf(m->name, sizeof m->name, "%s", name);
  m->arg = colon ? (uint32_t)strtoul(colon + 1, NULL, 0) : 0;
  rc = micro_mod_start(k, m, err, errlen);
  *out = m->t;
  return rc;
}

/* Loads the vDSO (vdso/) from the build directory: its two pages of code at VDSO_CODE. */
static int boot_vdso(struct micro *k, char *err, size_t errlen) {
  const char *path = OSSIM_SERVER_DIR "/vdso.elf";
  uint8_t *data = NULL, image[2 * PGSIZE] = {0};
  uint32_t len = 0, entry;
  struct elf_segment seg[2];
  unsigned n = 0;
  int rc = read_file(path, &data, &len);
  if (rc == 0) rc = elf_segments(data, len, VDSO_CODE, UINT32_MAX, seg, 2, &n, &entry, err, errlen);
  for (unsigned i = 0; rc == 0 && i < n; i++) {
    if (seg[i].va - VDSO_CODE + (uint64_t)seg[i].filesz > sizeof image) rc = -ENOEXEC;
    if (rc == 0) memcpy(image + (seg[i].va - VDSO_CODE), data + seg[i].off, seg[i].filesz);
  }
  for (unsigned p = 0; rc == 0 && p < 2; p++) {
    if (!(k->vdso[p] = mvm_page_alloc(k, -1))) rc = -ENOMEM;
    if (rc == 0) bus_ram_write(&k->k.m->bus, k->vdso[p], image + p * PGSIZE, PGSIZE);
  }
  free(data);
  if (rc < 0 && !err[0]) snprintf(err, errlen, "micro: %s: %s", path, strerror(-rc));
  return rc;
}

/* The first program for the process manager, in its IPC buffer as exec's message has it
 * (micro/proto.h): the path, then argv's strings. Sets *a0 to argc, with 0x100 when the
 * program gets the console as descriptors 0-2 (as mono: -c and --init; init opens its own).
 * A command line or program name too long for the message is refused, never cut short. */
static int first_program(struct micro *k, struct tcb *pm, uint32_t *a0, char *err, size_t errlen) {
  const struct kernel_args *a = &k->args;
  char msg[MSG_BUF_MAX];
  int n, argc = a->command ? 3 : 1;
  const char *prog = a->init ? a->init : "init";
  if (a->command)
    n = snprintf(msg, sizeof msg, "/bin/sh%csh%c-c%c%s", 0, 0, 0, a->command);
  else
    n = snprintf(msg, sizeof msg, "%s%s%c%s", strchr(prog, '/') ? "" : "/bin/", prog, 0, prog);
  if (n < 0 || (size_t)n >= sizeof msg) {
    snprintf(err, errlen,
             "micro: %s is too long: the first program's path and arguments take "
             "at most %u bytes",
             a->command ? "the -c command" : "the --init program", MSG_BUF_MAX - 1);
    return -E2BIG;
  }
  mvm_write(k, pm->as, BOOT_IPC_BUF, msg, (uint32_t)n + 1);
  *a0 = (uint32_t)argc | (a->command || a->init ? 0x100u : 0);
  return 0;
}

/* A notification for the system servers, made at boot. */
static uint16_t boot_ntfn(struct micro *k) {
  uint16_t n = 0;
  while (k->o.ntfn[n].live)
    n++;
  k->o.ntfn[n].live = true;
  return n;
}

/* The system servers' endpoints (kabi.h's enum boot_server: endpoint 1 + index), all rights,
 * into t's cspace. */
static void give_endpoints(struct cap_sys *cs, struct tcb *t) {
  static const uint32_t ep_slot[SRV_COUNT] = {BOOT_SLOT_BLKEP, BOOT_SLOT_FS, BOOT_SLOT_PM,
                                              BOOT_SLOT_CON,   BOOT_SLOT_RS, BOOT_SLOT_NS};
  for (unsigned j = 0; j < SRV_COUNT; j++)
    cap_install(cs, t->cs, ep_slot[j], CAP_ENDPOINT, (uint16_t)(1 + j), CAP_ALL, 0);
}

/* Driver d of the system servers t gets a notification of its own that the reincarnation
 * server pings it on (a send cap badged DRV_NOTE_PING), and a cap to answer on (badged with
 * d's bit). The notification is the kernel's, made at boot, not the driver's: it outlives
 * the driver, so a restarted instance binds the same one. */
static void give_ping(struct micro *k, struct tcb *const t[SRV_COUNT], unsigned d,
                      uint16_t rs_ntfn) {
  struct cap_sys *cs = &k->o.caps;
  uint16_t ping = boot_ntfn(k);
  cap_install(cs, t[d]->cs, BOOT_SLOT_PING, CAP_NOTIFICATION, ping, CAP_ALL, 0);
  cap_install(cs, t[d]->cs, BOOT_SLOT_RS_NTFN, CAP_NOTIFICATION, rs_ntfn, CAP_W, RS_NOTE_PONG(d));
  cap_install(cs, t[SRV_RS]->cs, RS_SLOT_PING(d), CAP_NOTIFICATION, ping, CAP_W, DRV_NOTE_PING);
}

/* The system servers (kabi.h's enum boot_server, in that order), each with every one's
 * endpoint. The disk driver gets the disk's register page and interrupt; the console driver
 * the UART's, and a right to signal the process manager (^C) and the file server (a line is
 * ready); both drivers a notification the reincarnation server pings them on; the file
 * server and the process manager their notifications; the reincarnation server its own
 * (drivers a badged copy each, to answer pings) and a send cap to each driver's. */
static int boot_system(struct micro *k, char *err, size_t errlen) {
  static const char *const names[SRV_COUNT] = SRV_NAMES;
  struct cap_sys *cs = &k->o.caps;
  struct tcb *t[SRV_COUNT];
  uint16_t pm_ntfn = boot_ntfn(k), fs_ntfn = boot_ntfn(k), rs_ntfn = boot_ntfn(k);
  for (unsigned i = 0; i < SRV_COUNT; i++) {
    k->o.ep[1 + i].live = true;
    int rc = boot_one(k, names[i], &t[i], err, errlen);
    if (rc < 0) return rc;
  }
  for (unsigned i = 0; i < SRV_COUNT; i++)
    give_endpoints(cs, t[i]);
  struct cspace *blk = t[SRV_BLK]->cs, *con = t[SRV_CON]->cs, *rs = t[SRV_RS]->cs;
  cap_install(cs, blk, BOOT_SLOT_BLK, CAP_FRAME, 1, CAP_ALL, 0);
  cap_install(cs, blk, BOOT_SLOT_BLK_IRQ, CAP_IRQ, MACHINE_IRQ_BLK, CAP_ALL, 0);
  give_ping(k, t, SRV_BLK, rs_ntfn);
  give_ping(k, t, SRV_CON, rs_ntfn);
  cap_install(cs, con, BOOT_SLOT_UART, CAP_FRAME, 0, CAP_ALL, 0);
  cap_install(cs, con, BOOT_SLOT_UART_IRQ, CAP_IRQ, MACHINE_IRQ_UART, CAP_ALL, 0);
  cap_install(cs, con, BOOT_SLOT_PM_NTFN, CAP_NOTIFICATION, pm_ntfn, CAP_W, PM_NOTE_INTR);
  cap_install(cs, con, BOOT_SLOT_FS_NTFN, CAP_NOTIFICATION, fs_ntfn, CAP_W, FS_NOTE_CON);
  cap_install(cs, t[SRV_FS]->cs, BOOT_SLOT_FS_NTFN, CAP_NOTIFICATION, fs_ntfn, CAP_ALL, 0);
  cap_install(cs, t[SRV_PM]->cs, BOOT_SLOT_PM_NTFN, CAP_NOTIFICATION, pm_ntfn, CAP_ALL, 0);
  cap_install(cs, rs, BOOT_SLOT_RS_NTFN, CAP_NOTIFICATION, rs_ntfn, CAP_ALL, 0);
  uint32_t a0;
  int rc = first_program(k, t[SRV_PM], &a0, err, errlen);
  if (rc == 0) k->mods[SRV_PM].arg = t[SRV_PM]->x[R_A0] = a0;
  return rc;
}

int boot_modules(struct micro *k, char *err, size_t errlen) {
  const struct kernel_option_list *a = &k->opts.modules;
  int rc = boot_vdso(k, err, errlen);
  if (rc < 0) return rc;
  k->o.ep[0].live = true; /* the boot endpoint */
  bool beside = a->n > 0 && a->v[0][0] == '+';
  bool system = a->n == 0 || beside;
  k->server_pid = system ? SERVER_PIDS : 1; /* boot modules alone: no processes */
  if (system) rc = boot_system(k, err, errlen);
  for (unsigned i = 0; rc == 0 && i < a->n; i++) {
    struct tcb *t;
    if ((a->v[i][0] == '+') != beside) {
      snprintf(err, errlen,
               "--module: NAME boots instead of the system servers, +NAME beside "
               "them; not both");
      return -EINVAL;
    }
    rc = boot_one(k, a->v[i] + beside, &t, err, errlen);
    if (rc == 0 && beside) give_endpoints(&k->o.caps, t);
  }
  for (unsigned i = 0; rc == 0 && i < k->nmods; i++)
    k->mods[i].caps = *k->mods[i].t->cs;   /* what a new instance of it gets */
  if (!system) k->nextpid = k->server_pid; /* threads the modules make come next */
  return rc;
}
