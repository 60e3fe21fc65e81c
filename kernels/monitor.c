/*
 * monitor.c: the run loop of the kernels that boot an image and leave it alone (monitor.h).
 */
#include "monitor.h"

#include <stdio.h>
#include <stdlib.h>

#include "hostfile.h"

int monitor_boot(struct kernel *k, const struct machine_config *mc, const char *disk, bool persist,
                 monitor_load_fn load, struct kernel **out, char *err, size_t errlen) {
  int rc = hostfile_machine_create(mc, disk, persist, &k->m, err, errlen);
  if (rc == 0) rc = load(k, err, errlen);
  if (rc < 0) {
    monitor_destroy(k);
    return rc;
  }
  *out = k;
  return 0;
}

void monitor_destroy(struct kernel *k) {
  machine_destroy(k->m);
  free(k);
}

enum kernel_state monitor_run(struct kernel *k, uint64_t until, monitor_load_fn load) {
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
      if (load(k, k->message, sizeof k->message) < 0) return KERNEL_FAILED;
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
               k->m->exit_code == CAUSE_FETCH_PAGE_FAULT ? "page fault" : "access fault", h->stvec,
               h->scause, h->sepc);
      return KERNEL_STUCK;
    }
    }
  }
}
