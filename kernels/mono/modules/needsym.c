/* needsym: imports a symbol none of its dependencies exports: insmod names the symbol. */
#include "module.h"

static const char *const depends[] = {"hello", 0};
static const char *const imports[] = {"no_such_symbol", 0};

OSSIM_MODULE(.name = "needsym", .version = "1.0", .description = "imports a missing symbol",
             .depends = depends, .imports = imports);
