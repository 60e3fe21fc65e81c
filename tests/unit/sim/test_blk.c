/* The block device: registers, DMA both ways, latency from the cost model, every error. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blk.h"
#include "plic.h"
#include "support.h"

#define RAM MACHINE_RAM_BASE
#define SECTOR BLK_SECTOR_SIZE

/* ---- a temporary image whose every byte says which sector it is in ---- */

struct image {
  char path[64];
  uint32_t sectors;
};

static uint8_t pattern(uint32_t sector, uint32_t i) { return (uint8_t)(sector * 31 + i * 7 + 1); }

static void make_image(struct image *img, uint32_t sectors, uint32_t extra_bytes) {
  snprintf(img->path, sizeof img->path, "/tmp/ossim-test-blk-XXXXXX");
  int fd = mkstemp(img->path);
  ck_assert_int_ge(fd, 0);
  uint8_t buf[SECTOR];
  for (uint32_t s = 0; s < sectors; s++) {
    for (uint32_t i = 0; i < SECTOR; i++)
      buf[i] = pattern(s, i);
    ck_assert_int_eq(write(fd, buf, SECTOR), SECTOR);
  }
  if (extra_bytes) ck_assert_int_eq(write(fd, buf, extra_bytes), (int)extra_bytes);
  close(fd);
  img->sectors = sectors;
}

/* The whole file, malloc'd; *len gets its size. */
static uint8_t *slurp(const char *path, size_t *len) {
  struct stat st;
  ck_assert_int_eq(stat(path, &st), 0);
  uint8_t *buf = malloc((size_t)st.st_size + 1);
  int fd = open(path, O_RDONLY);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(read(fd, buf, (size_t)st.st_size), st.st_size);
  close(fd);
  *len = (size_t)st.st_size;
  return buf;
}

/* ---- registers ---- */

static void wr(struct machine *m, uint32_t off, uint32_t val) {
  ck_assert_msg(bus_write(&m->bus, MACHINE_BLK_BASE + off, 4, val), "write 0x%x", off);
}

static uint32_t rd(struct machine *m, uint32_t off) {
  uint32_t v = 0xdeadbeef;
  ck_assert_msg(bus_read(&m->bus, MACHINE_BLK_BASE + off, 4, &v), "read 0x%x", off);
  return v;
}

static void start(struct machine *m, uint32_t cmd, uint32_t sector, uint32_t count, uint32_t addr) {
  wr(m, BLK_REG_SECTOR, sector);
  wr(m, BLK_REG_COUNT, count);
  wr(m, BLK_REG_ADDR, addr);
  wr(m, BLK_REG_COMMAND, cmd);
}

/* The device's line as the PLIC sees it. */
static bool irq(struct machine *m) {
  uint32_t v = 0;
  ck_assert(bus_read(&m->bus, MACHINE_PLIC_BASE + PLIC_PENDING, 4, &v));
  return v >> MACHINE_IRQ_BLK & 1;
}

static uint64_t latency(const struct machine *m, uint32_t count) {
  return (uint64_t)m->cfg.cost.disk_request + (uint64_t)count * m->cfg.cost.disk_sector;
}

/* ---- events ---- */

struct disk_log {
  unsigned n;
  struct ev_record rec[16];
};

static void record_disk(void *ctx, const struct ev_record *r) {
  struct disk_log *log = ctx;
  if ((r->type == EV_DISK_REQUEST || r->type == EV_DISK_DONE) && log->n < 16)
    log->rec[log->n++] = *r;
}

static void check_record(const struct ev_record *r, uint16_t type, uint64_t cycle, uint32_t a0,
                         uint32_t a1, uint32_t a2, uint32_t a3) {
  ck_assert_uint_eq(r->type, type);
  ck_assert_uint_eq(r->cycle, cycle);
  ck_assert_uint_eq(r->a[0], a0);
  ck_assert_uint_eq(r->a[1], a1);
  ck_assert_uint_eq(r->a[2], a2);
  ck_assert_uint_eq(r->a[3], a3);
}

/* ---- tests ---- */

