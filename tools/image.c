/* image: image files for mkfs and fsck (image.h). */
#include "image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi/errno.h"

int image_read(void *ctx, uint32_t block, void *buf) {
  struct image *img = ctx;
  if (block >= img->nblocks) return -OSSIM_EIO;
  if (img->mem) {
    memcpy(buf, img->mem + (size_t)block * IMAGE_BSIZE, IMAGE_BSIZE);
    return 0;
  }
  ssize_t n = pread(img->fd, buf, IMAGE_BSIZE, (off_t)block * IMAGE_BSIZE);
  return n == IMAGE_BSIZE ? 0 : -OSSIM_EIO;
}

int image_write(void *ctx, uint32_t block, const void *buf) {
  struct image *img = ctx;
  if (block >= img->nblocks) return -OSSIM_EIO;
  if (img->mem) {
    memcpy(img->mem + (size_t)block * IMAGE_BSIZE, buf, IMAGE_BSIZE);
    return 0;
  }
  ssize_t n = pwrite(img->fd, buf, IMAGE_BSIZE, (off_t)block * IMAGE_BSIZE);
  return n == IMAGE_BSIZE ? 0 : -OSSIM_EIO;
}

int image_create(struct image *img, const char *path, uint32_t nblocks) {
  memset(img, 0, sizeof *img);
  img->fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (img->fd < 0) return -1;
  if (ftruncate(img->fd, (off_t)nblocks * IMAGE_BSIZE) < 0) {
    int e = errno;
    close(img->fd);
    errno = e;
    return -1;
  }
  img->nblocks = nblocks;
  return 0;
}

int image_load(struct image *img, const char *path, uint64_t *bytes) {
  struct stat st;
  memset(img, 0, sizeof *img);
  img->fd = -1;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  if (fstat(fd, &st) < 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    return -1;
  }
  *bytes = (uint64_t)st.st_size;
  uint64_t nblocks = *bytes / IMAGE_BSIZE;
  if (nblocks > UINT32_MAX) nblocks = UINT32_MAX;
  img->mem = malloc(nblocks ? (size_t)nblocks * IMAGE_BSIZE : 1);
  if (!img->mem) {
    close(fd);
    errno = ENOMEM;
    return -1;
  }
  size_t want = (size_t)nblocks * IMAGE_BSIZE, got = 0;
  while (got < want) {
    ssize_t n = read(fd, img->mem + got, want - got);
    if (n <= 0) {
      int e = n < 0 ? errno : EIO;
      close(fd);
      free(img->mem);
      errno = e;
      return -1;
    }
    got += (size_t)n;
  }
  close(fd);
  img->nblocks = (uint32_t)nblocks;
  return 0;
}

int image_close(struct image *img) {
  int r = 0;
  if (img->fd >= 0) r = close(img->fd);
  free(img->mem);
  img->fd = -1;
  img->mem = NULL;
  return r;
}

const char *image_strerror(int err) {
  switch (-err) {
  case OSSIM_ENOENT: return "no such file or directory";
  case OSSIM_EIO: return "input/output error";
  case OSSIM_ENOTDIR: return "not a directory";
  case OSSIM_EISDIR: return "is a directory";
  case OSSIM_EEXIST: return "file exists";
  case OSSIM_EINVAL: return "invalid argument";
  case OSSIM_EFBIG: return "file too large for the file system";
  case OSSIM_ENOSPC: return "no space left in the image";
  case OSSIM_EMLINK: return "too many links";
  case OSSIM_ENAMETOOLONG: return "file name too long (at most 27 bytes a component)";
  case OSSIM_EUCLEAN: return "the file system is corrupt";
  default: return "error";
  }
}
