/*
 * registry.c: the list of kernels. Adding a kernel is one line in KERNELS: its name, and
 * whether `ossim` boots it when the command line names none (exactly one line says yes).
 * A build can add kernels from folders outside kernels/ (-DOSSIM_EXTRA_KERNELS=DIR;...):
 * CMake writes their lines into extra_kernels.h.
 */
#include <stdbool.h>
#include <string.h>

#include "extra_kernels.h"
#include "kernel.h"

/* The microkernel is the default, since it runs the whole system (systest passes on it). */
#define KERNELS(X)                                                                                 \
  X(bare, false)                                                                                   \
  X(mono, false)                                                                                   \
  X(micro, true)                                                                                   \
  X(uni, false)                                                                                    \
  EXTRA_KERNELS(X)

#define DECLARE(name, is_default) extern const struct kernel_ops name##_kernel;
KERNELS(DECLARE)
#undef DECLARE

static const struct kernel_ops *const kernels[] = {
#define ENTRY(name, is_default) &name##_kernel,
    KERNELS(ENTRY)
#undef ENTRY
        NULL,
};

const struct kernel_ops *const *kernel_list(void) { return kernels; }

const struct kernel_ops *kernel_find(const char *name) {
  for (const struct kernel_ops *const *k = kernels; *k; k++)
    if (strcmp((*k)->name, name) == 0) return *k;
  return NULL;
}

const struct kernel_ops *kernel_default(void) {
#define DEFAULT(name, is_default)                                                                  \
  if (is_default) return &name##_kernel;
  KERNELS(DEFAULT)
#undef DEFAULT
  return kernels[0];
}
