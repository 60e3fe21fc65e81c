#include "blk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hostio.h"
#include "machine.h"

/*
 * Register table (offsets from MACHINE_BLK_BASE), 32-bit accesses only:
 *   0x00 MAGIC     RO  0x4b42534f ("OSBK")
 *   0x04 VERSION   RO  1
 *   0x08 CAPACITY  RO  sectors of 512 bytes (0 if no disk)
 *   0x0C SECTOR    RW  first sector
 *   0x10 COUNT     RW  sectors (1..256)
 *   0x14 ADDR      RW  guest physical DMA address
 *   0x18 COMMAND   WO  1 read, 2 write, 3 flush: starts a request if idle (else ignored)
 *   0x1C STATUS    RO  0 idle, 1 busy, 2 done, 3 error
 *   0x20 ERROR     RO  0 none, 1 bad command, 2 out of the disk, 3 DMA outside RAM,
 *                      4 host I/O error, 5 no disk
 *   0x24 ACK       WO  1: done/error -> idle, interrupt line drops
 * Writes to read-only registers are ignored; write-only registers read 0. The rest of the
 * window is an access fault.
 */
#define NREGS 10

struct blk {
  struct machine *m;
  /* The image: fd is -1 when there is no disk. */
  int fd;
  uint32_t capacity;
  uint8_t *buf; /* bounce buffer for one request, BLK_MAX_COUNT sectors */
  /* Guest-visible registers. */
  uint32_t sector, count, addr, status, error;
  /* The request latched by COMMAND; meaningful from then until the next COMMAND, so the
   * guest may reprogram SECTOR, COUNT and ADDR while the device is busy. */
  uint32_t op, req_sector, req_count, req_addr;
  bool irq; /* the line level last given to machine_set_irq */
};

static void set_irq(struct blk *b, bool level) {
  if (level == b->irq) return;
  b->irq = level;
  machine_set_irq(b->m, MACHINE_IRQ_BLK, level);
}

/* Ends the request in flight with err (BLK_ERR_NONE for success) and raises the line. */
static void finish(struct blk *b, uint32_t err) {
  b->error = err;
  b->status = err ? BLK_STATUS_ERROR : BLK_STATUS_DONE;
  machine_emit(b->m, EV_DISK_DONE, b->op, b->req_sector, b->req_count, b->status);
  set_irq(b, true);
}

