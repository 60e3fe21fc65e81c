/*
 * blkdrv: the block-device driver (ossim's disk; the register map is in abi/blk.h). One
 * request at a time, by DMA through a buffer in guest physical memory that the driver owns.
 *
 * A request goes like this (xv6's virtio_disk_rw, with the sleep made explicit):
 *
 *     blkdrv_buffer_put(&d, 0, data, n);    // a write: copy the data into the DMA area
 *     blkdrv_start(&d, write, sector, count);
 *     ...the kernel sleeps until the disk interrupts; its handler calls...
 *     err = blkdrv_intr(&d);                // the device is idle again; wake the sleeper
 *     blkdrv_buffer_get(&d, data, 0, n);    // a read: copy the data out of the DMA area
 *
 * A kernel must not spin between start and the interrupt: the disk takes a long time
 * (thousands of cycles in ossim's cost model, milliseconds on a real disk) in which the CPU
 * can run someone else. So the process that asked sleeps, and the interrupt handler wakes
 * it with blkdrv_intr's result. Only early boot, before there is anyone else to run or any
 * interrupt set up, waits with blkdrv_wait_poll.
 *
 * The driver keeps at most one request in flight and refuses another (-EBUSY); queueing
 * requests is the caller's business (a buffer cache, a driver server's message queue). It is
 * not thread-safe: the caller serialises calls on one struct blkdrv (mono's disk lock, or the
 * one thread of a driver server), interrupt handler included.
 *
 * Not for: file systems, caching or partitions (kernels/lib/fs sits on top).
 */
#ifndef OSSIM_BLKDRV_H
#define OSSIM_BLKDRV_H

#include <stdbool.h>
#include <stdint.h>

#include "devbus.h"

struct blkdrv {
  /* Set by blkdrv_init, read-only afterwards. */
  const struct devbus *bus;
  uint32_t base;        /* the device's register window */
  uint32_t dma;         /* guest physical address of the DMA area */
  uint32_t dma_sectors; /* its size in sectors, 1..BLK_MAX_COUNT: the largest request */
  uint32_t capacity;    /* the disk's size in sectors; 0 when the machine has no disk */
  /* The request in flight. Changed only by blkdrv_start*, blkdrv_intr and blkdrv_wait_poll,
   * which the caller serialises. cmd is BLK_CMD_*, or 0 for a request that an earlier driver
   * of the same device started (a restarted driver server finds it at init). */
  bool busy;
  uint32_t cmd, sector, count;
};

/*
 * Checks that a block device of the version this driver knows is at `base`, reads its
 * capacity, and takes [dma_pa, dma_pa + dma_bytes) of guest physical memory as its DMA area
 * (up to BLK_MAX_COUNT sectors of it are used). Returns 0, -ENODEV when no such device is
 * there (wrong MAGIC or VERSION), or -EINVAL when the area is smaller than a sector.
 *
 * A machine with no disk is not an error: the device is there with capacity 0, and every
 * request fails with -EINVAL. A request left by an earlier driver is adopted: a finished one
 * is acknowledged, one still running leaves the driver busy until its interrupt.
 */
int blkdrv_init(struct blkdrv *d, const struct devbus *bus, uint32_t base, uint32_t dma_pa,
                uint32_t dma_bytes);

/* The disk's size in BLK_SECTOR_SIZE-byte sectors (0: no disk). */
uint32_t blkdrv_capacity(const struct blkdrv *d);
/* True from a successful start until blkdrv_intr (or blkdrv_wait_poll) ends the request. */
bool blkdrv_busy(const struct blkdrv *d);

/*
 * Starts moving `count` sectors from `sector` on: disk to the DMA area (write == 0) or DMA
 * area to disk (write != 0), sector i of the request at offset i * BLK_SECTOR_SIZE of the area.
 * Returns 0 (the request is in flight: wait for the interrupt), -EBUSY when one already is,
 * or -EINVAL when count is 0 or larger than the DMA area, or the sectors are not all on the
 * disk (so always when there is no disk). Nothing is started on error.
 */
int blkdrv_start(struct blkdrv *d, int write, uint32_t sector, uint32_t count);
/* Starts a flush: when it completes, every write completed before it is durable (the host
 * image is synced). 0, -EBUSY, or -EINVAL when there is no disk. */
int blkdrv_start_flush(struct blkdrv *d);

/*
 * The interrupt handler's part: if the device has finished, acknowledges it (its interrupt
 * line drops), marks the driver idle and returns the request's result: 0; -EINVAL for a
 * request the device found out of range or malformed; -EFAULT when the DMA area is not in
 * RAM; -ENODEV with no disk; -EIO when the device failed to read or write the medium.
 * Returns -EAGAIN, changing nothing, when the device has not finished (a spurious call).
 */
int blkdrv_intr(struct blkdrv *d);

/* Early boot only: spins on the status register (calling devbus_relax on each turn) until
 * the request in flight finishes, then returns what blkdrv_intr returns. -EINVAL when no
 * request is in flight. */
int blkdrv_wait_poll(struct blkdrv *d);

/* Copy n bytes into or out of the DMA area at byte offset off. 0, -EINVAL when the range is
 * not inside the area, or -EBUSY while a request is in flight (the device owns the area). */
int blkdrv_buffer_put(struct blkdrv *d, uint32_t off, const void *src, uint32_t n);
int blkdrv_buffer_get(struct blkdrv *d, void *dst, uint32_t off, uint32_t n);

#endif
