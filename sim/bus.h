/*
 * bus: the physical address space, RAM plus memory-mapped devices.
 *
 * Everything that touches physical memory without going through the interpreter's fast
 * path comes here: the slow paths of loads and stores, device DMA, the ELF loader and the
 * host API of hosted kernels. Writes to RAM here keep the decode cache honest (a write to
 * a page holding decoded instructions invalidates them).
 *
 * Not for: virtual addresses (see mmu.h) or access rights (the bus has none; an address
 * with nothing behind it is an access fault, reported as `false`).
 */
#ifndef OSSIM_BUS_H
#define OSSIM_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dcache;

/* A device's register window. `off` is relative to the window's base; size is 1, 2 or 4.
 * Return false for an access the device does not accept (an access fault). */
struct bus_ops {
  bool (*read)(void *dev, uint32_t off, unsigned size, uint32_t *val);
  bool (*write)(void *dev, uint32_t off, unsigned size, uint32_t val);
};

struct bus_region {
  uint32_t base, size;
  const char *name;
  const struct bus_ops *ops;
  void *dev;
};

#define BUS_MAX_REGIONS 16

struct bus {
  uint8_t *ram; /* host copy of guest RAM, ram_size bytes */
  uint32_t ram_base, ram_size;
  struct dcache *dcache; /* told of writes to RAM pages holding code */
  struct bus_region regions[BUS_MAX_REGIONS];
  unsigned nregions;
};

/* Adds a device window; returns 0, or -EINVAL if it overlaps RAM or another window,
 * -ENOSPC if the table is full. */
int bus_map(struct bus *b, uint32_t base, uint32_t size, const char *name,
            const struct bus_ops *ops, void *dev);
/* The device window holding pa, or NULL. */
const struct bus_region *bus_find(const struct bus *b, uint64_t pa);

/* One naturally sized access (1, 2 or 4 bytes) to RAM or a device. false: access fault. */
bool bus_read(struct bus *b, uint64_t pa, unsigned size, uint32_t *val);
bool bus_write(struct bus *b, uint64_t pa, unsigned size, uint32_t val);

/* True when [pa, pa+len) lies wholly in RAM. */
static inline bool bus_in_ram(const struct bus *b, uint64_t pa, uint64_t len) {
  return pa >= b->ram_base && len <= b->ram_size && pa - b->ram_base <= b->ram_size - len;
}
/* Block copies to and from RAM only (DMA, loaders). false if any byte is outside RAM;
 * then nothing is copied. */
bool bus_ram_read(struct bus *b, uint64_t pa, void *dst, size_t len);
bool bus_ram_write(struct bus *b, uint64_t pa, const void *src, size_t len);
bool bus_ram_fill(struct bus *b, uint64_t pa, uint8_t byte, size_t len);

#endif
