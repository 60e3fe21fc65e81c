#include "elf_check.h"

#include <stdarg.h>
#include <string.h>
#if __STDC_HOSTED__
#include <inttypes.h>
#include <stdio.h>
#else
/* The guest has neither stdio.h nor inttypes.h: vsnprintf is the runtime's (userland/rt),
 * and the format macros are the compiler's own (the guest is always built with clang). */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
#define PRIu32 __UINT32_FMTu__
#define PRIx32 __UINT32_FMTx__
#define PRIu64 __UINT64_FMTu__
#define PRIx64 __UINT64_FMTx__
#endif

#include "abi/errno.h"

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
};

static uint32_t get16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }

static uint32_t get32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int elf_fail(char *err, size_t errlen, int rc, const char *fmt, ...) {
  if (err && errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
  }
  return rc;
}

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
    return elf_fail(err, errlen, -OSSIM_ENOEXEC, "not an ELF file (bad magic number)");
  if (d[EI_CLASS] == ELFCLASS64)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "ELF class is 64-bit, need 32-bit (build for riscv32)");
  if (d[EI_CLASS] != ELFCLASS32)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC, "ELF class is invalid (%u), need 32-bit",
                    d[EI_CLASS]);
  if (d[EI_DATA] == ELFDATA2MSB)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC, "ELF data is big-endian, need little-endian");
  if (d[EI_DATA] != ELFDATA2LSB)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "ELF data encoding is invalid (%u), need little-endian", d[EI_DATA]);
  if (d[EI_VERSION] != EV_CURRENT || get32(d + E_VERSION) != EV_CURRENT)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC, "ELF version is %" PRIu32 ", need 1",
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
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "ELF type is %s (%" PRIu32 "), need an executable (2)", name ? name : "unknown",
                    type);
  }
  if (mach != EM_RISCV) {
    const char *name = lookup(machines, sizeof machines / sizeof *machines, mach);
    if (name)
      return elf_fail(err, errlen, -OSSIM_ENOEXEC, "machine is %s (%" PRIu32 "), need RISC-V (243)",
                      name, mach);
    return elf_fail(err, errlen, -OSSIM_ENOEXEC, "machine is %" PRIu32 ", need RISC-V (243)", mach);
  }
  if (flags & EF_RISCV_RVC)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "built with compressed instructions (the C extension); ossim runs RV32IMA, "
                    "rebuild with -march=rv32ima");
  if (flags & EF_RISCV_FLOAT_ABI)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "built for a hardware floating-point ABI; ossim has no FPU, rebuild with "
                    "-mabi=ilp32");
  return 0;
}

/* The ELF header as a whole; fills h. The program header table is checked to lie inside
 * the file, with 64-bit arithmetic so that a huge e_phoff cannot wrap around. */
static int check_ehdr(const uint8_t *d, size_t have, uint64_t len, struct ehdr *h, char *err,
                      size_t errlen) {
  if (len < EHDR_SIZE)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "file is too short for an ELF header (%" PRIu64 " bytes, need %d); not an ELF "
                    "file",
                    len, EHDR_SIZE);
  if (have < EHDR_SIZE) return elf_fail(err, errlen, -OSSIM_EINVAL, "the ELF header was not read");
  int rc = check_ident(d, err, errlen);
  if (rc == 0) rc = check_target(d, err, errlen);
  if (rc) return rc;
  h->entry = get32(d + E_ENTRY);
  h->phoff = get32(d + E_PHOFF);
  h->phnum = get16(d + E_PHNUM);
  uint32_t phentsize = get16(d + E_PHENTSIZE);
  if (h->phnum == 0)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC, "no program headers, nothing to load");
  if (phentsize != PHDR_SIZE)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "program header size is %" PRIu32 " bytes, need %d", phentsize, PHDR_SIZE);
  if (h->phnum == PN_XNUM)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "too many program headers (extended numbering is not supported)");
  uint64_t end = (uint64_t)h->phoff + (uint64_t)h->phnum * PHDR_SIZE;
  if (end > len) {
    uint64_t first_bad = h->phoff >= len ? 0 : (len - h->phoff) / PHDR_SIZE;
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "program header %" PRIu64
                    " extends past the end of the file (table at 0x%" PRIx32 ", %" PRIu32
                    " entries; file is %" PRIu64 " bytes)",
                    first_bad, h->phoff, h->phnum, len);
  }
  if (end > ELF_HEADERS_MAX)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "the program header table ends at byte %" PRIu64 ", past the first %u bytes of "
                    "the file, where the headers must lie",
                    end, ELF_HEADERS_MAX);
  if (end > have)
    return elf_fail(err, errlen, -OSSIM_EINVAL, "the program header table was not read");
  return 0;
}

