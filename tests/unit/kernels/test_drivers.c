/* The shared drivers (kernels/lib/drivers) on a real machine, through the host devbus. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/errno.h"
#include "blk.h"
#include "blkdrv.h"
#include "hostbus.h"
#include "plic.h"
#include "plicdrv.h"
#include "support.h"
#include "uart.h"
#include "uartdrv.h"

#define RAM MACHINE_RAM_BASE
#define SECTOR BLK_SECTOR_SIZE
#define DMA (RAM + 0x10000u) /* the block driver's DMA area in the 1 MiB test machine */
#define DMA_SECTORS 32u

/* ---- a temporary image whose every byte says which sector it is in ---- */

struct image {
  char path[64];
  uint32_t sectors;
};

static uint8_t pattern(uint32_t sector, uint32_t i) { return (uint8_t)(sector * 31 + i * 7 + 1); }

static void make_image(struct image *img, uint32_t sectors) {
  snprintf(img->path, sizeof img->path, "/tmp/ossim-test-drivers-XXXXXX");
  int fd = mkstemp(img->path);
  ck_assert_int_ge(fd, 0);
  uint8_t buf[SECTOR];
  for (uint32_t s = 0; s < sectors; s++) {
    for (uint32_t i = 0; i < SECTOR; i++)
      buf[i] = pattern(s, i);
    ck_assert_int_eq(write(fd, buf, SECTOR), SECTOR);
  }
  close(fd);
  img->sectors = sectors;
}

/* Sector s of the file. */
static void file_sector(const struct image *img, uint32_t s, uint8_t *buf) {
  FILE *f = fopen(img->path, "rb");
  ck_assert_ptr_nonnull(f);
  ck_assert_int_eq(fseek(f, (long)s * SECTOR, SEEK_SET), 0);
  ck_assert_uint_eq(fread(buf, 1, SECTOR, f), SECTOR);
  fclose(f);
}

static void check_pattern(const uint8_t *buf, uint32_t first, uint32_t count) {
  for (uint32_t s = 0; s < count; s++)
    for (uint32_t i = 0; i < SECTOR; i++)
      ck_assert_msg(buf[s * SECTOR + i] == pattern(first + s, i), "sector %u byte %u", first + s,
                    i);
}

/* ---- the machine and its devices ---- */

struct rig {
  struct image img;
  struct machine *m;
  struct hostbus hb;
  struct blkdrv disk;
  struct plicdrv plic;
};

/* A machine with a 64-sector disk (or none), its block driver set up, and hart 0's PLIC
 * context taking the disk's interrupt. */
static void rig_up(struct rig *r, bool with_disk, unsigned ncpus, struct capture *cap) {
  memset(r, 0, sizeof *r);
  if (with_disk) make_image(&r->img, 64);
  r->m = test_machine(0, ncpus, cap, with_disk ? r->img.path : NULL);
  hostbus_init(&r->hb, r->m);
  ck_assert_int_eq(blkdrv_init(&r->disk, &r->hb.bus, MACHINE_BLK_BASE, DMA, DMA_SECTORS * SECTOR),
                   0);
  plicdrv_init(&r->plic, &r->hb.bus, MACHINE_PLIC_BASE, 0);
  ck_assert_int_eq(plicdrv_enable(&r->plic, MACHINE_IRQ_BLK, 1), 0);
}

static void rig_down(struct rig *r) {
  ck_assert_uint_eq(r->hb.faults, 0);
  machine_destroy(r->m);
  if (r->img.path[0]) unlink(r->img.path);
}

/* Moves time on far enough for any disk request to complete. */
static void settle(struct machine *m) {
  machine_advance(m, machine_now(m) + m->cfg.cost.disk_request +
                         (uint64_t)BLK_MAX_COUNT * m->cfg.cost.disk_sector);
}

static uint32_t reg(struct machine *m, uint32_t pa, unsigned size) {
  uint32_t v = 0xdeadbeef;
  ck_assert_msg(bus_read(&m->bus, pa, size, &v), "read 0x%x", pa);
  return v;
}

static bool seip(struct machine *m, unsigned hart) { return m->harts[hart]->sip & SIP_SEIP; }

static bool line_pending(struct machine *m, unsigned source) {
  return reg(m, MACHINE_PLIC_BASE + PLIC_PENDING, 4) >> source & 1;
}

