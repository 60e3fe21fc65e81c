/* api3: a module built for version 3 of the module API, before each instance had a state
 * of its own: the kernel refuses it, as it refuses any other version. */
#include "module.h"

__attribute__((visibility("default"))) const struct module_info ossim_module = {
    .api_version = 3,
    .name = "api3",
    .version = "1.0",
    .description = "built for module API version 3",
};
