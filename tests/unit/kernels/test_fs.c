/*
 * The file system library (kernels/lib/fs) on a disk in memory: format and mount, reads and
 * writes at every block and indirection boundary, large and sparse files, truncation,
 * directories, links, device nodes, rename, every error code, a full disk, a failing disk,
 * and persistence across a remount. Every test ends with fs_check finding nothing wrong.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "fs.h"
#include "fs_memdisk.h"
#include "runner.h"

#define KB 1024u
#define MAXBYTES ((uint32_t)FS_MAXFILE * FS_BSIZE)

/* ---- helpers ---- */

/* A formatted, mounted file system on a new memory disk. */
static struct fs *setup(struct memdisk *md, uint32_t blocks, uint32_t ninodes) {
  md_init(md, blocks);
  ck_assert_int_eq(fs_format(&md->disk, blocks, ninodes), 0);
  struct fs *fs = malloc(sizeof *fs);
  ck_assert_ptr_nonnull(fs);
  ck_assert_int_eq(fs_mount(fs, &md->disk), 0);
  return fs;
}

/* Checks the image is consistent and frees everything. */
static void teardown(struct fs *fs, struct memdisk *md) {
  ck_assert_int_eq(md_check(md), 0);
  free(fs);
  md_free(md);
}

/* Mounts md again in a fresh struct fs, as after a reboot. */
static void remount(struct fs *fs, struct memdisk *md) {
  memset(fs, 0xa5, sizeof *fs); /* nothing may survive from the old mount */
  ck_assert_int_eq(fs_mount(fs, &md->disk), 0);
}

static uint32_t create(struct fs *fs, const char *path, short type) {
  uint32_t inum = 0;
  int r = fs_create(fs, FS_ROOTINO, path, type, 0, 0, &inum);
  ck_assert_msg(r == 0, "create %s: %d", path, r);
  return inum;
}

static uint32_t lookup(struct fs *fs, const char *path) {
  uint32_t inum = 0;
  int r = fs_lookup(fs, FS_ROOTINO, path, &inum);
  ck_assert_msg(r == 0, "lookup %s: %d", path, r);
  return inum;
}

static int lookup_err(struct fs *fs, uint32_t cwd, const char *path) {
  uint32_t inum;
  return fs_lookup(fs, cwd, path, &inum);
}

static struct stat stat_of(struct fs *fs, uint32_t inum) {
  struct stat st;
  ck_assert_int_eq(fs_stat(fs, inum, &st), 0);
  return st;
}

/* The byte at offset i of test file number seed. */
static uint8_t pat(uint32_t i, uint32_t seed) {
  return (uint8_t)((i * 2654435761u) >> 13 ^ seed * 97 ^ i >> 10);
}

static void fill(uint8_t *buf, uint32_t off, uint32_t n, uint32_t seed) {
  for (uint32_t i = 0; i < n; i++)
    buf[i] = pat(off + i, seed);
}

/* Writes n pattern bytes at off, all of them. */
static void put(struct fs *fs, uint32_t inum, uint32_t off, uint32_t n, uint32_t seed) {
  uint8_t *buf = malloc(n ? n : 1);
  fill(buf, off, n, seed);
  int r = fs_write(fs, inum, off, buf, n);
  ck_assert_msg(r == (int)n, "write %u at %u: %d", n, off, r);
  free(buf);
}

/* Reads the whole file and compares it with want (size bytes). */
static void expect_contents(struct fs *fs, uint32_t inum, const uint8_t *want, uint32_t size) {
  ck_assert_uint_eq(stat_of(fs, inum).size, size);
  uint8_t *got = malloc(size + 1);
  ck_assert_int_eq(fs_read(fs, inum, 0, got, size + 1), (int)size);
  for (uint32_t i = 0; i < size; i++)
    if (got[i] != want[i]) ck_abort_msg("byte %u: got %u, want %u", i, got[i], want[i]);
  free(got);
}

/* ---- format and mount ---- */

START_TEST(format_and_mount) {
  struct memdisk md;
  struct fs *fs = setup(&md, 4096, 256);
  struct fs_superblock sb = md_super(&md);
  ck_assert_uint_eq(sb.magic, FS_MAGIC);
  ck_assert_uint_eq(sb.size, 4096);
  ck_assert_uint_eq(sb.ninodes, 256);
  ck_assert_uint_eq(sb.logstart, 2);
  ck_assert_uint_eq(sb.inodestart, 3 + FS_LOGSIZE);
  ck_assert_uint_eq(sb.ibmapstart, sb.inodestart + 256 / 16);
  ck_assert_uint_eq(sb.bmapstart, sb.ibmapstart + 1);
  ck_assert_uint_eq(sb.datastart, sb.bmapstart + 1);
  ck_assert_uint_eq(lookup(fs, "/"), FS_ROOTINO);
  struct stat st = stat_of(fs, FS_ROOTINO);
  ck_assert_int_eq(st.type, T_DIR);
  ck_assert_int_eq(st.nlink, 1);
  ck_assert_uint_eq(st.size, 2 * sizeof(struct dirent));
  ck_assert_uint_eq(st.ino, FS_ROOTINO);
  ck_assert_uint_eq(md_free_blocks(&md), 4096 - sb.datastart - 1);
  ck_assert_uint_eq(md_free_inodes(&md), 254);
  ck_assert_int_eq(lookup(fs, "/.."), FS_ROOTINO);
  ck_assert_int_eq(fs_sync(fs), 0);
  teardown(fs, &md);
}
END_TEST

