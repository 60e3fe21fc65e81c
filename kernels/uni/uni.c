/*
 * uni.c: the unikernel's monitor (uni.h). The image is entered at its entry point on every
 * hart with a0 = the hart id and a1 = the boot-info block's address; the library OS takes it
 * from there (kernels/uni/libos/start.S).
 */
#include "uni.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/kevents.h"
#include "bootinfo.h"
#include "elf.h"
#include "hostfile.h"
#include "kernel.h"
#include "kernel_options.h"
#include "monitor.h"

#ifndef OSSIM_UNI_DIR
#define OSSIM_UNI_DIR "uni" /* the build compiles in build/uni as an absolute path */
#endif
#ifndef OSSIM_FS_IMAGE
#define OSSIM_FS_IMAGE NULL /* no disk image was built */
#endif

struct uni_options {
  const char *image;             /* --image FILE */
  struct kernel_option_rest app; /* --app NAME [ARGS...] */
};

static const struct kernel_option uni_option_table[] = {
    {.name = "--app",
     .arg = "NAME [ARGS...]",
     .help = "boot the image of program NAME; the arguments after NAME\n"
             "are the program's",
     .kind = KOPT_REST,
     .offset = offsetof(struct uni_options, app)},
    {.name = "--image",
     .arg = "FILE",
     .help = "boot this image instead (an app linked with the library OS)",
     .kind = KOPT_STRING,
     .offset = offsetof(struct uni_options, image)},
    {0},
};

#define UNI_MAX_WORDS 32
struct uni {
  struct kernel k;   /* first: the front end's view */
  char image[512];   /* the image's path */
  char *const *argv; /* the program's name and arguments */
  unsigned argc;
  char words[512]; /* -c CMD: CMD split into the program's words */
  char *wordv[UNI_MAX_WORDS + 1];
};

/* ---- the images the build made ---- */

/* The bytes an image loads and the extent of RAM it takes, from its program headers. */
static int image_size(const char *path, uint32_t *loaded, uint32_t *extent) {
  FILE *f = fopen(path, "rb");
  if (!f) return -errno;
  static const size_t max = 16u << 20;
  uint8_t *data = malloc(max);
  size_t len = data ? fread(data, 1, max, f) : 0;
  fclose(f);
  struct elf_segment seg[16];
  unsigned n = 0;
  uint32_t entry;
  char err[256];
  int rc = data ? elf_segments(data, len, 0, 0xfffff000u, seg, 16, &n, &entry, err, sizeof err)
                : -ENOMEM;
  free(data);
  uint32_t lo = UINT32_MAX, hi = 0;
  *loaded = 0;
  for (unsigned i = 0; rc == 0 && i < n; i++) {
    *loaded += seg[i].filesz;
    if (seg[i].va < lo) lo = seg[i].va;
    if (seg[i].va + seg[i].memsz > hi) hi = seg[i].va + seg[i].memsz;
  }
  *extent = hi > lo ? hi - lo : 0;
  return rc;
}

/* One image's entry in uni_list's text; returns its length. */
static size_t list_one(const char *dir, const char *name, bool sizes, bool first, char *buf,
                       size_t len) {
  if (!sizes) return (size_t)snprintf(buf, len, "%s%s", first ? "" : " ", name);
  char path[1024];
  uint32_t loaded = 0, extent = 0;
  snprintf(path, sizeof path, "%s/%s.elf", dir, name);
  int rc = image_size(path, &loaded, &extent);
  if (rc < 0) return (size_t)snprintf(buf, len, "%-10s (%s)\n", name, strerror(-rc));
  return (size_t)snprintf(buf, len, "%-10s %8u bytes loaded, %8u in RAM\n", name, loaded, extent);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int uni_list(const char *dir, bool sizes, char *buf, size_t len) {
  DIR *d = opendir(dir);
  if (!d) return -errno;
  char *names[256];
  int n = 0;
  for (struct dirent *e; n < 256 && (e = readdir(d));) {
    size_t l = strlen(e->d_name);
    if (l > 4 && strcmp(e->d_name + l - 4, ".elf") == 0 && (names[n] = strdup(e->d_name))) n++;
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], by_name);
  size_t used = 0;
  if (len) buf[0] = 0;
  for (int i = 0; i < n; i++) {
    names[i][strlen(names[i]) - 4] = 0;
    if (used < len) used += list_one(dir, names[i], sizes, i == 0, buf + used, len - used);
    free(names[i]);
  }
  return n;
}

