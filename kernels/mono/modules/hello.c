/*
 * hello: the smallest module. It greets on load (insmod hello greeting=WORD changes the
 * word), says goodbye on unload, and exports a counter that hello_user, which depends on
 * it, increments — a module's exported symbol used by another module. The counter is the
 * instance's state (module.h says why a module keeps no static).
 */
#include <string.h>

#include "module.h"

struct hello {
  int count; /* exported as hello_count */
};

static int hello_init(struct mod_kernel *k, const struct mod_api *api,
                      const struct mod_param *params, int nparams, void **priv) {
  struct hello *h = api->alloc(k, sizeof *h);
  if (!h) return -MOD_ENOMEM;
  *priv = h;
  const char *greeting = "hello";
  for (int i = 0; i < nparams; i++)
    if (strcmp(params[i].key, "greeting") == 0) greeting = params[i].value;
  api->printk(k, "%s from a loadable module\n", greeting);
  return api->export(k, "hello_count", &h->count);
}

static void hello_exit(struct mod_kernel *k, const struct mod_api *api, void *priv) {
  const struct hello *h = priv;
  api->printk(k, "goodbye (hello_count was %d)\n", h->count);
}

OSSIM_MODULE(.name = "hello", .version = "1.1", .description = "greets on load and unload",
             .init = hello_init, .exit = hello_exit);