START_TEST(format_refuses_bad_layouts) {
  struct memdisk md;
  md_init(&md, 100);
  ck_assert_int_eq(fs_format(&md.disk, 100, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_format(&md.disk, 100, 0), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_format(&md.disk, 3 + FS_LOGSIZE + 3, 16), -OSSIM_EINVAL); /* no data */
  ck_assert_int_eq(fs_format(&md.disk, 3 + FS_LOGSIZE + 4, 16), 0);             /* one data block */
  struct fs *fs = malloc(sizeof *fs);
  ck_assert_int_eq(fs_mount(fs, &md.disk), 0);
  ck_assert_int_eq(fs_create(fs, 1, "f", T_FILE, 0, 0, NULL), 0);
  ck_assert_int_eq(fs_create(fs, 1, "d", T_DIR, 0, 0, NULL), -OSSIM_ENOSPC);
  ck_assert_int_eq(md_check(&md), 0);
  free(fs);
  md_free(&md);
}
END_TEST

START_TEST(mount_refuses_bad_images) {
  struct memdisk md, bad;
  struct fs *fs = setup(&md, 1024, 64);
  md_init(&bad, 1024);
  /* A blank disk. */
  ck_assert_int_eq(fs_mount(fs, &bad.disk), -OSSIM_EUCLEAN);
  /* Each field of the superblock, changed. */
  for (size_t f = 0; f < sizeof(struct fs_superblock) / 4; f++) {
    md_copy(&bad, &md);
    uint32_t v;
    memcpy(&v, bad.data + FS_BSIZE + 4 * f, 4);
    v += 1;
    memcpy(bad.data + FS_BSIZE + 4 * f, &v, 4);
    int r = fs_mount(fs, &bad.disk);
    ck_assert_msg(r == -OSSIM_EUCLEAN || r == -OSSIM_EIO, "field %zu: %d", f, r);
    ck_assert_int_gt(fs_check(&bad.disk, NULL, NULL), 0);
  }
  /* A disk shorter than the superblock says. */
  md_copy(&bad, &md);
  bad.nblocks = 1000;
  ck_assert_int_eq(fs_mount(fs, &bad.disk), -OSSIM_EIO);
  ck_assert_int_gt(fs_check(&bad.disk, NULL, NULL), 0);
  bad.nblocks = 1024;
  /* A log header claiming too many blocks, or a block outside the file system. */
  md_copy(&bad, &md);
  uint32_t n = FS_LOGSIZE + 1;
  memcpy(bad.data + 2 * FS_BSIZE, &n, 4);
  ck_assert_int_eq(fs_mount(fs, &bad.disk), -OSSIM_EUCLEAN);
  ck_assert_int_gt(fs_check(&bad.disk, NULL, NULL), 0);
  md_copy(&bad, &md);
  uint32_t hdr[2] = {1, 1}; /* the superblock may never be logged */
  memcpy(bad.data + 2 * FS_BSIZE, hdr, sizeof hdr);
  ck_assert_int_eq(fs_mount(fs, &bad.disk), -OSSIM_EUCLEAN);
  /* A disk that cannot be read. */
  md_copy(&bad, &md);
  bad.fail_reads_at = 0;
  ck_assert_int_eq(fs_mount(fs, &bad.disk), -OSSIM_EIO);
  ck_assert_int_eq(fs_check(&bad.disk, NULL, NULL), 1);
  md_free(&bad);
  ck_assert_int_eq(fs_mount(fs, &md.disk), 0);
  teardown(fs, &md);
}
END_TEST

/* ---- reading and writing ---- */

/* Writes at and around every block boundary of the first blocks, against a model. */
START_TEST(block_boundaries) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t f = create(fs, "/f", T_FILE);
  static const uint32_t offs[] = {0, 1, 511, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 5000};
  static const uint32_t lens[] = {1, 2, 1023, 1024, 1025, 2048, 3000};
  uint8_t *model = calloc(16 * KB, 1);
  uint32_t size = 0, seed = 1;
  for (size_t i = 0; i < sizeof offs / sizeof *offs; i++) {
    for (size_t j = 0; j < sizeof lens / sizeof *lens; j++, seed++) {
      put(fs, f, offs[i], lens[j], seed);
      fill(model + offs[i], offs[i], lens[j], seed);
      if (offs[i] + lens[j] > size) size = offs[i] + lens[j];
      expect_contents(fs, f, model, size);
      /* A read that starts inside and runs past the end stops at the end. */
      uint8_t buf[64];
      if (size >= 3) ck_assert_int_eq(fs_read(fs, f, size - 3, buf, sizeof buf), 3);
      ck_assert_int_eq(fs_read(fs, f, size, buf, sizeof buf), 0);
      ck_assert_int_eq(fs_read(fs, f, size + 5000, buf, sizeof buf), 0);
    }
  }
  free(model);
  teardown(fs, &md);
}
END_TEST

/* Writes that cross from direct to indirect, from indirect to doubly indirect, and from
 * one second-level block to the next, read back through the same boundaries. */
START_TEST(indirection_boundaries) {
  struct memdisk md;
  struct fs *fs = setup(&md, 4096, 64);
  uint32_t f = create(fs, "/f", T_FILE);
  const uint32_t bounds[] = {FS_NDIRECT * KB, (FS_NDIRECT + FS_NINDIRECT) * KB,
                             (FS_NDIRECT + 2 * FS_NINDIRECT) * KB,
                             (FS_NDIRECT + 3 * FS_NINDIRECT) * KB};
  uint32_t size = bounds[3] + 4 * KB;
  uint8_t *model = calloc(size, 1);
  uint32_t seed = 7;
  for (size_t i = 0; i < 4; i++) {
    const uint32_t deltas[] = {1, 2, 512, KB, KB + 1, 3 * KB};
    for (size_t j = 0; j < 6; j++, seed++) {
      uint32_t off = bounds[i] - deltas[j], n = 2 * deltas[j];
      put(fs, f, off, n, seed);
      fill(model + off, off, n, seed);
    }
  }
  expect_contents(fs, f, model, size - 4 * KB + 3 * KB);
  /* Every byte again, one at a time across each boundary. */
  for (size_t i = 0; i < 4; i++) {
    for (uint32_t off = bounds[i] - 3; off < bounds[i] + 3; off++) {
      uint8_t b;
      ck_assert_int_eq(fs_read(fs, f, off, &b, 1), 1);
      ck_assert_uint_eq(b, model[off]);
    }
  }
  ck_assert_int_eq(md_check(&md), 0);
  remount(fs, &md);
  expect_contents(fs, f, model, size - 4 * KB + 3 * KB);
  free(model);
  teardown(fs, &md);
}
END_TEST

/* A file larger than 8 MiB in one fs_write call (many transactions), then read back. */
START_TEST(large_file) {
  struct memdisk md;
  struct fs *fs = setup(&md, 16384, 256);
  uint32_t f = create(fs, "/big", T_FILE);
  uint32_t size = 8 * KB * KB + 300 * KB + 17;
  uint8_t *model = malloc(size);
  fill(model, 0, size, 3);
  uint32_t before = md_free_blocks(&md);
  ck_assert_int_eq(fs_write(fs, f, 0, model, size), (int)size);
  expect_contents(fs, f, model, size);
  /* Data blocks, one indirect, one doubly indirect and its second-level blocks. */
  uint32_t data = (size + KB - 1) / KB;
  uint32_t l2 = (data - FS_NDIRECT - FS_NINDIRECT + FS_NINDIRECT - 1) / FS_NINDIRECT;
  ck_assert_uint_eq(before - md_free_blocks(&md), data + 1 + 1 + l2);
  ck_assert_int_eq(md_check(&md), 0);
  remount(fs, &md);
  expect_contents(fs, f, model, size);
  free(model);
  teardown(fs, &md);
}
END_TEST

