/*
 * oops: a module that faults on purpose, to show the danger of code loaded into a
 * monolithic kernel. `insmod oops` writes through a bad pointer in its init; `insmod oops
 * at=read` loads quietly and makes /dev/oops, whose read does it instead (`cat /dev/oops`).
 *
 * Either way the kernel cannot go on: nothing separates the module's code from the kernel's,
 * so ossim's mono stops with a panic report (the fault, the module, the function, the taint
 * flags) and exit status 3, as Linux prints an oops and panics. On the microkernel, a
 * driver that does the same is a user process: it dies and is restarted.
 */
#include <stdint.h>
#include <string.h>

#include "module.h"

/* Writes through a bad pointer: an address in the first page, which no process maps (as a
 * NULL pointer to a structure, one field in, would be). The address is read from a
 * volatile, so that the compiler neither sees the fault coming nor moves it. */
static void scribble(void) {
  volatile uintptr_t bad_address = 0x10;
  *(volatile int *)bad_address = 42;
}

static int oops_read(struct mod_kernel *k, void *priv, char *buf, uint32_t n, uint32_t off) {
  (void)k, (void)priv, (void)buf, (void)n, (void)off;
  scribble();
  return 0;
}

static const struct mod_chrdev_ops oops_ops = {.read = oops_read};

static int oops_init(struct mod_kernel *k, const struct mod_api *api,
                     const struct mod_param *params, int nparams, void **priv) {
  (void)priv;
  for (int i = 0; i < nparams; i++)
    if (strcmp(params[i].key, "at") == 0 && strcmp(params[i].value, "read") == 0)
      return api->chrdev_register(k, "oops", &oops_ops);
  api->printk(k, "about to write through a bad pointer\n");
  scribble();
  return 0;
}

OSSIM_MODULE(.name = "oops", .version = "1.0", .description = "faults on purpose",
             .init = oops_init);
