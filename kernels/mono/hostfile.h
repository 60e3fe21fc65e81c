/*
 * hostfile: the kernel's few dealings with host files — the private copy of a disk image
 * that a run works on unless --persist (so a run never damages the image the build made),
 * and the size of a module's file. Kept apart from the kernel's other files because the
 * host's <sys/stat.h> and the guest ABI's abi/stat.h both define struct stat.
 */
#ifndef OSSIM_MONO_HOSTFILE_H
#define OSSIM_MONO_HOSTFILE_H

#include <stddef.h>

/* Copies path to a new temporary file whose name goes to copy. 0, or -errno with a message. */
int hostfile_copy_temp(const char *path, char *copy, size_t copylen, char *err, size_t errlen);
void hostfile_remove(const char *copy);
/* The size of a file in bytes, or -1. */
long hostfile_size(const char *path);

#endif
