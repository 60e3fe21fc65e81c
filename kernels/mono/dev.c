/*
 * dev.c: character devices — the table of drivers a device file's major number selects,
 * their files under /dev, and the open files on them. The console is not here (file.c
 * keeps it, with its line discipline); the kernel's own /dev/modules and the devices that
 * modules register are.
 *
 * A device file is a T_DEVICE inode whose major number names a slot of k->devs
 * (CHRDEV_MAJOR_BASE + slot). Registering a device only fills a slot: making and removing
 * the file touches the disk and may sleep, which module code must never do, so insmod and
 * rmmod do it after the module's init or exit has returned (and the first process does it
 * for devices registered at boot, once the file system is mounted).
 *
 * Reference counting: every open file on a module's device counts in the module's `opens`,
 * from open to the last close (a fork or dup shares the file and its count), so rmmod
 * refuses while any is open.
 */
#include <stdio.h>
#include <string.h>

#include "abi/errno.h"
#include "mono.h"

/* /dev/modules: what lsmod prints, read from the file's offset on. */
static int modules_read(struct mod_kernel *mk, void *priv, char *buf, uint32_t n, uint32_t off) {
  (void)priv; /* the kernel's own device has no module state */
  char text[4096];
  uint32_t len = (uint32_t)mod_list(mk->k, text, sizeof text);
  if (off >= len) return 0;
  uint32_t m = len - off < n ? len - off : n;
  memcpy(buf, text + off, m);
  return (int)m;
}

static const struct mod_chrdev_ops modules_ops = {.read = modules_read};

void dev_init(struct mono *k) {
  struct chrdev *d = &k->devs[0];
  snprintf(d->name, sizeof d->name, "modules");
  d->ops = &modules_ops;
}

struct chrdev *dev_find(struct mono *k, const char *name) {
  for (struct chrdev *d = k->devs; d < &k->devs[NCHRDEV]; d++)
    if (d->name[0] && strcmp(d->name, name) == 0) return d;
  return NULL;
}

int dev_register(struct mono *k, struct module *owner, const char *name,
                 const struct mod_chrdev_ops *ops) {
  if (!mod_plain_word(name, sizeof k->devs[0].name) || !ops) return -OSSIM_EINVAL;
  if (dev_find(k, name)) return -OSSIM_EEXIST;
  for (struct chrdev *d = k->devs; d < &k->devs[NCHRDEV]; d++)
    if (!d->name[0]) {
      *d = (struct chrdev){.ops = ops, .owner = owner};
      snprintf(d->name, sizeof d->name, "%s", name);
      return 0;
    }
  return -OSSIM_ENOMEM;
}

short dev_major(struct mono *k, const struct chrdev *d) {
  return (short)(CHRDEV_MAJOR_BASE + (d - k->devs));
}

struct chrdev *dev_by_major(struct mono *k, short major) {
  int i = major - CHRDEV_MAJOR_BASE;
  if (i < 0 || i >= NCHRDEV || !k->devs[i].name[0] || !k->devs[i].ops) return NULL;
  return &k->devs[i];
}

/* Whether the running context may touch the disk: it must be a process's (the file system
 * sleeps), and the file system must be mounted. */
static bool can_touch_disk(struct mono *k) { return k->fs_ready && k->k.m->running && myproc(k); }

/* The device's file name, /dev/NAME. */
static void dev_path(const struct chrdev *d, char path[32]) {
  snprintf(path, 32, "/dev/%.15s", d->name);
}

/* Makes /dev/NAME for every registered device that has none yet. */
void dev_make_nodes(struct mono *k) {
  if (!can_touch_disk(k)) return;
  for (struct chrdev *d = k->devs; d < &k->devs[NCHRDEV]; d++) {
    if (!d->name[0] || !d->ops || d->node) continue;
    char path[32];
    dev_path(d, path);
    d->node = mono_fs_mknod(k, path, dev_major(k, d)) == 0;
  }
}

/* Frees the slots of owner's devices, removing their files. Nothing of them may be open. */
void dev_remove(struct mono *k, struct module *owner) {
  for (struct chrdev *d = k->devs; d < &k->devs[NCHRDEV]; d++) {
    if (!d->name[0] || d->owner != owner) continue;
    if (d->node && can_touch_disk(k)) {
      char path[32];
      dev_path(d, path);
      mono_fs_remove(k, path);
    }
    *d = (struct chrdev){0};
  }
}

/* Makes f an open file on the device with this major number: -ENODEV if there is none. */
int dev_open(struct mono *k, struct file *f, short major) {
  struct chrdev *d = dev_by_major(k, major);
  if (!d) return -OSSIM_ENODEV;
  f->type = FD_DEVICE;
  f->dev = d;
  f->off = 0;
  // LAB 06 BEGIN
  if (d->owner) d->owner->opens++; /* the module may not go while f is open */
  // LAB 06 STARTER
  // /* TODO (lab 6): count f in its module's references */
  // LAB 06 END
  mod_report_refs(k);
  return 0;
}

/* The last close of f: every descriptor on it, in every process, is closed. */
void dev_close(struct mono *k, struct file *f) {
  // LAB 06 BEGIN
  if (f->dev->owner) f->dev->owner->opens--;
  // LAB 06 STARTER
  // (void)f; /* TODO (lab 6): f no longer holds its module */
  // LAB 06 END
  mod_report_refs(k);
}

/* Reads or writes up to one buffer's worth through the driver, at the file's offset. The
 * caller checked the user buffer. */
int dev_rw(struct mono *k, struct file *f, uint32_t va, uint32_t n, bool write) {
  char buf[512];
  /* The driver is gone: a kernel that let rmmod unload a module with a file open on its
   * device (lab 6's starter) gets here, and the file must fail, not call freed code. */
  if (!f->dev->ops) return -OSSIM_ENODEV;
  if (n > sizeof buf) n = sizeof buf;
  if (write && copyin(k, buf, va, n) < 0) return -OSSIM_EFAULT;
  int rc = mod_chrdev_io(k, f->dev, buf, n, f->off, write);
  if (rc < 0) return rc;
  if ((uint32_t)rc > n) rc = (int)n; /* a driver may not claim more than it was given */
  if (!write && rc > 0 && copyout(k, va, buf, (uint32_t)rc) < 0) return -OSSIM_EFAULT;
  f->off += (uint32_t)rc;
  return rc;
}
