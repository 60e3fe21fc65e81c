/*
 * abi/blk.h: the block device's registers (at MACHINE_BLK_BASE, abi/memmap.h): a request
 * of SECTOR, COUNT and ADDR started by COMMAND, a STATUS and ERROR to read, an ACK to
 * write. What the device does with them is in sim/blk.h; the driver is
 * kernels/lib/drivers/blkdrv.c.
 */
#ifndef OSSIM_ABI_BLK_H
#define OSSIM_ABI_BLK_H

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

#endif