/* The largest file size: the last byte can be written, the next cannot. */
START_TEST(largest_file_size) {
  struct memdisk md;
  struct fs *fs = setup(&md, 1024, 64);
  uint32_t f = create(fs, "/f", T_FILE);
  uint8_t buf[8] = "abcdefg";
  ck_assert_int_eq(fs_write(fs, f, MAXBYTES - 1, buf, 1), 1);
  ck_assert_uint_eq(stat_of(fs, f).size, MAXBYTES);
  ck_assert_int_eq(fs_write(fs, f, MAXBYTES, buf, 1), -OSSIM_EFBIG);
  ck_assert_int_eq(fs_write(fs, f, 0xffffffffu, buf, 1), -OSSIM_EFBIG);
  ck_assert_int_eq(fs_write(fs, f, MAXBYTES - 3, buf, 8), 3); /* clipped at the limit */
  ck_assert_int_eq(fs_write(fs, f, MAXBYTES - 3, buf, 0), 0);
  uint8_t got[8];
  ck_assert_int_eq(fs_read(fs, f, MAXBYTES - 3, got, 8), 3);
  ck_assert_mem_eq(got, "abc", 3);
  ck_assert_int_eq(fs_read(fs, f, 5 * KB * KB, got, 4), 4); /* a hole */
  ck_assert_mem_eq(got, "\0\0\0\0", 4);
  ck_assert_int_eq(md_check(&md), 0);
  ck_assert_int_eq(fs_truncate(fs, f), 0);
  teardown(fs, &md);
}
END_TEST

/* Holes read as zeros and take no blocks. */
START_TEST(sparse_files) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t f = create(fs, "/sparse", T_FILE);
  uint32_t before = md_free_blocks(&md);
  const uint32_t offs[] = {0, 20 * KB + 5, 600 * KB, 3 * KB * KB + 1};
  for (size_t i = 0; i < 4; i++)
    put(fs, f, offs[i], 10, (uint32_t)i);
  /* 4 data blocks, indirect (20 KiB), doubly indirect with two second-level blocks. */
  ck_assert_uint_eq(before - md_free_blocks(&md), 4 + 1 + 1 + 2);
  ck_assert_uint_eq(stat_of(fs, f).size, 3 * KB * KB + 11);
  uint8_t buf[3000];
  ck_assert_int_eq(fs_read(fs, f, 10, buf, sizeof buf), sizeof buf);
  for (size_t i = 0; i < sizeof buf; i++)
    ck_assert_uint_eq(buf[i], 0);
  for (size_t i = 0; i < 4; i++) {
    uint8_t want[10];
    fill(want, offs[i], 10, (uint32_t)i);
    ck_assert_int_eq(fs_read(fs, f, offs[i], buf, 10), 10);
    ck_assert_mem_eq(buf, want, 10);
  }
  teardown(fs, &md);
}
END_TEST

START_TEST(truncate_frees_everything) {
  struct memdisk md;
  struct fs *fs = setup(&md, 4096, 64);
  uint32_t f = create(fs, "/f", T_FILE);
  uint32_t before = md_free_blocks(&md);
  put(fs, f, 0, 700 * KB + 3, 5); /* direct, indirect and doubly indirect */
  put(fs, f, 2 * KB * KB, 1, 5);  /* and a far second-level block */
  ck_assert_int_eq(fs_truncate(fs, f), 0);
  ck_assert_uint_eq(md_free_blocks(&md), before);
  struct stat st = stat_of(fs, f);
  ck_assert_uint_eq(st.size, 0);
  ck_assert_int_eq(st.nlink, 1);
  uint8_t b;
  ck_assert_int_eq(fs_read(fs, f, 0, &b, 1), 0);
  ck_assert_int_eq(md_check(&md), 0);
  /* The file is usable again, and its old blocks do not show through. */
  ck_assert_int_eq(fs_write(fs, f, 300 * KB, "x", 1), 1);
  ck_assert_int_eq(fs_read(fs, f, 100 * KB, &b, 1), 1);
  ck_assert_uint_eq(b, 0);
  ck_assert_int_eq(fs_truncate(fs, f), 0);
  ck_assert_int_eq(fs_truncate(fs, f), 0); /* an empty file */
  ck_assert_uint_eq(md_free_blocks(&md), before);
  teardown(fs, &md);
}
END_TEST

/* ---- directories and paths ---- */

START_TEST(nested_directories_and_paths) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t a = create(fs, "/a", T_DIR);
  uint32_t b = create(fs, "/a/b", T_DIR);
  uint32_t c = create(fs, "a/b/c", T_DIR); /* relative to the root */
  uint32_t f = create(fs, "/a/b/c/file", T_FILE);
  ck_assert_uint_eq(lookup(fs, "/a/b/c/file"), f);
  ck_assert_uint_eq(lookup(fs, "//a///b/c//file"), f);
  ck_assert_uint_eq(lookup(fs, "/a/b/c/"), c);
  ck_assert_uint_eq(lookup(fs, "/a/./b/../b/c/.."), b);
  ck_assert_uint_eq(lookup(fs, "/.."), FS_ROOTINO);
  ck_assert_uint_eq(lookup(fs, "/a/b/c/../../.."), FS_ROOTINO);
  uint32_t inum;
  ck_assert_int_eq(fs_lookup(fs, b, "c/file", &inum), 0);
  ck_assert_uint_eq(inum, f);
  ck_assert_int_eq(fs_lookup(fs, c, "..", &inum), 0);
  ck_assert_uint_eq(inum, b);
  ck_assert_int_eq(fs_lookup(fs, c, ".", &inum), 0);
  ck_assert_uint_eq(inum, c);
  ck_assert_int_eq(fs_lookup(fs, c, "/a", &inum), 0);
  ck_assert_uint_eq(inum, a);
  ck_assert_int_eq(fs_create(fs, c, "../sib", T_DIR, 0, 0, &inum), 0);
  ck_assert_uint_eq(lookup(fs, "/a/b/sib"), inum);
  /* Link counts: a directory's entry in its parent plus its subdirectories' "..". */
  ck_assert_int_eq(stat_of(fs, FS_ROOTINO).nlink, 2);
  ck_assert_int_eq(stat_of(fs, a).nlink, 2);
  ck_assert_int_eq(stat_of(fs, b).nlink, 3);
  ck_assert_int_eq(stat_of(fs, c).nlink, 1);
  ck_assert_int_eq(stat_of(fs, f).nlink, 1);
  /* Reading a directory gives its entries: ".", "..", then the names. */
  struct dirent de[4];
  ck_assert_int_eq(fs_read(fs, b, 0, de, sizeof de), 4 * (int)sizeof(struct dirent));
  ck_assert_str_eq(de[0].name, ".");
  ck_assert_uint_eq(de[0].inum, b);
  ck_assert_str_eq(de[1].name, "..");
  ck_assert_uint_eq(de[1].inum, a);
  ck_assert_str_eq(de[2].name, "c");
  ck_assert_str_eq(de[3].name, "sib");
  teardown(fs, &md);
}
END_TEST

