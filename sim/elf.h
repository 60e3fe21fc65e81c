/*
 * elf: the ELF32 loader — puts a statically linked RISC-V executable into guest RAM.
 *
 * Bare mode and the unikernel boot an image with it; anything that has an ELF file in
 * hand and wants its PT_LOAD segments at their physical load addresses (p_paddr, as QEMU
 * loads bare images) uses it. The file is checked completely before a byte of RAM is
 * written, and every way it can be wrong has its own one-line message, because the people
 * who hand ossim a bad file are students who need to be told what to fix.
 *
 * Error codes: -ENOEXEC when the file is not a loadable RV32 executable (malformed, wrong
 * class, machine or type, overlapping segments, a bad entry point); -EINVAL when it is one
 * but does not fit this machine (a segment outside RAM); -ENOMEM; and, for elf_load_file,
 * the errno of a failed open or read, -EISDIR, or -EFBIG for a file over 256 MiB.
 *
 * A hosted kernel's exec, which maps a process's segments into frames of its own, uses
 * elf_segments() instead: the same checks, by virtual address, and a list of segments.
 *
 * Not for: relocation, dynamic linking, symbols or debug information (none are read).
 */
#ifndef OSSIM_ELF_H
#define OSSIM_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "elf_check.h"

struct bus;

struct elf_image {
  uint32_t entry;            /* e_entry, as a physical address (see elf.c) */
  uint32_t lo, hi;           /* lowest and one-past-highest address loaded */
  uint32_t exec_lo, exec_hi; /* extent of the executable segments */
};

/* Loads every PT_LOAD segment of an ELF32 RISC-V executable held in data[0..len) into
 * RAM through the bus (bus_ram_write, and bus_ram_fill with 0 for memsz > filesz).
 * Validates the whole file before writing a byte, so a bad file leaves RAM as it was.
 * Returns 0, or -ENOEXEC (malformed) / -EINVAL with a one-line message in err that says
 * what is wrong ("not an ELF file", "ELF class is 64-bit, need 32-bit", "machine is
 * x86-64 (62), need RISC-V (243)", "program header 2 extends past the end of the file",
 * "segment 1 [0x1000, 0x2000) is outside RAM [0x80000000, 0x84000000)",
 * "segments 0 and 1 overlap", "entry point 0x... is not in an executable segment", ...). */
int elf_load(struct bus *b, const uint8_t *data, size_t len, struct elf_image *out, char *err,
             size_t errlen);
/* Reads the file and calls elf_load; the message starts with the path. -ENOENT etc. for
 * I/O errors, message with strerror. Refuses files over 256 MiB. */
int elf_load_file(struct bus *b, const char *path, struct elf_image *out, char *err, size_t errlen);

/* One loadable segment of a user program. flags: PF_X 1, PF_W 2, PF_R 4. */
struct elf_segment {
  uint32_t va, memsz, off, filesz, flags;
};

/* Checks an executable for a user address space: every segment must lie in [lo, hi) by
 * virtual address, and the segments must not overlap. Fills out[0..*n) (at most max) and
 * *entry (virtual). Returns 0, or -ENOEXEC / -ENOMEM with a message as elf_load's. */
int elf_segments(const uint8_t *data, size_t len, uint32_t lo, uint32_t hi, struct elf_segment *out,
                 unsigned max, unsigned *n, uint32_t *entry, char *err, size_t errlen);

#endif
