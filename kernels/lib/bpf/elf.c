/*
 * The loader of clang's BPF objects: an ELF64 little-endian relocatable file (EM_BPF). Its
 * program sections hold instructions; the .maps section holds zeros, and what each map is
 * lives in BTF (.BTF): libbpf's __uint(type, 2) declares a member `int (*type)[2]`, a
 * pointer to an array whose length is the value, and __type(key, u32) a member `u32 *key`,
 * whose target's size is the key size. Relocations (R_BPF_64_64) name the map an lddw
 * loads. Every offset read from the file is checked before use.
 */
#include "bpf_impl.h"

#define EM_BPF 247
#define SHT_PROGBITS 1
#define SHT_SYMTAB 2
#define SHT_NOBITS 8
#define SHT_REL 9
#define SHF_EXECINSTR 4
#define STT_FUNC 2
#define STT_SECTION 3
#define R_BPF_64_64 1
#define BTF_MAGIC 0xeb9f

enum {
  BTF_INT = 1,
  BTF_PTR,
  BTF_ARRAY,
  BTF_STRUCT,
  BTF_UNION,
  BTF_ENUM,
  BTF_FWD,
  BTF_TYPEDEF,
  BTF_VOLATILE,
  BTF_CONST,
  BTF_RESTRICT,
  BTF_FUNC,
  BTF_FUNC_PROTO,
  BTF_VAR,
  BTF_DATASEC,
  BTF_FLOAT,
  BTF_DECL_TAG,
  BTF_TYPE_TAG,
  BTF_ENUM64
};

struct shdr {
  uint32_t name, type;
  uint64_t flags, addr, offset, size;
  uint32_t link, info;
  uint64_t align, entsize;
};

struct sym {
  uint32_t name;
  uint8_t info, other;
  uint16_t shndx;
  uint64_t value, size;
};