/* A directory of many entries spanning blocks; freed slots are reused. */
START_TEST(many_entries) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 512);
  uint32_t d = create(fs, "/d", T_DIR);
  char path[64];
  enum { N = 300 };
  uint32_t inums[N];
  for (int i = 0; i < N; i++) {
    snprintf(path, sizeof path, "/d/file-with-a-long-name-%03d", i);
    ck_assert_int_eq(fs_create(fs, 1, path, i % 3 ? T_FILE : T_DIR, 0, 0, &inums[i]), 0);
  }
  uint32_t size = (uint32_t)stat_of(fs, d).size;
  ck_assert_uint_eq(size, (N + 2) * sizeof(struct dirent)); /* spans 10 blocks */
  ck_assert_int_eq(stat_of(fs, d).nlink, 1 + N / 3);
  for (int i = 0; i < N; i++) {
    snprintf(path, sizeof path, "/d/file-with-a-long-name-%03d", i);
    ck_assert_uint_eq(lookup(fs, path), inums[i]);
  }
  ck_assert_int_eq(md_check(&md), 0);
  for (int i = 0; i < N; i += 2) {
    snprintf(path, sizeof path, "/d/file-with-a-long-name-%03d", i);
    ck_assert_int_eq(fs_unlink(fs, 1, path), 0);
    ck_assert_int_eq(lookup_err(fs, 1, path), -OSSIM_ENOENT);
  }
  ck_assert_int_eq(md_check(&md), 0);
  for (int i = 0; i < N; i += 2) {
    snprintf(path, sizeof path, "/d/again-%03d", i);
    create(fs, path, T_FILE);
  }
  ck_assert_uint_eq(stat_of(fs, d).size, size); /* the free slots were reused */
  teardown(fs, &md);
}
END_TEST

/* ---- links ---- */

START_TEST(links_and_unlink) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t free0 = md_free_blocks(&md), ifree0 = md_free_inodes(&md);
  uint32_t f = create(fs, "/f", T_FILE);
  put(fs, f, 0, 5000, 9);
  create(fs, "/d", T_DIR);
  ck_assert_int_eq(fs_link(fs, 1, "/f", "/d/g"), 0);
  ck_assert_int_eq(fs_link(fs, 1, "f", "h"), 0);
  ck_assert_uint_eq(lookup(fs, "/d/g"), f);
  ck_assert_int_eq(stat_of(fs, f).nlink, 3);
  ck_assert_int_eq(md_check(&md), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/f"), 0);
  ck_assert_int_eq(stat_of(fs, f).nlink, 2);
  ck_assert_int_eq(lookup_err(fs, 1, "/f"), -OSSIM_ENOENT);
  uint8_t want[5000];
  fill(want, 0, 5000, 9);
  expect_contents(fs, lookup(fs, "/h"), want, 5000);
  ck_assert_int_eq(fs_unlink(fs, 1, "/h"), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/d/g"), 0); /* the last link: the inode goes */
  struct stat st;
  ck_assert_int_eq(fs_stat(fs, f, &st), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_unlink(fs, 1, "/d"), 0);
  ck_assert_uint_eq(md_free_blocks(&md), free0);
  ck_assert_uint_eq(md_free_inodes(&md), ifree0);
  ck_assert_int_eq(stat_of(fs, FS_ROOTINO).nlink, 1);
  teardown(fs, &md);
}
END_TEST

/* Symbolic links: followed at the end (fs_lookup) and in the middle of a path, from the
 * link's own directory or the root; fs_lookup_link and fs_readlink see the link itself;
 * unlink, link and rename act on the link; loops and long chains give -ELOOP. */
START_TEST(symbolic_links) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t free0 = md_free_blocks(&md), ifree0 = md_free_inodes(&md);
  uint32_t f = create(fs, "/f", T_FILE);
  uint32_t d = create(fs, "/d", T_DIR);
  ck_assert_int_eq(fs_symlink(fs, 1, "/f", "/d/abs"), 0);
  ck_assert_int_eq(fs_symlink(fs, 1, "../f", "/d/rel"), 0);
  ck_assert_int_eq(fs_symlink(fs, 1, "d", "/ld"), 0);
  ck_assert_int_eq(fs_symlink(fs, d, "rel", "chain"), 0); /* relative to cwd d */
  ck_assert_uint_eq(lookup(fs, "/d/abs"), f);
  ck_assert_uint_eq(lookup(fs, "/d/rel"), f);
  ck_assert_uint_eq(lookup(fs, "/ld/chain"), f); /* a link in the middle, then two more */
  ck_assert_uint_eq(lookup(fs, "/ld/"), d);
  uint32_t l;
  ck_assert_int_eq(fs_lookup_link(fs, 1, "/ld/rel", &l), 0);
  ck_assert_int_eq(stat_of(fs, l).type, T_SYMLINK);
  ck_assert_int_eq(stat_of(fs, l).size, 4);
  char buf[16];
  ck_assert_int_eq(fs_readlink(fs, 1, "/ld/rel", buf, sizeof buf), 4);
  ck_assert_int_eq(memcmp(buf, "../f", 4), 0);
  ck_assert_int_eq(fs_readlink(fs, 1, "/ld/rel", buf, 2), 2);
  ck_assert_int_eq(fs_readlink(fs, 1, "/f", buf, sizeof buf), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_read(fs, l, 0, buf, sizeof buf), 4); /* open(O_NOFOLLOW) reads this */
  ck_assert_int_eq(fs_write(fs, l, 0, "x", 1), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_truncate(fs, l), -OSSIM_EINVAL);
  /* Errors. */
  ck_assert_int_eq(fs_symlink(fs, 1, "", "/e"), -OSSIM_ENOENT);
  char longt[FS_SYMLINK_MAX + 2];
  memset(longt, 'a', sizeof longt - 1);
  longt[sizeof longt - 1] = 0;
  ck_assert_int_eq(fs_symlink(fs, 1, longt, "/e"), -OSSIM_ENAMETOOLONG);
  longt[FS_SYMLINK_MAX] = 0;
  ck_assert_int_eq(fs_symlink(fs, 1, longt, "/e"), 0);            /* the longest target */
  ck_assert_int_eq(lookup_err(fs, 1, "/e"), -OSSIM_ENAMETOOLONG); /* a name of 255 bytes */
  ck_assert_int_eq(fs_symlink(fs, 1, "/nosuch", "/dangling"), 0);
  ck_assert_int_eq(lookup_err(fs, 1, "/dangling"), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_symlink(fs, 1, "/f", "/e"), -OSSIM_EEXIST);
  ck_assert_int_eq(fs_symlink(fs, 1, "/f", "/nosuch/x"), -OSSIM_ENOENT);
  ck_assert_int_eq(lookup_err(fs, 1, "/d/abs/x"), -OSSIM_ENOTDIR);
  /* A loop, and a chain one link too long. */
  ck_assert_int_eq(fs_symlink(fs, 1, "/loop2", "/loop1"), 0);
  ck_assert_int_eq(fs_symlink(fs, 1, "loop1", "/loop2"), 0);
  ck_assert_int_eq(lookup_err(fs, 1, "/loop1"), -OSSIM_ELOOP);
  ck_assert_int_eq(lookup_err(fs, 1, "/loop1/x"), -OSSIM_ELOOP);
  char name[8], target[8];
  for (uint32_t i = 0; i <= FS_SYMLOOP_MAX; i++) { /* /c0 -> /c1 -> ... -> /f */
    snprintf(name, sizeof name, "/c%u", i);
    snprintf(target, sizeof target, i == FS_SYMLOOP_MAX ? "/f" : "/c%u", i + 1);
    ck_assert_int_eq(fs_symlink(fs, 1, target, name), 0);
  }
  ck_assert_uint_eq(lookup(fs, "/c1"), f);                  /* FS_SYMLOOP_MAX links */
  ck_assert_int_eq(lookup_err(fs, 1, "/c0"), -OSSIM_ELOOP); /* one more */
  ck_assert_int_eq(md_check(&md), 0);
  /* A hard link and a rename move the link; unlink removes it, not its target. */
  ck_assert_int_eq(fs_link(fs, 1, "/d/rel", "/hard"), 0);
  ck_assert_int_eq(stat_of(fs, l).nlink, 2);
  ck_assert_int_eq(fs_rename(fs, 1, "/hard", "/d/hard"), 0); /* ../f from /d still */
  ck_assert_uint_eq(lookup(fs, "/d/hard"), f);
  const char *links[] = {"/d/abs", "/d/rel",    "/d/hard", "/ld",   "/d/chain",
                         "/e",     "/dangling", "/loop1",  "/loop2"};
  for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++)
    ck_assert_int_eq(fs_unlink(fs, 1, links[i]), 0);
  for (uint32_t i = 0; i <= FS_SYMLOOP_MAX; i++) {
    snprintf(name, sizeof name, "/c%u", i);
    ck_assert_int_eq(fs_unlink(fs, 1, name), 0);
  }
  ck_assert_uint_eq(lookup(fs, "/f"), f);
  ck_assert_int_eq(fs_unlink(fs, 1, "/f"), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/d"), 0);
  ck_assert_uint_eq(md_free_blocks(&md), free0);
  ck_assert_uint_eq(md_free_inodes(&md), ifree0);
  remount(fs, &md);
  teardown(fs, &md);
}
END_TEST

