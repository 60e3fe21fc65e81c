/*
 * boot.c: from the monitor's hand-off (start.S) to the program's main(): the trap vector,
 * the heap, the devices, the file system with the console as descriptors 0, 1 and 2, and a
 * mark in the event stream whose cycle stamp is the boot time. main's return value is the
 * program's exit status, as under any kernel.
 */
#include "abi/errno.h"
#include "abi/marks.h"
#include "bootinfo.h"
#include "libos.h"

struct libos_boot libos_boot_info;

int main(int argc, char **argv); /* the program's (not rt.h's: boot.c leaves rt.h out) */
void rt_trap_entry(void);        /* the vector (userland/rt/trap.S) */
_Noreturn void libos_start(const struct uni_bootinfo *bi);

_Noreturn void libos_start(const struct uni_bootinfo *bi) {
  __asm__ volatile("csrw stvec, %0" ::"r"(rt_trap_entry));
  libos_console_init();
  if (!bi || bi->magic != UNI_BOOT_MAGIC || bi->argc == 0 || bi->argc > UNI_MAXARG)
    libos_panic(1, "uni: no boot information at %p: boot this image with ossim --kernel uni\n",
                (const void *)bi);
  uint32_t at = (uint32_t)(uintptr_t)bi;
  libos_boot_info = (struct libos_boot){.ram_end = at,
                                        .info_lo = at,
                                        .info_hi = at + UNI_BOOTINFO_SIZE,
                                        .marks = (bi->flags & UNI_BOOT_MARKS) != 0,
                                        .name = (const char *)(uintptr_t)bi->argv[0]};
  libos_mem_init();
  int rc = libos_files_init();
  if (rc < 0 && rc != -OSSIM_ENODEV) /* no disk is fine: a program may need none */
    libos_panic(1, "uni: cannot mount the file system on the disk (error %d)\n", rc);
  int argc = (int)bi->argc;
  char **argv = (char **)(uintptr_t)bi->argv;
  libos_mark(MARK_UNI_BOOT, (uint32_t)argc, 0, 0);
  libos_exit(main(argc, argv));
}
