/*
 * hello_user: depends on hello and uses the symbol it exports. While it is loaded, hello's
 * reference count is 1 and `rmmod hello` is refused (-EBUSY).
 */
#include "module.h"

static const char *const depends[] = {"hello", 0};
static const char *const imports[] = {"hello_count", 0};

static int user_init(struct mod_kernel *k, const struct mod_api *api,
                     const struct mod_param *params, int nparams, void **priv) {
  (void)params, (void)nparams, (void)priv;
  int *count = (int *)api->symbol(k, "hello_count");
  (*count)++;
  api->printk(k, "hello_count is now %d\n", *count);
  return 0;
}

OSSIM_MODULE(.name = "hello_user", .version = "1.0",
             .description = "uses a symbol exported by hello", .depends = depends,
             .imports = imports, .init = user_init);