/* An unlinked file held open keeps its data until the last fs_iput. */
START_TEST(unlink_while_open) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t free0 = md_free_blocks(&md), ifree0 = md_free_inodes(&md);
  uint32_t f = create(fs, "/f", T_FILE);
  put(fs, f, 0, 300 * KB, 4);
  ck_assert_int_eq(fs_iget(fs, f), 0);
  ck_assert_int_eq(fs_iget(fs, f), 0); /* two holders */
  ck_assert_int_eq(fs_unlink(fs, 1, "/f"), 0);
  ck_assert_int_eq(lookup_err(fs, 1, "/f"), -OSSIM_ENOENT);
  ck_assert_int_eq(stat_of(fs, f).nlink, 0);
  uint8_t *want = malloc(300 * KB);
  fill(want, 0, 300 * KB, 4);
  expect_contents(fs, f, want, 300 * KB);
  put(fs, f, 100, 10, 4); /* still writable (the same bytes again) */
  ck_assert_int_eq(fs_iput(fs, f), 0);
  expect_contents(fs, f, want, 300 * KB);
  ck_assert_int_eq(fs_iput(fs, f), 0); /* the last holder: freed */
  struct stat st;
  ck_assert_int_eq(fs_stat(fs, f, &st), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_iput(fs, f), -OSSIM_EINVAL);
  ck_assert_uint_eq(md_free_blocks(&md), free0);
  ck_assert_uint_eq(md_free_inodes(&md), ifree0);
  free(want);
  teardown(fs, &md);
}
END_TEST

/* An unlinked file still open when the system stops is freed by the next mount. */
START_TEST(orphan_freed_at_mount) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t free0 = md_free_blocks(&md), ifree0 = md_free_inodes(&md);
  uint32_t f = create(fs, "/f", T_FILE);
  put(fs, f, 0, 50 * KB, 4);
  ck_assert_int_eq(fs_iget(fs, f), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/f"), 0);
  ck_assert_int_gt(fs_check(&md.disk, NULL, NULL), 0); /* an orphan: reported */
  remount(fs, &md);                                    /* the system stopped */
  ck_assert_uint_eq(md_free_blocks(&md), free0);
  ck_assert_uint_eq(md_free_inodes(&md), ifree0);
  teardown(fs, &md);
}
END_TEST

/* A removed directory held as a current directory: lookups of "." work, creating fails. */
START_TEST(removed_cwd) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t d = create(fs, "/d", T_DIR), inum;
  ck_assert_int_eq(fs_iget(fs, d), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/d"), 0);
  ck_assert_int_eq(fs_lookup(fs, d, ".", &inum), 0);
  ck_assert_int_eq(fs_create(fs, d, "x", T_FILE, 0, 0, NULL), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_iput(fs, d), 0);
  ck_assert_int_eq(fs_lookup(fs, d, ".", &inum), -OSSIM_ENOENT);
  ck_assert_int_eq(stat_of(fs, FS_ROOTINO).nlink, 1);
  teardown(fs, &md);
}
END_TEST

/* ---- device nodes ---- */

