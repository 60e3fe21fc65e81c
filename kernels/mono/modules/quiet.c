/* quiet: a module that does nothing, silently — for loading and unloading many times. */
#include "module.h"

OSSIM_MODULE(.name = "quiet", .version = "1.0", .description = "does nothing, quietly");
