#include "bus.h"

#include <errno.h>
#include <string.h>

#include "dcache.h"

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen) {
  return a < b + blen && b < a + alen;
}

int bus_map(struct bus *b, uint32_t base, uint32_t size, const char *name,
            const struct bus_ops *ops, void *dev) {
  if (size == 0 || (uint64_t)base + size > (1ull << 32) ||
      overlaps(base, size, b->ram_base, b->ram_size))
    return -EINVAL;
  for (unsigned i = 0; i < b->nregions; i++)
    if (overlaps(base, size, b->regions[i].base, b->regions[i].size)) return -EINVAL;
  if (b->nregions == BUS_MAX_REGIONS) return -ENOSPC;
  b->regions[b->nregions++] = (struct bus_region){base, size, name, ops, dev};
  return 0;
}

const struct bus_region *bus_find(const struct bus *b, uint64_t pa) {
  for (unsigned i = 0; i < b->nregions; i++) {
    const struct bus_region *r = &b->regions[i];
    if (pa >= r->base && pa - r->base < r->size) return r;
  }
  return NULL;
}

bool bus_read(struct bus *b, uint64_t pa, unsigned size, uint32_t *val) {
  if (bus_in_ram(b, pa, size)) {
    uint32_t v = 0;
    memcpy(&v, b->ram + (pa - b->ram_base), size); /* little-endian host, see machine.c */
    *val = v;
    return true;
  }
  const struct bus_region *r = bus_find(b, pa);
  if (!r || pa - r->base > r->size - size || !r->ops->read) return false;
  return r->ops->read(r->dev, (uint32_t)(pa - r->base), size, val);
}

bool bus_write(struct bus *b, uint64_t pa, unsigned size, uint32_t val) {
  if (bus_in_ram(b, pa, size)) {
    memcpy(b->ram + (pa - b->ram_base), &val, size);
    if (b->dcache) dcache_note_write(b->dcache, (uint32_t)pa, size);
    return true;
  }
  const struct bus_region *r = bus_find(b, pa);
  if (!r || pa - r->base > r->size - size || !r->ops->write) return false;
  return r->ops->write(r->dev, (uint32_t)(pa - r->base), size, val);
}

bool bus_ram_read(struct bus *b, uint64_t pa, void *dst, size_t len) {
  if (!bus_in_ram(b, pa, len)) return false;
  if (len) memcpy(dst, b->ram + (pa - b->ram_base), len);
  return true;
}

bool bus_ram_write(struct bus *b, uint64_t pa, const void *src, size_t len) {
  if (!bus_in_ram(b, pa, len)) return false;
  if (len == 0) return true;
  memcpy(b->ram + (pa - b->ram_base), src, len);
  if (b->dcache) dcache_note_write(b->dcache, (uint32_t)pa, (uint32_t)len);
  return true;
}

bool bus_ram_fill(struct bus *b, uint64_t pa, uint8_t byte, size_t len) {
  if (!bus_in_ram(b, pa, len)) return false;
  if (len == 0) return true;
  memset(b->ram + (pa - b->ram_base), byte, len);
  if (b->dcache) dcache_note_write(b->dcache, (uint32_t)pa, (uint32_t)len);
  return true;
}