START_TEST(device_files) {
  struct memdisk md;
  struct fs *fs = setup(&md, 1024, 64);
  uint32_t dev = 0, f = create(fs, "/f", T_FILE);
  ck_assert_int_eq(fs_create(fs, 1, "/console", T_DEVICE, CONSOLE_MAJOR, 7, &dev), 0);
  struct stat st = stat_of(fs, dev);
  ck_assert_int_eq(st.type, T_DEVICE);
  ck_assert_uint_eq(st.size, 0);
  short major, minor;
  ck_assert_int_eq(fs_devnum(fs, dev, &major, &minor), 0);
  ck_assert_int_eq(major, CONSOLE_MAJOR);
  ck_assert_int_eq(minor, 7);
  ck_assert_int_eq(fs_devnum(fs, f, &major, &minor), -OSSIM_EINVAL);
  uint8_t b;
  ck_assert_int_eq(fs_read(fs, dev, 0, &b, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_write(fs, dev, 0, &b, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_truncate(fs, dev), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_link(fs, 1, "/console", "/tty"), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/console"), 0);
  ck_assert_int_eq(fs_devnum(fs, lookup(fs, "/tty"), &major, &minor), 0);
  ck_assert_int_eq(minor, 7);
  remount(fs, &md);
  ck_assert_int_eq(stat_of(fs, lookup(fs, "/tty")).type, T_DEVICE);
  teardown(fs, &md);
}
END_TEST

/* ---- rename ---- */

START_TEST(rename_files_and_directories) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t free0 = md_free_blocks(&md);
  uint32_t f = create(fs, "/f", T_FILE), g = create(fs, "/g", T_FILE);
  put(fs, g, 0, 20 * KB, 1);
  uint32_t a = create(fs, "/a", T_DIR), b = create(fs, "/b", T_DIR);
  uint32_t sub = create(fs, "/a/sub", T_DIR);
  create(fs, "/a/sub/x", T_FILE);
  ck_assert_int_eq(fs_rename(fs, 1, "/f", "/f2"), 0); /* same directory */
  ck_assert_uint_eq(lookup(fs, "/f2"), f);
  ck_assert_int_eq(lookup_err(fs, 1, "/f"), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_rename(fs, 1, "/f2", "/b/f3"), 0); /* another directory */
  ck_assert_uint_eq(lookup(fs, "/b/f3"), f);
  ck_assert_int_eq(fs_rename(fs, 1, "/b/f3", "/g"), 0); /* replaces g, which is freed */
  ck_assert_uint_eq(lookup(fs, "/g"), f);
  struct stat st;
  ck_assert_int_eq(fs_stat(fs, g, &st), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_rename(fs, 1, "/g", "/g"), 0);
  ck_assert_int_eq(md_check(&md), 0);
  /* A directory moves with its contents; its ".." and the parents' link counts follow. */
  ck_assert_int_eq(fs_rename(fs, 1, "/a/sub", "/b/moved"), 0);
  ck_assert_uint_eq(lookup(fs, "/b/moved/.."), b);
  ck_assert_uint_eq(lookup(fs, "/b/moved"), sub);
  lookup(fs, "/b/moved/x");
  ck_assert_int_eq(stat_of(fs, a).nlink, 1);
  ck_assert_int_eq(stat_of(fs, b).nlink, 2);
  ck_assert_int_eq(md_check(&md), 0);
  /* Not into itself or below itself; not onto a directory; not "." or "/". */
  ck_assert_int_eq(fs_rename(fs, 1, "/b", "/b/moved/b"), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_rename(fs, 1, "/b", "/b/b"), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_rename(fs, 1, "/b/moved", "/a"), -OSSIM_EEXIST);
  ck_assert_int_eq(fs_rename(fs, 1, "/g", "/a"), -OSSIM_EEXIST);
  ck_assert_int_eq(fs_rename(fs, 1, "/a", "/g"), -OSSIM_EEXIST);
  ck_assert_int_eq(fs_rename(fs, 1, "/b/.", "/c"), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_rename(fs, 1, "/", "/c"), -OSSIM_EBUSY);
  ck_assert_int_eq(fs_rename(fs, 1, "/nope", "/c"), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_rename(fs, 1, "/g", "/nope/c"), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_rename(fs, 1, "/b", "/c"), 0);
  ck_assert_uint_eq(lookup(fs, "/c/moved/../.."), FS_ROOTINO);
  ck_assert_int_eq(md_check(&md), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/c/moved/x"), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/c/moved"), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/c"), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/a"), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/g"), 0);
  ck_assert_uint_eq(md_free_blocks(&md), free0);
  teardown(fs, &md);
}
END_TEST

/* ---- errors ---- */

START_TEST(every_error_code) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  uint32_t f = create(fs, "/f", T_FILE), d = create(fs, "/d", T_DIR), inum;
  create(fs, "/d/x", T_FILE);
  uint8_t b = 0;
  struct stat st;
  /* ENOENT */
  ck_assert_int_eq(lookup_err(fs, 1, "/nope"), -OSSIM_ENOENT);
  ck_assert_int_eq(lookup_err(fs, 1, "/nope/x"), -OSSIM_ENOENT);
  ck_assert_int_eq(lookup_err(fs, 1, ""), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_create(fs, 1, "/nope/x", T_FILE, 0, 0, NULL), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_unlink(fs, 1, "/nope"), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_link(fs, 1, "/nope", "/x"), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_link(fs, 1, "/f", "/nope/x"), -OSSIM_ENOENT);
  ck_assert_int_eq(fs_stat(fs, 40, &st), -OSSIM_ENOENT); /* a free inode */
  ck_assert_int_eq(fs_iget(fs, 40), -OSSIM_ENOENT);
  /* ENOTDIR */
  ck_assert_int_eq(lookup_err(fs, 1, "/f/x"), -OSSIM_ENOTDIR);
  ck_assert_int_eq(lookup_err(fs, f, "x"), -OSSIM_ENOTDIR);
  ck_assert_int_eq(fs_create(fs, 1, "/f/x", T_FILE, 0, 0, NULL), -OSSIM_ENOTDIR);
  ck_assert_int_eq(fs_unlink(fs, 1, "/f/x"), -OSSIM_ENOTDIR);
  /* EISDIR */
  ck_assert_int_eq(fs_write(fs, d, 0, &b, 1), -OSSIM_EISDIR);
  ck_assert_int_eq(fs_truncate(fs, d), -OSSIM_EISDIR);
  /* EEXIST */
  ck_assert_int_eq(fs_create(fs, 1, "/f", T_FILE, 0, 0, NULL), -OSSIM_EEXIST);
  ck_assert_int_eq(fs_create(fs, 1, "/d", T_DIR, 0, 0, NULL), -OSSIM_EEXIST);
  ck_assert_int_eq(fs_create(fs, 1, "/", T_DIR, 0, 0, NULL), -OSSIM_EEXIST);
  ck_assert_int_eq(fs_create(fs, 1, "/d/.", T_DIR, 0, 0, NULL), -OSSIM_EEXIST);
  ck_assert_int_eq(fs_link(fs, 1, "/f", "/d/x"), -OSSIM_EEXIST);
  /* ENOTEMPTY, EBUSY, EINVAL, EPERM */
  ck_assert_int_eq(fs_unlink(fs, 1, "/d"), -OSSIM_ENOTEMPTY);
  ck_assert_int_eq(fs_unlink(fs, 1, "/"), -OSSIM_EBUSY);
  ck_assert_int_eq(fs_unlink(fs, 1, "/d/."), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_unlink(fs, 1, "/d/.."), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_link(fs, 1, "/d", "/d2"), -OSSIM_EPERM);
  ck_assert_int_eq(fs_create(fs, 1, "/y", 0, 0, 0, NULL), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_create(fs, 1, "/y", 4, 0, 0, NULL), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_stat(fs, 0, &st), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_stat(fs, 64, &st), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_read(fs, 1000, 0, &b, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_write(fs, 0, 0, &b, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_lookup(fs, 0, "x", &inum), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_iput(fs, f), -OSSIM_EINVAL);
  ck_assert_int_eq(fs_iput(fs, 0), -OSSIM_EINVAL);
  /* ENAMETOOLONG: 27 bytes fit, 28 do not */
  const char *n27 = "/abcdefghijklmnopqrstuvwxyz0";
  const char *n28 = "/abcdefghijklmnopqrstuvwxyz01";
  ck_assert_int_eq(fs_create(fs, 1, n27, T_FILE, 0, 0, &inum), 0);
  ck_assert_uint_eq(lookup(fs, n27), inum);
  ck_assert_int_eq(fs_create(fs, 1, n28, T_FILE, 0, 0, NULL), -OSSIM_ENAMETOOLONG);
  ck_assert_int_eq(lookup_err(fs, 1, n28), -OSSIM_ENAMETOOLONG);
  ck_assert_int_eq(lookup_err(fs, 1, "/abcdefghijklmnopqrstuvwxyz01/x"), -OSSIM_ENAMETOOLONG);
  /* EFBIG */
  ck_assert_int_eq(fs_write(fs, f, MAXBYTES, &b, 1), -OSSIM_EFBIG);
  teardown(fs, &md);
}
END_TEST

/* ENFILE with enough inodes to fill the table. */
START_TEST(open_table_full) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, FS_NREFS + 8);
  uint32_t inums[FS_NREFS + 1];
  char path[16];
  for (uint32_t i = 0; i <= FS_NREFS; i++) {
    snprintf(path, sizeof path, "/%u", i);
    inums[i] = create(fs, path, T_FILE);
  }
  for (uint32_t i = 0; i < FS_NREFS; i++)
    ck_assert_int_eq(fs_iget(fs, inums[i]), 0);
  ck_assert_int_eq(fs_iget(fs, inums[0]), 0); /* held already: no new slot */
  ck_assert_int_eq(fs_iget(fs, inums[FS_NREFS]), -OSSIM_ENFILE);
  ck_assert_int_eq(fs_iput(fs, inums[5]), 0);
  ck_assert_int_eq(fs_iget(fs, inums[FS_NREFS]), 0);
  teardown(fs, &md);
}
END_TEST

