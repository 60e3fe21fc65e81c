/*
 * The four kinds of map. An array and a per-hart array are values side by side (a per-hart
 * array keeps nharts copies of the whole array, one after the other). A hash map is an
 * open-addressing table of 2 * max_entries slots with linear probing; a slot is a state
 * byte, the key and the value, each rounded up to 8 bytes so that values stay aligned for
 * the 8-byte loads and atomics a program does on them. A ring buffer is a byte ring of
 * records, each an 8-byte header (its length) and its data rounded up to 8.
 */
#include "bpf_impl.h"

enum { SLOT_FREE, SLOT_USED, SLOT_DELETED };

#define ROUND8(n) (((n) + 7u) & ~(size_t)7u)
#define RING_HDR 8u
#define MAX_ENTRIES 65536u

static size_t slot_size(const struct bpf_map_def *d) {
  return 8u + ROUND8(d->key_size) + ROUND8(d->value_size);
}

size_t bpf_map_storage_size(const struct bpf_map_def *d, uint32_t nharts) {
  if (nharts == 0) return 0;
  if (d->type == BPF_MAP_TYPE_RINGBUF) {
    uint32_t n = d->max_entries;
    if (n < 64 || n > (1u << 24) || (n & (n - 1)) || d->key_size || d->value_size) return 0;
    return n;
  }
  if (d->max_entries == 0 || d->max_entries > MAX_ENTRIES || d->value_size == 0 ||
      d->value_size > BPF_MAP_VALUE_MAX || d->key_size == 0 || d->key_size > BPF_MAP_VALUE_MAX)
    return 0;
  size_t value = ROUND8(d->value_size);
  switch (d->type) {
  case BPF_MAP_TYPE_ARRAY: return d->key_size == 4 ? value * d->max_entries : 0;
  case BPF_MAP_TYPE_PERCPU_ARRAY: return d->key_size == 4 ? value * d->max_entries * nharts : 0;
  case BPF_MAP_TYPE_HASH: return slot_size(d) * 2u * d->max_entries;
  default: return 0;
  }
}

int bpf_map_init(struct bpf_map *m, const struct bpf_map_def *def, uint32_t nharts, void *storage,
                 size_t size) {
  size_t need = bpf_map_storage_size(def, nharts);
  if (need == 0) return -OSSIM_EINVAL;
  if (size < need) return -OSSIM_ENOMEM;
  memset(m, 0, sizeof *m);
  m->def = *def;
  m->def.name[BPF_NAME_MAX - 1] = 0;
  m->nharts = def->type == BPF_MAP_TYPE_PERCPU_ARRAY ? nharts : 1;
  m->data = storage;
  m->size = need;
  memset(storage, 0, need);
  return 0;
}

static int is_array(const struct bpf_map *m) {
  return m->def.type == BPF_MAP_TYPE_ARRAY || m->def.type == BPF_MAP_TYPE_PERCPU_ARRAY;
}

static uint8_t *array_value(struct bpf_map *m, uint32_t index, uint32_t hart) {
  if (index >= m->def.max_entries || hart >= m->nharts) return NULL;
  size_t value = ROUND8(m->def.value_size);
  return m->data + value * ((size_t)hart * m->def.max_entries + index);
}

static uint32_t hash_key(const uint8_t *key, uint32_t n) {
  uint32_t h = 2166136261u; /* FNV-1a: simple, and good enough for small keys */
  for (uint32_t i = 0; i < n; i++)
    h = (h ^ key[i]) * 16777619u;
  return h;
}

static uint8_t *slot_at(struct bpf_map *m, uint32_t i) { return m->data + slot_size(&m->def) * i; }
static uint8_t *slot_key(uint8_t *slot) { return slot + 8; }
static uint8_t *slot_value(struct bpf_map *m, uint8_t *slot) {
  return slot + 8 + ROUND8(m->def.key_size);
}

/* The slot holding key, or NULL; *free_slot (if not NULL) gets the first reusable slot on
 * the probe path, for an insertion. */
static uint8_t *hash_find(struct bpf_map *m, const void *key, uint8_t **free_slot) {
  uint32_t nslots = 2u * m->def.max_entries;
  uint32_t i = hash_key(key, m->def.key_size) % nslots;
  if (free_slot) *free_slot = NULL;
  for (uint32_t n = 0; n < nslots; n++, i = (i + 1) % nslots) {
    uint8_t *s = slot_at(m, i);
    if (s[0] == SLOT_FREE) {
      if (free_slot && !*free_slot) *free_slot = s;
      return NULL;
    }
    if (s[0] == SLOT_DELETED) {
      if (free_slot && !*free_slot) *free_slot = s;
    } else if (memcmp(slot_key(s), key, m->def.key_size) == 0) {
      return s;
    }
  }
  return NULL;
}

void *bpf_map_lookup(struct bpf_map *m, const void *key, uint32_t hart) {
  if (is_array(m)) {
    uint32_t index;
    memcpy(&index, key, 4);
    return array_value(m, index, m->def.type == BPF_MAP_TYPE_ARRAY ? 0 : hart);
  }
  if (m->def.type != BPF_MAP_TYPE_HASH) return NULL;
  uint8_t *s = hash_find(m, key, NULL);
  return s ? slot_value(m, s) : NULL;
}

