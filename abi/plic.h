/*
 * abi/plic.h: the interrupt controller's registers (at MACHINE_PLIC_BASE, abi/memmap.h),
 * laid out as on QEMU's `virt` board. How they behave is in sim/plic.h; the driver is
 * kernels/lib/drivers/plicdrv.c.
 */
#ifndef OSSIM_ABI_PLIC_H
#define OSSIM_ABI_PLIC_H

#define PLIC_WINDOW 0x4000000u
#define PLIC_NSOURCES 32 /* source 0 is reserved: it never interrupts and reads as 0 */
#define PLIC_MAX_PRIORITY 7

/* Register offsets from MACHINE_PLIC_BASE (QEMU virt layout). */
#define PLIC_PRIORITY(src) (4u * (src))                   /* RW, 0..7; 0 never interrupts */
#define PLIC_PENDING 0x1000u                              /* RO, bit per source */
#define PLIC_ENABLE(ctx) (0x2000u + 0x80u * (ctx))        /* RW, bit per source */
#define PLIC_THRESHOLD(ctx) (0x200000u + 0x1000u * (ctx)) /* RW, 0..7 */
#define PLIC_CLAIM(ctx) (0x200004u + 0x1000u * (ctx))     /* R claims, W completes */
/* The contexts of hart h. */
#define PLIC_CTX_M(h) (2u * (h))
#define PLIC_CTX_S(h) (2u * (h) + 1u)

#endif