/* EMLINK: a file reaches FS_LINK_MAX links (spread over directories to stay quick). */
START_TEST(too_many_links) {
  struct memdisk md;
  struct fs *fs = setup(&md, 4096, 128);
  uint32_t f = create(fs, "/f", T_FILE);
  char path[32];
  for (int d = 0; d < 64; d++) {
    snprintf(path, sizeof path, "/%d", d);
    create(fs, path, T_DIR);
  }
  for (int i = 1; i < FS_LINK_MAX; i++) {
    snprintf(path, sizeof path, "/%d/%d", i % 64, i);
    int r = fs_link(fs, 1, "/f", path);
    if (r != 0) ck_abort_msg("link %d: %d", i, r);
  }
  ck_assert_int_eq(stat_of(fs, f).nlink, FS_LINK_MAX);
  ck_assert_int_eq(fs_link(fs, 1, "/f", "/one-more"), -OSSIM_EMLINK);
  ck_assert_int_eq(fs_unlink(fs, 1, "/1/1"), 0);
  ck_assert_int_eq(fs_link(fs, 1, "/f", "/one-more"), 0);
  teardown(fs, &md);
}
END_TEST

/* ---- a full disk ---- */

START_TEST(disk_full) {
  struct memdisk md;
  struct fs *fs = setup(&md, 300, 64);
  uint32_t f = create(fs, "/f", T_FILE);
  uint32_t nfree = md_free_blocks(&md);
  uint8_t *buf = calloc(300 * KB, 1);
  int r = fs_write(fs, f, 0, buf, 300 * KB);
  ck_assert_int_eq(r, (int)((nfree - 1) * KB)); /* every block but the indirect one */
  ck_assert_uint_eq(stat_of(fs, f).size, (uint32_t)r);
  ck_assert_uint_eq(md_free_blocks(&md), 0);
  ck_assert_int_eq(fs_write(fs, f, (uint32_t)r, buf, KB), -OSSIM_ENOSPC);
  ck_assert_int_eq(md_check(&md), 0);
  /* Nothing can be created that needs a block, and a failed create leaves no trace. */
  uint32_t ifree = md_free_inodes(&md);
  ck_assert_int_eq(fs_create(fs, 1, "/d", T_DIR, 0, 0, NULL), -OSSIM_ENOSPC);
  ck_assert_uint_eq(md_free_inodes(&md), ifree);
  ck_assert_int_eq(lookup_err(fs, 1, "/d"), -OSSIM_ENOENT);
  ck_assert_int_eq(md_check(&md), 0);
  /* Files fit in the root's free slots until the root needs a new block. */
  char path[16];
  int made = 0;
  for (;; made++) {
    snprintf(path, sizeof path, "/e%d", made);
    r = fs_create(fs, 1, path, T_FILE, 0, 0, NULL);
    if (r != 0) break;
  }
  ck_assert_int_eq(r, -OSSIM_ENOSPC);
  ck_assert_int_eq(made, FS_BSIZE / (int)sizeof(struct dirent) - 3);
  ck_assert_int_eq(md_check(&md), 0);
  /* Freeing makes room again. */
  ck_assert_int_eq(fs_unlink(fs, 1, "/f"), 0);
  ck_assert_int_eq(fs_create(fs, 1, "/d", T_DIR, 0, 0, NULL), 0);
  free(buf);
  teardown(fs, &md);
}
END_TEST

START_TEST(out_of_inodes) {
  struct memdisk md;
  struct fs *fs = setup(&md, 1024, 10);
  char path[16];
  int made = 0, r;
  for (;; made++) {
    snprintf(path, sizeof path, "/%d", made);
    r = fs_create(fs, 1, path, made % 2 ? T_DIR : T_FILE, 0, 0, NULL);
    if (r != 0) break;
  }
  ck_assert_int_eq(r, -OSSIM_ENOSPC);
  ck_assert_int_eq(made, 8); /* 10 inodes less inode 0 and the root */
  ck_assert_uint_eq(md_free_inodes(&md), 0);
  ck_assert_int_eq(md_check(&md), 0);
  ck_assert_int_eq(fs_unlink(fs, 1, "/0"), 0);
  ck_assert_int_eq(fs_create(fs, 1, "/again", T_FILE, 0, 0, NULL), 0);
  teardown(fs, &md);
}
END_TEST

/* ---- a failing disk ---- */

START_TEST(read_errors) {
  struct memdisk md;
  struct fs *fs = setup(&md, 1024, 64);
  uint32_t f = create(fs, "/f", T_FILE);
  put(fs, f, 0, 100 * KB, 2);
  remount(fs, &md); /* an empty cache: every block comes from the disk */
  md.fail_reads_at = md.reads;
  uint8_t buf[KB];
  uint32_t inum;
  ck_assert_int_eq(fs_read(fs, f, 50 * KB, buf, KB), -OSSIM_EIO);
  ck_assert_int_eq(fs_lookup(fs, 1, "/f", &inum), -OSSIM_EIO);
  ck_assert_int_eq(fs_create(fs, 1, "/g", T_FILE, 0, 0, NULL), -OSSIM_EIO);
  ck_assert_int_eq(fs_write(fs, f, 0, buf, KB), -OSSIM_EIO);
  md.fail_reads_at = -1; /* the disk recovers: nothing was damaged */
  ck_assert_int_eq(fs_read(fs, f, 50 * KB, buf, KB), KB);
  ck_assert_int_eq(fs_create(fs, 1, "/g", T_FILE, 0, 0, NULL), 0);
  teardown(fs, &md);
}
END_TEST