int bpf_map_update(struct bpf_map *m, const void *key, const void *value, uint64_t flags,
                   uint32_t hart) {
  if (flags > BPF_EXIST || m->def.type == BPF_MAP_TYPE_RINGBUF) return -OSSIM_EINVAL;
  if (is_array(m)) {
    uint8_t *v = bpf_map_lookup(m, key, hart);
    if (!v) return -OSSIM_E2BIG;
    if (flags == BPF_NOEXIST) return -OSSIM_EEXIST;
    memcpy(v, value, m->def.value_size);
    return 0;
  }
  uint8_t *free_slot;
  uint8_t *s = hash_find(m, key, &free_slot);
  if (s && flags == BPF_NOEXIST) return -OSSIM_EEXIST;
  if (!s && flags == BPF_EXIST) return -OSSIM_ENOENT;
  if (!s) {
    if (m->count >= m->def.max_entries || !free_slot) return -OSSIM_E2BIG;
    s = free_slot;
    s[0] = SLOT_USED;
    memcpy(slot_key(s), key, m->def.key_size);
    m->count++;
  }
  memcpy(slot_value(m, s), value, m->def.value_size);
  return 0;
}

int bpf_map_delete(struct bpf_map *m, const void *key) {
  if (m->def.type != BPF_MAP_TYPE_HASH) return -OSSIM_EINVAL;
  uint8_t *s = hash_find(m, key, NULL);
  if (!s) return -OSSIM_ENOENT;
  /* A tombstone, not a free slot: a key further along the same probe path stays findable. */
  s[0] = SLOT_DELETED;
  memset(s + 8, 0, slot_size(&m->def) - 8);
  m->count--;
  return 0;
}

int bpf_map_next_key(struct bpf_map *m, const void *key, void *next) {
  if (is_array(m)) {
    uint32_t index = 0;
    if (key) {
      memcpy(&index, key, 4);
      /* Linux: a key out of range restarts at the first. */
      index = index >= m->def.max_entries ? 0 : index + 1;
    }
    if (index >= m->def.max_entries) return -OSSIM_ENOENT;
    memcpy(next, &index, 4);
    return 0;
  }
  if (m->def.type != BPF_MAP_TYPE_HASH) return -OSSIM_EINVAL;
  uint32_t nslots = 2u * m->def.max_entries, i = 0;
  if (key) {
    uint8_t *s = hash_find(m, key, NULL);
    i = s ? (uint32_t)((size_t)(s - m->data) / slot_size(&m->def)) + 1 : 0;
  }
  for (; i < nslots; i++) {
    uint8_t *s = slot_at(m, i);
    if (s[0] == SLOT_USED) {
      memcpy(next, slot_key(s), m->def.key_size);
      return 0;
    }
  }
  return -OSSIM_ENOENT;
}

/* Copies n bytes into the ring at position pos, or out of it, wrapping at its end. */
static void ring_put(struct bpf_map *m, uint64_t pos, const void *buf, uint32_t n) {
  const uint8_t *b = buf;
  for (uint32_t i = 0; i < n; i++)
    m->data[(pos + i) & (m->def.max_entries - 1)] = b[i];
}

static void ring_get(struct bpf_map *m, uint64_t pos, void *buf, uint32_t n) {
  uint8_t *b = buf;
  for (uint32_t i = 0; i < n; i++)
    b[i] = m->data[(pos + i) & (m->def.max_entries - 1)];
}

int bpf_ringbuf_output(struct bpf_map *m, const void *data, uint64_t size) {
  if (m->def.type != BPF_MAP_TYPE_RINGBUF || size == 0 || size > m->def.max_entries / 4)
    return -OSSIM_EINVAL;
  uint64_t need = RING_HDR + ROUND8(size);
  if (m->head - m->tail + need > m->def.max_entries) {
    m->lost++;
    return -OSSIM_EAGAIN;
  }
  uint8_t hdr[RING_HDR] = {0};
  uint32_t len = (uint32_t)size;
  memcpy(hdr, &len, 4);
  ring_put(m, m->head, hdr, RING_HDR);
  ring_put(m, m->head + RING_HDR, data, len);
  m->head += need;
  return 0;
}

int bpf_ringbuf_read(struct bpf_map *m, void *buf, uint32_t size) {
  if (m->def.type != BPF_MAP_TYPE_RINGBUF) return -OSSIM_EINVAL;
  if (m->head == m->tail) return -OSSIM_EAGAIN;
  uint8_t hdr[RING_HDR];
  uint32_t len;
  ring_get(m, m->tail, hdr, RING_HDR);
  memcpy(&len, hdr, 4);
  if (len > size) return -OSSIM_ENOSPC;
  ring_get(m, m->tail + RING_HDR, buf, len);
  m->tail += RING_HDR + ROUND8(len);
  return (int)len;
}
