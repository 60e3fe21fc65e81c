/*
 * abi/testdev.h: the values a guest writes to the test device (offset 0 at
 * MACHINE_TEST_BASE, abi/memmap.h) to power off, fail with an exit code or reboot, as
 * QEMU's `virt` board's sifive_test takes them. The device is sim/testdev.c.
 */
#ifndef OSSIM_ABI_TESTDEV_H
#define OSSIM_ABI_TESTDEV_H

#define TESTDEV_WINDOW 0x1000u
#define TESTDEV_PASS 0x5555u
#define TESTDEV_FAIL 0x3333u /* | exit code << 16 */
#define TESTDEV_RESET 0x7777u

#endif