/* One whole request by interrupt: start, time passes, claim, intr, complete. */
static int request(struct rig *r, int write, uint32_t sector, uint32_t count) {
  int rc = blkdrv_start(&r->disk, write, sector, count);
  if (rc < 0) return rc;
  settle(r->m);
  ck_assert_uint_eq(plicdrv_claim(&r->plic), MACHINE_IRQ_BLK);
  rc = blkdrv_intr(&r->disk);
  plicdrv_complete(&r->plic, MACHINE_IRQ_BLK);
  ck_assert(!blkdrv_busy(&r->disk));
  return rc;
}

/* ---- hostbus ---- */

START_TEST(hostbus_reaches_registers_and_ram) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  struct hostbus hb;
  hostbus_init(&hb, m);
  const struct devbus *b = &hb.bus;
  b->write(b->ctx, RAM + 8, 4, 0x11223344);
  ck_assert_uint_eq(b->read(b->ctx, RAM + 8, 4), 0x11223344);
  ck_assert_uint_eq(b->read(b->ctx, RAM + 9, 1), 0x33);
  ck_assert_uint_eq(b->read(b->ctx, RAM + 10, 2), 0x1122);
  ck_assert_uint_eq(b->read(b->ctx, MACHINE_BLK_BASE + BLK_REG_MAGIC, 4), BLK_MAGIC);
  uint8_t in[100], out[100];
  for (unsigned i = 0; i < sizeof in; i++)
    in[i] = (uint8_t)(i * 3);
  b->to_phys(b->ctx, RAM + 0x300, in, sizeof in);
  b->from_phys(b->ctx, out, RAM + 0x300, sizeof out);
  ck_assert_mem_eq(in, out, sizeof in);
  ck_assert_uint_eq(hb.faults, 0);
  machine_destroy(m);
}
END_TEST

START_TEST(hostbus_counts_faults) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  struct hostbus hb;
  hostbus_init(&hb, m);
  const struct devbus *b = &hb.bus;
  ck_assert_uint_eq(b->read(b->ctx, 0x20000000u, 4), 0xffffffffu); /* nothing there */
  ck_assert_uint_eq(b->read(b->ctx, 0x20000000u, 1), 0xffu);
  ck_assert_uint_eq(b->read(b->ctx, 0x20000000u, 2), 0xffffu);
  b->write(b->ctx, 0x20000004u, 4, 1);
  ck_assert_uint_eq(hb.faults, 4);
  ck_assert_uint_eq(hb.last_fault_pa, 0x20000004u);
  /* A copy reaching past the end of RAM copies nothing. */
  uint8_t buf[16];
  memset(buf, 0xab, sizeof buf);
  uint32_t end = RAM + m->cfg.ram_size;
  b->to_phys(b->ctx, end - 8, buf, sizeof buf);
  ck_assert_uint_eq(hb.faults, 5);
  ck_assert_uint_eq(reg(m, end - 4, 4), 0);
  b->from_phys(b->ctx, buf, end - 8, sizeof buf);
  ck_assert_uint_eq(hb.faults, 6);
  machine_destroy(m);
}
END_TEST

START_TEST(hostbus_charges_the_hart) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  struct hostbus hb;
  hostbus_init(&hb, m);
  const struct devbus *b = &hb.bus;
  struct hart *h = m->harts[0];
  uint64_t c0 = h->cycles;
  b->read(b->ctx, MACHINE_BLK_BASE, 4); /* no hart attached: free */
  ck_assert_uint_eq(h->cycles, c0);
  hb.hart = h;
  b->read(b->ctx, MACHINE_BLK_BASE, 4);
  b->write(b->ctx, MACHINE_UART_BASE + UART_SCR, 1, 7);
  ck_assert_uint_eq(h->cycles, c0 + 2 * m->cfg.cost.mmio);
  uint8_t buf[64] = {0};
  c0 = h->cycles;
  b->to_phys(b->ctx, RAM, buf, sizeof buf);
  ck_assert_uint_eq(h->cycles, c0 + (64 * m->cfg.cost.copy_byte_x16 + 15) / 16);
  machine_destroy(m);
}
END_TEST

/* ---- plicdrv ---- */

