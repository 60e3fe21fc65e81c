#include "testdev.h"

#include <stdlib.h>

#include "machine.h"

/*
 * Register table (offsets from MACHINE_TEST_BASE):
 *   0x0  FINISHER  W   0x5555 power off, 0x3333 | code << 16 fail, 0x7777 reboot
 *   everything else in the window: reads 0, writes ignored
 */
#define TESTDEV_FINISHER 0x0

struct testdev {
  struct machine *m; /* the owner; the device is only ever touched from its thread */
};

/* QEMU's sifive_test takes 2- and 4-byte accesses only; a byte access is an access fault. */
static bool valid_size(unsigned size) { return size == 2 || size == 4; }

static bool testdev_read(void *dev, uint32_t off, unsigned size, uint32_t *val) {
  (void)dev;
  (void)off;
  if (!valid_size(size)) return false;
  *val = 0;
  return true;
}

static bool testdev_write(void *dev, uint32_t off, unsigned size, uint32_t val) {
  struct testdev *t = dev;
  if (!valid_size(size)) return false;
  if (off != TESTDEV_FINISHER) return true;
  /* machine_power emits EV_POWER and stops the harts. */
  switch (val & 0xffff) {
  case TESTDEV_PASS: machine_power(t->m, MACHINE_POWEROFF, 0); break;
  case TESTDEV_FAIL: machine_power(t->m, MACHINE_FAILED, val >> 16); break;
  case TESTDEV_RESET: machine_power(t->m, MACHINE_REBOOT, 0); break;
  default: break; /* QEMU ignores other values; so do we */
  }
  return true;
}

static const struct bus_ops testdev_ops = {testdev_read, testdev_write};

struct testdev *testdev_create(struct machine *m) {
  struct testdev *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->m = m;
  if (bus_map(&m->bus, MACHINE_TEST_BASE, TESTDEV_WINDOW, "test", &testdev_ops, t) < 0) {
    free(t);
    return NULL;
  }
  return t;
}

void testdev_destroy(struct testdev *t) { free(t); }
