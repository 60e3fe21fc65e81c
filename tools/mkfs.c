/*
 * mkfs: builds an ossim file system image (kernels/lib/fs) and copies host files into it.
 *
 *   mkfs IMAGE [--size BLOCKS] [--inodes N] [FILE[=GUESTPATH] ...]
 *
 * The image is created or overwritten: BLOCKS blocks of 1 KiB (default 16384: 16 MiB) and
 * N inodes (default 1024). It holds /dev/console (a device node, CONSOLE_MAJOR 0) and each
 * FILE, at GUESTPATH if given (the text after the first '='), else at /bin/BASENAME;
 * missing directories are created. On any error the image is removed and mkfs exits 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "fs.h"
#include "image.h"

_Static_assert(IMAGE_BSIZE == FS_BSIZE, "image.h and fs.h disagree on the block size");

#define DEFAULT_BLOCKS 16384u
#define DEFAULT_INODES 1024u

static void usage(FILE *out) {
  fprintf(out,
          "usage: mkfs IMAGE [--size BLOCKS] [--inodes N] [FILE[=GUESTPATH] ...]\n"
          "  creates IMAGE, an ossim file system of BLOCKS 1 KiB blocks (default %u)\n"
          "  and N inodes (default %u), with /dev/console and each FILE copied to\n"
          "  GUESTPATH (default /bin/BASENAME)\n",
          DEFAULT_BLOCKS, DEFAULT_INODES);
}

/* Parses a positive number for option opt, or exits with a message. */
static uint32_t number(const char *opt, const char *s) {
  char *end;
  errno = 0;
  unsigned long v = s ? strtoul(s, &end, 10) : 0;
  if (!s || errno || *end || end == s || v == 0 || v > UINT32_MAX) {
    fprintf(stderr, "mkfs: %s needs a positive number%s%s\n", opt, s ? ", not " : "", s ? s : "");
    usage(stderr);
    exit(2);
  }
  return (uint32_t)v;
}

/* Creates each missing directory above guest path path (absolute). 0 or -errno. */
static int make_parents(struct fs *fs, const char *path) {
  char dir[1024];
  for (const char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
    size_t n = (size_t)(p - path);
    if (n >= sizeof dir) return -OSSIM_ENAMETOOLONG;
    memcpy(dir, path, n);
    dir[n] = '\0';
    uint32_t inum;
    int r = fs_lookup(fs, FS_ROOTINO, dir, &inum);
    if (r == -OSSIM_ENOENT) r = fs_create(fs, FS_ROOTINO, dir, T_DIR, 0, 0, NULL);
    if (r < 0) return r;
  }
  return 0;
}

/* Copies host file src to guest path dst; prints what went wrong and returns -1. */
static int copy_in(struct fs *fs, const char *src, const char *dst) {
  uint32_t inum;
  int r = make_parents(fs, dst);
  if (r == 0) r = fs_create(fs, FS_ROOTINO, dst, T_FILE, 0, 0, &inum);
  if (r == -OSSIM_EEXIST) { /* named twice: the last copy wins */
    r = fs_lookup(fs, FS_ROOTINO, dst, &inum);
    if (r == 0) r = fs_truncate(fs, inum);
  }
  if (r < 0) {
    fprintf(stderr, "mkfs: %s: %s\n", dst, image_strerror(r));
    return -1;
  }
  FILE *f = fopen(src, "rb");
  if (!f) {
    fprintf(stderr, "mkfs: %s: %s\n", src, strerror(errno));
    return -1;
  }
  static char buf[64 * 1024];
  uint32_t off = 0;
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
    r = fs_write(fs, inum, off, buf, (uint32_t)n);
    if (r != (int)n) {
      fprintf(stderr, "mkfs: %s: %s\n", dst, image_strerror(r < 0 ? r : -OSSIM_ENOSPC));
      fclose(f);
      return -1;
    }
    off += (uint32_t)n;
  }
  int bad = ferror(f);
  if (bad) fprintf(stderr, "mkfs: %s: %s\n", src, strerror(errno));
  fclose(f);
  return bad ? -1 : 0;
}

/* The guest path for argument spec (FILE or FILE=GUESTPATH) in guest (size cap); the host
 * path is spec up to the '='. */
static int guest_path(char *spec, char *guest, size_t cap) {
  char *eq = strchr(spec, '=');
  if (eq) {
    *eq = '\0';
    if (eq[1] != '/') {
      fprintf(stderr, "mkfs: %s: the guest path must start with '/'\n", eq + 1);
      return -1;
    }
    snprintf(guest, cap, "%s", eq + 1);
  } else {
    const char *base = strrchr(spec, '/');
    snprintf(guest, cap, "/bin/%s", base ? base + 1 : spec);
  }
  if (spec[0] == '\0') {
    fprintf(stderr, "mkfs: an empty file name\n");
    return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  uint32_t blocks = DEFAULT_BLOCKS, inodes = DEFAULT_INODES;
  if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
    usage(stdout);
    return 0;
  }
  if (argc < 2 || argv[1][0] == '-') {
    usage(stderr);
    return 2;
  }
  const char *path = argv[1];
  int nfiles = 0;
  char **files = calloc((size_t)argc, sizeof *files);
  for (int i = 2; i < argc; i++) {
    if (!strcmp(argv[i], "--size")) {
      blocks = number("--size", i + 1 < argc ? argv[++i] : NULL);
    } else if (!strcmp(argv[i], "--inodes")) {
      inodes = number("--inodes", i + 1 < argc ? argv[++i] : NULL);
    } else if (argv[i][0] == '-' && argv[i][1] == '-') {
      fprintf(stderr, "mkfs: unknown option '%s'\n", argv[i]);
      usage(stderr);
      return 2;
    } else {
      files[nfiles++] = argv[i];
    }
  }

  struct image img;
  if (image_create(&img, path, blocks) < 0) {
    fprintf(stderr, "mkfs: %s: %s\n", path, strerror(errno));
    return 1;
  }
  struct fs_disk disk = {&img, image_read, image_write};
  struct fs *fs = malloc(sizeof *fs);
  int r = fs_format(&disk, blocks, inodes);
  if (r == -OSSIM_EINVAL) {
    fprintf(stderr, "mkfs: %s: %u blocks cannot hold a file system with %u inodes\n", path, blocks,
            inodes);
    goto fail;
  }
  if (r == 0) r = fs_mount(fs, &disk);
  if (r == 0) r = make_parents(fs, "/dev/console");
  if (r == 0) r = fs_create(fs, FS_ROOTINO, "/dev/console", T_DEVICE, CONSOLE_MAJOR, 0, NULL);
  if (r < 0) {
    fprintf(stderr, "mkfs: %s: %s\n", path, image_strerror(r));
    goto fail;
  }
  for (int i = 0; i < nfiles; i++) {
    char guest[1024];
    if (guest_path(files[i], guest, sizeof guest) < 0 || copy_in(fs, files[i], guest) < 0)
      goto fail;
  }
  if (fs_sync(fs) < 0 || image_close(&img) < 0) {
    fprintf(stderr, "mkfs: %s: %s\n", path, strerror(errno ? errno : EIO));
    remove(path);
    return 1;
  }
  free(fs);
  free(files);
  return 0;

fail:
  image_close(&img);
  remove(path);
  free(fs);
  free(files);
  return 1;
}