START_TEST(plic_init_and_enable) {
  struct machine *m = test_machine(0, 2, NULL, NULL);
  struct hostbus hb;
  hostbus_init(&hb, m);
  /* Whatever was there before, init leaves the context quiet with threshold 0. */
  ck_assert(bus_write(&m->bus, MACHINE_PLIC_BASE + PLIC_ENABLE(PLIC_CTX_S(1)), 4, 0x6));
  ck_assert(bus_write(&m->bus, MACHINE_PLIC_BASE + PLIC_THRESHOLD(PLIC_CTX_S(1)), 4, 5));
  struct plicdrv p;
  plicdrv_init(&p, &hb.bus, MACHINE_PLIC_BASE, 1);
  ck_assert_uint_eq(p.ctx, 3);
  ck_assert_uint_eq(reg(m, MACHINE_PLIC_BASE + PLIC_ENABLE(3), 4), 0);
  ck_assert_uint_eq(reg(m, MACHINE_PLIC_BASE + PLIC_THRESHOLD(3), 4), 0);
  ck_assert_int_eq(plicdrv_enable(&p, MACHINE_IRQ_BLK, 1), 0);
  ck_assert_int_eq(plicdrv_enable(&p, MACHINE_IRQ_UART, 3), 0);
  ck_assert_uint_eq(reg(m, MACHINE_PLIC_BASE + PLIC_ENABLE(3), 4),
                    1u << MACHINE_IRQ_BLK | 1u << MACHINE_IRQ_UART);
  ck_assert_uint_eq(reg(m, MACHINE_PLIC_BASE + PLIC_PRIORITY(MACHINE_IRQ_UART), 4), 3);
  ck_assert_uint_eq(reg(m, MACHINE_PLIC_BASE + PLIC_ENABLE(1), 4), 0); /* hart 0: untouched */
  ck_assert_int_eq(plicdrv_disable(&p, MACHINE_IRQ_BLK), 0);
  ck_assert_uint_eq(reg(m, MACHINE_PLIC_BASE + PLIC_ENABLE(3), 4), 1u << MACHINE_IRQ_UART);
  /* Bad arguments change nothing. */
  ck_assert_int_eq(plicdrv_enable(&p, 0, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(plicdrv_enable(&p, PLIC_NSOURCES, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(plicdrv_enable(&p, 5, 0), -OSSIM_EINVAL);
  ck_assert_int_eq(plicdrv_enable(&p, 5, PLIC_MAX_PRIORITY + 1), -OSSIM_EINVAL);
  ck_assert_int_eq(plicdrv_disable(&p, 0), -OSSIM_EINVAL);
  ck_assert_uint_eq(reg(m, MACHINE_PLIC_BASE + PLIC_ENABLE(3), 4), 1u << MACHINE_IRQ_UART);
  ck_assert_uint_eq(reg(m, MACHINE_PLIC_BASE + PLIC_PRIORITY(5), 4), 0);
  ck_assert_uint_eq(hb.faults, 0);
  machine_destroy(m);
}
END_TEST

START_TEST(plic_claims_the_disk_after_completion) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 0, 1), 0);
  ck_assert_uint_eq(plicdrv_claim(&r.plic), 0); /* still busy: nothing to claim */
  ck_assert(!seip(r.m, 0));
  settle(r.m);
  ck_assert(seip(r.m, 0));
  ck_assert_uint_eq(plicdrv_claim(&r.plic), MACHINE_IRQ_BLK);
  ck_assert(!seip(r.m, 0));                     /* claimed: no longer offered */
  ck_assert_uint_eq(plicdrv_claim(&r.plic), 0); /* ... not even to a second claim */
  ck_assert_int_eq(blkdrv_intr(&r.disk), 0);
  plicdrv_complete(&r.plic, MACHINE_IRQ_BLK);
  ck_assert(!seip(r.m, 0)); /* the device dropped its line before the complete */
  ck_assert_uint_eq(plicdrv_claim(&r.plic), 0);
  /* Complete re-armed the source: the next request interrupts again. */
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 1, 1), 0);
  settle(r.m);
  ck_assert(seip(r.m, 0));
  ck_assert_uint_eq(plicdrv_claim(&r.plic), MACHINE_IRQ_BLK);
  /* Completing before the device is acknowledged: the line is still high, so it comes back. */
  plicdrv_complete(&r.plic, MACHINE_IRQ_BLK);
  ck_assert(seip(r.m, 0));
  ck_assert_uint_eq(plicdrv_claim(&r.plic), MACHINE_IRQ_BLK);
  ck_assert_int_eq(blkdrv_intr(&r.disk), 0);
  plicdrv_complete(&r.plic, MACHINE_IRQ_BLK);
  ck_assert(!seip(r.m, 0));
  rig_down(&r);
}
END_TEST

