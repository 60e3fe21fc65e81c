/* badapi: a module built for another version of the module API: the kernel refuses it. */
#include "module.h"

__attribute__((visibility("default"))) const struct module_info ossim_module = {
    .api_version = MOD_API_VERSION + 41,
    .name = "badapi",
    .version = "1.0",
    .description = "built for a module API the kernel does not have",
};
