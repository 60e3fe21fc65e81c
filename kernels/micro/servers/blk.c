/*
 * blk: the disk driver, a system server. It runs the shared block driver
 * (kernels/lib/drivers/blkdrv) over the disk's register page, mapped into its address space,
 * and a DMA page the kernel maps at its physical address (the device sees physical
 * addresses). Its one client is the file server (micro/proto.h, BLK_*).
 *
 * One request at a time, as the device takes them: start it, then wait on the notification
 * the disk's interrupt signals, and answer. A client that calls meanwhile waits in the
 * endpoint's queue, which is the driver's request queue.
 *
 * Why a server of its own: a driver is the code most likely to be wrong, and here it can
 * touch only its device and its DMA page — a bug kills this server, not the system. The
 * reincarnation server (rs.c) starts it again: the new instance finds the device as the dead
 * one left it (blkdrv_init adopts a request still running, and it waits for it), and the file
 * server sends again the request the dead one held. It also pings this driver on a
 * heartbeat, through a notification bound to its thread: a ping ends its receive, and it
 * answers between requests.
 */
#include "abi/blk.h"
#include "abi/errno.h"
#include "blkdrv.h"
#include "devbus_mmio.h"
#include "micro/proto.h"
#include "srv.h"

#define BUF ((char *)BOOT_IPC_BUF)
#define SLOT_NTFN BOOT_SLOT_SRV /* the disk's interrupt signals it */

static struct blkdrv blk;
static struct devbus bus;

/* Waits for the interrupt that ends the request in flight; its result (rc if none was). */
static int finish(int rc) {
  while (rc == 0 && blkdrv_busy(&blk)) {
    srv_kcall(KC_WAIT, SLOT_NTFN, 0, 0, 0);
    int r = blkdrv_intr(&blk);
    srv_kcall(KC_IRQ_ACK, BOOT_SLOT_BLK_IRQ, 0, 0, 0);
    if (r != -OSSIM_EAGAIN) rc = r;
  }
  return rc;
}

/* Starts a request and waits for its interrupt. */
static int run(int write, uint32_t sector, uint32_t count) {
  return finish(write < 0 ? blkdrv_start_flush(&blk) : blkdrv_start(&blk, write, sector, count));
}

static int request(struct srv_msg *m) {
  if (srv_pinged(m)) return SRV_LATER;
  uint32_t sector = m->w[0], count = m->w[1], n = count * BLK_SECTOR_SIZE;
  int rc;
  if (m->badge != 0) { /* a badged cap: not the file server's */
    m->len = 0;
    return -OSSIM_EPERM;
  }
  switch (m->label) {
  case BLK_READ:
    rc =
        count == 0 || count > MSG_BUF_MAX / BLK_SECTOR_SIZE ? -OSSIM_EINVAL : run(0, sector, count);
    if (rc == 0) rc = blkdrv_buffer_get(&blk, BUF, 0, n);
    m->len = rc == 0 ? n : 0;
    return rc;
  case BLK_WRITE:
    rc = count == 0 || m->len < n ? -OSSIM_EINVAL : blkdrv_buffer_put(&blk, 0, BUF, n);
    m->len = 0;
    return rc == 0 ? run(1, sector, count) : rc;
  case BLK_FLUSH: m->len = 0; return run(-1, 0, 0);
  default: m->len = 0; return -OSSIM_ENOSYS;
  }
}

int main(void) {
  bus = devbus_mmio();
  int regs = srv_kcall(KC_FRAME_MAP, BOOT_SLOT_BLK, BOOT_SLOT_ASPACE, 0, 0);
  int dma = regs < 0 ? regs : srv_kcall(KC_AS_DMA, BOOT_SLOT_ASPACE, BOOT_SLOT_BLK, 0, 0);
  int rc = dma < 0 ? dma : srv_irq_ntfn(BOOT_SLOT_BLK_IRQ, SLOT_NTFN);
  if (rc == 0) rc = blkdrv_init(&blk, &bus, (uint32_t)regs << 12, (uint32_t)dma << 12, 4096);
  if (rc == 0) rc = srv_kcall(KC_NTFN_BIND, BOOT_SLOT_PING, 0, 0, 0);
  finish(rc); /* a request the instance before this one started (its result is nobody's) */
  if (rc < 0) {
    srv_printf("blk: no disk: error %d\n", rc);
    srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 1, 0, 0);
  }
  srv_serve(BOOT_SLOT_BLKEP, request);
}