START_TEST(plic_routes_to_the_hart_that_enabled) {
  struct rig r;
  rig_up(&r, true, 2, NULL);
  ck_assert_int_eq(plicdrv_disable(&r.plic, MACHINE_IRQ_BLK), 0);
  struct plicdrv p1;
  plicdrv_init(&p1, &r.hb.bus, MACHINE_PLIC_BASE, 1);
  ck_assert_int_eq(plicdrv_enable(&p1, MACHINE_IRQ_BLK, 2), 0);
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 0, 1), 0);
  settle(r.m);
  ck_assert(!seip(r.m, 0));
  ck_assert(seip(r.m, 1));
  ck_assert_uint_eq(plicdrv_claim(&r.plic), 0);
  ck_assert_uint_eq(plicdrv_claim(&p1), MACHINE_IRQ_BLK);
  ck_assert_int_eq(blkdrv_intr(&r.disk), 0);
  plicdrv_complete(&p1, MACHINE_IRQ_BLK);
  ck_assert(!seip(r.m, 1));
  rig_down(&r);
}
END_TEST

/* ---- uartdrv ---- */

struct rx_log {
  char buf[256];
  unsigned n;
};

static void rx_collect(void *ctx, uint8_t byte) {
  struct rx_log *log = ctx;
  ck_assert_uint_lt(log->n, sizeof log->buf - 1);
  log->buf[log->n++] = (char)byte;
}

START_TEST(uart_init_sets_the_line) {
  struct capture cap = {.in = NULL};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  struct hostbus hb;
  hostbus_init(&hb, m);
  struct uartdrv u;
  uartdrv_init(&u, &hb.bus, MACHINE_UART_BASE, NULL, NULL);
  ck_assert_uint_eq(reg(m, MACHINE_UART_BASE + UART_LCR, 1), 0x03); /* 8N1, DLAB off */
  ck_assert_uint_eq(reg(m, MACHINE_UART_BASE + UART_IER, 1), UART_IER_RDA);
  ck_assert(bus_write(&m->bus, MACHINE_UART_BASE + UART_LCR, 1, UART_LCR_DLAB));
  ck_assert_uint_eq(reg(m, MACHINE_UART_BASE + UART_DLL, 1), 3);
  ck_assert_uint_eq(reg(m, MACHINE_UART_BASE + UART_DLM, 1), 0);
  ck_assert_uint_eq(hb.faults, 0);
  machine_destroy(m);
}
END_TEST

START_TEST(uart_putc_reaches_the_host) {
  struct capture cap = {.in = NULL};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  struct hostbus hb;
  hostbus_init(&hb, m);
  struct uartdrv u;
  uartdrv_init(&u, &hb.bus, MACHINE_UART_BASE, NULL, NULL);
  const char *msg = "hello, ossim\n\x01\xff";
  for (const char *p = msg; *p; p++)
    uartdrv_putc(&u, (uint8_t)*p);
  ck_assert_uint_eq(cap.len, strlen(msg));
  ck_assert_str_eq(cap.out, msg);
  /* Only the receive interrupt is enabled: sending raises nothing. */
  ck_assert(!line_pending(m, MACHINE_IRQ_UART));
  ck_assert_uint_eq(hb.faults, 0);
  machine_destroy(m);
}
END_TEST