START_TEST(registers) {
  struct image img;
  make_image(&img, 64, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  ck_assert_uint_eq(rd(m, BLK_REG_MAGIC), BLK_MAGIC);
  ck_assert_uint_eq(rd(m, BLK_REG_VERSION), BLK_VERSION);
  ck_assert_uint_eq(rd(m, BLK_REG_CAPACITY), 64);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_IDLE);
  ck_assert_uint_eq(rd(m, BLK_REG_ERROR), BLK_ERR_NONE);
  wr(m, BLK_REG_SECTOR, 0x12345678);
  wr(m, BLK_REG_COUNT, 17);
  wr(m, BLK_REG_ADDR, RAM + 0x400);
  ck_assert_uint_eq(rd(m, BLK_REG_SECTOR), 0x12345678);
  ck_assert_uint_eq(rd(m, BLK_REG_COUNT), 17);
  ck_assert_uint_eq(rd(m, BLK_REG_ADDR), RAM + 0x400);
  /* Read-only registers ignore writes; write-only ones read 0. */
  wr(m, BLK_REG_MAGIC, 0);
  wr(m, BLK_REG_VERSION, 0);
  wr(m, BLK_REG_CAPACITY, 1);
  wr(m, BLK_REG_STATUS, BLK_STATUS_DONE);
  wr(m, BLK_REG_ERROR, 4);
  ck_assert_uint_eq(rd(m, BLK_REG_MAGIC), BLK_MAGIC);
  ck_assert_uint_eq(rd(m, BLK_REG_VERSION), BLK_VERSION);
  ck_assert_uint_eq(rd(m, BLK_REG_CAPACITY), 64);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_IDLE);
  ck_assert_uint_eq(rd(m, BLK_REG_ERROR), BLK_ERR_NONE);
  ck_assert_uint_eq(rd(m, BLK_REG_COMMAND), 0);
  ck_assert_uint_eq(rd(m, BLK_REG_ACK), 0);
  /* 32-bit accesses to the ten registers only. */
  uint32_t v;
  ck_assert(!bus_read(&m->bus, MACHINE_BLK_BASE, 1, &v));
  ck_assert(!bus_read(&m->bus, MACHINE_BLK_BASE + BLK_REG_STATUS, 2, &v));
  ck_assert(!bus_write(&m->bus, MACHINE_BLK_BASE + BLK_REG_COMMAND, 1, BLK_CMD_READ));
  ck_assert(!bus_read(&m->bus, MACHINE_BLK_BASE + 0x28, 4, &v));
  ck_assert(!bus_read(&m->bus, MACHINE_BLK_BASE + BLK_WINDOW - 4, 4, &v));
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_IDLE);
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

START_TEST(read_completes_at_its_cycle) {
  struct image img;
  make_image(&img, 16, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  machine_advance(m, 1000); /* start at some cycle other than 0 */
  uint64_t t0 = machine_now(m), lat = latency(m, 3);
  ck_assert_uint_gt(lat, 1);
  start(m, BLK_CMD_READ, 2, 3, RAM + 0x1000);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_BUSY);
  ck_assert(!irq(m));

  static uint8_t zero[3 * SECTOR], got[3 * SECTOR];
  machine_advance(m, t0 + lat - 1);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_BUSY);
  ck_assert(!irq(m));
  ck_assert(bus_ram_read(&m->bus, RAM + 0x1000, got, sizeof got));
  ck_assert_mem_eq(got, zero, sizeof got); /* the data moves only at completion */

  machine_advance(m, t0 + lat);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_DONE);
  ck_assert_uint_eq(rd(m, BLK_REG_ERROR), BLK_ERR_NONE);
  ck_assert(irq(m));
  ck_assert(bus_ram_read(&m->bus, RAM + 0x1000, got, sizeof got));
  for (uint32_t i = 0; i < sizeof got; i++)
    ck_assert_uint_eq(got[i], pattern(2 + i / SECTOR, i % SECTOR));
  /* Nothing around the buffer was touched. */
  uint32_t v;
  ck_assert(bus_read(&m->bus, RAM + 0x1000 - 4, 4, &v));
  ck_assert_uint_eq(v, 0);
  ck_assert(bus_read(&m->bus, RAM + 0x1000 + sizeof got, 4, &v));
  ck_assert_uint_eq(v, 0);

  wr(m, BLK_REG_ACK, 1);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_IDLE);
  ck_assert(!irq(m));
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

