/*
 * image: what mkfs and fsck share -- a file system image file read and written a block at
 * a time through callbacks fit for a struct fs_disk, and the text of the library's error
 * numbers. Host code for the tools only.
 *
 * This header does not include fs.h, nor image.c: fs.h brings the guest's struct stat
 * (abi/stat.h), which cannot share a file with the host's <sys/stat.h>.
 */
#ifndef OSSIM_TOOLS_IMAGE_H
#define OSSIM_TOOLS_IMAGE_H

#include <stdint.h>

#define IMAGE_BSIZE 1024u /* FS_BSIZE: the tools check that they agree */

/* An image: a file read and written in place, or a copy in memory (fsck never writes the
 * file: its log replay goes to the copy). */
struct image {
  int fd;       /* the file; -1 for an image in memory */
  uint8_t *mem; /* the copy in memory, or NULL */
  uint32_t nblocks;
};

/* The struct fs_disk callbacks; ctx is the struct image. 0, or -OSSIM_EIO. */
int image_read(void *ctx, uint32_t block, void *buf);
int image_write(void *ctx, uint32_t block, const void *buf);

/* Opens path for reading and writing, creating it (or cutting it) to nblocks blocks of
 * zeros. 0, or -1 with errno set. */
int image_create(struct image *img, const char *path, uint32_t nblocks);

/* Reads the whole of path into memory: nblocks = its size in whole blocks, *bytes its size
 * in bytes. 0, or -1 with errno set. */
int image_load(struct image *img, const char *path, uint64_t *bytes);

/* Closes the file or frees the copy; 0, or -1 with errno set (a failed close of a file just
 * written means the image may be incomplete). */
int image_close(struct image *img);

/* A message for a negative error number of abi/errno.h. */
const char *image_strerror(int err);

#endif
