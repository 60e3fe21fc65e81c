/*
 * fsck: checks an ossim file system image (kernels/lib/fs) and says what is wrong.
 *
 *   fsck IMAGE
 *
 * The image is read into memory and mounted there -- which installs a committed log left
 * by a crash and frees files that were unlinked while open, as a kernel's mount would --
 * then fs_check runs on the copy. The file itself is never changed. Prints each problem,
 * then "IMAGE: clean" (exit 0) or "IMAGE: N problems" (exit 1). An image that is missing,
 * unreadable or shorter than its superblock says gets one clear line and exit 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"
#include "image.h"

_Static_assert(IMAGE_BSIZE == FS_BSIZE, "image.h and fs.h disagree on the block size");

static void print_problem(void *ctx, const char *msg) {
  printf("%s: %s\n", (const char *)ctx, msg);
}

int main(int argc, char **argv) {
  if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
    printf("usage: fsck IMAGE\n  checks the ossim file system in IMAGE without changing it\n");
    return 0;
  }
  if (argc != 2 || argv[1][0] == '-') {
    fprintf(stderr, "usage: fsck IMAGE\n");
    return 2;
  }
  const char *path = argv[1];
  struct image img;
  uint64_t bytes;
  if (image_load(&img, path, &bytes) < 0) {
    fprintf(stderr, "fsck: %s: %s\n", path, strerror(errno));
    return 1;
  }
  /* A short file gets a plain answer rather than a list of unreadable blocks. */
  struct fs_superblock sb;
  if (img.nblocks < 2) {
    fprintf(stderr, "fsck: %s: not a file system image: only %llu bytes\n", path,
            (unsigned long long)bytes);
    image_close(&img);
    return 1;
  }
  memcpy(&sb, img.mem + FS_BSIZE, sizeof sb);
  if (sb.magic == FS_MAGIC && sb.size > img.nblocks) {
    fprintf(stderr,
            "fsck: %s: truncated: the file system has %u blocks (%llu bytes), the file only "
            "%llu bytes\n",
            path, sb.size, (unsigned long long)sb.size * FS_BSIZE, (unsigned long long)bytes);
    image_close(&img);
    return 1;
  }

  struct fs_disk disk = {&img, image_read, image_write};
  struct fs *fs = malloc(sizeof *fs);
  int mounted = fs_mount(fs, &disk);
  int problems = fs_check(&disk, print_problem, (void *)path);
  if (mounted < 0 && problems == 0) {
    printf("%s: cannot mount: %s\n", path, image_strerror(mounted));
    problems = 1;
  }
  if (problems == 0)
    printf("%s: clean\n", path);
  else
    printf("%s: %d problem%s\n", path, problems, problems == 1 ? "" : "s");
  free(fs);
  image_close(&img);
  return problems ? 1 : 0;
}
