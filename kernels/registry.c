/*
 * registry.c: the list of kernels. Adding a kernel is one line in KERNELS.
 */
#include <string.h>

#include "kernel.h"

#define KERNELS(X) \
  X(bare)           \
  X(mono)           \
  X(micro)          \
  X(uni)

#define DECLARE(name) extern const struct kernel_ops name##_kernel;
KERNELS(DECLARE)
#undef DECLARE

static const struct kernel_ops *const kernels[] = {
#define ENTRY(name) &name##_kernel,
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

/* The microkernel, since it runs the system (systest passes on it); mono without it. */
const char *kernel_default(void) {
  return kernel_find("micro") ? "micro" : kernel_find("mono") ? "mono" : "bare";
}
