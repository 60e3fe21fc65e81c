/*
 * Tests of the ELF32 loader (sim/elf.c). Images are written in memory by a small ELF
 * writer below, then spoiled one field at a time: each malformed file must be refused with
 * the right error code and a message naming what is wrong, leave RAM exactly as it was,
 * and never make the loader read outside the buffer (the buffers handed to it are
 * allocated at their exact size, so ASan sees any overrun).
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elf.h"
#include "support.h"

#define RAM_SIZE (1u << 20)
#define RAM_END (MACHINE_RAM_BASE + RAM_SIZE)
#define PATTERN 0xa5 /* RAM is filled with this before every load */

/* ---- A minimal ELF writer ---- */

enum {
  EHDR_SIZE = 52,
  PHDR_SIZE = 32,
  /* ELF header offsets */
  O_CLASS = 4,
  O_DATA = 5,
  O_IDVERSION = 6,
  O_TYPE = 16,
  O_MACHINE = 18,
  O_VERSION = 20,
  O_ENTRY = 24,
  O_PHOFF = 28,
  O_FLAGS = 36,
  O_PHENTSIZE = 42,
  O_PHNUM = 44,
  /* program header offsets */
  P_TYPE = 0,
  P_OFFSET = 4,
  P_VADDR = 8,
  P_PADDR = 12,
  P_FILESZ = 16,
  P_MEMSZ = 20,
  P_FLAGS = 24,
  PT_LOAD = 1,
  PT_INTERP = 3,
  PT_NOTE = 4,
  PF_X = 1,
  PF_W = 2,
  PF_R = 4,
};

/* Offset of field f of program header i in an image written by build_elf. */
#define PH(i, f) (EHDR_SIZE + (i)*PHDR_SIZE + (f))

struct wseg {
  uint32_t type, flags, pa, va, memsz;
  const void *bytes; /* filesz bytes of contents */
  uint32_t filesz;
};

static void put16(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}

/* Writes an ELF32 RISC-V executable: header, program headers right after it, then each
 * segment's bytes in order, 4-byte aligned. The file ends with the last segment's bytes.
 * Returns a malloc'd buffer of exactly *len bytes. */
static uint8_t *build_elf(const struct wseg *segs, unsigned n, uint32_t entry, size_t *len) {
  size_t size = EHDR_SIZE + (size_t)n * PHDR_SIZE;
  for (unsigned i = 0; i < n; i++)
    size = ((size + 3) & ~(size_t)3) + segs[i].filesz;
  uint8_t *d = calloc(1, size);
  ck_assert_ptr_nonnull(d);
  memcpy(d, "\177ELF", 4);
  d[O_CLASS] = 1;     /* ELFCLASS32 */
  d[O_DATA] = 1;      /* ELFDATA2LSB */
  d[O_IDVERSION] = 1; /* EV_CURRENT */
  put16(d + O_TYPE, 2);
  put16(d + O_MACHINE, 243);
  put32(d + O_VERSION, 1);
  put32(d + O_ENTRY, entry);
  put32(d + O_PHOFF, EHDR_SIZE);
  put16(d + 40, EHDR_SIZE); /* e_ehsize */
  put16(d + O_PHENTSIZE, PHDR_SIZE);
  put16(d + O_PHNUM, n);
  size_t off = EHDR_SIZE + (size_t)n * PHDR_SIZE;
  for (unsigned i = 0; i < n; i++) {
    const struct wseg *s = &segs[i];
    off = (off + 3) & ~(size_t)3;
    put32(d + PH(i, P_TYPE), s->type);
    put32(d + PH(i, P_OFFSET), (uint32_t)off);
    put32(d + PH(i, P_VADDR), s->va ? s->va : s->pa);
    put32(d + PH(i, P_PADDR), s->pa);
    put32(d + PH(i, P_FILESZ), s->filesz);
    put32(d + PH(i, P_MEMSZ), s->memsz);
    put32(d + PH(i, P_FLAGS), s->flags);
    if (s->filesz) memcpy(d + off, s->bytes, s->filesz);
    off += s->filesz;
  }
  *len = size;
  return d;
}

/* The good image: code, a note, then data with a BSS tail. */
#define TEXT_PA MACHINE_RAM_BASE
#define DATA_PA (MACHINE_RAM_BASE + 0x1000)
#define DATA_MEMSZ 0x40
#define ENTRY (TEXT_PA + 4)

