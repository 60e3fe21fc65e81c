/*
 * diskcopy: the private copy of a disk image that a run works on unless --persist, so that
 * a run never damages the image the build made. Host file handling, kept apart from the
 * kernel's files because the host's <sys/stat.h> and the guest ABI's abi/stat.h both
 * define struct stat.
 */
#ifndef OSSIM_MONO_DISKCOPY_H
#define OSSIM_MONO_DISKCOPY_H

#include <stddef.h>

/* Copies path to a new temporary file whose name goes to copy. 0, or -errno with a message. */
int diskcopy_make(const char *path, char *copy, size_t copylen, char *err, size_t errlen);
void diskcopy_remove(const char *copy);

#endif