/* A write error at each write of a commit: before the commit point the operation fails
 * cleanly, after it the file system stops; a remount finds it consistent either way. */
START_TEST(write_errors) {
  struct memdisk md, base;
  struct fs *fs = setup(&base, 1024, 64);
  create(fs, "/a", T_FILE);
  md_init(&md, 1024);
  int ok_seen = 0;
  for (long n = 0;; n++) {
    md_copy(&md, &base);
    ck_assert_int_eq(fs_mount(fs, &md.disk), 0);
    md_reset(&md);
    md.fail_writes_at = n;
    int r = fs_create(fs, 1, "/d", T_DIR, 0, 0, NULL);
    if (r == 0) {
      ok_seen = 1;
      break;
    }
    ck_assert_int_eq(r, -OSSIM_EIO);
    md.fail_writes_at = -1;
    /* Either usable (failed before the commit point) or stopped until a mount. */
    int again = fs_create(fs, 1, "/e", T_FILE, 0, 0, NULL);
    ck_assert(again == 0 || (again == -OSSIM_EIO && fs_sync(fs) == -OSSIM_EIO));
    ck_assert_int_eq(fs_mount(fs, &md.disk), 0);
    ck_assert_int_eq(md_check(&md), 0);
    uint32_t inum;
    int has_d = fs_lookup(fs, 1, "/d", &inum) == 0;
    ck_assert(has_d == (again != 0)); /* committed only if the header landed */
  }
  ck_assert(ok_seen);
  free(fs);
  md_free(&md);
  md_free(&base);
}
END_TEST

/* ---- persistence ---- */

START_TEST(persistence) {
  struct memdisk md;
  struct fs *fs = setup(&md, 2048, 64);
  create(fs, "/etc", T_DIR);
  uint32_t f = create(fs, "/etc/motd", T_FILE);
  put(fs, f, 0, 40 * KB + 3, 11);
  create(fs, "/tmp", T_DIR);
  ck_assert_int_eq(fs_link(fs, 1, "/etc/motd", "/tmp/m"), 0);
  ck_assert_int_eq(fs_create(fs, 1, "/console", T_DEVICE, CONSOLE_MAJOR, 0, NULL), 0);
  remount(fs, &md);
  uint8_t *want = malloc(40 * KB + 3);
  fill(want, 0, 40 * KB + 3, 11);
  expect_contents(fs, lookup(fs, "/tmp/m"), want, 40 * KB + 3);
  ck_assert_uint_eq(lookup(fs, "/etc/motd"), f);
  ck_assert_int_eq(stat_of(fs, f).nlink, 2);
  ck_assert_int_eq(stat_of(fs, lookup(fs, "/console")).type, T_DEVICE);
  ck_assert_int_eq(stat_of(fs, FS_ROOTINO).nlink, 3);
  free(want);
  teardown(fs, &md);
}
END_TEST

/* fs_check finds what is wrong with a hand-damaged image. */
START_TEST(check_finds_damage) {
  struct memdisk md, bad;
  struct fs *fs = setup(&md, 1024, 64);
  uint32_t f = create(fs, "/f", T_FILE);
  put(fs, f, 0, 3 * KB, 1);
  uint32_t d = create(fs, "/d", T_DIR);
  struct fs_superblock sb = md_super(&md);
  md_init(&bad, 1024);
  uint8_t *ino_f = bad.data + (size_t)(sb.inodestart + f / FS_IPB) * FS_BSIZE +
                   (f % FS_IPB) * sizeof(struct fs_dinode);
  struct fs_dinode di;
  /* A block marked free that a file uses. */
  md_copy(&bad, &md);
  memcpy(&di, ino_f, sizeof di);
  bad.data[(size_t)sb.bmapstart * FS_BSIZE + di.addrs[0] / 8] &=
      (uint8_t) ~(1u << (di.addrs[0] % 8));
  ck_assert_int_eq(fs_check(&bad.disk, NULL, NULL), 1);
  /* A block claimed twice. */
  md_copy(&bad, &md);
  di.addrs[2] = di.addrs[0];
  memcpy(ino_f, &di, sizeof di);
  ck_assert_int_ge(fs_check(&bad.disk, NULL, NULL), 2); /* twice, and one marked but unused */
  /* A wrong link count. */
  md_copy(&bad, &md);
  memcpy(&di, ino_f, sizeof di);
  di.nlink = 2;
  memcpy(ino_f, &di, sizeof di);
  ck_assert_int_eq(fs_check(&bad.disk, NULL, NULL), 1);
  /* An inode free in the bitmap. */
  md_copy(&bad, &md);
  bad.data[(size_t)sb.ibmapstart * FS_BSIZE + f / 8] &= (uint8_t) ~(1u << (f % 8));
  ck_assert_int_eq(fs_check(&bad.disk, NULL, NULL), 1);
  /* A directory entry naming a free inode. */
  md_copy(&bad, &md);
  memset(ino_f, 0, sizeof di);
  ck_assert_int_ge(fs_check(&bad.disk, NULL, NULL), 3);
  /* A bad "..". */
  md_copy(&bad, &md);
  struct fs_dinode dd;
  memcpy(&dd, bad.data + (size_t)(sb.inodestart + d / FS_IPB) * FS_BSIZE + (d % FS_IPB) * sizeof dd,
         sizeof dd);
  struct dirent *de = (struct dirent *)(bad.data + (size_t)dd.addrs[0] * FS_BSIZE);
  de[1].inum = f;
  ck_assert_int_ge(fs_check(&bad.disk, NULL, NULL), 2);
  md_free(&bad);
  teardown(fs, &md);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("fs");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, format_and_mount);
  tcase_add_test(tc, format_refuses_bad_layouts);
  tcase_add_test(tc, mount_refuses_bad_images);
  tcase_add_test(tc, block_boundaries);
  tcase_add_test(tc, indirection_boundaries);
  tcase_add_test(tc, large_file);
  tcase_add_test(tc, largest_file_size);
  tcase_add_test(tc, sparse_files);
  tcase_add_test(tc, truncate_frees_everything);
  tcase_add_test(tc, nested_directories_and_paths);
  tcase_add_test(tc, many_entries);
  tcase_add_test(tc, links_and_unlink);
  tcase_add_test(tc, symbolic_links);
  tcase_add_test(tc, unlink_while_open);
  tcase_add_test(tc, orphan_freed_at_mount);
  tcase_add_test(tc, removed_cwd);
  tcase_add_test(tc, device_files);
  tcase_add_test(tc, rename_files_and_directories);
  tcase_add_test(tc, every_error_code);
  tcase_add_test(tc, open_table_full);
  tcase_add_test(tc, too_many_links);
  tcase_add_test(tc, disk_full);
  tcase_add_test(tc, out_of_inodes);
  tcase_add_test(tc, read_errors);
  tcase_add_test(tc, write_errors);
  tcase_add_test(tc, persistence);
  tcase_add_test(tc, check_finds_damage);
  suite_add_tcase(s, tc);
  return s;
}