static const uint32_t text[4] = {0x02a00513 /* li a0, 42 */, 0x00100073 /* ebreak */,
                                 0x0000006f /* j . */, 0x00000013 /* nop */};
static const char data[8] = "ossim!!";

static uint8_t *good_elf(size_t *len) {
  struct wseg segs[3] = {
      {PT_LOAD, PF_R | PF_X, TEXT_PA, 0, sizeof text, text, sizeof text},
      {PT_NOTE, PF_R, 0, 0, 0, NULL, 0},
      {PT_LOAD, PF_R | PF_W, DATA_PA, 0, DATA_MEMSZ, data, sizeof data},
  };
  return build_elf(segs, 3, ENTRY, len);
}

/* ---- A machine with patterned RAM, an image, and the loader's results ---- */

struct fx {
  struct machine *m;
  uint8_t *img;
  size_t len;
  struct elf_image out;
  char err[256];
};

static void fill_ram(struct machine *m) { memset(m->bus.ram, PATTERN, m->bus.ram_size); }

/* Compared a page at a time with memcmp: the fuzz test calls this thousands of times. */
static bool ram_untouched(const struct machine *m) {
  uint8_t page[4096];
  memset(page, PATTERN, sizeof page);
  for (uint32_t off = 0; off < m->bus.ram_size; off += sizeof page) {
    uint32_t n = m->bus.ram_size - off < sizeof page ? m->bus.ram_size - off : sizeof page;
    if (memcmp(m->bus.ram + off, page, n) != 0) return false;
  }
  return true;
}

static void fx_init(struct fx *f) {
  memset(f, 0, sizeof *f);
  f->m = test_machine(RAM_SIZE, 1, NULL, NULL);
  fill_ram(f->m);
  f->img = good_elf(&f->len);
  memset(&f->out, 0xee, sizeof f->out);
}

static void fx_fini(struct fx *f) {
  free(f->img);
  machine_destroy(f->m);
}

static int fx_load(struct fx *f) {
  f->err[0] = 0;
  return elf_load(&f->m->bus, f->img, f->len, &f->out, f->err, sizeof f->err);
}

/* The image in f must be refused with rc and a message containing each of the needles
 * (a NULL-terminated list), without touching RAM or *out. */
static void expect_fail_v(struct fx *f, int rc, const char *const *needles) {
  int got = fx_load(f);
  ck_assert_msg(got == rc, "rc %d, expected %d (message: %s)", got, rc, f->err);
  for (; *needles; needles++)
    ck_assert_msg(strstr(f->err, *needles), "message \"%s\" lacks \"%s\"", f->err, *needles);
  ck_assert_msg(ram_untouched(f->m), "a refused file changed RAM");
  struct elf_image poison;
  memset(&poison, 0xee, sizeof poison);
  ck_assert_msg(memcmp(&f->out, &poison, sizeof poison) == 0, "a refused file changed *out");
}
#define expect_fail(f, rc, ...) expect_fail_v(f, rc, (const char *const[]){__VA_ARGS__, NULL})

static uint8_t ram_byte(const struct machine *m, uint32_t pa) {
  return m->bus.ram[pa - MACHINE_RAM_BASE];
}

/* ---- Good images ---- */

START_TEST(loads_segments_bss_and_entry) {
  struct fx f;
  fx_init(&f);
  ck_assert_msg(fx_load(&f) == 0, "%s", f.err);
  ck_assert_uint_eq(f.out.entry, ENTRY);
  ck_assert_uint_eq(f.out.lo, TEXT_PA);
  ck_assert_uint_eq(f.out.hi, DATA_PA + DATA_MEMSZ);
  ck_assert_uint_eq(f.out.exec_lo, TEXT_PA);
  ck_assert_uint_eq(f.out.exec_hi, TEXT_PA + sizeof text);
  uint32_t w;
  for (unsigned i = 0; i < 4; i++) {
    ck_assert(bus_ram_read(&f.m->bus, TEXT_PA + 4 * i, &w, 4));
    ck_assert_uint_eq(w, text[i]);
  }
  ck_assert_mem_eq(f.m->bus.ram + (DATA_PA - MACHINE_RAM_BASE), data, sizeof data);
  for (uint32_t a = DATA_PA + sizeof data; a < DATA_PA + DATA_MEMSZ; a++)
    ck_assert_uint_eq(ram_byte(f.m, a), 0); /* BSS zeroed over the pattern */
  /* Nothing outside the segments was written. */
  ck_assert_uint_eq(ram_byte(f.m, TEXT_PA + sizeof text), PATTERN);
  ck_assert_uint_eq(ram_byte(f.m, DATA_PA - 1), PATTERN);
  ck_assert_uint_eq(ram_byte(f.m, DATA_PA + DATA_MEMSZ), PATTERN);
  ck_assert_uint_eq(ram_byte(f.m, RAM_END - 1), PATTERN);
  fx_fini(&f);
}
END_TEST