START_TEST(uart_rx_interrupt_feeds_every_byte) {
  /* More than the 16-byte FIFO holds, so it takes several interrupts. */
  const char *text = "the quick brown fox jumps over the lazy dog, twice over.";
  struct capture cap = {.in = text};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  struct hostbus hb;
  hostbus_init(&hb, m);
  struct rx_log log = {.n = 0};
  struct uartdrv u;
  uartdrv_init(&u, &hb.bus, MACHINE_UART_BASE, rx_collect, &log);
  struct plicdrv p;
  plicdrv_init(&p, &hb.bus, MACHINE_PLIC_BASE, 0);
  ck_assert_int_eq(plicdrv_enable(&p, MACHINE_IRQ_UART, 1), 0);
  unsigned interrupts = 0;
  for (int turn = 0; turn < 100 && log.n < strlen(text); turn++) {
    machine_advance(m, machine_now(m) + UART_POLL_CYCLES);
    if (!seip(m, 0)) continue;
    ck_assert_uint_eq(plicdrv_claim(&p), MACHINE_IRQ_UART);
    ck_assert_uint_gt(uartdrv_intr(&u), 0);
    ck_assert_uint_eq(reg(m, MACHINE_UART_BASE + UART_LSR, 1) & UART_LSR_DR, 0); /* drained */
    plicdrv_complete(&p, MACHINE_IRQ_UART);
    ck_assert(!seip(m, 0)); /* so the line is down and nothing is offered again */
    interrupts++;
  }
  log.buf[log.n] = 0;
  ck_assert_str_eq(log.buf, text);
  ck_assert_uint_ge(interrupts, (strlen(text) + UART_FIFO_SIZE - 1) / UART_FIFO_SIZE);
  ck_assert_uint_eq(uartdrv_intr(&u), 0); /* a spurious call finds nothing */
  ck_assert_uint_eq(hb.faults, 0);
  machine_destroy(m);
}
END_TEST

START_TEST(uart_init_drops_early_input_and_polls) {
  /* The first poll fills the 16-byte FIFO before there is a driver; the rest waits. */
  struct capture cap = {.in = "0123456789abcdefXY"};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  struct hostbus hb;
  hostbus_init(&hb, m);
  machine_advance(m, UART_POLL_CYCLES);
  ck_assert_uint_eq(cap.in_pos, UART_FIFO_SIZE);
  struct uartdrv u;
  uartdrv_init(&u, &hb.bus, MACHINE_UART_BASE, NULL, NULL);
  ck_assert_int_eq(uartdrv_getc_poll(&u), -1); /* what came before init is gone */
  machine_advance(m, machine_now(m) + UART_POLL_CYCLES);
  ck_assert_int_eq(uartdrv_getc_poll(&u), 'X');
  ck_assert_int_eq(uartdrv_getc_poll(&u), 'Y');
  ck_assert_int_eq(uartdrv_getc_poll(&u), -1);
  ck_assert_uint_eq(hb.faults, 0);
  machine_destroy(m);
}
END_TEST

/* ---- blkdrv ---- */

START_TEST(blk_init_reads_the_device) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  ck_assert_uint_eq(blkdrv_capacity(&r.disk), 64);
  ck_assert(!blkdrv_busy(&r.disk));
  ck_assert_uint_eq(r.disk.dma, DMA);
  ck_assert_uint_eq(r.disk.dma_sectors, DMA_SECTORS);
  /* A DMA area larger than the largest request is used up to that request. */
  struct blkdrv big;
  ck_assert_int_eq(blkdrv_init(&big, &r.hb.bus, MACHINE_BLK_BASE, DMA, 1u << 20), 0);
  ck_assert_uint_eq(big.dma_sectors, BLK_MAX_COUNT);
  /* Smaller than a sector: no use. */
  ck_assert_int_eq(blkdrv_init(&big, &r.hb.bus, MACHINE_BLK_BASE, DMA, SECTOR - 1), -OSSIM_EINVAL);
  rig_down(&r);
}
END_TEST

START_TEST(blk_init_wants_the_right_device) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  struct hostbus hb;
  hostbus_init(&hb, m);
  struct blkdrv d;
  /* RAM is not a disk (its MAGIC reads 0), nor is the UART. */
  ck_assert_int_eq(blkdrv_init(&d, &hb.bus, RAM, DMA, SECTOR), -OSSIM_ENODEV);
  ck_assert_int_eq(blkdrv_init(&d, &hb.bus, MACHINE_UART_BASE, DMA, SECTOR), -OSSIM_ENODEV);
  /* Nor is a look-alike of another version (RAM dressed up as registers). */
  ck_assert(bus_write(&m->bus, RAM + BLK_REG_MAGIC, 4, BLK_MAGIC));
  ck_assert(bus_write(&m->bus, RAM + BLK_REG_VERSION, 4, BLK_VERSION + 1));
  ck_assert_int_eq(blkdrv_init(&d, &hb.bus, RAM, DMA, SECTOR), -OSSIM_ENODEV);
  ck_assert_int_eq(blkdrv_init(&d, &hb.bus, MACHINE_BLK_BASE, DMA, SECTOR), 0);
  machine_destroy(m);
}
END_TEST

