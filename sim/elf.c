#include "elf.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostio.h"

#include "bus.h"

/*
 * The parts of the ELF format the loader reads (System V gABI and the RISC-V psABI). They
 * are defined here rather than taken from <elf.h>, which macOS does not have. Fields are
 * read from the byte buffer one by one at their offsets, little-endian: never by casting
 * the buffer to a struct, which could be misaligned and would depend on host byte order.
 */
enum {
  EHDR_SIZE = 52, /* sizeof(Elf32_Ehdr) */
  PHDR_SIZE = 32, /* sizeof(Elf32_Phdr) */

  /* e_ident */
  EI_CLASS = 4,
  EI_DATA = 5,
  EI_VERSION = 6,
  ELFCLASS32 = 1,
  ELFCLASS64 = 2,
  ELFDATA2LSB = 1,
  ELFDATA2MSB = 2,
  EV_CURRENT = 1,

  /* Elf32_Ehdr field offsets */
  E_TYPE = 16,
  E_MACHINE = 18,
  E_VERSION = 20,
  E_ENTRY = 24,
  E_PHOFF = 28,
  E_FLAGS = 36,
  E_PHENTSIZE = 42,
  E_PHNUM = 44,

  ET_EXEC = 2,
  EM_RISCV = 243,
  PN_XNUM = 0xffff, /* e_phnum escape: the real count is in section header 0 */

  /* RISC-V e_flags */
  EF_RISCV_RVC = 0x1,
  EF_RISCV_FLOAT_ABI = 0x6,

  /* Elf32_Phdr field offsets */
  P_TYPE = 0,
  P_OFFSET = 4,
  P_VADDR = 8,
  P_PADDR = 12,
  P_FILESZ = 16,
  P_MEMSZ = 20,
  P_FLAGS = 24,

  PT_LOAD = 1,
  PT_INTERP = 3,
  PF_X = 1,
};

#define ELF_FILE_MAX (256u << 20) /* elf_load_file refuses bigger files */

static uint32_t get16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Writes a message to err (when there is room for one) and returns rc. */
__attribute__((format(printf, 4, 5))) static int fail(char *err, size_t errlen, int rc,
                                                      const char *fmt, ...) {
  if (err && errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
  }
  return rc;
}

/* One PT_LOAD segment with something in it. `idx` is its program header's index, which is
 * the number messages give it (as readelf numbers segments). Addresses are 64-bit so that
 * pa + memsz cannot wrap. */
struct seg {
  unsigned idx;
  uint32_t off, filesz, flags;
  uint64_t pa, va, memsz;
};

/* What the header says, once checked. */
struct ehdr {
  uint32_t entry, phoff, phnum;
};

/* Names for the machines and types a student is likely to hand ossim by mistake. */
struct name {
  uint32_t id;
  const char *name;
};

static const struct name machines[] = {
    {2, "SPARC"}, {3, "x86 (i386)"}, {8, "MIPS"},      {20, "PowerPC"},    {21, "PowerPC64"},
    {40, "ARM"},  {62, "x86-64"},    {183, "AArch64"}, {258, "LoongArch"},
};

static const struct name types[] = {
    {0, "none"},
    {1, "a relocatable object"},
    {3, "a shared object or position-independent executable"},
    {4, "a core dump"},
};

static const char *lookup(const struct name *t, size_t n, uint32_t id) {
  for (size_t i = 0; i < n; i++)
    if (t[i].id == id) return t[i].name;
  return NULL;
}