/* Segments may touch: [a, b) and [b, c) do not overlap. */
START_TEST(adjacent_segments_load) {
  struct fx f;
  fx_init(&f);
  put32(f.img + PH(2, P_PADDR), TEXT_PA + sizeof text);
  ck_assert_msg(fx_load(&f) == 0, "%s", f.err);
  ck_assert_uint_eq(f.out.hi, TEXT_PA + sizeof text + DATA_MEMSZ);
  ck_assert_mem_eq(f.m->bus.ram + sizeof text, data, sizeof data);
  fx_fini(&f);
}
END_TEST

/* Loaded at p_paddr; the entry, a virtual address, moves with its segment (as in QEMU). */
START_TEST(uses_paddr_and_translates_entry) {
  struct fx f;
  fx_init(&f);
  put32(f.img + PH(0, P_VADDR), 0xc0000000u);
  put32(f.img + O_ENTRY, 0xc0000008u);
  ck_assert_msg(fx_load(&f) == 0, "%s", f.err);
  ck_assert_uint_eq(f.out.entry, TEXT_PA + 8);
  ck_assert_uint_eq(f.out.exec_lo, TEXT_PA);
  uint32_t w;
  ck_assert(bus_ram_read(&f.m->bus, TEXT_PA, &w, 4));
  ck_assert_uint_eq(w, text[0]);
  fx_fini(&f);
}
END_TEST

/* A segment of memsz 0 loads nothing, wherever it claims to be; PT_NOTE is skipped. */
START_TEST(empty_load_segment_is_ignored) {
  struct fx f;
  fx_init(&f);
  put32(f.img + PH(1, P_TYPE), PT_LOAD);
  put32(f.img + PH(1, P_PADDR), 0x1000);
  ck_assert_msg(fx_load(&f) == 0, "%s", f.err);
  ck_assert_uint_eq(f.out.lo, TEXT_PA);
  fx_fini(&f);
}
END_TEST

START_TEST(loads_from_file) {
  struct fx f;
  fx_init(&f);
  char path[] = "/tmp/ossim-test-elf-XXXXXX";
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(write(fd, f.img, f.len), (ssize_t)f.len);
  close(fd);
  int rc = elf_load_file(&f.m->bus, path, &f.out, f.err, sizeof f.err);
  ck_assert_msg(rc == 0, "%s", f.err);
  ck_assert_uint_eq(f.out.entry, ENTRY);
  ck_assert_mem_eq(f.m->bus.ram + (DATA_PA - MACHINE_RAM_BASE), data, sizeof data);

  /* A bad file: the loader's message, after the path. */
  fill_ram(f.m);
  put16(f.img + O_MACHINE, 62);
  fd = open(path, O_WRONLY | O_TRUNC);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(write(fd, f.img, f.len), (ssize_t)f.len);
  close(fd);
  rc = elf_load_file(&f.m->bus, path, &f.out, f.err, sizeof f.err);
  ck_assert_int_eq(rc, -ENOEXEC);
  ck_assert_msg(strncmp(f.err, path, strlen(path)) == 0, "%s", f.err);
  ck_assert_msg(strstr(f.err, "x86-64 (62)"), "%s", f.err);
  ck_assert(ram_untouched(f.m));
  unlink(path);
  fx_fini(&f);
}
END_TEST

/* ---- Files that cannot be read ---- */

