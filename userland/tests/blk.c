/*
 * blk: the block device, polled. Run with a 16-sector disk image whose byte i of sector s
 * is ALNUM[(7 * s + i) % 62] (written by cmake/RunGuestTest.cmake). Checks the identity
 * registers, a 16-sector DMA read against that pattern, a write read back (and its
 * neighbours untouched), a flush, the completion showing as pending at the PLIC, and the
 * error codes for a range past the end, a bad count and a DMA address outside RAM.
 */
#include "abi/blk.h"
#include "abi/plic.h"
#include "check.h"

#define SECTORS 16u
#define BLK_IRQ 1u
#define POLL_LIMIT 10000000u

static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

static uint8_t disk[SECTORS * BLK_SECTOR_SIZE] __attribute__((aligned(64)));
static uint8_t sector[BLK_SECTOR_SIZE] __attribute__((aligned(64)));

static uint32_t reg(uint32_t off) { return mmio_read32(MACHINE_BLK_BASE + off); }
static void set_reg(uint32_t off, uint32_t v) { mmio_write32(MACHINE_BLK_BASE + off, v); }

/* Starts a request and polls until it is no longer busy. Returns the final STATUS and
 * the ERROR register in *err, and acknowledges it (back to idle). */
static uint32_t request(uint32_t cmd, uint32_t first, uint32_t count, uintptr_t addr,
                        uint32_t *err) {
  set_reg(BLK_REG_SECTOR, first);
  set_reg(BLK_REG_COUNT, count);
  set_reg(BLK_REG_ADDR, (uint32_t)addr);
  set_reg(BLK_REG_COMMAND, cmd);
  uint32_t status, polls = 0;
  while ((status = reg(BLK_REG_STATUS)) == BLK_STATUS_BUSY && polls < POLL_LIMIT)
    polls++;
  *err = reg(BLK_REG_ERROR);
  set_reg(BLK_REG_ACK, 1);
  return status;
}

static uint8_t pattern(uint32_t s, uint32_t i) { return (uint8_t)alnum[(7 * s + i) % 62]; }

/* The first sector of [first, first + count) whose bytes in buf do not follow the
 * pattern, or -1. */
static int first_mismatch(const uint8_t *buf, uint32_t first, uint32_t count) {
  for (uint32_t s = 0; s < count; s++)
    for (uint32_t i = 0; i < BLK_SECTOR_SIZE; i++)
      if (buf[s * BLK_SECTOR_SIZE + i] != pattern(first + s, i)) return (int)(first + s);
  return -1;
}

static void check_read_all(void) {
  uint32_t err;
  check_eq("read 16 sectors: status", request(BLK_CMD_READ, 0, SECTORS, (uintptr_t)disk, &err),
           BLK_STATUS_DONE);
  check_eq("  error", err, BLK_ERR_NONE);
  check_eq("  status after ACK", reg(BLK_REG_STATUS), BLK_STATUS_IDLE);
  int bad = first_mismatch(disk, 0, SECTORS);
  if (bad >= 0) printf("first sector that differs: %d\n", bad);
  check(bad < 0, "  every byte of sectors 0..15 matches the image");
}

static void check_write(void) {
  uint32_t err;
  for (uint32_t i = 0; i < BLK_SECTOR_SIZE; i++)
    sector[i] = (uint8_t)(i * 3 + 1);
  check_eq("write sector 5: status", request(BLK_CMD_WRITE, 5, 1, (uintptr_t)sector, &err),
           BLK_STATUS_DONE);
  memset(disk, 0, sizeof disk);
  check_eq("read sectors 4..6 back: status", request(BLK_CMD_READ, 4, 3, (uintptr_t)disk, &err),
           BLK_STATUS_DONE);
  check(!memcmp(disk + BLK_SECTOR_SIZE, sector, BLK_SECTOR_SIZE),
        "  sector 5 holds what was written");
  check(first_mismatch(disk, 4, 1) < 0 && first_mismatch(disk + 2 * BLK_SECTOR_SIZE, 6, 1) < 0,
        "  sectors 4 and 6 unchanged");
  check_eq("flush: status", request(BLK_CMD_FLUSH, 0, 1, (uintptr_t)disk, &err), BLK_STATUS_DONE);
}

static void check_interrupt_line(void) {
  set_reg(BLK_REG_SECTOR, 0);
  set_reg(BLK_REG_COUNT, 1);
  set_reg(BLK_REG_ADDR, (uint32_t)(uintptr_t)sector);
  set_reg(BLK_REG_COMMAND, BLK_CMD_READ);
  for (uint32_t polls = 0; reg(BLK_REG_STATUS) == BLK_STATUS_BUSY && polls < POLL_LIMIT; polls++) {
  }
  check((mmio_read32(MACHINE_PLIC_BASE + PLIC_PENDING) >> BLK_IRQ) & 1,
        "completion: source 1 pending at the PLIC");
  set_reg(BLK_REG_ACK, 1);
  check(!((mmio_read32(MACHINE_PLIC_BASE + PLIC_PENDING) >> BLK_IRQ) & 1),
        "after ACK: source 1 no longer pending");
}

static void check_errors(void) {
  uint32_t err, st;
  st = request(BLK_CMD_READ, SECTORS - 1, 2, (uintptr_t)disk, &err);
  check(st == BLK_STATUS_ERROR && err == BLK_ERR_RANGE, "sectors 15..16: error RANGE");
  st = request(BLK_CMD_READ, 0, 0, (uintptr_t)disk, &err);
  check(st == BLK_STATUS_ERROR && err == BLK_ERR_COMMAND, "count 0: error COMMAND");
  st = request(BLK_CMD_READ, 0, 1, 0x00200000u, &err);
  check(st == BLK_STATUS_ERROR && err == BLK_ERR_DMA, "DMA to 0x00200000: error DMA");
  st = request(7, 0, 1, (uintptr_t)disk, &err);
  check(st == BLK_STATUS_ERROR && err == BLK_ERR_COMMAND, "command 7: error COMMAND");
}

int main(void) {
  check_eq("MAGIC", reg(BLK_REG_MAGIC), BLK_MAGIC);
  check_eq("VERSION", reg(BLK_REG_VERSION), BLK_VERSION);
  check_eq("CAPACITY (sectors)", reg(BLK_REG_CAPACITY), SECTORS);
  check_read_all();
  check_write();
  check_interrupt_line();
  check_errors();
  check_exit();
}
