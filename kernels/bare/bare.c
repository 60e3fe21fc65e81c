/*
 * bare: no kernel at all. The ELF image named by --image runs in S mode from its entry
 * point with the machine as it is, as firmware would hand over a board: for CPU tests,
 * benchmarks and images built for other machines (QEMU's virt board). A reboot through the
 * test device resets the harts and loads the image again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "elf.h"
#include "kernel.h"

struct bare {
  struct kernel k; /* first: the front end's view */
  const char *image;
};

static int load(struct bare *b, char *err, size_t errlen) {
  struct elf_image img;
  int rc = elf_load_file(&b->k.m->bus, b->image, &img, err, errlen);
  if (rc == 0) machine_reset_harts(b->k.m, img.entry);
  return rc;
}

static int bare_create(const struct machine_config *mc, const struct kernel_args *args,
                       struct kernel **out, char *err, size_t errlen) {
  struct bare *b = calloc(1, sizeof *b);
  if (!b) {
    snprintf(err, errlen, "out of memory");
    return -ENOMEM;
  }
  b->image = args->image;
  int rc = machine_create(mc, &b->k.m, err, errlen);
  if (rc == 0) rc = load(b, err, errlen);
  if (rc < 0) {
    machine_destroy(b->k.m);
    free(b);
    return rc;
  }
  *out = &b->k;
  return 0;
}

static enum kernel_state bare_run(struct kernel *k, uint64_t until) {
  struct bare *b = (struct bare *)k;
  for (;;) {
    enum machine_state s = machine_run(k->m, until);
    switch (s) {
    case MACHINE_RUNNING: return KERNEL_RUNNING;
    case MACHINE_POWEROFF: k->exit_status = 0; return KERNEL_HALTED;
    case MACHINE_FAILED:
      /* QEMU's exit status for the same write; a code that is 0 mod 256 still fails. */
      k->exit_status = (k->m->exit_code & 0xff) ? (int)(k->m->exit_code & 0xff) : 1;
      return KERNEL_HALTED;
    case MACHINE_REBOOT:
      machine_restart(k->m);
      if (load(b, k->message, sizeof k->message) < 0) return KERNEL_FAILED;
      continue;
    case MACHINE_STUCK:
      snprintf(k->message, sizeof k->message,
               "the guest is stuck: every hart waits in wfi for an interrupt that nothing "
               "can raise");
      return KERNEL_STUCK;
    case MACHINE_TRAP_LOOP: {
      const struct hart *h = k->m->harts[k->m->stopped_by];
      snprintf(k->message, sizeof k->message,
               "hart %u cannot fetch its trap handler at %#x (%s; stvec = %#x, last scause = "
               "%#x, sepc = %#x): it would trap forever",
               h->id, h->pc,
               k->m->exit_code == CAUSE_FETCH_PAGE_FAULT ? "page fault" : "access fault",
               h->stvec, h->scause, h->sepc);
      return KERNEL_STUCK;
    }
    }
  }
}

static void bare_destroy(struct kernel *k) {
  machine_destroy(k->m);
  free(k);
}

const struct kernel_ops bare_kernel = {
    .name = "bare",
    .summary = "no kernel: run --image FILE.elf in S mode from its entry point",
    .needs_image = true,
    .create = bare_create,
    .run = bare_run,
    .destroy = bare_destroy,
};