START_TEST(file_errors) {
  struct fx f;
  fx_init(&f);
  const char *missing = "/nonexistent/ossim/prog.elf";
  int rc = elf_load_file(&f.m->bus, missing, &f.out, f.err, sizeof f.err);
  ck_assert_int_eq(rc, -ENOENT);
  ck_assert_msg(strncmp(f.err, missing, strlen(missing)) == 0, "%s", f.err);
  ck_assert_msg(strstr(f.err, strerror(ENOENT)), "%s", f.err);

  rc = elf_load_file(&f.m->bus, "/tmp", &f.out, f.err, sizeof f.err);
  ck_assert_int_eq(rc, -EISDIR);
  ck_assert_msg(strncmp(f.err, "/tmp: ", 6) == 0, "%s", f.err);

  /* Over 256 MiB: refused from its size, before reading (the file is sparse). */
  char path[] = "/tmp/ossim-test-elf-XXXXXX";
  int fd = mkstemp(path);
  ck_assert_int_ge(fd, 0);
  ck_assert_int_eq(ftruncate(fd, (off_t)(256u << 20) + 1), 0);
  close(fd);
  rc = elf_load_file(&f.m->bus, path, &f.out, f.err, sizeof f.err);
  unlink(path);
  ck_assert_int_eq(rc, -EFBIG);
  ck_assert_msg(strstr(f.err, "too large"), "%s", f.err);

  ck_assert(ram_untouched(f.m));
  fx_fini(&f);
}
END_TEST

/* ---- One test per malformed case ---- */

START_TEST(too_short) {
  struct fx f;
  fx_init(&f);
  f.len = 51;
  expect_fail(&f, -ENOEXEC, "too short", "51 bytes");
  fx_fini(&f);
}
END_TEST

START_TEST(bad_magic) {
  struct fx f;
  fx_init(&f);
  f.img[1] = 'e';
  expect_fail(&f, -ENOEXEC, "not an ELF file");
  fx_fini(&f);
}
END_TEST

START_TEST(class_64) {
  struct fx f;
  fx_init(&f);
  f.img[O_CLASS] = 2;
  expect_fail(&f, -ENOEXEC, "ELF class is 64-bit, need 32-bit");
  f.img[O_CLASS] = 7;
  expect_fail(&f, -ENOEXEC, "class", "(7)");
  fx_fini(&f);
}
END_TEST

START_TEST(big_endian) {
  struct fx f;
  fx_init(&f);
  f.img[O_DATA] = 2;
  expect_fail(&f, -ENOEXEC, "big-endian", "need little-endian");
  f.img[O_DATA] = 0;
  expect_fail(&f, -ENOEXEC, "data encoding", "(0)");
  fx_fini(&f);
}
END_TEST

START_TEST(bad_version) {
  struct fx f;
  fx_init(&f);
  f.img[O_IDVERSION] = 0;
  expect_fail(&f, -ENOEXEC, "version is 0");
  f.img[O_IDVERSION] = 1;
  put32(f.img + O_VERSION, 2);
  expect_fail(&f, -ENOEXEC, "version is 2");
  fx_fini(&f);
}
END_TEST

START_TEST(not_executable) {
  struct fx f;
  fx_init(&f);
  put16(f.img + O_TYPE, 3);
  expect_fail(&f, -ENOEXEC, "type", "(3)", "need an executable");
  put16(f.img + O_TYPE, 1);
  expect_fail(&f, -ENOEXEC, "relocatable", "(1)");
  fx_fini(&f);
}
END_TEST

START_TEST(wrong_machine) {
  struct fx f;
  fx_init(&f);
  put16(f.img + O_MACHINE, 62);
  expect_fail(&f, -ENOEXEC, "machine is x86-64 (62), need RISC-V (243)");
  put16(f.img + O_MACHINE, 4321);
  expect_fail(&f, -ENOEXEC, "machine is 4321, need RISC-V (243)");
  fx_fini(&f);
}
END_TEST

START_TEST(wrong_isa_flags) {
  struct fx f;
  fx_init(&f);
  put32(f.img + O_FLAGS, 0x1); /* EF_RISCV_RVC */
  expect_fail(&f, -ENOEXEC, "compressed", "rv32ima");
  put32(f.img + O_FLAGS, 0x4); /* EF_RISCV_FLOAT_ABI_DOUBLE */
  expect_fail(&f, -ENOEXEC, "floating-point");
  fx_fini(&f);
}
END_TEST

START_TEST(bad_phentsize) {
  struct fx f;
  fx_init(&f);
  put16(f.img + O_PHENTSIZE, 56); /* an ELF64 program header */
  expect_fail(&f, -ENOEXEC, "program header size is 56 bytes, need 32");
  fx_fini(&f);
}
END_TEST

