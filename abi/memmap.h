/*
 * abi/memmap.h: where the machine puts its devices and RAM, close to QEMU's `virt` board so
 * that what students learn carries over, and its interrupt sources and number of harts.
 * The machine (sim/machine.c) builds this map; kernels, drivers and bare programs find
 * the devices by it. Plain macros: assembly includes it too.
 */
#ifndef OSSIM_ABI_MEMMAP_H
#define OSSIM_ABI_MEMMAP_H

/* The memory map (as QEMU's virt where QEMU has the device). */
#define MACHINE_TEST_BASE 0x00100000u
#define MACHINE_PLIC_BASE 0x0c000000u
#define MACHINE_UART_BASE 0x10000000u
#define MACHINE_BLK_BASE 0x10001000u
#define MACHINE_TRACE_BASE 0x10002000u
#define MACHINE_RAM_BASE 0x80000000u

/* Interrupt sources at the PLIC. */
#define MACHINE_IRQ_BLK 1
#define MACHINE_IRQ_UART 10

#define MACHINE_MAX_HARTS 8 /* harts a machine may have (--cpus) */

/* A user process's address space, the same on every kernel: programs are linked at
 * USER_BASE (the page at 0 stays unmapped, so that a null pointer faults), and their memory
 * (text, data, stack, heap) ends below USER_TOP. Above it each kernel maps what every
 * process has: the vDSO page at the top (abi/syscall.h's VDSO_BASE), and on micro the IPC
 * buffer and the boot modules' stacks (micro/kabi.h). */
#define USER_BASE 0x00010000u
#define USER_TOP 0xe0000000u
/* exec puts a program's stack of USER_STACK_PAGES pages above its image, with one page left
 * unmapped between them, the guard: a stack that grows past its last page faults there, and
 * the process is killed (never given the page). */
#define USER_STACK_PAGES 4

#endif
