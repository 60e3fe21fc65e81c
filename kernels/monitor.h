/*
 * monitor: the host side of a kernel that only loads an image and lets it run in S mode,
 * as firmware hands a board to the kernel it booted — bare (any image) and uni (an
 * application linked with its library OS). The image owns the machine; the monitor turns
 * the machine's stops (power-off, failure, reboot, a stuck or trap-looping hart) into the
 * kernel states the front end understands, and reloads the image on a reboot.
 *
 * Not for: hosted kernels (mono, micro), which answer the guest's traps themselves.
 */
#ifndef OSSIM_MONITOR_H
#define OSSIM_MONITOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel.h"

/* Loads the image again and resets the harts to its entry, after a reboot. 0, or -errno
 * with a message in err. */
typedef int (*monitor_load_fn)(struct kernel *k, char *err, size_t errlen);

/*
 * Boots k, which the caller allocated (its own struct, struct kernel first) and filled in:
 * creates its machine from mc with `disk` attached (NULL: none; a private copy unless
 * persist: hostfile.h) and loads the image with load. 0 with *out = k; or -errno with a
 * message in err, and k freed.
 */
int monitor_boot(struct kernel *k, const struct machine_config *mc, const char *disk, bool persist,
                 monitor_load_fn load, struct kernel **out, char *err, size_t errlen);
/* The kernel's destroy(): the machine, and k itself. */
void monitor_destroy(struct kernel *k);

/*
 * Runs k's machine until `until` or until it stops. A power-off halts with status 0; a
 * failure (0x3333 | code << 16) with code & 0xff, or 1 when that is 0 (QEMU's rule); a
 * reboot calls load and goes on (KERNEL_FAILED if it fails). A hart stuck in wfi with
 * nothing to wake it, or unable to fetch its trap handler, gives KERNEL_STUCK with the
 * reason in k->message.
 */
enum kernel_state monitor_run(struct kernel *k, uint64_t until, monitor_load_fn load);

#endif