START_TEST(write_completes_at_its_cycle) {
  struct image img;
  make_image(&img, 16, 0);
  size_t len0;
  uint8_t *before = slurp(img.path, &len0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  static uint8_t data[2 * SECTOR];
  for (uint32_t i = 0; i < sizeof data; i++)
    data[i] = (uint8_t)(0xa0 ^ i);
  ck_assert(bus_ram_write(&m->bus, RAM + 0x2000, data, sizeof data));
  uint64_t t0 = machine_now(m), lat = latency(m, 2);
  start(m, BLK_CMD_WRITE, 5, 2, RAM + 0x2000);

  machine_advance(m, t0 + lat - 1);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_BUSY);
  size_t len;
  uint8_t *mid = slurp(img.path, &len);
  ck_assert_mem_eq(mid, before, len0);
  free(mid);

  machine_advance(m, t0 + lat);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_DONE);
  ck_assert(irq(m));
  uint8_t *after = slurp(img.path, &len);
  ck_assert_uint_eq(len, len0);
  ck_assert_mem_eq(after + 5 * SECTOR, data, sizeof data);
  ck_assert_mem_eq(after, before, 5 * SECTOR);
  ck_assert_mem_eq(after + 7 * SECTOR, before + 7 * SECTOR, len0 - 7 * SECTOR);
  free(after);
  free(before);

  /* And it reads back through the device. */
  wr(m, BLK_REG_ACK, 1);
  t0 = machine_now(m);
  start(m, BLK_CMD_READ, 5, 2, RAM + 0x8000);
  machine_advance(m, t0 + latency(m, 2));
  static uint8_t back[2 * SECTOR];
  ck_assert(bus_ram_read(&m->bus, RAM + 0x8000, back, sizeof back));
  ck_assert_mem_eq(back, data, sizeof data);
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

START_TEST(largest_request) {
  struct image img;
  make_image(&img, BLK_MAX_COUNT + 10, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  uint64_t t0 = machine_now(m);
  start(m, BLK_CMD_READ, 10, BLK_MAX_COUNT, RAM);
  machine_advance(m, t0 + latency(m, BLK_MAX_COUNT));
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_DONE);
  uint8_t *got = malloc(BLK_MAX_COUNT * SECTOR);
  ck_assert(bus_ram_read(&m->bus, RAM, got, BLK_MAX_COUNT * SECTOR));
  for (uint32_t i = 0; i < BLK_MAX_COUNT * SECTOR; i += 97)
    ck_assert_uint_eq(got[i], pattern(10 + i / SECTOR, i % SECTOR));
  free(got);
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

START_TEST(flush_takes_request_latency) {
  struct image img;
  make_image(&img, 4, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  uint64_t t0 = machine_now(m), lat = m->cfg.cost.disk_request;
  wr(m, BLK_REG_COUNT, 200); /* ignored by a flush */
  wr(m, BLK_REG_COMMAND, BLK_CMD_FLUSH);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_BUSY);
  machine_advance(m, t0 + lat - 1);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_BUSY);
  machine_advance(m, t0 + lat);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_DONE);
  ck_assert_uint_eq(rd(m, BLK_REG_ERROR), BLK_ERR_NONE);
  ck_assert(irq(m));
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