START_TEST(blk_reads_sectors) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  static uint8_t buf[DMA_SECTORS * SECTOR];
  ck_assert_int_eq(request(&r, 0, 5, 3), 0);
  ck_assert_int_eq(blkdrv_buffer_get(&r.disk, buf, 0, 3 * SECTOR), 0);
  check_pattern(buf, 5, 3);
  /* The whole DMA area, to the last sector of the disk. */
  ck_assert_int_eq(request(&r, 0, 64 - DMA_SECTORS, DMA_SECTORS), 0);
  ck_assert_int_eq(blkdrv_buffer_get(&r.disk, buf, 0, sizeof buf), 0);
  check_pattern(buf, 64 - DMA_SECTORS, DMA_SECTORS);
  /* A piece of the area, at an offset. */
  uint8_t part[10];
  ck_assert_int_eq(blkdrv_buffer_get(&r.disk, part, SECTOR + 100, sizeof part), 0);
  ck_assert_mem_eq(part, buf + SECTOR + 100, sizeof part);
  rig_down(&r);
}
END_TEST

START_TEST(blk_writes_sectors) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  uint8_t data[2 * SECTOR], got[2 * SECTOR];
  for (unsigned i = 0; i < sizeof data; i++)
    data[i] = (uint8_t)(0xa5 ^ i ^ (i >> 8));
  ck_assert_int_eq(blkdrv_buffer_put(&r.disk, 0, data, sizeof data), 0);
  ck_assert_int_eq(request(&r, 1, 10, 2), 0);
  ck_assert_int_eq(blkdrv_start_flush(&r.disk), 0);
  ck_assert_int_eq(blkdrv_wait_poll(&r.disk), 0);
  /* The file holds the new sectors and nothing else changed. */
  uint8_t sec[SECTOR];
  for (uint32_t s = 0; s < 64; s++) {
    file_sector(&r.img, s, sec);
    if (s == 10 || s == 11)
      ck_assert_mem_eq(sec, data + (s - 10) * SECTOR, SECTOR);
    else
      check_pattern(sec, s, 1);
  }
  /* And the driver reads them back. */
  memset(got, 0, sizeof got);
  ck_assert_int_eq(blkdrv_buffer_put(&r.disk, 0, got, sizeof got), 0); /* clear the area */
  ck_assert_int_eq(request(&r, 0, 10, 2), 0);
  ck_assert_int_eq(blkdrv_buffer_get(&r.disk, got, 0, sizeof got), 0);
  ck_assert_mem_eq(got, data, sizeof data);
  rig_down(&r);
}
END_TEST

START_TEST(blk_one_request_at_a_time) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  uint8_t b[4] = {0};
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 0, 1), 0);
  ck_assert(blkdrv_busy(&r.disk));
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 1, 1), -OSSIM_EBUSY);
  ck_assert_int_eq(blkdrv_start(&r.disk, 1, 1, 1), -OSSIM_EBUSY);
  ck_assert_int_eq(blkdrv_start_flush(&r.disk), -OSSIM_EBUSY);
  /* The device owns the DMA area until the request ends. */
  ck_assert_int_eq(blkdrv_buffer_put(&r.disk, 0, b, sizeof b), -OSSIM_EBUSY);
  ck_assert_int_eq(blkdrv_buffer_get(&r.disk, b, 0, sizeof b), -OSSIM_EBUSY);
  /* An interrupt handler called before the device finished changes nothing. */
  ck_assert_int_eq(blkdrv_intr(&r.disk), -OSSIM_EAGAIN);
  ck_assert(blkdrv_busy(&r.disk));
  ck_assert_uint_eq(reg(r.m, MACHINE_BLK_BASE + BLK_REG_STATUS, 4), BLK_STATUS_BUSY);
  settle(r.m);
  ck_assert_int_eq(blkdrv_intr(&r.disk), 0);
  ck_assert(!blkdrv_busy(&r.disk));
  ck_assert_uint_eq(reg(r.m, MACHINE_BLK_BASE + BLK_REG_STATUS, 4), BLK_STATUS_IDLE);
  ck_assert_int_eq(blkdrv_intr(&r.disk), -OSSIM_EAGAIN); /* a second, spurious call */
  ck_assert_int_eq(blkdrv_buffer_get(&r.disk, b, 0, sizeof b), 0);
  ck_assert_uint_eq(b[0], pattern(0, 0));
  ck_assert_int_eq(request(&r, 0, 1, 1), 0); /* and the next one goes */
  rig_down(&r);
}
END_TEST

