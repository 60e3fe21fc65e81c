/*
 * bootinfo: what the unikernel's monitor (uni.c, host) hands the image it boots (libos,
 * guest), in the way firmware hands a kernel a device tree: a block of guest RAM whose
 * physical address arrives in a1 (a0 is the hart id), laid out below.
 *
 * The block sits in the last UNI_BOOTINFO_SIZE bytes of RAM; the library OS's heap ends
 * where it starts, so the block stays valid for the whole run. argv[i] are guest physical
 * addresses of NUL-terminated strings inside the block, and argv[argc] is 0.
 *
 * Not for: anything the image can find out itself (the devices are where machine.h says).
 */
#ifndef OSSIM_UNI_BOOTINFO_H
#define OSSIM_UNI_BOOTINFO_H

#include <stdint.h>

#define UNI_BOOT_MAGIC 0x42494e55u /* "UNIB" as its four bytes */
#define UNI_BOOTINFO_SIZE 4096u    /* the block, strings included */
#define UNI_MAXARG 32              /* arguments, the program's name included */

/* flags: the library OS marks each of its calls (abi/marks.h). The monitor always sets it:
 * a run must not change with whether anyone records its events (--events, a visualizer),
 * and the trace port costs no bus time (sim/cpu.c), so a mark costs only the few
 * instructions that write it. The flag stays so that an image can be booted without marks
 * by a monitor that wants the last cycles. */
#define UNI_BOOT_MARKS 1u

struct uni_bootinfo {
  uint32_t magic;    /* UNI_BOOT_MAGIC */
  uint32_t ram_base; /* guest RAM: [ram_base, ram_base + ram_size) */
  uint32_t ram_size;
  uint32_t flags;                /* UNI_BOOT_* */
  uint32_t argc;                 /* 1..UNI_MAXARG */
  uint32_t argv[UNI_MAXARG + 1]; /* the strings' addresses, then 0 */
  /* the strings follow, up to the end of the block */
};

#endif
