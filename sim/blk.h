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
 * The register constants below are plain macros so that guest drivers can include this file.
 *
 * Not for: file systems or partitions (kernels/lib/fs); the image is an array of sectors.
 */
#ifndef OSSIM_BLK_H
#define OSSIM_BLK_H

#include <stddef.h>

#define BLK_WINDOW 0x1000u
#define BLK_SECTOR_SIZE 512u
#define BLK_MAX_COUNT 256u

/* Register offsets from MACHINE_BLK_BASE; all 32 bits wide, 32-bit accesses only. */
#define BLK_REG_MAGIC 0x00u    /* RO  BLK_MAGIC */
#define BLK_REG_VERSION 0x04u  /* RO  BLK_VERSION */
#define BLK_REG_CAPACITY 0x08u /* RO  size of the disk in sectors (0 if no disk) */
#define BLK_REG_SECTOR 0x0cu   /* RW  first sector of the request */
#define BLK_REG_COUNT 0x10u    /* RW  sectors to transfer, 1..BLK_MAX_COUNT */
#define BLK_REG_ADDR 0x14u     /* RW  guest physical address of the buffer */
#define BLK_REG_COMMAND 0x18u  /* WO  BLK_CMD_*: starts a request when idle */
#define BLK_REG_STATUS 0x1cu   /* RO  BLK_STATUS_* */
#define BLK_REG_ERROR 0x20u    /* RO  BLK_ERR_* of the last request */
#define BLK_REG_ACK 0x24u      /* WO  1: done/error -> idle, the interrupt line drops */

#define BLK_MAGIC 0x4b42534fu /* "OSBK" in memory order */
#define BLK_VERSION 1u

#define BLK_CMD_READ 1u  /* disk -> RAM */
#define BLK_CMD_WRITE 2u /* RAM -> disk */
#define BLK_CMD_FLUSH 3u /* make earlier writes durable on the host (fsync) */

#define BLK_STATUS_IDLE 0u
#define BLK_STATUS_BUSY 1u
#define BLK_STATUS_DONE 2u
#define BLK_STATUS_ERROR 3u

#define BLK_ERR_NONE 0u
#define BLK_ERR_COMMAND 1u /* unknown command, or COUNT not in 1..BLK_MAX_COUNT */
#define BLK_ERR_RANGE 2u   /* SECTOR + COUNT goes past the end of the disk */
#define BLK_ERR_DMA 3u     /* [ADDR, ADDR + COUNT * 512) is not wholly in RAM */
#define BLK_ERR_IO 4u      /* the host failed to read, write or sync the image */
#define BLK_ERR_NODISK 5u  /* the machine has no disk */

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