/* COMMAND starts a request only when idle; the request is latched when it starts. */
START_TEST(command_ignored_unless_idle) {
  struct image img;
  make_image(&img, 16, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  struct disk_log log = {0};
  ev_set_sink(&m->ev, record_disk, &log);
  uint64_t t0 = machine_now(m);
  start(m, BLK_CMD_READ, 1, 1, RAM);
  /* Reprogramming and commanding while busy changes nothing. */
  start(m, BLK_CMD_WRITE, 9, 2, RAM + 0x4000);
  wr(m, BLK_REG_ACK, 1); /* nothing to acknowledge yet */
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_BUSY);
  ck_assert_uint_eq(rd(m, BLK_REG_SECTOR), 9);
  machine_advance(m, t0 + latency(m, 1));
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_DONE);
  uint8_t b;
  ck_assert(bus_ram_read(&m->bus, RAM + 5, &b, 1));
  ck_assert_uint_eq(b, pattern(1, 5));
  ck_assert(bus_ram_read(&m->bus, RAM + 0x4000, &b, 1));
  ck_assert_uint_eq(b, 0);
  /* Done but not acknowledged: still ignored. So is an ACK other than 1. */
  wr(m, BLK_REG_COMMAND, BLK_CMD_READ);
  wr(m, BLK_REG_ACK, 2);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_DONE);
  ck_assert(irq(m));
  machine_advance(m, t0 + 10 * latency(m, 2));
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_DONE);
  ck_assert_uint_eq(log.n, 2); /* one request, one completion */
  wr(m, BLK_REG_ACK, 1);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_IDLE);
  ck_assert(!irq(m));
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

/* A request that is refused at once: error status, the code, the line up, nothing moved. */
static void expect_refused(struct machine *m, uint32_t cmd, uint32_t sector, uint32_t count,
                           uint32_t addr, uint32_t code) {
  start(m, cmd, sector, count, addr);
  ck_assert_msg(rd(m, BLK_REG_STATUS) == BLK_STATUS_ERROR,
                "cmd %u sector %u count %u addr 0x%x: status %u", cmd, sector, count, addr,
                rd(m, BLK_REG_STATUS));
  ck_assert_msg(rd(m, BLK_REG_ERROR) == code, "cmd %u sector %u count %u addr 0x%x: error %u", cmd,
                sector, count, addr, rd(m, BLK_REG_ERROR));
  ck_assert(irq(m));
  wr(m, BLK_REG_ACK, 1);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_IDLE);
  ck_assert_uint_eq(rd(m, BLK_REG_ERROR), code); /* kept until the next request */
  ck_assert(!irq(m));
}

START_TEST(every_refusal) {
  struct image img;
  make_image(&img, 16, 0);
  size_t len0;
  uint8_t *before = slurp(img.path, &len0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  const uint32_t ram_end = RAM + m->cfg.ram_size;
  for (uint32_t cmd = BLK_CMD_READ; cmd <= BLK_CMD_WRITE; cmd++) {
    expect_refused(m, cmd, 0, 0, RAM, BLK_ERR_COMMAND);
    expect_refused(m, cmd, 0, BLK_MAX_COUNT + 1, RAM, BLK_ERR_COMMAND);
    expect_refused(m, cmd, 15, 2, RAM, BLK_ERR_RANGE);
    expect_refused(m, cmd, 16, 1, RAM, BLK_ERR_RANGE);
    expect_refused(m, cmd, 0xffffffffu, 2, RAM, BLK_ERR_RANGE); /* wraps to 1 in 32 bits */
    expect_refused(m, cmd, 0, 1, 0, BLK_ERR_DMA);
    expect_refused(m, cmd, 0, 1, RAM - SECTOR / 2, BLK_ERR_DMA);
    expect_refused(m, cmd, 0, 2, ram_end - SECTOR, BLK_ERR_DMA);
    expect_refused(m, cmd, 0, 1, 0xffffff00u, BLK_ERR_DMA);      /* wraps in 32 bits */
    expect_refused(m, cmd, 0, 1, MACHINE_BLK_BASE, BLK_ERR_DMA); /* devices are not RAM */
  }
  expect_refused(m, 0, 0, 1, RAM, BLK_ERR_COMMAND);
  expect_refused(m, 4, 0, 1, RAM, BLK_ERR_COMMAND);
  expect_refused(m, 0xffffffffu, 0, 1, RAM, BLK_ERR_COMMAND);
  /* The largest request that fits exactly is accepted, and clears ERROR. */
  uint64_t t0 = machine_now(m);
  start(m, BLK_CMD_READ, 0, 16, ram_end - 16 * SECTOR);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_BUSY);
  ck_assert_uint_eq(rd(m, BLK_REG_ERROR), BLK_ERR_NONE);
  machine_advance(m, t0 + latency(m, 16));
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_DONE);
  machine_destroy(m);
  /* Nothing was ever written to the image. */
  size_t len;
  uint8_t *after = slurp(img.path, &len);
  ck_assert_uint_eq(len, len0);
  ck_assert_mem_eq(after, before, len);
  free(after);
  free(before);
  unlink(img.path);
}
END_TEST

