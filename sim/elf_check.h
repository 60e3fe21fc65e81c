/*
 * elf_check: the checks every ELF32 RISC-V executable passes before a byte of it is loaded,
 * in portable C built for the host and for the guest. The machine's loader (elf.c: bare
 * images, uni's images), mono's exec and micro's boot modules on the host, and micro's
 * process manager in the guest all check a program with it, so that every kernel refuses
 * the same files with the same one-line message.
 *
 * It reads only the ELF header and the program header table (which must lie in the first
 * ELF_HEADERS_MAX bytes of the file, as every linker puts them), and the file's length: a
 * caller that reads a program piece by piece needs no more than that in memory.
 *
 * Errors: -OSSIM_ENOEXEC when the file is not a loadable RV32 executable (malformed, wrong
 * class, machine or type, dynamically linked, segments overlapping or outside the place
 * given, a bad entry point); -OSSIM_EINVAL when a bare image's segment is outside RAM, or
 * when the caller did not pass the headers it was asked for (elf_headers_end).
 *
 * Not for: loading (elf.c, or the kernel's exec), relocation, symbols, debug information.
 */
#ifndef OSSIM_ELF_CHECK_H
#define OSSIM_ELF_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_HEADERS_MAX 8192u /* the headers lie in the file's first 8 KiB (250 headers) */
#define ELF_USER_SEGMENTS 8   /* a user program's loadable segments, at most, on every kernel */

/* Where the segments must lie: [lo, hi) by physical address (p_paddr: bare images, which
 * run with translation off, as QEMU loads them), or by virtual address (a user program). */
struct elf_place {
  bool physical;
  uint32_t lo;
  uint64_t hi;
};

/* One non-empty PT_LOAD segment. idx is its program header's index, which messages give
 * it (as readelf numbers segments). Addresses are 64-bit so that pa + memsz cannot wrap;
 * pa is the virtual address when the place is virtual. flags: PF_X 1, PF_W 2, PF_R 4. */
struct elf_seg {
  unsigned idx;
  uint32_t off, filesz, flags;
  uint64_t pa, va, memsz;
};
#define ELF_PF_X 1u
#define ELF_PF_W 2u
#define ELF_PF_R 4u

/* Writes the message to err (when errlen > 0) and returns rc: the checks' way of failing,
 * which the loader (elf.c) shares. */
int elf_fail(char *err, size_t errlen, int rc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* How many bytes from the file's start the headers take (the ELF header and the program
 * header table), read from its first `have` bytes; the ELF header's size when have is less. */
uint64_t elf_headers_end(const uint8_t *head, size_t have);

/* Checks the executable whose first `have` bytes are head and whose length is len: its
 * header, that every segment lies in the file and in where, that no two overlap, that the
 * entry is an aligned address of an executable segment. Fills segs[0..*n) (at most max,
 * sorted by address) and *entry (moved as its segment is, when physical). Returns 0, or a
 * negative errno with a message in err (when errlen > 0) that says what is wrong. */
int elf_check(const uint8_t *head, size_t have, uint64_t len, const struct elf_place *where,
              struct elf_seg *segs, unsigned max, unsigned *n, uint32_t *entry, char *err,
              size_t errlen);

#endif