START_TEST(phdrs_outside_file) {
  struct fx f;
  fx_init(&f);
  /* The third header starts inside the file and ends outside it. */
  put32(f.img + O_PHOFF, (uint32_t)f.len - 2 * PHDR_SIZE - 4);
  expect_fail(&f, -ENOEXEC, "program header 2 extends past the end of the file");
  /* An offset that wraps a 32-bit sum around to a small number. */
  put32(f.img + O_PHOFF, 0xffffffe0u);
  expect_fail(&f, -ENOEXEC, "program header 0 extends past the end of the file");
  put32(f.img + O_PHOFF, EHDR_SIZE);
  put16(f.img + O_PHNUM, 0xfffe);
  expect_fail(&f, -ENOEXEC, "program header 3 extends past");
  put16(f.img + O_PHNUM, 0xffff);
  expect_fail(&f, -ENOEXEC, "extended numbering");
  fx_fini(&f);
}
END_TEST

START_TEST(no_loadable_segments) {
  struct fx f;
  fx_init(&f);
  put32(f.img + PH(0, P_TYPE), PT_NOTE);
  put32(f.img + PH(2, P_TYPE), PT_NOTE);
  expect_fail(&f, -ENOEXEC, "no loadable segments");
  /* PT_LOADs of memsz 0 load nothing either. */
  put32(f.img + PH(0, P_TYPE), PT_LOAD);
  put32(f.img + PH(0, P_FILESZ), 0);
  put32(f.img + PH(0, P_MEMSZ), 0);
  expect_fail(&f, -ENOEXEC, "no loadable segments");
  put16(f.img + O_PHNUM, 0);
  expect_fail(&f, -ENOEXEC, "no program headers");
  fx_fini(&f);
}
END_TEST

START_TEST(filesz_over_memsz) {
  struct fx f;
  fx_init(&f);
  put32(f.img + PH(2, P_MEMSZ), 4);
  expect_fail(&f, -ENOEXEC, "segment 2", "file size 0x8 is larger than its memory size 0x4");
  fx_fini(&f);
}
END_TEST

START_TEST(segment_outside_file) {
  struct fx f;
  fx_init(&f);
  put32(f.img + PH(2, P_FILESZ), 9);
  expect_fail(&f, -ENOEXEC, "segment 2", "extend past the end of the file");
  /* offset + filesz wraps in 32 bits. */
  put32(f.img + PH(2, P_FILESZ), 0x20);
  put32(f.img + PH(2, P_OFFSET), 0xfffffff0u);
  expect_fail(&f, -ENOEXEC, "segment 2", "[0xfffffff0, 0x100000010)", "past the end");
  fx_fini(&f);
}
END_TEST

START_TEST(segment_outside_ram) {
  struct fx f;
  fx_init(&f);
  put32(f.img + PH(0, P_PADDR), 0x1000);
  put32(f.img + PH(0, P_MEMSZ), 0x1000);
  expect_fail(&f, -EINVAL, "segment 0 [0x1000, 0x2000) is outside RAM [0x80000000, 0x80100000)");
  /* Straddling the end of RAM. */
  put32(f.img + PH(0, P_PADDR), RAM_END - 0x800);
  expect_fail(&f, -EINVAL, "segment 0 [0x800ff800, 0x80100800) is outside RAM");
  /* pa + memsz wraps around the 32-bit space. */
  put32(f.img + PH(0, P_PADDR), 0xfffff000u);
  put32(f.img + PH(0, P_MEMSZ), 0x2000);
  expect_fail(&f, -EINVAL, "segment 0 [0xfffff000, 0x100001000) is outside RAM");
  fx_fini(&f);
}
END_TEST

START_TEST(segments_overlap) {
  struct fx f;
  fx_init(&f);
  put32(f.img + PH(2, P_PADDR), TEXT_PA + 8);
  expect_fail(&f, -ENOEXEC, "segments 0 and 2 overlap");
  /* One inside the other. */
  put32(f.img + PH(2, P_PADDR), TEXT_PA + 4);
  put32(f.img + PH(2, P_MEMSZ), 8);
  expect_fail(&f, -ENOEXEC, "segments 0 and 2 overlap");
  fx_fini(&f);
}
END_TEST

