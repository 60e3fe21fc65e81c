/*
 * devbus_mmio: the devbus for guest code that sees devices and DMA memory at their physical
 * addresses (identity mapped, or running with paging off): register accesses are volatile
 * loads and stores, DMA copies are memcpy. The microkernel's driver servers and the
 * unikernel's library OS use it:
 *
 *     struct devbus bus = devbus_mmio();
 *     uartdrv_init(&uart, &bus, UART_BASE, rx, ctx);
 *
 * Everything here is static inline, so the header is all there is. A bad address faults like
 * any bad load or store of the program that makes it.
 *
 * Not for: host code (the monolithic kernel uses kernels/hostbus.h), or devices mapped at
 * another address than their physical one (build a devbus that adds the offset).
 */
#ifndef OSSIM_DEVBUS_MMIO_H
#define OSSIM_DEVBUS_MMIO_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "devbus.h"

/* volatile: every access reaches the device, in program order, and none is merged,
 * repeated or left out by the compiler. */
static inline uint32_t devbus_mmio_read(void *ctx, uint32_t pa, unsigned size) {
  (void)ctx;
  uintptr_t a = (uintptr_t)pa;
  switch (size) {
  case 1: return *(volatile uint8_t *)a;
  case 2: return *(volatile uint16_t *)a;
  default: return *(volatile uint32_t *)a;
  }
}

static inline void devbus_mmio_write(void *ctx, uint32_t pa, unsigned size, uint32_t val) {
  (void)ctx;
  uintptr_t a = (uintptr_t)pa;
  switch (size) {
  case 1: *(volatile uint8_t *)a = (uint8_t)val; break;
  case 2: *(volatile uint16_t *)a = (uint16_t)val; break;
  default: *(volatile uint32_t *)a = val; break;
  }
}

/* Orders memory and device accesses (a compiler barrier, and on RISC-V a full fence, as
 * xv6's __sync_synchronize): the DMA buffer's bytes must be in memory before the register
 * write that starts the device, and the buffer must be read only after the status read
 * that said the device is done. ossim's machine never reorders, real hardware may. */
static inline void devbus_mmio_fence(void) {
#if defined(__riscv)
  __asm__ __volatile__("fence iorw, iorw" ::: "memory");
#else
  __asm__ __volatile__("" ::: "memory");
#endif
}

static inline void devbus_mmio_to_phys(void *ctx, uint32_t pa, const void *src, uint32_t n) {
  (void)ctx;
  memcpy((void *)(uintptr_t)pa, src, n);
  devbus_mmio_fence();
}

static inline void devbus_mmio_from_phys(void *ctx, void *dst, uint32_t pa, uint32_t n) {
  (void)ctx;
  devbus_mmio_fence();
  memcpy(dst, (const void *)(uintptr_t)pa, n);
}

/* A devbus over identity-mapped MMIO. Spinning on a real CPU lets time pass, so no relax. */
static inline struct devbus devbus_mmio(void) {
  struct devbus b = {
      NULL, devbus_mmio_read, devbus_mmio_write, devbus_mmio_to_phys, devbus_mmio_from_phys, NULL};
  return b;
}

#endif
