/*
 * gdb_pagetable: an Sv32 page table as a person reads it, for `monitor pagetable`: runs of
 * pages mapped contiguously with the same rights, one a line (va range -> pa, rwxuad).
 * Read through sim/debug.h, so the table and its A/D bits are left as they are.
 *
 * Not for: translating an address (debug_translate does).
 */
#ifndef OSSIM_GDB_PAGETABLE_H
#define OSSIM_GDB_PAGETABLE_H

#include <stddef.h>
#include <stdint.h>

#include "machine.h"

/* The mappings of the table satp names, as text into out (always terminated). */
void gdb_pagetable_text(struct machine *m, uint32_t satp, char *out, size_t len);

#endif
