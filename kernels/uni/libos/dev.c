/*
 * dev.c: the library OS's devices, through the same drivers mono links into its kernel
 * (kernels/lib/drivers) over a devbus of plain loads and stores (devbus_mmio.h).
 *
 * There is nothing else to run while the program waits for a device, so it waits in wfi:
 * the device's interrupt is enabled at the PLIC and in sie, but not in sstatus, so no trap is
 * taken -- wfi simply returns when the line rises, and the code that waited claims and
 * completes it (polling with a sleeping CPU, as many unikernels do). The timer works the
 * same way through stimecmp.
 */
#include <stdarg.h>

#include "abi/errno.h"
#include "abi/marks.h"
#include "abi/testdev.h"
#include "blkdrv.h"
#include "devbus_mmio.h"
#include "file/cons.h"
#include "fs/fs.h"
#include "libos.h"
#include "plicdrv.h"
#include "rt.h"
#include "uartdrv.h"
#include "ulib.h"

/* The devices' interrupt sources at the PLIC (abi/memmap.h: MACHINE_IRQ_*). */
#define IRQ_BLK 1
#define IRQ_UART 10

/* Set up by libos_dev_init; only this file touches them. */
static struct devbus bus;
static struct uartdrv uart;
static struct plicdrv plic;
static struct blkdrv disk;
static bool have_disk;
static int disk_result;  /* the last request's result, from the interrupt */
static struct cons cons; /* typed input: the line discipline mono and micro run too */
static uint8_t dma[FS_BSIZE] __attribute__((aligned(64))); /* the disk's DMA area */

void libos_console_init(void) {
  bus = devbus_mmio();
  uartdrv_init(&uart, &bus, MACHINE_UART_BASE, 0, 0);
}

int libos_dev_init(void) {
  plicdrv_init(&plic, &bus, MACHINE_PLIC_BASE, 0);
  plicdrv_enable(&plic, IRQ_BLK, 1);
  csr_set(sie, SIE_SEIE | SIE_STIE); /* wake wfi; sstatus.SIE stays clear: no traps */
  rt_set_stimecmp(UINT64_MAX);
  int rc = blkdrv_init(&disk, &bus, MACHINE_BLK_BASE, (uint32_t)(uintptr_t)dma, sizeof dma);
  have_disk = rc == 0 && blkdrv_capacity(&disk) > 0;
  return have_disk ? 0 : -OSSIM_ENODEV;
}

/* Sleeps until an enabled device or the timer asks, then serves every claimed source. The
 * UART's line stays high while bytes wait in its FIFO, so its source is switched off once
 * claimed: the console turns it on only while it waits for input. */
static void wait_interrupt(void) {
  wfi();
  uint32_t src;
  while ((src = plicdrv_claim(&plic)) != 0) {
    if (src == IRQ_BLK) disk_result = blkdrv_intr(&disk);
    plicdrv_complete(&plic, src);
    if (src == IRQ_UART) plicdrv_disable(&plic, IRQ_UART);
  }
}

/* ---- the timer ---- */

uint32_t libos_ticks(void) { return (uint32_t)(rt_time() / LIBOS_TICK_CYCLES); }

/* Waits until time `when` or a device interrupt, whichever is first. */
static void wait_until(uint64_t when) {
  rt_set_stimecmp(when);
  if (rt_time() < when) wait_interrupt();
  rt_set_stimecmp(UINT64_MAX); /* and the timer's line drops */
}

void libos_sleep_ticks(uint32_t n) {
  uint64_t end = rt_time() + (uint64_t)n * LIBOS_TICK_CYCLES;
  while (rt_time() < end)
    wait_until(end);
}

/* ---- the console ---- */

void libos_console_write(const char *s, uint32_t n) {
  for (uint32_t i = 0; i < n; i++)
    uartdrv_putc(&uart, (uint8_t)s[i]);
}

/* Waits for a byte to arrive, or a tick: the end of input raises no interrupt, so the
 * console looks at the carrier again after each tick. */
static void wait_console(void) {
  plicdrv_enable(&plic, IRQ_UART, 1);
  wait_until(rt_time() + LIBOS_TICK_CYCLES);
  plicdrv_disable(&plic, IRQ_UART);
}

static void console_echo(void *ctx, const char *s, uint32_t n) {
  (void)ctx;
  libos_console_write(s, n);
}

/* A line from the console, edited as on mono and micro (file/cons.h). ^C has nobody to
 * stop: the one program is the whole system. At the end of the host's input a line half
 * typed is ended, as a ^D would, so that the program gets it before the end of input. */
int libos_console_read(char *dst, uint32_t n) {
  const struct cons_ops ops = {.echo = console_echo};
  int got;
  while ((got = cons_read(&cons, dst, n)) == -OSSIM_EAGAIN) {
    int c = uartdrv_getc_poll(&uart);
    if (c >= 0)
      cons_input(&cons, (uint8_t)c, &ops);
    else if (!uartdrv_hung_up(&uart))
      wait_console();
    else if (cons_drained(&cons))
      return 0;
    else
      cons_input(&cons, CONS_CTRL('D'), &ops);
  }
  return got;
}

/* ---- the disk ---- */

static int disk_io(uint32_t block, void *buf, int write) {
  uint32_t sectors = FS_BSIZE / 512u;
  if (!have_disk) return -OSSIM_ENODEV;
  if (write) blkdrv_buffer_put(&disk, 0, buf, FS_BSIZE);
  int rc = blkdrv_start(&disk, write, block * sectors, sectors);
  if (rc < 0) return rc;
  while (blkdrv_busy(&disk))
    wait_interrupt();
  if (disk_result < 0) return disk_result;
  if (!write) blkdrv_buffer_get(&disk, buf, 0, FS_BSIZE);
  return 0;
}

int libos_disk_read(void *ctx, uint32_t block, void *buf) {
  (void)ctx;
  return disk_io(block, buf, 0);
}

int libos_disk_write(void *ctx, uint32_t block, const void *buf) {
  (void)ctx;
  return disk_io(block, (void *)buf, 1);
}

/* ---- the trace port and the test device ---- */

void libos_mark(uint32_t id, uint32_t a0, uint32_t a1, uint32_t a2) { trace_mark(id, a0, a1, a2); }

_Noreturn void libos_poweroff(int status) {
  /* The status a process's parent sees on mono is status & 0xff: the same here. */
  uint32_t code = (uint32_t)status & 0xffu;
  fence();
  mmio_write32(MACHINE_TEST_BASE, code == 0 ? TESTDEV_PASS : (code << 16) | TESTDEV_FAIL);
  for (;;)
    wfi();
}

_Noreturn void libos_panic(int code, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  int n = ulib_vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  libos_console_write(msg, n < (int)sizeof msg ? (uint32_t)n : sizeof msg - 1);
  libos_poweroff(code);
}
