/*
 * bare: no kernel at all. The ELF image named by --image runs in S mode from its entry
 * point with the machine as it is, as firmware would hand over a board: for CPU tests,
 * benchmarks and images built for other machines (QEMU's virt board). A reboot through the
 * test device resets the harts and loads the image again.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "elf.h"
#include "kernel.h"
#include "kernel_options.h"
#include "monitor.h"

struct bare_options {
  const char *image; /* --image FILE */
};

static const struct kernel_option bare_option_table[] = {
    {.name = "--image",
     .arg = "FILE.elf",
     .help = "the ELF32 RISC-V image to run",
     .kind = KOPT_STRING,
     .offset = offsetof(struct bare_options, image),
     .required = true},
    {0},
};

struct bare {
  struct kernel k; /* first: the front end's view */
  const char *image;
};

/* Loads the image and points every hart at its entry (at boot and after a reboot). */
static int load(struct kernel *k, char *err, size_t errlen) {
  struct elf_image img;
  int rc = elf_load_file(&k->m->bus, ((struct bare *)k)->image, &img, err, errlen);
  if (rc == 0) machine_reset_harts(k->m, img.entry);
  return rc;
}

static int bare_create(const struct machine_config *mc, const struct kernel_args *args,
                       struct kernel **out, char *err, size_t errlen) {
  struct bare *b = calloc(1, sizeof *b);
  if (!b) {
    snprintf(err, errlen, "out of memory");
    return -ENOMEM;
  }
  b->image = ((const struct bare_options *)args->own)->image;
  /* The disk, if any, is used as it is: a bare image is a test of the machine. */
  return monitor_boot(&b->k, mc, mc->disk_path, true, load, out, err, errlen);
}

static enum kernel_state bare_run(struct kernel *k, uint64_t until) {
  return monitor_run(k, until, load);
}

const struct kernel_ops bare_kernel = {
    .name = "bare",
    .summary = "no kernel: run --image FILE.elf in S mode from its entry point",
    .one_program = true,
    .options = bare_option_table,
    .options_size = sizeof(struct bare_options),
    .create = bare_create,
    .run = bare_run,
    .destroy = monitor_destroy,
};