struct loader {
  const uint8_t *img;
  size_t size;
  uint16_t shnum;
  uint64_t shoff;
  const char *shstr;
  uint64_t shstr_size;
  uint32_t symtab; /* section index */
  const uint8_t *btf_types, *btf_strs;
  uint32_t btf_types_len, btf_strs_len;
  uint16_t maps_shndx;
  uint64_t map_offset[BPF_MAX_MAPS]; /* the map symbols' offsets in .maps */
  uint32_t prog_base[64];            /* per section: where its instructions went, or ~0 */
  struct bpf_text err;
};

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const uint8_t *p) {
  return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t rd64(const uint8_t *p) { return rd32(p) | (uint64_t)rd32(p + 4) << 32; }

static int bad(struct loader *l, const char *why, const char *what) {
  text_str(&l->err, why);
  if (what) text_str(&l->err, what);
  return -OSSIM_ENOEXEC;
}

static int in_file(const struct loader *l, uint64_t off, uint64_t len) {
  return off <= l->size && len <= l->size - off;
}

static int section(const struct loader *l, uint32_t i, struct shdr *s) {
  if (i >= l->shnum) return 0;
  const uint8_t *p = l->img + l->shoff + (uint64_t)i * 64;
  s->name = rd32(p), s->type = rd32(p + 4), s->flags = rd64(p + 8), s->addr = rd64(p + 16);
  s->offset = rd64(p + 24), s->size = rd64(p + 32), s->link = rd32(p + 40);
  s->info = rd32(p + 44), s->align = rd64(p + 48), s->entsize = rd64(p + 56);
  return s->type == SHT_NOBITS || in_file(l, s->offset, s->size);
}

/* A NUL-terminated string at off in a table of size bytes, or "" if it runs off its end. */
static const char *str_at(const char *table, uint64_t size, uint64_t off) {
  if (!table) return "";
  for (uint64_t i = off; i < size; i++)
    if (table[i] == 0) return table + off;
  return "";
}

/* At most size-1 bytes of src and a NUL (a longer name is cut: names are labels here). */
static void copy_name(char *dst, const char *src, size_t size) {
  size_t n = 0;
  while (n + 1 < size && src[n])
    dst[n] = src[n], n++;
  dst[n] = 0;
}

static const char *section_name(const struct loader *l, const struct shdr *s) {
  return str_at(l->shstr, l->shstr_size, s->name);
}

static int symbol(const struct loader *l, uint32_t i, struct sym *out, const char **name) {
  struct shdr st, strs;
  if (!section(l, l->symtab, &st) || !section(l, st.link, &strs)) return 0;
  if ((uint64_t)i >= st.size / 24) return 0;
  const uint8_t *p = l->img + st.offset + (uint64_t)i * 24;
  out->name = rd32(p), out->info = p[4], out->other = p[5], out->shndx = rd16(p + 6);
  out->value = rd64(p + 8), out->size = rd64(p + 16);
  *name = str_at((const char *)l->img + strs.offset, strs.size, out->name);
  return 1;
}

/* ---- BTF ---- */

/* Bytes after a type's 12-byte header. */
static uint32_t btf_extra(uint32_t info) {
  uint32_t kind = (info >> 24) & 0x1f, vlen = info & 0xffff;
  switch (kind) {
  case BTF_INT:
  case BTF_VAR:
  case BTF_DECL_TAG: return 4;
  case BTF_ARRAY: return 12;
  case BTF_STRUCT:
  case BTF_UNION:
  case BTF_DATASEC:
  case BTF_ENUM64: return 12 * vlen;
  case BTF_ENUM:
  case BTF_FUNC_PROTO: return 8 * vlen;
  default: return 0;
  }
}

/* Type id's header (ids count from 1), or NULL. */
static const uint8_t *btf_type(const struct loader *l, uint32_t id) {
  uint32_t off = 0;
  for (uint32_t n = 1; off + 12 <= l->btf_types_len; n++) {
    const uint8_t *t = l->btf_types + off;
    uint32_t next = off + 12 + btf_extra(rd32(t + 4));
    if (next > l->btf_types_len) return NULL;
    if (n == id) return t;
    off = next;
  }
  return NULL;
}

static uint32_t btf_kind(const uint8_t *t) { return (rd32(t + 4) >> 24) & 0x1f; }
static uint32_t btf_vlen(const uint8_t *t) { return rd32(t + 4) & 0xffff; }
static const char *btf_name(const struct loader *l, uint32_t off) {
  return str_at((const char *)l->btf_strs, l->btf_strs_len, off);
}

/* Type id through typedefs and qualifiers. */
static const uint8_t *btf_resolve(const struct loader *l, uint32_t id) {
  for (int depth = 0; depth < 32; depth++) {
    const uint8_t *t = btf_type(l, id);
    if (!t) return NULL;
    uint32_t k = btf_kind(t);
    if (k != BTF_TYPEDEF && k != BTF_VOLATILE && k != BTF_CONST && k != BTF_RESTRICT &&
        k != BTF_TYPE_TAG)
      return t;
    id = rd32(t + 8);
  }
  return NULL;
}

static uint64_t btf_size(const struct loader *l, uint32_t id, int depth) {
  const uint8_t *t = btf_resolve(l, id);
  if (!t || depth > 8) return 0;
  switch (btf_kind(t)) {
  case BTF_INT:
  case BTF_STRUCT:
  case BTF_UNION:
  case BTF_ENUM:
  case BTF_ENUM64:
  case BTF_FLOAT: return rd32(t + 8);
  case BTF_PTR: return 8;
  case BTF_ARRAY: return rd32(t + 20) * btf_size(l, rd32(t + 12), depth + 1);
  default: return 0;
  }
}

/* A map definition's member: __uint(name, n) is a pointer to an array of n; __type(name, T)
 * a pointer to T, worth T's size. */
static uint64_t member_value(const struct loader *l, uint32_t type, int is_type) {
  const uint8_t *ptr = btf_resolve(l, type);
  if (!ptr || btf_kind(ptr) != BTF_PTR) return 0;
  if (is_type) return btf_size(l, rd32(ptr + 8), 0);
  const uint8_t *arr = btf_resolve(l, rd32(ptr + 8));
  return arr && btf_kind(arr) == BTF_ARRAY ? rd32(arr + 20) : 0;
}

static int map_from_btf(struct loader *l, uint32_t struct_id, struct bpf_map_def *d) {
  const uint8_t *t = btf_resolve(l, struct_id);
  if (!t || btf_kind(t) != BTF_STRUCT) return bad(l, "map is not a struct in BTF: ", d->name);
  for (uint32_t m = 0; m < btf_vlen(t); m++) {
    const uint8_t *mem = t + 12 + 12 * m;
    const char *name = btf_name(l, rd32(mem));
    uint32_t type = rd32(mem + 4);
    if (strcmp(name, "type") == 0)
      d->type = (uint32_t)member_value(l, type, 0);
    else if (strcmp(name, "max_entries") == 0)
      d->max_entries = (uint32_t)member_value(l, type, 0);
    else if (strcmp(name, "key_size") == 0)
      d->key_size = (uint32_t)member_value(l, type, 0);
    else if (strcmp(name, "value_size") == 0)
      d->value_size = (uint32_t)member_value(l, type, 0);
    else if (strcmp(name, "key") == 0)
      d->key_size = (uint32_t)member_value(l, type, 1);
    else if (strcmp(name, "value") == 0)
      d->value_size = (uint32_t)member_value(l, type, 1);
  }
  if (!d->type || !d->max_entries) return bad(l, "map has no type or max_entries: ", d->name);
  return 0;
}

/* The maps: each variable of BTF's ".maps" data section, matched by name to its symbol. */
static int load_maps(struct loader *l, struct bpf_object *obj) {
  if (!l->btf_types) return bad(l, "no BTF for the .maps section: compile with -g", NULL);
  for (uint32_t id = 1;; id++) {
    const uint8_t *t = btf_type(l, id);
    if (!t) return 0; /* a .maps section with no BTF variables defines no map */
    if (btf_kind(t) != BTF_DATASEC || strcmp(btf_name(l, rd32(t)), ".maps") != 0) continue;
    for (uint32_t v = 0; v < btf_vlen(t); v++) {
      const uint8_t *var = btf_type(l, rd32(t + 12 + 12 * v));
      if (!var || btf_kind(var) != BTF_VAR) return bad(l, "damaged BTF in .maps", NULL);
      if (obj->nmaps == BPF_MAX_MAPS) {
        text_str(&l->err, "too many maps");
        return -OSSIM_E2BIG;
      }
      struct bpf_map_def *d = &obj->maps[obj->nmaps];
      memset(d, 0, sizeof *d);
      copy_name(d->name, btf_name(l, rd32(var)), BPF_NAME_MAX);
      int rc = map_from_btf(l, rd32(var + 8), d);
      if (rc) return rc;
      /* Its offset in .maps, from the symbol of the same name. */
      l->map_offset[obj->nmaps] = UINT64_MAX;
      struct sym s;
      const char *name;
      for (uint32_t i = 1; symbol(l, i, &s, &name); i++)
        if (s.shndx == l->maps_shndx && strcmp(name, btf_name(l, rd32(var))) == 0)
          l->map_offset[obj->nmaps] = s.value;
      obj->nmaps++;
    }
    return 0;
  }
}

/* ---- Sections, programs, relocations ---- */

static int load_header(struct loader *l) {
  const uint8_t *h = l->img;
  if (l->size < 64 || memcmp(h, "\177ELF", 4) != 0) return bad(l, "not an ELF file", NULL);
  if (h[4] != 2 || h[5] != 1 || rd16(h + 16) != 1 || rd16(h + 18) != EM_BPF)
    return bad(l, "not a BPF object: build it with clang -O2 -g -target bpf -c", NULL);
  l->shoff = rd64(h + 40);
  l->shnum = rd16(h + 60);
  if (rd16(h + 58) != 64 || !in_file(l, l->shoff, (uint64_t)l->shnum * 64))
    return bad(l, "damaged section table", NULL);
  struct shdr s;
  if (!section(l, rd16(h + 62), &s)) return bad(l, "damaged section name table", NULL);
  l->shstr = (const char *)l->img + s.offset;
  l->shstr_size = s.size;
  return 0;
}

static int load_btf(struct loader *l, const struct shdr *s) {
  const uint8_t *b = l->img + s->offset;
  if (s->size < 24 || rd16(b) != BTF_MAGIC) return bad(l, "damaged .BTF section", NULL);
  uint32_t hdr = rd32(b + 4), toff = rd32(b + 8), tlen = rd32(b + 12);
  uint32_t soff = rd32(b + 16), slen = rd32(b + 20);
  if ((uint64_t)hdr + toff + tlen > s->size || (uint64_t)hdr + soff + slen > s->size)
    return bad(l, "damaged .BTF section", NULL);
  l->btf_types = b + hdr + toff;
  l->btf_types_len = tlen;
  l->btf_strs = b + hdr + soff;
  l->btf_strs_len = slen;
  return 0;
}

/* The programs of section i: each function symbol in it. */
static int load_progs(struct loader *l, uint32_t i, const struct shdr *s, struct bpf_object *obj,
                      uint32_t cap) {
  const char *sname = section_name(l, s);
  if (s->size % 8) return bad(l, "section size is not whole instructions: ", sname);
  if (strcmp(sname, ".text") == 0) {
    if (s->size)
      return bad(l,
                 "functions in .text (bpf-to-bpf calls) are not supported: "
                 "make them static __always_inline",
                 NULL);
    return 0;
  }
  if (s->size / 8 > cap - obj->ninsns) {
    text_str(&l->err, "too many instructions");
    return -OSSIM_E2BIG;
  }
  uint32_t base = obj->ninsns;
  for (uint64_t k = 0; k < s->size / 8; k++) {
    const uint8_t *p = l->img + s->offset + 8 * k;
    struct bpf_insn *in = &obj->insns[base + k];
    in->code = p[0], in->regs = p[1], in->off = (int16_t)rd16(p + 2),
    in->imm = (int32_t)rd32(p + 4);
  }
  obj->ninsns += (uint32_t)(s->size / 8);
  if (i < sizeof l->prog_base / sizeof l->prog_base[0]) l->prog_base[i] = base;
  struct sym sym;
  const char *name;
  for (uint32_t n = 1; symbol(l, n, &sym, &name); n++) {
    if (sym.shndx != i || (sym.info & 15) != STT_FUNC) continue;
    if (sym.value % 8 || sym.size % 8 || sym.value > s->size || sym.size > s->size - sym.value)
      return bad(l, "damaged function symbol ", name);
    if (obj->nprogs == BPF_OBJ_MAX_PROGS) {
      text_str(&l->err, "too many programs");
      return -OSSIM_E2BIG;
    }
    struct bpf_obj_prog *p = &obj->progs[obj->nprogs++];
    memset(p, 0, sizeof *p);
    copy_name(p->name, name, BPF_NAME_MAX);
    copy_name(p->section, sname, BPF_SECTION_MAX);
    p->hook = bpf_hook_for_section(sname);
    p->first = base + (uint32_t)(sym.value / 8);
    p->len = (uint32_t)(sym.size / 8);
  }
  return 0;
}

static int relocate(struct loader *l, const struct shdr *rel, struct bpf_object *obj) {
  struct shdr target;
  if (!section(l, rel->info, &target) || !(target.flags & SHF_EXECINSTR)) return 0;
  if (rel->info >= sizeof l->prog_base / sizeof l->prog_base[0] || l->prog_base[rel->info] == ~0u)
    return 0; /* an empty .text */
  for (uint64_t k = 0; k < rel->size / 16; k++) {
    const uint8_t *p = l->img + rel->offset + 16 * k;
    uint64_t off = rd64(p), info = rd64(p + 8);
    struct sym s;
    const char *name;
    if ((uint32_t)info != R_BPF_64_64)
      return bad(l, "unsupported relocation (a call to another function?) in ",
                 section_name(l, &target));
    if (off % 8 || off + 16 > target.size || !symbol(l, (uint32_t)(info >> 32), &s, &name))
      return bad(l, "damaged relocation in ", section_name(l, &target));
    struct bpf_insn *in = &obj->insns[l->prog_base[rel->info] + off / 8];
    if (in->code != (BPF_LD | BPF_IMM | BPF_DW)) return bad(l, "relocation not at an lddw", NULL);
    if (s.shndx != l->maps_shndx || !l->maps_shndx)
      return bad(l,
                 "global data (.data, .rodata, .bss, string constants) is not supported: "
                 "keep data in maps or on the stack; the symbol is ",
                 name);
    uint64_t at = (s.info & 15) == STT_SECTION ? (uint64_t)(uint32_t)in->imm : s.value;
    uint32_t m = 0;
    while (m < obj->nmaps && l->map_offset[m] != at)
      m++;
    if (m == obj->nmaps) return bad(l, "relocation to an unknown map: ", name);
    in->regs = (uint8_t)((in->regs & 0x0f) | BPF_PSEUDO_MAP_FD << 4);
    in->imm = (int32_t)m;
  }
  return 0;
}

int bpf_elf_load(const void *image, size_t size, struct bpf_object *obj, struct bpf_insn *insns,
                 uint32_t cap, char *err, size_t errsize) {
  struct loader l;
  struct shdr s;
  int rc;
  memset(&l, 0, sizeof l);
  l.img = image;
  l.size = size;
  text_init(&l.err, err, errsize);
  memset(obj, 0, sizeof *obj);
  obj->insns = insns;
  memset(l.prog_base, 0xff, sizeof l.prog_base);
  if ((rc = load_header(&l))) return rc;
  for (uint32_t i = 1; i < l.shnum; i++) {
    if (!section(&l, i, &s)) return bad(&l, "damaged section ", section_name(&l, &s));
    const char *name = section_name(&l, &s);
    if (s.type == SHT_SYMTAB)
      l.symtab = i;
    else if (strcmp(name, ".maps") == 0)
      l.maps_shndx = (uint16_t)i;
    else if (strcmp(name, ".BTF") == 0 && (rc = load_btf(&l, &s)))
      return rc;
    else if (strcmp(name, "license") == 0 && s.type == SHT_PROGBITS)
      memcpy(obj->license, l.img + s.offset,
             s.size < sizeof obj->license ? s.size : sizeof obj->license - 1);
  }
  if (!l.symtab) return bad(&l, "no symbol table", NULL);
  for (uint32_t i = 1; i < l.shnum; i++) {
    section(&l, i, &s);
    if (s.type == SHT_PROGBITS && (s.flags & SHF_EXECINSTR) &&
        (rc = load_progs(&l, i, &s, obj, cap)))
      return rc;
  }
  if (l.maps_shndx && (rc = load_maps(&l, obj))) return rc;
  for (uint32_t i = 1; i < l.shnum; i++) {
    section(&l, i, &s);
    if (s.type == SHT_REL && (rc = relocate(&l, &s, obj))) return rc;
  }
  if (obj->nprogs == 0)
    return bad(&l, "no program: put a function in a SEC(\"...\") section", NULL);
  return 0;
}
