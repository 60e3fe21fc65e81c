/*
 * counter: a character device, /dev/counter. Each open-and-read gives the next number, one
 * line: `cat /dev/counter` prints 0, then 1, then 2 ... Its parameters: `start=N` (the
 * first number) and `step=N` (what each read adds): `insmod counter start=100 step=5`.
 * Writing a number sets the next one: `echo 7 > /dev/counter`.
 *
 * What it shows: a driver is a table of functions the kernel calls when a process reads or
 * writes the device file; the kernel makes the file when the module loads and removes it
 * when it unloads, and refuses rmmod while a process has the file open (lsmod counts the
 * open files in the module's references). Lab 6 has students write it (labs/06-module).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"

/* The device's state: the instance's (module.h says why not statics). */
struct counter {
  unsigned long next_value; /* the number the next read gives */
  unsigned long step;       /* what each read adds to it */
  char line[32];            /* the line being read (one reader at a time is enough here) */
  int len;
};

// LAB 06 BEGIN
static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* The number in text[0..n): decimal digits, with blanks or newlines around them. 1 and *v
 * for a number, 0 for blanks only (echo writes its newline apart), -MOD_EINVAL for anything
 * else, or more than 18 digits (it must fit in an unsigned long). */
static int parse_number(const char *text, uint32_t n, unsigned long *v) {
  uint32_t i = 0, digits = 0;
  unsigned long x = 0;
  while (i < n && is_blank(text[i]))
    i++;
  if (i == n) return 0;
  for (; i < n && text[i] >= '0' && text[i] <= '9'; i++, digits++)
    x = x * 10 + (unsigned long)(text[i] - '0');
  while (i < n && is_blank(text[i]))
    i++;
  if (digits == 0 || digits > 18 || i < n) return -MOD_EINVAL;
  *v = x;
  return 1;
}
// LAB 06 STARTER
// LAB 06 END

/* A read at offset 0 gives the next number; the rest of the file is its line, then end of
 * file, so that cat stops. */
static int counter_read(struct mod_kernel *k, void *priv, char *buf, uint32_t n, uint32_t off) {
  struct counter *c = priv;
  (void)k, (void)c;
  // LAB 06 BEGIN
  if (off == 0) {
    c->len = snprintf(c->line, sizeof c->line, "%lu\n", c->next_value);
    c->next_value += c->step;
  }
  int m = 0;
  for (uint32_t i = off; i < (uint32_t)c->len && (uint32_t)m < n; i++)
    buf[m++] = c->line[i];
  return m;
  // LAB 06 STARTER
  // (void)buf, (void)n, (void)off;
  // return 0; /* TODO (lab 6): the next number's line, then end of file */
  // LAB 06 END
}

/* A write of a number sets the next one; a write of blanks changes nothing. */
static int counter_write(struct mod_kernel *k, void *priv, const char *buf, uint32_t n,
                         uint32_t off) {
  struct counter *c = priv;
  (void)k, (void)off, (void)c;
  // LAB 06 BEGIN
  unsigned long v;
  int rc = parse_number(buf, n, &v);
  if (rc < 0) return rc;
  if (rc == 1) c->next_value = v;
  return (int)n;
  // LAB 06 STARTER
  // (void)buf, (void)n;
  // return -MOD_EINVAL; /* TODO (lab 6): set the next number */
  // LAB 06 END
}

static const struct mod_chrdev_ops counter_ops = {.read = counter_read, .write = counter_write};

/* The parameters set the first number and the step; anything else fails the load. */
static int counter_init(struct mod_kernel *k, const struct mod_api *api,
                        const struct mod_param *params, int nparams, void **priv) {
  struct counter *c = api->alloc(k, sizeof *c);
  if (!c) return -MOD_ENOMEM;
  *priv = c;
  c->next_value = 0;
  c->step = 1;
  // LAB 06 BEGIN
  for (int i = 0; i < nparams; i++) {
    const char *key = params[i].key, *value = params[i].value;
    unsigned long *to = strcmp(key, "start") == 0  ? &c->next_value
                        : strcmp(key, "step") == 0 ? &c->step
                                                   : NULL;
    if (!to || parse_number(value, (uint32_t)strlen(value), to) != 1) {
      api->printk(k, "bad parameter %s=%s (counter takes start=N and step=N)\n", key, value);
      return -MOD_EINVAL;
    }
  }
  // LAB 06 STARTER
  // (void)params, (void)nparams; /* TODO (lab 6): start=N and step=N, else -MOD_EINVAL */
  // LAB 06 END
  if (c->step == 1)
    api->printk(k, "/dev/counter starts at %lu\n", c->next_value);
  else
    api->printk(k, "/dev/counter starts at %lu, step %lu\n", c->next_value, c->step);
  return api->chrdev_register(k, "counter", &counter_ops);
}

static void counter_exit(struct mod_kernel *k, const struct mod_api *api, void *priv) {
  const struct counter *c = priv;
  api->chrdev_unregister(k, "counter");
  api->printk(k, "/dev/counter removed at %lu\n", c->next_value);
}

OSSIM_MODULE(.name = "counter", .version = "1.1",
             .description = "a character device: /dev/counter counts reads", .init = counter_init,
             .exit = counter_exit);
