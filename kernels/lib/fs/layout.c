/*
 * layout: where each region of the disk starts, computed from the size and the number of
 * inodes (the picture is in fs.h). fs_format writes it; fs_mount and fs_check accept only a
 * superblock that matches it exactly, so that every start and length read from disk is one
 * the code could have computed itself.
 */
#include <string.h>

#include "fs_impl.h"

/* The on-disk structures have the sizes the format promises, on every compiler. */
_Static_assert(sizeof(struct fs_dinode) == 64, "an inode is 64 bytes");
_Static_assert(FS_BSIZE % sizeof(struct fs_dinode) == 0, "inodes tile a block");
_Static_assert(sizeof(struct dirent) == 32, "a directory entry is 32 bytes");
_Static_assert(FS_BSIZE % sizeof(struct dirent) == 0, "entries tile a block");
_Static_assert(sizeof(struct fs_superblock) <= FS_BSIZE, "the superblock fits its block");
_Static_assert(sizeof(struct fs_loghdr) <= FS_BSIZE, "the log header fits its block");

/* Blocks for items at per_block a block. 32-bit division: the guest has no 64-bit one. */
static uint32_t blocks_for(uint32_t items, uint32_t per_block) {
  return items / per_block + (items % per_block != 0);
}

int layout_compute(uint32_t size, uint32_t ninodes, struct fs_superblock *sb) {
  if (ninodes < 2) return -OSSIM_EINVAL; /* inode 0 is reserved, 1 is the root */
  uint64_t logstart = 2;
  uint64_t inodestart = logstart + 1 + FS_LOGSIZE;
  uint64_t ibmapstart = inodestart + blocks_for(ninodes, (uint32_t)FS_IPB);
  uint64_t bmapstart = ibmapstart + blocks_for(ninodes, FS_BPB);
  uint64_t datastart = bmapstart + blocks_for(size, FS_BPB);
  if (datastart >= size) return -OSSIM_EINVAL; /* the root directory needs a data block */
  memset(sb, 0, sizeof *sb);
  sb->magic = FS_MAGIC;
  sb->version = FS_VERSION;
  sb->size = size;
  sb->ninodes = ninodes;
  sb->nlog = FS_LOGSIZE;
  sb->logstart = (uint32_t)logstart;
  sb->inodestart = (uint32_t)inodestart;
  sb->ibmapstart = (uint32_t)ibmapstart;
  sb->bmapstart = (uint32_t)bmapstart;
  sb->datastart = (uint32_t)datastart;
  return 0;
}

int layout_valid(const struct fs_superblock *sb) {
  struct fs_superblock want;
  if (sb->magic != FS_MAGIC || sb->version != FS_VERSION) return 0;
  if (layout_compute(sb->size, sb->ninodes, &want) < 0) return 0;
  return memcmp(sb, &want, sizeof want) == 0;
}
