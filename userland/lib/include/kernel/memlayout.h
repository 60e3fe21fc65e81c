/*
 * kernel/memlayout.h: the machine's physical map as xv6 names it, with ossim's addresses
 * (the machine is QEMU virt's layout: docs/machine.md), and the top of the user address
 * space. ossim's kernels are host code and are not mapped in a process: an address from
 * KERNBASE up is user memory only as far as sbrk has grown the heap, and a program that
 * touches it otherwise faults, as in xv6.
 */
#ifndef OSSIM_XV6_MEMLAYOUT_H
#define OSSIM_XV6_MEMLAYOUT_H

#include "abi/syscall.h"

#define UART0 0x10000000L
#define UART0_IRQ 10
#define VIRTIO0 0x10001000L /* ossim's block device sits where QEMU's first virtio disk is */
#define PLIC 0x0c000000L
#define KERNBASE 0x80000000L                  /* where RAM starts */
#define PHYSTOP (KERNBASE + 64 * 1024 * 1024) /* the end of RAM at the default --mem */
#define TRAMPOLINE VDSO_BASE /* the top page: the kernel's entry code, here the vDSO */
/* Where the heap stops growing: xv6's trapframe page sits right above the heap's reach.
 * micro keeps its IPC buffers from here up; mono lets the heap grow to 0xf0000000. */
#define TRAPFRAME 0xe0000000L

#endif
