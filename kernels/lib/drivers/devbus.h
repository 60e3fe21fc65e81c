/*
 * devbus: how the shared drivers reach a device, whoever runs them.
 *
 * The UART, block and PLIC drivers are written once and run in three places: inside the
 * monolithic kernel (host code, which reaches the registers through the machine's bus; see
 * kernels/hostbus.h), in the microkernel's driver servers and in the unikernel's library OS
 * (guest code, which reaches them with loads and stores to mapped MMIO; see devbus_mmio.h).
 * A driver never touches a register or a DMA buffer except through a struct devbus, so the
 * same driver source serves all three.
 *
 * Addresses are guest physical (or, for guest code, whatever address the device and the DMA
 * memory are mapped at: identity mapping makes the two the same).
 *
 * Not for: discovering devices, mapping them, or interrupt delivery; the caller knows where
 * each device is and calls the driver's interrupt handler when its line is claimed.
 */
#ifndef OSSIM_DEVBUS_H
#define OSSIM_DEVBUS_H

#include <stdint.h>

/* Set up once by whoever builds it (hostbus_init, devbus_mmio) and then only read. */
struct devbus {
  void *ctx; /* handed back to every function below */
  /* One register access of 1, 2 or 4 bytes. */
  uint32_t (*read)(void *ctx, uint32_t pa, unsigned size);
  void (*write)(void *ctx, uint32_t pa, unsigned size, uint32_t val);
  /* DMA buffers: copy between the caller's memory and guest physical memory. */
  void (*to_phys)(void *ctx, uint32_t pa, const void *src, uint32_t n);
  void (*from_phys)(void *ctx, void *dst, uint32_t pa, uint32_t n);
  /* Called on every turn of a driver's polling loop (cpu_relax in Linux). May be NULL: on a
   * real CPU, and for guest code, spinning itself lets time pass. A hosted kernel's device
   * time moves only when the host says so, so its bus moves time forward here. */
  void (*relax)(void *ctx);
};

/* What a driver's polling loop calls between two reads of a status register. */
static inline void devbus_relax(const struct devbus *bus) {
  if (bus->relax) bus->relax(bus->ctx);
}

#endif