/* The identification bytes: magic, class, byte order, version. */
static int check_ident(const uint8_t *d, char *err, size_t errlen) {
  if (memcmp(d, "\177ELF", 4) != 0)
    return fail(err, errlen, -ENOEXEC, "not an ELF file (bad magic number)");
  if (d[EI_CLASS] == ELFCLASS64)
    return fail(err, errlen, -ENOEXEC, "ELF class is 64-bit, need 32-bit (build for riscv32)");
  if (d[EI_CLASS] != ELFCLASS32)
    return fail(err, errlen, -ENOEXEC, "ELF class is invalid (%u), need 32-bit", d[EI_CLASS]);
  if (d[EI_DATA] == ELFDATA2MSB)
    return fail(err, errlen, -ENOEXEC, "ELF data is big-endian, need little-endian");
  if (d[EI_DATA] != ELFDATA2LSB)
    return fail(err, errlen, -ENOEXEC, "ELF data encoding is invalid (%u), need little-endian",
                d[EI_DATA]);
  if (d[EI_VERSION] != EV_CURRENT || get32(d + E_VERSION) != EV_CURRENT)
    return fail(err, errlen, -ENOEXEC, "ELF version is %" PRIu32 ", need 1",
                d[EI_VERSION] != EV_CURRENT ? d[EI_VERSION] : get32(d + E_VERSION));
  return 0;
}

/* Type, machine and the ISA the code was built for. ossim is RV32IMA: code built with
 * the C extension or a hardware floating-point ABI would trap on its first such
 * instruction, so it is refused here with a message that says how to rebuild. */
static int check_target(const uint8_t *d, char *err, size_t errlen) {
  uint32_t type = get16(d + E_TYPE), mach = get16(d + E_MACHINE), flags = get32(d + E_FLAGS);
  if (type != ET_EXEC) {
    const char *name = lookup(types, sizeof types / sizeof *types, type);
    return fail(err, errlen, -ENOEXEC, "ELF type is %s (%" PRIu32 "), need an executable (2)",
                name ? name : "unknown", type);
  }
  if (mach != EM_RISCV) {
    const char *name = lookup(machines, sizeof machines / sizeof *machines, mach);
    if (name)
      return fail(err, errlen, -ENOEXEC, "machine is %s (%" PRIu32 "), need RISC-V (243)", name,
                  mach);
    return fail(err, errlen, -ENOEXEC, "machine is %" PRIu32 ", need RISC-V (243)", mach);
  }
  if (flags & EF_RISCV_RVC)
    return fail(err, errlen, -ENOEXEC,
                "built with compressed instructions (the C extension); ossim runs RV32IMA, "
                "rebuild with -march=rv32ima");
  if (flags & EF_RISCV_FLOAT_ABI)
    return fail(err, errlen, -ENOEXEC,
                "built for a hardware floating-point ABI; ossim has no FPU, rebuild with "
                "-mabi=ilp32");
  return 0;
}

/* The ELF header as a whole; fills h. The program header table is checked to lie inside
 * the file, with 64-bit arithmetic so that a huge e_phoff cannot wrap around. */
static int check_ehdr(const uint8_t *d, size_t len, struct ehdr *h, char *err, size_t errlen) {
  if (len < EHDR_SIZE)
    return fail(err, errlen, -ENOEXEC,
                "file is too short for an ELF header (%zu bytes, need %d); not an ELF file", len,
                EHDR_SIZE);
  int rc = check_ident(d, err, errlen);
  if (rc == 0) rc = check_target(d, err, errlen);
  if (rc) return rc;
  h->entry = get32(d + E_ENTRY);
  h->phoff = get32(d + E_PHOFF);
  h->phnum = get16(d + E_PHNUM);
  uint32_t phentsize = get16(d + E_PHENTSIZE);
  if (h->phnum == 0) return fail(err, errlen, -ENOEXEC, "no program headers, nothing to load");
  if (phentsize != PHDR_SIZE)
    return fail(err, errlen, -ENOEXEC, "program header size is %" PRIu32 " bytes, need %d",
                phentsize, PHDR_SIZE);
  if (h->phnum == PN_XNUM)
    return fail(err, errlen, -ENOEXEC,
                "too many program headers (extended numbering is not supported)");
  uint64_t end = (uint64_t)h->phoff + (uint64_t)h->phnum * PHDR_SIZE;
  if (end > len) {
    uint64_t first_bad = h->phoff >= len ? 0 : (len - h->phoff) / PHDR_SIZE;
    return fail(err, errlen, -ENOEXEC,
                "program header %" PRIu64 " extends past the end of the file (table at 0x%" PRIx32
                ", %" PRIu32 " entries; file is %zu bytes)",
                first_bad, h->phoff, h->phnum, len);
  }
  return 0;
}

