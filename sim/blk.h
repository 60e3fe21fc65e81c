/*
 * blk: the block device, a register interface with DMA to guest RAM and a completion
 * interrupt (MACHINE_IRQ_BLK), backed by a host image file of 512-byte sectors.
 *
 * A driver fills SECTOR, COUNT and ADDR and writes a command to COMMAND. The device latches
 * the request, checks it whole (command, disk present, COUNT in 1..BLK_MAX_COUNT, sectors
 * inside the disk, DMA range inside RAM) and then either rejects it at once (STATUS error,
 * ERROR says why, nothing touched) or goes busy. A request completes
 * cost.disk_request + COUNT * cost.disk_sector cycles later (a flush: disk_request); the data
 * moves at that moment, STATUS becomes done or error and the interrupt line rises. The
 * driver writes 1 to ACK to return the device to idle, which drops the line. COMMAND is
 * ignored unless the device is idle. A request never reads or writes outside the image file
 * or guest RAM. Every request is an EV_DISK_REQUEST and an EV_DISK_DONE in the event stream.
 *
 * The registers are in abi/blk.h, where guest drivers find them too.
 *
 * Not for: file systems or partitions (kernels/lib/fs); the image is an array of sectors.
 */
#ifndef OSSIM_BLK_H
#define OSSIM_BLK_H

#include <stddef.h>

#include "abi/blk.h"

struct machine;
struct blk;

/*
 * Maps the device at MACHINE_BLK_BASE, backed by the image at path (opened read-write), or
 * with no disk when path is NULL. Returns 0 and sets *out, or a negative errno with a
 * message naming the file in err: it cannot be opened, its size is not a multiple of
 * BLK_SECTOR_SIZE, or it has more sectors than CAPACITY can say.
 */
int blk_create(struct machine *m, const char *path_or_null, struct blk **out, char *err,
               size_t errlen);
/* Cancels a request in flight (its data never moves) and closes the image. */
void blk_destroy(struct blk *b);

#endif