START_TEST(blk_refuses_bad_requests) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  uint8_t b[8] = {0};
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 64, 1), -OSSIM_EINVAL);          /* past the end */
  ck_assert_int_eq(blkdrv_start(&r.disk, 1, 63, 2), -OSSIM_EINVAL);          /* across the end */
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 0xffffffffu, 2), -OSSIM_EINVAL); /* wraps */
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 0, 0), -OSSIM_EINVAL);
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 0, DMA_SECTORS + 1), -OSSIM_EINVAL);
  ck_assert(!blkdrv_busy(&r.disk));
  ck_assert_uint_eq(reg(r.m, MACHINE_BLK_BASE + BLK_REG_STATUS, 4), BLK_STATUS_IDLE);
  ck_assert_int_eq(blkdrv_wait_poll(&r.disk), -OSSIM_EINVAL); /* nothing to wait for */
  uint32_t area = DMA_SECTORS * SECTOR;
  ck_assert_int_eq(blkdrv_buffer_put(&r.disk, area - 4, b, 8), -OSSIM_EINVAL);
  ck_assert_int_eq(blkdrv_buffer_get(&r.disk, b, area, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(blkdrv_buffer_get(&r.disk, b, 0xffffffffu, 2), -OSSIM_EINVAL); /* wraps */
  ck_assert_int_eq(blkdrv_buffer_put(&r.disk, area - 8, b, 8), 0);
  ck_assert_int_eq(request(&r, 0, 63, 1), 0); /* the last sector is fine */
  rig_down(&r);
}
END_TEST

START_TEST(blk_without_a_disk) {
  struct rig r;
  rig_up(&r, false, 1, NULL);
  ck_assert_uint_eq(blkdrv_capacity(&r.disk), 0);
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 0, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(blkdrv_start(&r.disk, 1, 0, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(blkdrv_start_flush(&r.disk), -OSSIM_EINVAL);
  ck_assert(!blkdrv_busy(&r.disk));
  rig_down(&r);
}
END_TEST

START_TEST(blk_reports_device_errors) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  /* The device's own range check: a driver that believes the disk larger than it is. */
  r.disk.capacity = 100;
  ck_assert_int_eq(request(&r, 0, 64, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(blkdrv_start(&r.disk, 1, 70, 1), 0);
  ck_assert_int_eq(blkdrv_wait_poll(&r.disk), -OSSIM_EINVAL); /* rejected at once */
  r.disk.capacity = 64;
  /* The medium fails: the image shrinks under the machine, reads past its end fail. */
  ck_assert_int_eq(truncate(r.img.path, 32 * SECTOR), 0);
  ck_assert_int_eq(request(&r, 0, 40, 1), -OSSIM_EIO);
  ck_assert_int_eq(request(&r, 0, 0, 1), 0); /* the rest still reads */
  rig_down(&r);
}
END_TEST

START_TEST(blk_dma_area_outside_ram) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  struct blkdrv d;
  ck_assert_int_eq(blkdrv_init(&d, &r.hb.bus, MACHINE_BLK_BASE, 0x20000000u, SECTOR), 0);
  ck_assert_int_eq(blkdrv_start(&d, 0, 0, 1), 0);
  ck_assert_int_eq(blkdrv_wait_poll(&d), -OSSIM_EFAULT);
  ck_assert(!blkdrv_busy(&d));
  rig_down(&r);
}
END_TEST

START_TEST(blk_wait_poll_moves_time) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  struct hart *h = r.m->harts[0];
  r.hb.hart = h; /* the kernel code polling runs on hart 0 */
  uint64_t t0 = machine_now(r.m), h0 = h->cycles;
  uint64_t latency = r.m->cfg.cost.disk_request + 4ull * r.m->cfg.cost.disk_sector;
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 8, 4), 0);
  ck_assert_int_eq(blkdrv_wait_poll(&r.disk), 0);
  ck_assert(!blkdrv_busy(&r.disk));
  /* The device finished, so time moved at least its latency, and the hart spent it. */
  ck_assert_uint_ge(machine_now(r.m), t0 + latency);
  ck_assert_uint_ge(h->cycles, h0 + latency);
  ck_assert(!line_pending(r.m, MACHINE_IRQ_BLK)); /* acknowledged: no interrupt left over */
  static uint8_t buf[4 * SECTOR];
  ck_assert_int_eq(blkdrv_buffer_get(&r.disk, buf, 0, sizeof buf), 0);
  check_pattern(buf, 8, 4);
  rig_down(&r);
}
END_TEST

