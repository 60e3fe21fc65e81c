/*
 * hello: the smallest module. It greets on load (insmod hello greeting=WORD changes the
 * word), says goodbye on unload, and exports a counter that hello_user, which depends on
 * it, increments — a module's exported symbol used by another module.
 */
#include <string.h>

#include "module.h"

static int hello_count;

static int hello_init(struct mod_kernel *k, const struct mod_api *api,
                      const struct mod_param *params, int nparams) {
  const char *greeting = "hello";
  for (int i = 0; i < nparams; i++)
    if (strcmp(params[i].key, "greeting") == 0) greeting = params[i].value;
  api->printk(k, "%s from a loadable module\n", greeting);
  return 0;
}

static void hello_exit(struct mod_kernel *k, const struct mod_api *api) {
  api->printk(k, "goodbye (hello_count was %d)\n", hello_count);
}

static const struct mod_symbol hello_exports[] = {{"hello_count", &hello_count}, {0, 0}};

OSSIM_MODULE(.name = "hello", .version = "1.0", .description = "greets on load and unload",
             .exports = hello_exports, .init = hello_init, .exit = hello_exit);