/* Many segments, out of address order: the overlap is found and named by header index. */
START_TEST(overlap_among_many) {
  enum { N = 100 };
  struct wseg segs[N];
  for (unsigned i = 0; i < N; i++)
    segs[i] = (struct wseg){
        PT_LOAD, PF_R | PF_W, MACHINE_RAM_BASE + 0x10000 - i * 0x100, 0, 0x100, NULL, 0};
  segs[0] = (struct wseg){PT_LOAD, PF_R | PF_X, TEXT_PA, 0, sizeof text, text, sizeof text};
  struct fx f;
  fx_init(&f);
  free(f.img);
  f.img = build_elf(segs, N, TEXT_PA, &f.len);
  ck_assert_msg(fx_load(&f) == 0, "%s", f.err);
  ck_assert_uint_eq(f.out.hi, MACHINE_RAM_BASE + 0x10000 - 0x100 + 0x100);
  ck_assert_uint_eq(ram_byte(f.m, MACHINE_RAM_BASE + 0x10000 - 50 * 0x100), 0);
  fill_ram(f.m);
  memset(&f.out, 0xee, sizeof f.out);
  put32(f.img + PH(50, P_PADDR), MACHINE_RAM_BASE + 0x10000 - 10 * 0x100 + 0x80);
  expect_fail(&f, -ENOEXEC, "segments 10 and 50 overlap");
  fx_fini(&f);
}
END_TEST

START_TEST(entry_not_executable) {
  struct fx f;
  fx_init(&f);
  put32(f.img + O_ENTRY, DATA_PA); /* in a segment, but not PF_X */
  expect_fail(&f, -ENOEXEC, "entry point 0x80001000 is not in an executable segment");
  put32(f.img + O_ENTRY, TEXT_PA + sizeof text); /* just past the code */
  expect_fail(&f, -ENOEXEC, "entry point 0x80000010 is not in an executable segment");
  put32(f.img + O_ENTRY, 0);
  expect_fail(&f, -ENOEXEC, "entry point 0x00000000 is not in an executable segment");
  put32(f.img + O_ENTRY, TEXT_PA + 2);
  expect_fail(&f, -ENOEXEC, "entry point 0x80000002", "not 4-byte aligned");
  /* Aligned as a virtual address, but its segment is loaded 2 bytes off. */
  put32(f.img + O_ENTRY, 0xc0000004u);
  put32(f.img + PH(0, P_VADDR), 0xc0000002u);
  expect_fail(&f, -ENOEXEC, "(physical 0x80000002) is not 4-byte aligned");
  fx_fini(&f);
}
END_TEST

START_TEST(dynamically_linked) {
  struct fx f;
  fx_init(&f);
  put32(f.img + PH(1, P_TYPE), PT_INTERP);
  expect_fail(&f, -ENOEXEC, "dynamically linked", "static");
  fx_fini(&f);
}
END_TEST

/* The message buffer is never overrun, and may be absent. */
START_TEST(small_or_no_message_buffer) {
  struct fx f;
  fx_init(&f);
  put16(f.img + O_MACHINE, 62);
  char small[9];
  memset(small, 'x', sizeof small);
  int rc = elf_load(&f.m->bus, f.img, f.len, &f.out, small, 8);
  ck_assert_int_eq(rc, -ENOEXEC);
  ck_assert_str_eq(small, "machine");
  ck_assert_int_eq(small[8], 'x');
  ck_assert_int_eq(elf_load(&f.m->bus, f.img, f.len, &f.out, NULL, 0), -ENOEXEC);
  fx_fini(&f);
}
END_TEST

/* ---- Robustness ---- */

/* Loads a copy of img[0..len) held in a buffer of exactly len bytes. */
static int load_exact(struct fx *f, const uint8_t *img, size_t len) {
  uint8_t *copy = malloc(len ? len : 1);
  ck_assert_ptr_nonnull(copy);
  if (len) memcpy(copy, img, len);
  f->err[0] = 0;
  int rc = elf_load(&f->m->bus, copy, len, &f->out, f->err, sizeof f->err);
  free(copy);
  return rc;
}

START_TEST(every_truncation_fails) {
  struct fx f;
  fx_init(&f);
  for (size_t len = 0; len < f.len; len++) {
    int rc = load_exact(&f, f.img, len);
    ck_assert_msg(rc == -ENOEXEC, "length %zu: rc %d (%s)", len, rc, f.err);
    ck_assert_msg(f.err[0], "length %zu: no message", len);
    ck_assert_msg(ram_untouched(f.m), "length %zu changed RAM", len);
  }
  ck_assert_int_eq(load_exact(&f, f.img, f.len), 0);
  fx_fini(&f);
}
END_TEST