/* Where segments must lie: in RAM by physical address (bare images), or in a user
 * address space [lo, hi) by virtual address (a hosted kernel's exec). */
struct place {
  const struct bus *b; /* NULL for a user address space */
  uint32_t lo, hi;
};

/* One PT_LOAD program header, at index i: sizes, file range and memory range. */
static int check_load(const struct place *where, const uint8_t *ph, unsigned i, size_t len,
                      struct seg *s, char *err, size_t errlen) {
  /* The physical address, not the virtual one: bare images are linked to run with
   * translation off, and when the two differ (an image whose code is linked to run at a
   * higher virtual address) p_paddr is where the bytes belong in RAM. QEMU does the same.
   * In a user address space only the virtual address counts: pa is set to it. */
  *s = (struct seg){.idx = i,
                    .off = get32(ph + P_OFFSET),
                    .filesz = get32(ph + P_FILESZ),
                    .flags = get32(ph + P_FLAGS),
                    .pa = get32(ph + (where->b ? P_PADDR : P_VADDR)),
                    .va = get32(ph + P_VADDR),
                    .memsz = get32(ph + P_MEMSZ)};
  if (s->filesz > s->memsz)
    return fail(err, errlen, -ENOEXEC,
                "segment %u: file size 0x%" PRIx32 " is larger than its memory size 0x%" PRIx64, i,
                s->filesz, s->memsz);
  if ((uint64_t)s->off + s->filesz > len)
    return fail(err, errlen, -ENOEXEC,
                "segment %u: file bytes [0x%" PRIx32 ", 0x%" PRIx64
                ") extend past the end of the file (%zu bytes)",
                i, s->off, (uint64_t)s->off + s->filesz, len);
  if (!s->memsz) return 0;
  if (where->b && !bus_in_ram(where->b, s->pa, s->memsz))
    return fail(err, errlen, -EINVAL,
                "segment %u [0x%" PRIx64 ", 0x%" PRIx64 ") is outside RAM [0x%" PRIx32
                ", 0x%" PRIx64 ")",
                i, s->pa, s->pa + s->memsz, where->b->ram_base,
                (uint64_t)where->b->ram_base + where->b->ram_size);
  if (!where->b && (s->va < where->lo || s->va + s->memsz > where->hi))
    return fail(err, errlen, -ENOEXEC,
                "segment %u [0x%" PRIx64 ", 0x%" PRIx64
                ") is outside user memory [0x%" PRIx32 ", 0x%" PRIx32 ")",
                i, s->va, s->va + s->memsz, where->lo, where->hi);
  return 0;
}

/* Walks the program header table and collects the non-empty PT_LOAD segments into segs
 * (room for h->phnum). Returns 0 with *n set, or an error. An empty PT_LOAD (memsz 0)
 * loads nothing, so it is checked against the file but takes no place in RAM. */
static int collect(const struct place *where, const uint8_t *d, size_t len,
                   const struct ehdr *h, struct seg *segs, unsigned *n, char *err,
                   size_t errlen) {
  *n = 0;
  for (unsigned i = 0; i < h->phnum; i++) {
    const uint8_t *ph = d + h->phoff + (size_t)i * PHDR_SIZE;
    uint32_t type = get32(ph + P_TYPE);
    if (type == PT_INTERP)
      return fail(err, errlen, -ENOEXEC,
                  "dynamically linked (program header %u asks for an interpreter); need a "
                  "static executable",
                  i);
    if (type != PT_LOAD) continue;
    int rc = check_load(where, ph, i, len, &segs[*n], err, errlen);
    if (rc) return rc;
    if (segs[*n].memsz) (*n)++;
  }
  if (*n == 0) return fail(err, errlen, -ENOEXEC, "no loadable segments (no non-empty PT_LOAD)");
  return 0;
}

static int by_pa(const void *a, const void *b) {
  const struct seg *x = a, *y = b;
  return x->pa < y->pa ? -1 : x->pa > y->pa;
}

