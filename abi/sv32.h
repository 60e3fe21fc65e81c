/*
 * abi/sv32.h: the Sv32 page-table format of the RISC-V privileged spec, as plain macros for
 * everyone who reads or writes page tables: the machine's walker (sim/mmu.c), the hosted
 * kernels' page tables (kernels/lib/vm), and guest code that builds its own (the bare
 * runtime's userland/rt/sv32.h).
 *
 * A virtual address is VPN[1] (10 bits) | VPN[0] (10 bits) | offset (12 bits). The root
 * table, one page of 1024 entries, is indexed by VPN[1]; an entry there either points to a
 * level-0 table (V set, R, W and X clear) or is a leaf mapping a 4 MiB superpage. A level-0
 * table is indexed by VPN[0] and its leaves map 4 KiB pages. An entry is PPN (22 bits) |
 * RSW (2 bits, for software) | D A G U X W R V.
 *
 * Not for: walking (the machine does it in sim/mmu.c, kernels with kernels/lib/vm) or the
 * TLB (sim/mmu.h).
 */
#ifndef OSSIM_ABI_SV32_H
#define OSSIM_ABI_SV32_H

#include <stdint.h>

#define PGSIZE 4096u             /* bytes of a page (and of a page table) */
#define PGSHIFT 12               /* log2(PGSIZE) */
#define SV32_LEVELS 2            /* levels of tables: 1 (the root) and 0 */
#define SV32_NPTE 1024u          /* entries in a table */
#define SV32_SUPERPAGE 0x400000u /* 4 MiB: what one level-1 entry maps */

/* The index into a level-`level` table (1: the root, 0: a leaf table) of virtual address va. */
#define SV32_VPN(va, level) (((uint32_t)(va) >> (PGSHIFT + 10 * (level))) & 0x3ffu)

/* PTE bits (privileged spec, Sv32). */
#define PTE_V (1u << 0)    /* valid */
#define PTE_R (1u << 1)    /* readable */
#define PTE_W (1u << 2)    /* writable */
#define PTE_X (1u << 3)    /* executable */
#define PTE_U (1u << 4)    /* user mode may access it */
#define PTE_G (1u << 5)    /* global: in every address space */
#define PTE_A (1u << 6)    /* accessed (the machine sets it) */
#define PTE_D (1u << 7)    /* dirty (the machine sets it) */
#define PTE_RSW0 (1u << 8) /* the two bits left to software: each kernel names its own use */
#define PTE_RSW1 (1u << 9)
#define PTE_FLAG_MASK 0x3ffu /* the bits above, RSW included: everything but the PPN */

/* The physical page number in a PTE: 22 bits, so a physical address of up to 34 bits. */
#define SV32_PTE_PPN(pte) ((uint32_t)(pte) >> 10)
/* The physical address a PTE points to, for physical addresses below 4 GiB. */
#define SV32_PTE_PA(pte) (SV32_PTE_PPN(pte) << PGSHIFT)
/* The flag bits of a PTE. */
#define SV32_PTE_FLAGS(pte) (PTE_FLAG_MASK & (uint32_t)(pte))
/* A PTE holding physical page number ppn with the given flag bits. */
#define SV32_PTE_OF_PPN(ppn, flags) (((uint32_t)(ppn) << 10) | (flags))
/* A PTE pointing to physical address pa (page-aligned) with the given flag bits. */
#define SV32_PTE(pa, flags) SV32_PTE_OF_PPN((uint32_t)(pa) >> PGSHIFT, flags)
/* True for a leaf (it maps memory); false for a pointer to the next table. Valid PTEs only. */
#define SV32_PTE_LEAF(pte) (((pte) & (PTE_R | PTE_W | PTE_X)) != 0)

/* satp: MODE (1 bit) | ASID (9 bits) | PPN of the root table (22 bits). */
#define SATP_MODE_SV32 (1u << 31)
#define SATP_ASID_SHIFT 22
#define SATP_ASID_MASK 0x1ffu
#define SATP_PPN_MASK 0x3fffffu

#endif
