/*
 * hostbus: the devbus of hosted kernels (mono, and the host side of micro), which run as
 * host code beside the machine instead of on it. The shared drivers in kernels/lib/drivers
 * reach the device registers through the machine's bus (bus_read, bus_write) and the DMA
 * areas through its RAM (bus_ram_write, bus_ram_read).
 *
 * Two things a CPU would do by itself are done here, so that a hosted kernel pays what a
 * real one would: when `hart` is set, each register access costs it cost.mmio cycles and
 * each byte copied cost.copy_byte_x16 sixteenths of a cycle, as the machine charges guest
 * loads, stores and copies through the host API; and a driver's polling loop (devbus relax)
 * moves the machine's time to its next device event, since the host's spinning would
 * never let the device finish. A hart attached is brought forward to that time as well: it
 * spent it spinning.
 *
 *     struct hostbus hb;
 *     hostbus_init(&hb, m);
 *     blkdrv_init(&disk, &hb.bus, MACHINE_BLK_BASE, dma, size);
 *
 * An access that nothing answers (a driver bug: a wrong base address) reads all ones, as on
 * most real buses, writes nothing, and is counted in `faults`.
 *
 * Not for: guest code (kernels/lib/drivers/devbus_mmio.h), or user memory (mmu.h's copies
 * go through a hart's page table; this is physical).
 */
#ifndef OSSIM_HOSTBUS_H
#define OSSIM_HOSTBUS_H

#include <stdint.h>

#include "devbus.h"

struct machine;
struct hart;

struct hostbus {
  struct devbus bus; /* set by hostbus_init: hand &hb->bus to drivers */
  struct machine *m;
  /* The hart whose kernel code is running the driver, charged for its accesses; NULL
   * charges no one. The kernel may change it at any time between driver calls. */
  struct hart *hart;
  /* Accesses that reached nothing; written by the bus functions, read by anyone. */
  uint32_t faults;
  uint32_t last_fault_pa;
};

/* Sets hb up over machine m, charging no hart. hb must outlive every driver given hb->bus. */
void hostbus_init(struct hostbus *hb, struct machine *m);

#endif
