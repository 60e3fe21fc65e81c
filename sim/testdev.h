/*
 * testdev: the test device of QEMU's `virt` board (sifive_test), the guest's power switch.
 *
 * A guest ends the run by writing to offset 0: TESTDEV_PASS powers the machine off,
 * TESTDEV_FAIL | code << 16 stops it with exit code `code`, TESTDEV_RESET asks for a
 * reboot. The device only tells the machine (machine_power, which emits EV_POWER); what a
 * stopped or rebooting machine does next is the machine's and the front end's business.
 * Accesses are 16 or 32 bits wide, as on QEMU; reads return 0 and other values are
 * ignored, as on QEMU, so an image built for `qemu-system-riscv32 -M virt` behaves the same.
 *
 * Not for: anything but ending a run. Guest output goes through the UART, marks through the
 * trace port.
 */
#ifndef OSSIM_TESTDEV_H
#define OSSIM_TESTDEV_H

#include "abi/testdev.h"

struct machine;
struct testdev;

/* Maps the device at MACHINE_TEST_BASE. NULL on out of memory (or if the window is taken,
 * which only a machine-construction bug can cause). */
struct testdev *testdev_create(struct machine *m);
void testdev_destroy(struct testdev *t);

#endif