/* No two segments share a byte of RAM. Sorted by address, any overlap shows up between
 * neighbours (if i overlaps a later j, it overlaps i+1, which starts no later than j), so
 * this is O(n log n) even for a file with thousands of headers. Reorders segs. */
static int check_overlap(struct seg *segs, unsigned n, char *err, size_t errlen) {
  qsort(segs, n, sizeof *segs, by_pa);
  for (unsigned i = 0; i + 1 < n; i++) {
    const struct seg *x = &segs[i], *y = &segs[i + 1];
    if (y->pa < x->pa + x->memsz) {
      unsigned a = x->idx < y->idx ? x->idx : y->idx, c = x->idx < y->idx ? y->idx : x->idx;
      return fail(err, errlen, -ENOEXEC,
                  "segments %u and %u overlap in memory ([0x%" PRIx64 ", 0x%" PRIx64
                  ") and [0x%" PRIx64 ", 0x%" PRIx64 "))",
                  a, c, x->pa, x->pa + x->memsz, y->pa, y->pa + y->memsz);
    }
  }
  return 0;
}

/* The entry point lies in an executable segment and is instruction-aligned. e_entry is
 * a virtual address; like QEMU, when the segment holding it is loaded at a different
 * physical address, the entry returned is moved by the same amount, so that a hart
 * starting with translation off begins at the right instruction. */
static int check_entry(const struct seg *segs, unsigned n, uint32_t entry, uint32_t *pentry,
                       char *err, size_t errlen) {
  for (unsigned i = 0; i < n; i++) {
    const struct seg *s = &segs[i];
    if (!(s->flags & PF_X) || entry < s->va || entry - s->va >= s->memsz) continue;
    uint32_t pa = (uint32_t)(entry - s->va + s->pa);
    if (entry % 4 || pa % 4)
      return fail(err, errlen, -ENOEXEC,
                  "entry point 0x%08" PRIx32 " (physical 0x%08" PRIx32
                  ") is not 4-byte aligned (ossim has no compressed instructions)",
                  entry, pa);
    *pentry = pa;
    return 0;
  }
  return fail(err, errlen, -ENOEXEC, "entry point 0x%08" PRIx32 " is not in an executable segment",
              entry);
}

/* Copies the segments into RAM and fills out. Called only once every check has passed,
 * when no write can fail. hi is one past the last byte: it wraps to 0 only for a segment
 * that ends at the very top of the 32-bit space (a 2 GiB RAM filled to its end). */
static int load(struct bus *b, const uint8_t *d, const struct seg *segs, unsigned n,
                struct elf_image *out, char *err, size_t errlen) {
  uint64_t lo = UINT64_MAX, hi = 0, xlo = UINT64_MAX, xhi = 0;
  for (unsigned i = 0; i < n; i++) {
    const struct seg *s = &segs[i];
    if (!bus_ram_write(b, s->pa, d + s->off, s->filesz) ||
        !bus_ram_fill(b, s->pa + s->filesz, 0, s->memsz - s->filesz))
      return fail(err, errlen, -EINVAL, "segment %u could not be written to RAM", s->idx);
    lo = s->pa < lo ? s->pa : lo;
    hi = s->pa + s->memsz > hi ? s->pa + s->memsz : hi;
    if (s->flags & PF_X) {
      xlo = s->pa < xlo ? s->pa : xlo;
      xhi = s->pa + s->memsz > xhi ? s->pa + s->memsz : xhi;
    }
  }
  out->lo = (uint32_t)lo;
  out->hi = (uint32_t)hi;
  out->exec_lo = (uint32_t)xlo; /* an executable segment exists: it holds the entry */
  out->exec_hi = (uint32_t)xhi;
  return 0;
}

/* Checks everything and collects the segments (malloc'd into *segs_out) and the entry. */
static int parse(const struct place *where, const uint8_t *data, size_t len,
                 struct seg **segs_out, unsigned *n, uint32_t *entry, char *err, size_t errlen) {
  struct ehdr h = {0};
  int rc = check_ehdr(data, len, &h, err, errlen);
  if (rc) return rc;
  struct seg *segs = calloc(h.phnum, sizeof *segs);
  if (!segs) return fail(err, errlen, -ENOMEM, "out of memory for %" PRIu32 " segments", h.phnum);
  rc = collect(where, data, len, &h, segs, n, err, errlen);
  if (rc == 0) rc = check_overlap(segs, *n, err, errlen);
  if (rc == 0) rc = check_entry(segs, *n, h.entry, entry, err, errlen);
  if (rc) {
    free(segs);
    return rc;
  }
  *segs_out = segs;
  return 0;
}