/* One PT_LOAD program header, at index i: sizes, file range and memory range. */
static int check_load(const struct elf_place *where, const uint8_t *ph, unsigned i, uint64_t len,
                      struct elf_seg *s, char *err, size_t errlen) {
  /* The physical address, not the virtual one: bare images are linked to run with
   * translation off, and when the two differ (an image whose code is linked to run at a
   * higher virtual address) p_paddr is where the bytes belong in RAM. QEMU does the same.
   * In a user address space only the virtual address counts: pa is set to it. */
  *s = (struct elf_seg){.idx = i,
                        .off = get32(ph + P_OFFSET),
                        .filesz = get32(ph + P_FILESZ),
                        .flags = get32(ph + P_FLAGS),
                        .pa = get32(ph + (where->physical ? P_PADDR : P_VADDR)),
                        .va = get32(ph + P_VADDR),
                        .memsz = get32(ph + P_MEMSZ)};
  if (s->filesz > s->memsz)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "segment %u: file size 0x%" PRIx32 " is larger than its memory size 0x%" PRIx64,
                    i, s->filesz, s->memsz);
  if ((uint64_t)s->off + s->filesz > len)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                    "segment %u: file bytes [0x%" PRIx32 ", 0x%" PRIx64
                    ") extend past the end of the file (%" PRIu64 " bytes)",
                    i, s->off, (uint64_t)s->off + s->filesz, len);
  if (!s->memsz) return 0;
  uint64_t at = where->physical ? s->pa : s->va;
  if (at < where->lo || at + s->memsz > where->hi)
    return elf_fail(
        err, errlen, where->physical ? -OSSIM_EINVAL : -OSSIM_ENOEXEC,
        "segment %u [0x%" PRIx64 ", 0x%" PRIx64 ") is outside %s [0x%" PRIx32 ", 0x%" PRIx64 ")", i,
        at, at + s->memsz, where->physical ? "RAM" : "user memory", where->lo, where->hi);
  return 0;
}

/* Walks the program header table and collects the non-empty PT_LOAD segments into segs
 * (room for max). Returns 0 with *n set, or an error. An empty PT_LOAD (memsz 0) loads
 * nothing, so it is checked against the file but takes no place in memory. */
static int collect(const struct elf_place *where, const uint8_t *d, uint64_t len,
                   const struct ehdr *h, struct elf_seg *segs, unsigned max, unsigned *n, char *err,
                   size_t errlen) {
  *n = 0;
  for (unsigned i = 0; i < h->phnum; i++) {
    const uint8_t *ph = d + h->phoff + (size_t)i * PHDR_SIZE;
    uint32_t type = get32(ph + P_TYPE);
    if (type == PT_INTERP)
      return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                      "dynamically linked (program header %u asks for an interpreter); need a "
                      "static executable",
                      i);
    if (type != PT_LOAD) continue;
    struct elf_seg s;
    int rc = check_load(where, ph, i, len, &s, err, errlen);
    if (rc) return rc;
    if (!s.memsz) continue;
    if (*n == max)
      return elf_fail(err, errlen, -OSSIM_ENOEXEC, "more than %u loadable segments", max);
    segs[(*n)++] = s;
  }
  if (*n == 0)
    return elf_fail(err, errlen, -OSSIM_ENOEXEC, "no loadable segments (no non-empty PT_LOAD)");
  return 0;
}

/* Sorts segs by address. An insertion sort: there are at most ELF_HEADERS_MAX / 32 of
 * them, and the guest has no qsort. */
static void sort_by_pa(struct elf_seg *segs, unsigned n) {
  for (unsigned i = 1; i < n; i++) {
    struct elf_seg s = segs[i];
    unsigned j = i;
    for (; j > 0 && segs[j - 1].pa > s.pa; j--)
      segs[j] = segs[j - 1];
    segs[j] = s;
  }
}

/* No two segments share a byte of memory. Sorted by address, any overlap shows up between
 * neighbours (if i overlaps a later j, it overlaps i+1, which starts no later than j).
 * Reorders segs. */
static int check_overlap(struct elf_seg *segs, unsigned n, char *err, size_t errlen) {
  sort_by_pa(segs, n);
  for (unsigned i = 0; i + 1 < n; i++) {
    const struct elf_seg *x = &segs[i], *y = &segs[i + 1];
    if (y->pa < x->pa + x->memsz) {
      unsigned a = x->idx < y->idx ? x->idx : y->idx, c = x->idx < y->idx ? y->idx : x->idx;
      return elf_fail(err, errlen, -OSSIM_ENOEXEC,
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
static int check_entry(const struct elf_seg *segs, unsigned n, uint32_t entry, uint32_t *pentry,
                       char *err, size_t errlen) {
  for (unsigned i = 0; i < n; i++) {
    const struct elf_seg *s = &segs[i];
    if (!(s->flags & ELF_PF_X) || entry < s->va || entry - s->va >= s->memsz) continue;
    uint32_t pa = (uint32_t)(entry - s->va + s->pa);
    if (entry % 4 || pa % 4)
      return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                      "entry point 0x%08" PRIx32 " (physical 0x%08" PRIx32
                      ") is not 4-byte aligned (ossim has no compressed instructions)",
                      entry, pa);
    *pentry = pa;
    return 0;
  }
  return elf_fail(err, errlen, -OSSIM_ENOEXEC,
                  "entry point 0x%08" PRIx32 " is not in an executable segment", entry);
}

uint64_t elf_headers_end(const uint8_t *head, size_t have) {
  if (have < EHDR_SIZE) return EHDR_SIZE;
  return (uint64_t)get32(head + E_PHOFF) + (uint64_t)get16(head + E_PHNUM) * PHDR_SIZE;
}

int elf_check(const uint8_t *head, size_t have, uint64_t len, const struct elf_place *where,
              struct elf_seg *segs, unsigned max, unsigned *n, uint32_t *entry, char *err,
              size_t errlen) {
  struct ehdr h = {0};
  int rc = check_ehdr(head, have, len, &h, err, errlen);
  if (rc == 0) rc = collect(where, head, len, &h, segs, max, n, err, errlen);
  if (rc == 0) rc = check_overlap(segs, *n, err, errlen);
  if (rc == 0) rc = check_entry(segs, *n, h.entry, entry, err, errlen);
  return rc;
}
