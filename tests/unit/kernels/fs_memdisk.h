/*
 * fs_memdisk: what the file system tests share -- a disk in memory for kernels/lib/fs with
 * switches to make it fail or lose power, and helpers that read the raw image. Header-only
 * (static functions) so that each test program includes what it uses.
 */
#ifndef OSSIM_TEST_FS_MEMDISK_H
#define OSSIM_TEST_FS_MEMDISK_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"

struct memdisk {
  uint8_t *data;
  uint32_t nblocks;
  long reads, writes;  /* requests seen (dropped writes included) */
  long power_after;    /* >= 0: writes after this many are silently dropped (power lost) */
  long fail_reads_at;  /* >= 0: read number fail_reads_at and later fail */
  long fail_writes_at; /* >= 0: write number fail_writes_at and later fail */
  struct fs_disk disk;
};

static inline int md_read(void *ctx, uint32_t block, void *buf) {
  struct memdisk *md = ctx;
  long n = md->reads++;
  if (block >= md->nblocks) return -1;
  if (md->fail_reads_at >= 0 && n >= md->fail_reads_at) return -1;
  memcpy(buf, md->data + (size_t)block * FS_BSIZE, FS_BSIZE);
  return 0;
}

static inline int md_write(void *ctx, uint32_t block, const void *buf) {
  struct memdisk *md = ctx;
  long n = md->writes++;
  if (block >= md->nblocks) return -1;
  if (md->fail_writes_at >= 0 && n >= md->fail_writes_at) return -1;
  if (md->power_after >= 0 && n >= md->power_after) return 0; /* the write never lands */
  memcpy(md->data + (size_t)block * FS_BSIZE, buf, FS_BSIZE);
  return 0;
}

/* Resets the counters and switches. */
static inline void md_reset(struct memdisk *md) {
  md->reads = md->writes = 0;
  md->power_after = md->fail_reads_at = md->fail_writes_at = -1;
}

static inline void md_init(struct memdisk *md, uint32_t nblocks) {
  md->data = calloc(nblocks, FS_BSIZE);
  ck_assert_ptr_nonnull(md->data);
  md->nblocks = nblocks;
  md->disk.ctx = md;
  md->disk.read = md_read;
  md->disk.write = md_write;
  md_reset(md);
}

static inline void md_free(struct memdisk *md) {
  free(md->data);
  md->data = NULL;
}

/* A copy of src's contents in dst (which must be initialised with the same size). */
static inline void md_copy(struct memdisk *dst, const struct memdisk *src) {
  memcpy(dst->data, src->data, (size_t)src->nblocks * FS_BSIZE);
  md_reset(dst);
}

/* The superblock on the image. */
static inline struct fs_superblock md_super(const struct memdisk *md) {
  struct fs_superblock sb;
  memcpy(&sb, md->data + FS_BSIZE, sizeof sb);
  return sb;
}

static inline int md_bit(const struct memdisk *md, uint32_t start, uint32_t i) {
  return (md->data[(size_t)(start + i / FS_BPB) * FS_BSIZE + (i % FS_BPB) / 8] >> (i % 8)) & 1;
}

/* Free data blocks and free inodes, counted in the bitmaps on the image. */
static inline uint32_t md_free_blocks(const struct memdisk *md) {
  struct fs_superblock sb = md_super(md);
  uint32_t n = 0;
  for (uint32_t b = sb.datastart; b < sb.size; b++)
    n += !md_bit(md, sb.bmapstart, b);
  return n;
}

static inline uint32_t md_free_inodes(const struct memdisk *md) {
  struct fs_superblock sb = md_super(md);
  uint32_t n = 0;
  for (uint32_t i = 1; i < sb.ninodes; i++)
    n += !md_bit(md, sb.ibmapstart, i);
  return n;
}

/* fs_check's report: prints to stderr, so that a failing test shows why. */
static inline void md_report(void *ctx, const char *msg) {
  fprintf(stderr, "fs_check%s%s: %s\n", ctx ? " " : "", ctx ? (const char *)ctx : "", msg);
}

/* fs_check on md, with the problems printed. */
static inline int md_check(struct memdisk *md) { return fs_check(&md->disk, md_report, NULL); }

#endif