/* A restarted driver finds the device as the old one left it. */
START_TEST(blk_init_adopts_a_request_in_flight) {
  struct rig r;
  rig_up(&r, true, 1, NULL);
  ck_assert_int_eq(blkdrv_start(&r.disk, 0, 3, 1), 0);
  struct blkdrv fresh;
  ck_assert_int_eq(blkdrv_init(&fresh, &r.hb.bus, MACHINE_BLK_BASE, DMA, SECTOR), 0);
  ck_assert(blkdrv_busy(&fresh)); /* still running: it will interrupt, wait for it */
  ck_assert_int_eq(blkdrv_start(&fresh, 0, 0, 1), -OSSIM_EBUSY);
  ck_assert_int_eq(blkdrv_wait_poll(&fresh), 0);
  ck_assert_int_eq(blkdrv_start(&fresh, 0, 0, 1), 0);
  /* Finished but not acknowledged: init acknowledges it, the line drops. */
  settle(r.m);
  ck_assert(line_pending(r.m, MACHINE_IRQ_BLK));
  ck_assert_int_eq(blkdrv_init(&fresh, &r.hb.bus, MACHINE_BLK_BASE, DMA, SECTOR), 0);
  ck_assert(!blkdrv_busy(&fresh));
  ck_assert(!line_pending(r.m, MACHINE_IRQ_BLK));
  ck_assert_uint_eq(reg(r.m, MACHINE_BLK_BASE + BLK_REG_STATUS, 4), BLK_STATUS_IDLE);
  ck_assert_int_eq(blkdrv_start(&fresh, 0, 0, 1), 0);
  ck_assert_int_eq(blkdrv_wait_poll(&fresh), 0);
  rig_down(&r);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("drivers");
  TCase *bus = tcase_create("hostbus");
  tcase_add_test(bus, hostbus_reaches_registers_and_ram);
  tcase_add_test(bus, hostbus_counts_faults);
  tcase_add_test(bus, hostbus_charges_the_hart);
  suite_add_tcase(s, bus);
  TCase *plic = tcase_create("plicdrv");
  tcase_add_test(plic, plic_init_and_enable);
  tcase_add_test(plic, plic_claims_the_disk_after_completion);
  tcase_add_test(plic, plic_routes_to_the_hart_that_enabled);
  suite_add_tcase(s, plic);
  TCase *uart = tcase_create("uartdrv");
  tcase_add_test(uart, uart_init_sets_the_line);
  tcase_add_test(uart, uart_putc_reaches_the_host);
  tcase_add_test(uart, uart_rx_interrupt_feeds_every_byte);
  tcase_add_test(uart, uart_init_drops_early_input_and_polls);
  suite_add_tcase(s, uart);
  TCase *blk = tcase_create("blkdrv");
  tcase_add_test(blk, blk_init_reads_the_device);
  tcase_add_test(blk, blk_init_wants_the_right_device);
  tcase_add_test(blk, blk_reads_sectors);
  tcase_add_test(blk, blk_writes_sectors);
  tcase_add_test(blk, blk_one_request_at_a_time);
  tcase_add_test(blk, blk_refuses_bad_requests);
  tcase_add_test(blk, blk_without_a_disk);
  tcase_add_test(blk, blk_reports_device_errors);
  tcase_add_test(blk, blk_dma_area_outside_ram);
  tcase_add_test(blk, blk_wait_poll_moves_time);
  tcase_add_test(blk, blk_init_adopts_a_request_in_flight);
  suite_add_tcase(s, blk);
  return s;
}
