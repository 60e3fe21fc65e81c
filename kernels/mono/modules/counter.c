/*
 * counter: a character device, /dev/counter. Each open-and-read gives the next number, one
 * line: `cat /dev/counter` prints 0, then 1, then 2 ... (insmod counter start=100 starts
 * elsewhere). Writing a number sets the next one: `echo 7 > /dev/counter`.
 *
 * What it shows: a driver is a table of functions the kernel calls when a process reads or
 * writes the device file; the kernel makes the file when the module loads and removes it
 * when it unloads, and refuses rmmod while a process has the file open (lsmod counts the
 * open files in the module's references).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"

static unsigned long next_value; /* the number the next read gives */

/* A read at offset 0 gives the next number; the rest of the file is its line, then end of
 * file, so that cat stops. */
static int counter_read(struct mod_kernel *k, char *buf, uint32_t n, uint32_t off) {
  (void)k;
  static char line[32]; /* the line being read (one reader at a time is enough here) */
  static int len;
  if (off == 0) len = snprintf(line, sizeof line, "%lu\n", next_value++);
  int m = 0;
  for (uint32_t i = off; i < (uint32_t)len && (uint32_t)m < n; i++)
    buf[m++] = line[i];
  return m;
}

static int counter_write(struct mod_kernel *k, const char *buf, uint32_t n, uint32_t off) {
  (void)k, (void)off;
  char text[32];
  uint32_t m = n < sizeof text - 1 ? n : (uint32_t)sizeof text - 1;
  for (uint32_t i = 0; i < m; i++)
    text[i] = buf[i];
  text[m] = 0;
  char *end;
  unsigned long v = strtoul(text, &end, 10);
  if (end == text) return -22; /* EINVAL: not a number */
  next_value = v;
  return (int)n;
}

static const struct mod_chrdev_ops counter_ops = {.read = counter_read, .write = counter_write};

static int counter_init(struct mod_kernel *k, const struct mod_api *api,
                        const struct mod_param *params, int nparams) {
  next_value = 0;
  for (int i = 0; i < nparams; i++)
    if (strcmp(params[i].key, "start") == 0) next_value = strtoul(params[i].value, NULL, 10);
  api->printk(k, "/dev/counter starts at %lu\n", next_value);
  return api->chrdev_register(k, "counter", &counter_ops);
}

static void counter_exit(struct mod_kernel *k, const struct mod_api *api) {
  api->chrdev_unregister(k, "counter");
  api->printk(k, "/dev/counter removed at %lu\n", next_value);
}

OSSIM_MODULE(.name = "counter", .version = "1.0",
             .description = "a character device: /dev/counter counts reads", .init = counter_init,
             .exit = counter_exit);