/* pread/pwrite of exactly len bytes, retrying short transfers; false on error or EOF. */
static bool read_full(int fd, uint8_t *p, size_t len, off_t off) {
  while (len) {
    ssize_t n = pread(fd, p, len, off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n, len -= (size_t)n, off += n;
  }
  return true;
}

static bool write_full(int fd, const uint8_t *p, size_t len, off_t off) {
  while (len) {
    ssize_t n = pwrite(fd, p, len, off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n, len -= (size_t)n, off += n;
  }
  return true;
}

/* Moves the latched request's data. Returns a BLK_ERR_* code. The request was validated
 * when it started; RAM cannot move, so the DMA checks here only guard the invariant. */
static uint32_t transfer(struct blk *b) {
  size_t len = (size_t)b->req_count * BLK_SECTOR_SIZE;
  off_t off = (off_t)((uint64_t)b->req_sector * BLK_SECTOR_SIZE);
  switch (b->op) {
  case BLK_CMD_READ:
    if (!read_full(b->fd, b->buf, len, off)) return BLK_ERR_IO;
    return bus_ram_write(&b->m->bus, b->req_addr, b->buf, len) ? BLK_ERR_NONE : BLK_ERR_DMA;
  case BLK_CMD_WRITE:
    if (!bus_ram_read(&b->m->bus, b->req_addr, b->buf, len)) return BLK_ERR_DMA;
    return write_full(b->fd, b->buf, len, off) ? BLK_ERR_NONE : BLK_ERR_IO;
  default: return fsync(b->fd) == 0 ? BLK_ERR_NONE : BLK_ERR_IO;
  }
}

/* The evq callback at the request's completion cycle. */
static void complete(void *ctx, uint64_t now) {
  (void)now;
  struct blk *b = ctx;
  finish(b, transfer(b));
}

/* Checks the latched request before anything is touched; returns a BLK_ERR_* code. */
static uint32_t validate(const struct blk *b) {
  if (b->op != BLK_CMD_READ && b->op != BLK_CMD_WRITE && b->op != BLK_CMD_FLUSH)
    return BLK_ERR_COMMAND;
  if (b->fd < 0) return BLK_ERR_NODISK;
  if (b->op == BLK_CMD_FLUSH) return BLK_ERR_NONE;
  if (b->req_count == 0 || b->req_count > BLK_MAX_COUNT) return BLK_ERR_COMMAND;
  if ((uint64_t)b->req_sector + b->req_count > b->capacity) return BLK_ERR_RANGE;
  if (!bus_in_ram(&b->m->bus, b->req_addr, (uint64_t)b->req_count * BLK_SECTOR_SIZE))
    return BLK_ERR_DMA;
  return BLK_ERR_NONE;
}

static uint64_t latency(const struct blk *b) {
  const struct cost_model *c = &b->m->cfg.cost;
  uint64_t sectors = b->op == BLK_CMD_FLUSH ? 0 : b->req_count;
  return c->disk_request + sectors * c->disk_sector;
}

/* COMMAND: latches and starts a request. A bad request ends at once with its error; a good
 * one completes after the cost model's latency. */
static void command(struct blk *b, uint32_t op) {
  if (b->status != BLK_STATUS_IDLE) return;
  bool flush = op == BLK_CMD_FLUSH;
  b->op = op;
  b->req_sector = flush ? 0 : b->sector;
  b->req_count = flush ? 0 : b->count;
  b->req_addr = flush ? 0 : b->addr;
  b->error = BLK_ERR_NONE;
  machine_emit(b->m, EV_DISK_REQUEST, b->op, b->req_sector, b->req_count, b->req_addr);
  uint32_t err = validate(b);
  if (err == BLK_ERR_NONE &&
      machine_schedule(b->m, machine_now(b->m) + latency(b), complete, b) < 0)
    err = BLK_ERR_IO; /* the host ran out of memory */
  if (err != BLK_ERR_NONE)
    finish(b, err);
  else
    b->status = BLK_STATUS_BUSY;
}

static void ack(struct blk *b, uint32_t val) {
  if (val != 1 || (b->status != BLK_STATUS_DONE && b->status != BLK_STATUS_ERROR)) return;
  b->status = BLK_STATUS_IDLE;
  set_irq(b, false);
}

static bool valid(uint32_t off, unsigned size) {
  return size == 4 && off % 4 == 0 && off / 4 < NREGS;
}

static bool blk_read(void *dev, uint32_t off, unsigned size, uint32_t *val) {
  const struct blk *b = dev;
  if (!valid(off, size)) return false;
  switch (off) {
  case BLK_REG_MAGIC: *val = BLK_MAGIC; break;
  case BLK_REG_VERSION: *val = BLK_VERSION; break;
  case BLK_REG_CAPACITY: *val = b->capacity; break;
  case BLK_REG_SECTOR: *val = b->sector; break;
  case BLK_REG_COUNT: *val = b->count; break;
  case BLK_REG_ADDR: *val = b->addr; break;
  case BLK_REG_STATUS: *val = b->status; break;
  case BLK_REG_ERROR: *val = b->error; break;
  default: *val = 0; break; /* COMMAND and ACK are write-only */
  }
  return true;
}

static bool blk_write(void *dev, uint32_t off, unsigned size, uint32_t val) {
  struct blk *b = dev;
  if (!valid(off, size)) return false;
  switch (off) {
  case BLK_REG_SECTOR: b->sector = val; break;
  case BLK_REG_COUNT: b->count = val; break;
  case BLK_REG_ADDR: b->addr = val; break;
  case BLK_REG_COMMAND: command(b, val); break;
  case BLK_REG_ACK: ack(b, val); break;
  default: break; /* read-only registers ignore writes */
  }
  return true;
}

static const struct bus_ops blk_ops = {blk_read, blk_write};

static int fail(int rc, char *err, size_t errlen, const char *fmt, ...) {
  if (err && errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
  }
  return rc;
}

/* Opens the image and sets fd and capacity. */
static int open_image(struct blk *b, const char *path, char *err, size_t errlen) {
  b->fd = hostio_open_regular(path, O_RDWR);
  if (b->fd < 0) {
    int e = b->fd;
    b->fd = -1;
    return fail(e, err, errlen, "disk image '%s': %s", path, hostio_strerror(e));
  }
  off_t size = lseek(b->fd, 0, SEEK_END);
  if (size < 0) {
    int e = errno;
    return fail(-e, err, errlen, "disk image '%s': %s", path, strerror(e));
  }
  if (size % BLK_SECTOR_SIZE)
    return fail(-EINVAL, err, errlen,
                "disk image '%s': its size (%lld bytes) is not a multiple of %u bytes", path,
                (long long)size, BLK_SECTOR_SIZE);
  if ((uint64_t)size / BLK_SECTOR_SIZE > UINT32_MAX)
    return fail(-EFBIG, err, errlen, "disk image '%s': larger than 2 TiB", path);
  b->capacity = (uint32_t)((uint64_t)size / BLK_SECTOR_SIZE);
  return 0;
}

int blk_create(struct machine *m, const char *path_or_null, struct blk **out, char *err,
               size_t errlen) {
  *out = NULL;
  struct blk *b = calloc(1, sizeof *b);
  if (!b) return fail(-ENOMEM, err, errlen, "block device: out of memory");
  b->m = m;
  b->fd = -1;
  int rc = 0;
  if (path_or_null) rc = open_image(b, path_or_null, err, errlen);
  if (rc == 0 && !(b->buf = malloc((size_t)BLK_MAX_COUNT * BLK_SECTOR_SIZE)))
    rc = fail(-ENOMEM, err, errlen, "block device: out of memory");
  if (rc == 0 && (rc = bus_map(&m->bus, MACHINE_BLK_BASE, BLK_WINDOW, "blk", &blk_ops, b)) < 0)
    fail(rc, err, errlen, "block device: cannot map its registers at 0x%08x", MACHINE_BLK_BASE);
  if (rc < 0) {
    blk_destroy(b);
    return rc;
  }
  *out = b;
  return 0;
}

void blk_destroy(struct blk *b) {
  if (!b) return;
  evq_cancel(&b->m->evq, complete, b);
  if (b->fd >= 0) close(b->fd);
  free(b->buf);
  free(b);
}