/* ---- booting ---- */

/*
 * Writes the boot-info block (bootinfo.h) at the top of RAM. -E2BIG with a message when the
 * arguments do not fit.
 */
static int write_bootinfo(struct uni *u, uint32_t *addr, char *err, size_t errlen) {
  const struct machine_config *c = &u->k.m->cfg;
  uint8_t block[UNI_BOOTINFO_SIZE] = {0};
  struct uni_bootinfo *bi = (struct uni_bootinfo *)block;
  *addr = MACHINE_RAM_BASE + c->ram_size - UNI_BOOTINFO_SIZE;
  *bi = (struct uni_bootinfo){.magic = UNI_BOOT_MAGIC,
                              .ram_base = MACHINE_RAM_BASE,
                              .ram_size = c->ram_size,
                              .argc = u->argc,
                              .flags = UNI_BOOT_MARKS};
  size_t at = sizeof *bi;
  for (unsigned i = 0; i < u->argc; i++) {
    size_t n = strlen(u->argv[i]) + 1;
    if (i >= UNI_MAXARG || n > sizeof block - at) {
      snprintf(err, errlen, "uni: too many arguments for the program (at most %d, %u bytes)",
               UNI_MAXARG, (unsigned)(sizeof block - sizeof *bi));
      return -E2BIG;
    }
    memcpy(block + at, u->argv[i], n);
    bi->argv[i] = *addr + (uint32_t)at;
    at += n;
  }
  if (!bus_ram_write(&u->k.m->bus, *addr, block, sizeof block)) {
    snprintf(err, errlen, "uni: --mem is too small for the boot-info block");
    return -EINVAL;
  }
  return 0;
}

/* Tells the event stream what the visualizer shows of a unikernel: its one program is
 * process 1 (as getpid says), named after it, running on hart 0 from power-on; and the
 * memory it owns: the image (program and library OS), and the boot-info block, the
 * monitor's. The heap above the image is the library OS's business and not seen here. */
static void emit_program(struct uni *u, const struct elf_image *img) {
  struct machine *m = u->k.m;
  const char *name = strrchr(u->argv[0], '/') ? strrchr(u->argv[0], '/') + 1 : u->argv[0];
  uint32_t w[3] = {0};
  memcpy(w, name, strlen(name) < sizeof w ? strlen(name) : sizeof w);
  machine_emit(m, EV_PROC_MEM, 1, (img->hi - img->lo + 4095) / 4096, 0, 0);
  machine_emit(m, EV_PROC_MEM, 0, (UNI_BOOTINFO_SIZE + 4095) / 4096, 0, 0);
  machine_emit(m, EV_PROC_CREATE, 1, 0, 0, 0);
  machine_emit(m, EV_PROC_NAME, 1, w[0], w[1], w[2]);
  ev_emit(&m->ev, machine_now(m), 0, EV_SCHED_SWITCH, 1, 0, 0, 0);
}

/* Loads the image, writes the boot-info block and points every hart at the entry. */
static int load(struct kernel *k, char *err, size_t errlen) {
  struct uni *u = (struct uni *)k;
  struct elf_image img;
  uint32_t bootinfo;
  int rc = elf_load_file(&k->m->bus, u->image, &img, err, errlen);
  if (rc == 0 && img.hi > MACHINE_RAM_BASE + k->m->cfg.ram_size - UNI_BOOTINFO_SIZE) {
    snprintf(err, errlen,
             "%s: the image reaches the last page of RAM, where its boot "
             "information goes (give it more --mem)",
             u->image);
    rc = -EINVAL;
  }
  if (rc == 0) rc = write_bootinfo(u, &bootinfo, err, errlen);
  if (rc < 0) return rc;
  emit_program(u, &img);
  uint32_t extent;
  if (image_size(u->image, &k->image_bytes, &extent) < 0) k->image_bytes = 0;
  machine_reset_harts(k->m, img.entry);
  for (unsigned i = 0; i < k->m->nharts; i++)
    k->m->harts[i]->x[11] = bootinfo;
  return 0;
}

