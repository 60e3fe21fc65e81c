/*
 * uni: the unikernel's host side, a monitor much like bare's. It loads one image — an
 * application linked with the library OS (kernels/uni/libos), build/uni/NAME.elf for
 * `--app NAME`, or any file for `--image FILE` — attaches the disk (a private copy unless
 * --persist, as mono does), writes the program's arguments into a boot-info block
 * (bootinfo.h) and lets the image run in S mode until it powers off. Everything else — the
 * file system, the drivers, the C library's calls — happens inside the image.
 *
 * This header is for the build's size report (uni_sizes.c) and the tests; the front end
 * sees only `uni_kernel` through the registry.
 */
#ifndef OSSIM_UNI_H
#define OSSIM_UNI_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the images NAME.elf in dir, in name order: with sizes, one line per image with its
 * name, the bytes it loads, and the bytes of RAM it takes with bss and stack; without, the
 * names separated by spaces. Returns the number of images, or -errno when dir cannot be
 * read. The text is cut short at len - 1 bytes. */
int uni_list(const char *dir, bool sizes, char *buf, size_t len);

/* Checks that disk (NULL: none, which is fine) holds an ossim file system, by its
 * superblock's magic number: 0, or -errno with a message naming the file. */
int uni_check_disk(const char *disk, char *err, size_t errlen);

#endif
