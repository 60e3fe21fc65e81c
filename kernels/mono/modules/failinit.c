/* failinit: a module whose init fails (-MOD_EIO, 5): insmod reports the code; nothing stays. */
#include "module.h"

static int fail_init(struct mod_kernel *k, const struct mod_api *api,
                     const struct mod_param *params, int nparams, void **priv) {
  (void)params, (void)nparams, (void)priv;
  api->printk(k, "refusing to load\n");
  return -MOD_EIO;
}

OSSIM_MODULE(.name = "failinit", .version = "1.0", .description = "init fails on purpose",
             .init = fail_init);