/* A write that would run past the end of the image writes nothing, now or later. */
START_TEST(past_end_writes_nothing) {
  struct image img;
  make_image(&img, 8, 0);
  size_t len0;
  uint8_t *before = slurp(img.path, &len0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  ck_assert(bus_ram_fill(&m->bus, RAM, 0xee, 4 * SECTOR));
  uint64_t t0 = machine_now(m);
  start(m, BLK_CMD_WRITE, 7, 2, RAM);
  ck_assert_uint_eq(rd(m, BLK_REG_ERROR), BLK_ERR_RANGE);
  machine_advance(m, t0 + 10 * latency(m, 2));
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_ERROR);
  machine_destroy(m);
  size_t len;
  uint8_t *after = slurp(img.path, &len);
  ck_assert_uint_eq(len, len0);
  ck_assert_mem_eq(after, before, len);
  free(after);
  free(before);
  unlink(img.path);
}
END_TEST

/* A read past the end leaves RAM alone too. */
START_TEST(past_end_reads_nothing) {
  struct image img;
  make_image(&img, 8, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  ck_assert(bus_ram_fill(&m->bus, RAM, 0xee, 4 * SECTOR));
  start(m, BLK_CMD_READ, 6, 4, RAM);
  ck_assert_uint_eq(rd(m, BLK_REG_ERROR), BLK_ERR_RANGE);
  machine_advance(m, machine_now(m) + 10 * latency(m, 4));
  static uint8_t got[4 * SECTOR];
  ck_assert(bus_ram_read(&m->bus, RAM, got, sizeof got));
  for (size_t i = 0; i < sizeof got; i++)
    ck_assert_uint_eq(got[i], 0xee);
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

START_TEST(no_disk) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  ck_assert_uint_eq(rd(m, BLK_REG_MAGIC), BLK_MAGIC);
  ck_assert_uint_eq(rd(m, BLK_REG_CAPACITY), 0);
  expect_refused(m, BLK_CMD_READ, 0, 1, RAM, BLK_ERR_NODISK);
  expect_refused(m, BLK_CMD_WRITE, 0, 1, RAM, BLK_ERR_NODISK);
  expect_refused(m, BLK_CMD_FLUSH, 0, 1, RAM, BLK_ERR_NODISK);
  expect_refused(m, 9, 0, 1, RAM, BLK_ERR_COMMAND);
  machine_destroy(m);
}
END_TEST

/* The image shrank under the machine: the read fails at completion with a host error. */
START_TEST(host_io_error) {
  struct image img;
  make_image(&img, 16, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  ck_assert_int_eq(truncate(img.path, 8 * SECTOR), 0);
  ck_assert(bus_ram_fill(&m->bus, RAM, 0xee, SECTOR));
  uint64_t t0 = machine_now(m);
  start(m, BLK_CMD_READ, 12, 1, RAM);
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_BUSY);
  machine_advance(m, t0 + latency(m, 1));
  ck_assert_uint_eq(rd(m, BLK_REG_STATUS), BLK_STATUS_ERROR);
  ck_assert_uint_eq(rd(m, BLK_REG_ERROR), BLK_ERR_IO);
  ck_assert(irq(m));
  uint8_t b;
  ck_assert(bus_ram_read(&m->bus, RAM + 100, &b, 1));
  ck_assert_uint_eq(b, 0xee);
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

START_TEST(events) {
  struct image img;
  make_image(&img, 16, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  struct disk_log log = {0};
  ev_set_sink(&m->ev, record_disk, &log);
  machine_advance(m, 500);
  uint64_t t0 = machine_now(m), lat = latency(m, 3);
  start(m, BLK_CMD_READ, 2, 3, RAM + 0x100);
  ck_assert_uint_eq(log.n, 1);
  check_record(&log.rec[0], EV_DISK_REQUEST, t0, BLK_CMD_READ, 2, 3, RAM + 0x100);
  ck_assert_uint_eq(log.rec[0].hart, EV_HART_NONE);
  machine_advance(m, t0 + lat);
  ck_assert_uint_eq(log.n, 2);
  check_record(&log.rec[1], EV_DISK_DONE, t0 + lat, BLK_CMD_READ, 2, 3, BLK_STATUS_DONE);
  wr(m, BLK_REG_ACK, 1);
  /* A refused request is a request and a completion at the same cycle. */
  uint64_t t1 = machine_now(m);
  start(m, BLK_CMD_WRITE, 15, 4, RAM);
  ck_assert_uint_eq(log.n, 4);
  check_record(&log.rec[2], EV_DISK_REQUEST, t1, BLK_CMD_WRITE, 15, 4, RAM);
  check_record(&log.rec[3], EV_DISK_DONE, t1, BLK_CMD_WRITE, 15, 4, BLK_STATUS_ERROR);
  ck_assert_uint_eq(m->ev.counts[EV_DISK_REQUEST], 2);
  ck_assert_uint_eq(m->ev.counts[EV_DISK_DONE], 2);
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

START_TEST(bad_images) {
  struct image img;
  make_image(&img, 3, 100); /* 1636 bytes: not whole sectors */
  struct machine *m = test_machine(0, 1, NULL, NULL);
  struct blk *b = (struct blk *)1;
  char err[256] = "";
  ck_assert_int_eq(blk_create(m, img.path, &b, err, sizeof err), -EINVAL);
  ck_assert_ptr_null(b);
  ck_assert_msg(strstr(err, img.path), "message names the file: %s", err);
  ck_assert_int_eq(blk_create(m, "/nonexistent/ossim.img", &b, err, sizeof err), -ENOENT);
  ck_assert_msg(strstr(err, "/nonexistent/ossim.img"), "message names the file: %s", err);
  machine_destroy(m);

  /* The machine refuses to start with it, and says why. */
  struct machine_config cfg;
  machine_config_default(&cfg);
  cfg.disk_path = img.path;
  err[0] = 0;
  m = NULL;
  ck_assert_int_lt(machine_create(&cfg, &m, err, sizeof err), 0);
  ck_assert_msg(strstr(err, img.path), "message names the file: %s", err);
  unlink(img.path);
}
END_TEST

START_TEST(empty_image) {
  struct image img;
  make_image(&img, 0, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  ck_assert_uint_eq(rd(m, BLK_REG_CAPACITY), 0);
  expect_refused(m, BLK_CMD_READ, 0, 1, RAM, BLK_ERR_RANGE);
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

/* Destroying the device with a request in flight cancels it (ASan sees any use after free). */
START_TEST(destroy_cancels_request) {
  struct image img;
  make_image(&img, 16, 0);
  struct machine *m = test_machine(0, 1, NULL, img.path);
  start(m, BLK_CMD_READ, 0, 4, RAM);
  blk_destroy(m->blk);
  m->blk = NULL;
  machine_advance(m, machine_now(m) + 2 * latency(m, 4));
  uint8_t b;
  ck_assert(bus_ram_read(&m->bus, RAM, &b, 1));
  ck_assert_uint_eq(b, 0);
  machine_destroy(m);
  unlink(img.path);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("blk");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, registers);
  tcase_add_test(tc, read_completes_at_its_cycle);
  tcase_add_test(tc, write_completes_at_its_cycle);
  tcase_add_test(tc, largest_request);
  tcase_add_test(tc, flush_takes_request_latency);
  tcase_add_test(tc, command_ignored_unless_idle);
  tcase_add_test(tc, every_refusal);
  tcase_add_test(tc, past_end_writes_nothing);
  tcase_add_test(tc, past_end_reads_nothing);
  tcase_add_test(tc, no_disk);
  tcase_add_test(tc, host_io_error);
  tcase_add_test(tc, events);
  tcase_add_test(tc, bad_images);
  tcase_add_test(tc, empty_image);
  tcase_add_test(tc, destroy_cancels_request);
  suite_add_tcase(s, tc);
  return s;
}