/* -c CMD with no --app: the program is CMD's words, split at blanks into u->wordv (CMD has
 * no shell syntax: compare checks that). Returns 0, or -E2BIG with a message. */
static int split_command(struct uni *u, const char *command, struct kernel_option_rest *app,
                         char *err, size_t errlen) {
  if ((size_t)snprintf(u->words, sizeof u->words, "%s", command) >= sizeof u->words) {
    snprintf(err, errlen, "uni: the command is longer than %zu bytes", sizeof u->words - 1);
    return -E2BIG;
  }
  unsigned n = 0;
  for (char *save, *t = strtok_r(u->words, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
    if (n == UNI_MAX_WORDS) {
      snprintf(err, errlen, "uni: the command has more than %d words", UNI_MAX_WORDS);
      return -E2BIG;
    }
    u->wordv[n++] = t;
  }
  u->wordv[n] = NULL;
  *app = (struct kernel_option_rest){u->wordv, n};
  return 0;
}

/* Which image to boot: --image FILE, or --app NAME's build/uni/NAME.elf (-c CMD: the app
 * named by its first word). An unknown app gives a message listing the apps there are. */
static int choose_image(struct uni *u, const struct kernel_args *args, char *err, size_t errlen) {
  const struct uni_options *o = args->own;
  struct kernel_option_rest app = o->app;
  if (!app.argc && args->command) {
    int rc = split_command(u, args->command, &app, err, errlen);
    if (rc < 0) return rc;
  }
  if (o->image) {
    snprintf(u->image, sizeof u->image, "%s", o->image);
    u->argv = app.argc ? app.argv : (char *const *)&o->image;
    u->argc = app.argc ? app.argc : 1;
    return 0;
  }
  const char *name = app.argc ? app.argv[0] : NULL;
  int n = 0;
  if (name && *name && !strchr(name, '/')) {
    snprintf(u->image, sizeof u->image, "%s/%s.elf", OSSIM_UNI_DIR, name);
    if (hostfile_size(u->image) >= 0) {
      u->argv = app.argv;
      u->argc = app.argc;
      return 0;
    }
  }
  if (name)
    n = snprintf(err, errlen, "uni: no app named '%s' (%s/%s.elf)", name, OSSIM_UNI_DIR, name);
  else
    n = snprintf(err, errlen, "uni needs --app NAME [ARGS...] or --image FILE");
  char list[1024] = "";
  int apps = uni_list(OSSIM_UNI_DIR, false, list, sizeof list);
  if (apps <= 0)
    snprintf(err + n, errlen - (size_t)n, "; no apps were built in %s", OSSIM_UNI_DIR);
  else
    snprintf(err + n, errlen - (size_t)n, "; the apps: %s (their sizes: %s/sizes.txt)", list,
             OSSIM_UNI_DIR);
  return -ENOENT;
}

static int uni_create(const struct machine_config *mc, const struct kernel_args *args,
                      struct kernel **out, char *err, size_t errlen) {
  struct uni *u = calloc(1, sizeof *u);
  if (!u) {
    snprintf(err, errlen, "out of memory");
    return -ENOMEM;
  }
  int rc = choose_image(u, args, err, errlen);
  if (rc < 0) {
    free(u);
    return rc;
  }
  const char *disk = args->disk ? args->disk : OSSIM_FS_IMAGE;
  if ((rc = uni_check_disk(disk, err, errlen)) < 0) {
    free(u);
    return rc;
  }
  return monitor_boot(&u->k, mc, disk, args->persist, load, out, err, errlen);
}

static enum kernel_state uni_run(struct kernel *k, uint64_t until) {
  return monitor_run(k, until, load);
}

const struct kernel_ops uni_kernel = {
    .name = "uni",
    .summary = "unikernel: one program linked with the library OS, in one address space",
    .one_program = true,
    .options = uni_option_table,
    .options_size = sizeof(struct uni_options),
    .create = uni_create,
    .run = uni_run,
    .destroy = monitor_destroy,
};