int elf_load(struct bus *b, const uint8_t *data, size_t len, struct elf_image *out, char *err,
             size_t errlen) {
  struct place where = {.b = b};
  struct seg *segs = NULL;
  unsigned n = 0;
  struct elf_image img = {0};
  int rc = parse(&where, data, len, &segs, &n, &img.entry, err, errlen);
  if (rc) return rc;
  rc = load(b, data, segs, n, &img, err, errlen);
  free(segs);
  if (rc == 0) *out = img;
  return rc;
}

int elf_segments(const uint8_t *data, size_t len, uint32_t lo, uint32_t hi,
                 struct elf_segment *out, unsigned max, unsigned *n, uint32_t *entry, char *err,
                 size_t errlen) {
  struct place where = {.lo = lo, .hi = hi};
  struct seg *segs = NULL;
  int rc = parse(&where, data, len, &segs, n, entry, err, errlen);
  if (rc) return rc;
  if (*n > max) rc = fail(err, errlen, -ENOEXEC, "%u loadable segments; at most %u", *n, max);
  for (unsigned i = 0; rc == 0 && i < *n; i++)
    out[i] = (struct elf_segment){(uint32_t)segs[i].va, (uint32_t)segs[i].memsz, segs[i].off,
                                  segs[i].filesz, segs[i].flags};
  free(segs);
  return rc;
}

/* Reads the whole of a regular file of at most ELF_FILE_MAX bytes into *buf (malloc'd). */
static int read_file(const char *path, uint8_t **buf, size_t *len, char *err, size_t errlen) {
  int fd = hostio_open_regular(path, O_RDONLY);
  FILE *f = fd < 0 ? NULL : fdopen(fd, "rb");
  if (!f) {
    int e = fd < 0 ? fd : -errno;
    if (fd >= 0) close(fd);
    return fail(err, errlen, e, "%s: %s", path, hostio_strerror(e));
  }
  struct stat st;
  int rc = 0;
  if (fstat(fileno(f), &st) != 0) {
    int e = errno;
    rc = fail(err, errlen, -e, "%s: %s", path, strerror(e));
  } else if (S_ISDIR(st.st_mode))
    rc = fail(err, errlen, -EISDIR, "%s: %s", path, strerror(EISDIR));
  else if ((intmax_t)st.st_size > (intmax_t)ELF_FILE_MAX)
    rc = fail(err, errlen, -EFBIG,
              "%s: file is too large for an ELF image (%jd bytes, at most "
              "256 MiB)",
              path, (intmax_t)st.st_size);
  uint8_t *p = NULL;
  size_t n = rc ? 0 : (size_t)st.st_size;
  if (rc == 0 && !(p = malloc(n ? n : 1)))
    rc = fail(err, errlen, -ENOMEM, "%s: out of memory", path);
  if (rc == 0 && fread(p, 1, n, f) != n)
    rc = fail(err, errlen, ferror(f) ? -EIO : -ENOEXEC, "%s: %s", path,
              ferror(f) ? strerror(EIO) : "file shrank while being read");
  fclose(f);
  if (rc) {
    free(p);
    return rc;
  }
  *buf = p;
  *len = n;
  return 0;
}

int elf_load_file(struct bus *b, const char *path, struct elf_image *out, char *err,
                  size_t errlen) {
  uint8_t *data = NULL;
  size_t len = 0;
  int rc = read_file(path, &data, &len, err, errlen);
  if (rc) return rc;
  char msg[256] = "";
  rc = elf_load(b, data, len, out, msg, sizeof msg);
  free(data);
  if (rc) fail(err, errlen, rc, "%s: %s", path, msg);
  return rc;
}