static uint64_t xorshift(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

/* Random bytes, and values that stress bounds, at random places (biased towards the
 * headers, where the checks are). Whatever happens: no crash, no overrun, and either a
 * refusal that left RAM alone or a load whose results make sense. */
START_TEST(random_mutations_never_crash) {
  static const uint32_t nasty[] = {0,           1,           4,
                                   0x20,        0x7fffffff,  0x80000000u,
                                   0xfffffffcu, 0xffffffffu, MACHINE_RAM_BASE,
                                   RAM_END,     RAM_END - 4};
  struct fx f;
  fx_init(&f);
  uint64_t seed = 0x0551e1f0c0ffee01ull;
  uint8_t *img = malloc(f.len);
  ck_assert_ptr_nonnull(img);
  unsigned loaded = 0;
  for (unsigned iter = 0; iter < 4000; iter++) {
    memcpy(img, f.img, f.len);
    unsigned nmut = 1 + (unsigned)(xorshift(&seed) % 6);
    for (unsigned k = 0; k < nmut; k++) {
      uint64_t r = xorshift(&seed);
      size_t span = (r & 1) ? f.len : EHDR_SIZE + 3 * PHDR_SIZE;
      size_t pos = (size_t)((r >> 8) % span);
      if ((r >> 1) & 1 && pos + 4 <= f.len)
        put32(img + (pos & ~(size_t)3), nasty[(r >> 40) % (sizeof nasty / sizeof *nasty)]);
      else
        img[pos] = (uint8_t)(r >> 32);
    }
    int rc = load_exact(&f, img, f.len);
    if (rc == 0) {
      loaded++;
      ck_assert(f.out.lo < f.out.hi);
      ck_assert(bus_in_ram(&f.m->bus, f.out.lo, f.out.hi - f.out.lo));
      ck_assert(f.out.exec_lo <= f.out.entry && f.out.entry < f.out.exec_hi);
      ck_assert_uint_eq(f.out.entry % 4, 0);
      fill_ram(f.m);
    } else {
      ck_assert_msg(rc == -ENOEXEC || rc == -EINVAL, "iteration %u: rc %d", iter, rc);
      ck_assert_msg(f.err[0], "iteration %u: no message", iter);
      ck_assert_msg(ram_untouched(f.m), "iteration %u: refused file changed RAM (%s)", iter, f.err);
    }
  }
  /* Mutations that miss every checked field load fine: the fuzzer reached the loader. */
  ck_assert_uint_gt(loaded, 0);
  free(img);
  fx_fini(&f);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("elf");
  TCase *good = tcase_create("good");
  tcase_add_test(good, loads_segments_bss_and_entry);
  tcase_add_test(good, adjacent_segments_load);
  tcase_add_test(good, uses_paddr_and_translates_entry);
  tcase_add_test(good, empty_load_segment_is_ignored);
  tcase_add_test(good, loads_from_file);
  suite_add_tcase(s, good);

  TCase *bad = tcase_create("malformed");
  tcase_add_test(bad, file_errors);
  tcase_add_test(bad, too_short);
  tcase_add_test(bad, bad_magic);
  tcase_add_test(bad, class_64);
  tcase_add_test(bad, big_endian);
  tcase_add_test(bad, bad_version);
  tcase_add_test(bad, not_executable);
  tcase_add_test(bad, wrong_machine);
  tcase_add_test(bad, wrong_isa_flags);
  tcase_add_test(bad, bad_phentsize);
  tcase_add_test(bad, phdrs_outside_file);
  tcase_add_test(bad, no_loadable_segments);
  tcase_add_test(bad, filesz_over_memsz);
  tcase_add_test(bad, segment_outside_file);
  tcase_add_test(bad, segment_outside_ram);
  tcase_add_test(bad, segments_overlap);
  tcase_add_test(bad, overlap_among_many);
  tcase_add_test(bad, entry_not_executable);
  tcase_add_test(bad, dynamically_linked);
  tcase_add_test(bad, small_or_no_message_buffer);
  suite_add_tcase(s, bad);

  TCase *robust = tcase_create("robustness");
  tcase_add_test(robust, every_truncation_fails);
  tcase_add_test(robust, random_mutations_never_crash);
  tcase_set_timeout(robust, 120);
  suite_add_tcase(s, robust);
  return s;
}
