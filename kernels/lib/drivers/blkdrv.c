#include "blkdrv.h"

#include "abi/blk.h"
#include "abi/errno.h"

/*
 * Registers used (offsets from the device's base; abi/blk.h), all 32 bits:
 *   MAGIC, VERSION, CAPACITY   RO  identify the device, size in sectors
 *   SECTOR, COUNT, ADDR        RW  the next request
 *   COMMAND                    WO  start it (ignored unless the device is idle)
 *   STATUS, ERROR              RO  idle / busy / done / error, and why
 *   ACK                        WO  done or error -> idle; the interrupt line drops
 */

static uint32_t rd(const struct blkdrv *d, uint32_t reg) {
  return d->bus->read(d->bus->ctx, d->base + reg, 4);
}

static void wr(const struct blkdrv *d, uint32_t reg, uint32_t val) {
  d->bus->write(d->bus->ctx, d->base + reg, 4, val);
}

static bool finished(uint32_t status) {
  return status == BLK_STATUS_DONE || status == BLK_STATUS_ERROR;
}

/* The errno for the device's ERROR register. */
static int errno_of(uint32_t error) {
  switch (error) {
  case BLK_ERR_NONE: return 0;
  case BLK_ERR_COMMAND:
  case BLK_ERR_RANGE: return -OSSIM_EINVAL;
  case BLK_ERR_DMA: return -OSSIM_EFAULT;
  case BLK_ERR_NODISK: return -OSSIM_ENODEV;
  default: return -OSSIM_EIO;
  }
}

/* Ends a finished request: reads its result, acknowledges it, and frees the driver. */
static int finish(struct blkdrv *d, uint32_t status) {
  int rc = status == BLK_STATUS_ERROR ? errno_of(rd(d, BLK_REG_ERROR)) : 0;
  /* An error with ERROR 0 cannot happen; never report success for it. */
  if (status == BLK_STATUS_ERROR && rc == 0) rc = -OSSIM_EIO;
  wr(d, BLK_REG_ACK, 1);
  d->busy = false;
  return rc;
}

int blkdrv_init(struct blkdrv *d, const struct devbus *bus, uint32_t base, uint32_t dma_pa,
                uint32_t dma_bytes) {
  d->bus = bus;
  d->base = base;
  d->busy = false;
  d->cmd = d->sector = d->count = 0;
  if (rd(d, BLK_REG_MAGIC) != BLK_MAGIC || rd(d, BLK_REG_VERSION) != BLK_VERSION)
    return -OSSIM_ENODEV;
  if (dma_bytes < BLK_SECTOR_SIZE) return -OSSIM_EINVAL;
  d->dma = dma_pa;
  d->dma_sectors = dma_bytes / BLK_SECTOR_SIZE;
  if (d->dma_sectors > BLK_MAX_COUNT) d->dma_sectors = BLK_MAX_COUNT;
  d->capacity = rd(d, BLK_REG_CAPACITY);
  /* The device may not be idle if a driver before us died mid-request (the microkernel
   * restarts crashed driver servers). Its result is no one's now; but a running request will
   * still write the DMA area and interrupt, so we must wait for it like our own. */
  uint32_t status = rd(d, BLK_REG_STATUS);
  if (finished(status))
    wr(d, BLK_REG_ACK, 1);
  else if (status == BLK_STATUS_BUSY)
    d->busy = true;
  return 0;
}

uint32_t blkdrv_capacity(const struct blkdrv *d) { return d->capacity; }

bool blkdrv_busy(const struct blkdrv *d) { return d->busy; }

/* Records the request, then starts it: the state is in place before the interrupt can come. */
static void issue(struct blkdrv *d, uint32_t cmd, uint32_t sector, uint32_t count) {
  d->busy = true;
  d->cmd = cmd;
  d->sector = sector;
  d->count = count;
  if (cmd != BLK_CMD_FLUSH) {
    wr(d, BLK_REG_SECTOR, sector);
    wr(d, BLK_REG_COUNT, count);
    wr(d, BLK_REG_ADDR, d->dma);
  }
  wr(d, BLK_REG_COMMAND, cmd);
}

int blkdrv_start(struct blkdrv *d, int write, uint32_t sector, uint32_t count) {
  if (d->busy) return -OSSIM_EBUSY;
  if (count == 0 || count > d->dma_sectors) return -OSSIM_EINVAL;
  /* 64 bits: sector + count must not wrap around to look small. */
  if ((uint64_t)sector + count > d->capacity) return -OSSIM_EINVAL;
  issue(d, write ? BLK_CMD_WRITE : BLK_CMD_READ, sector, count);
  return 0;
}

int blkdrv_start_flush(struct blkdrv *d) {
  if (d->busy) return -OSSIM_EBUSY;
  if (d->capacity == 0) return -OSSIM_EINVAL;
  issue(d, BLK_CMD_FLUSH, 0, 0);
  return 0;
}

int blkdrv_intr(struct blkdrv *d) {
  uint32_t status = rd(d, BLK_REG_STATUS);
  if (!finished(status)) return -OSSIM_EAGAIN;
  return finish(d, status);
}

int blkdrv_wait_poll(struct blkdrv *d) {
  if (!d->busy) return -OSSIM_EINVAL;
  uint32_t status;
  while (!finished(status = rd(d, BLK_REG_STATUS)))
    devbus_relax(d->bus);
  return finish(d, status);
}

/* Checks a byte range of the DMA area for a copy in or out. */
static int buffer_check(const struct blkdrv *d, uint32_t off, uint32_t n) {
  if (d->busy) return -OSSIM_EBUSY;
  if ((uint64_t)off + n > (uint64_t)d->dma_sectors * BLK_SECTOR_SIZE) return -OSSIM_EINVAL;
  return 0;
}

int blkdrv_buffer_put(struct blkdrv *d, uint32_t off, const void *src, uint32_t n) {
  int rc = buffer_check(d, off, n);
  if (rc == 0) d->bus->to_phys(d->bus->ctx, d->dma + off, src, n);
  return rc;
}

int blkdrv_buffer_get(struct blkdrv *d, void *dst, uint32_t off, uint32_t n) {
  int rc = buffer_check(d, off, n);
  if (rc == 0) d->bus->from_phys(d->bus->ctx, dst, d->dma + off, n);
  return rc;
}
