/*
 * hostfile: the kernels' few dealings with host files — the private copy of a disk image
 * that a run works on unless --persist (so a run never damages the image the build made),
 * a machine built on it, and the size of a file (a module's, an image's). Shared by mono and
 * uni. Kept apart from the kernels' other files because the host's <sys/stat.h> and the
 * guest ABI's abi/stat.h both define struct stat.
 */
#ifndef OSSIM_HOSTFILE_H
#define OSSIM_HOSTFILE_H

#include <stdbool.h>
#include <stddef.h>

struct machine;
struct machine_config;

/* Copies path to a new temporary file whose name goes to copy. 0, or -errno with a message. */
int hostfile_copy_temp(const char *path, char *copy, size_t copylen, char *err, size_t errlen);
void hostfile_remove(const char *copy);
/* What an error number (negative, OSSIM_E*) means, for the message of a system that cannot
 * start from the disk it was given: "the file system is corrupt (run fsck)". */
const char *hostfile_boot_error(int err);
/* The size of a file in bytes, or -1. */
long hostfile_size(const char *path);
/* Reads up to n bytes at offset off of a file: the count, or -errno. */
long hostfile_read_at(const char *path, long off, void *buf, size_t n);

/*
 * Creates the machine of mc with `disk` (NULL: none) as its block device: a private copy of
 * it unless persist. The copy is removed from the host's directory at once (the device holds
 * it open), so none is left behind even when ossim is killed. 0, or -errno with a message in
 * err that names `disk`, never the copy.
 */
int hostfile_machine_create(const struct machine_config *mc, const char *disk, bool persist,
                            struct machine **out, char *err, size_t errlen);

#endif
