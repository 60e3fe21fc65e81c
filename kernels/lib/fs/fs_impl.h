/*
 * fs_impl.h: what the files of the file system library share among themselves and nobody
 * else may use: the layout computation (layout.c), the buffer cache (bio.c) and the log
 * (log.c). The public face is fs.h.
 *
 * How the pieces stack, bottom up, as in xv6:
 *   bio.c   a fixed cache of FS_NBUF blocks inside struct fs; a block changed by the
 *           transaction in progress is pinned in the cache until the transaction commits.
 *   log.c   transactions: log_begin, log_write (a block changed), log_end (commit, or abort
 *           and forget every change if the operation failed); log_recover at mount.
 *   fs.c    inodes, block maps, directories, paths and the public calls, each of which runs
 *           as one or more transactions.
 *   check.c fs_check, which reads the disk directly and shares nothing but the layout.
 */
#ifndef OSSIM_FS_IMPL_H
#define OSSIM_FS_IMPL_H

#include <stdint.h>

#include "abi/errno.h"
#include "fs.h"

/* layout.c */

/* Fills *sb with the layout fs_format writes for size blocks and ninodes inodes.
 * -OSSIM_EINVAL if it does not fit (fewer than 2 inodes, no room for one data block). */
int layout_compute(uint32_t size, uint32_t ninodes, struct fs_superblock *sb);

/* Whether *sb is exactly a superblock fs_format could have written. */
int layout_valid(const struct fs_superblock *sb);

/* bio.c */

/* Returns block b held (*bp), reading it from disk unless it is cached. -OSSIM_EUCLEAN if b
 * is outside the file system (block 0 included), -OSSIM_EIO if the disk fails. */
int bio_read(struct fs *fs, uint32_t b, struct fs_buf **bp);

/* Like bio_read, but the contents are zeros instead of what is on disk: for a block just
 * allocated, whose old contents do not matter. */
int bio_zero(struct fs *fs, uint32_t b, struct fs_buf **bp);

/* Lets go of a block held by bio_read or bio_zero. */
void bio_release(struct fs *fs, struct fs_buf *bp);

/* The cached copy of block b if there is one (held or not), else NULL. */
struct fs_buf *bio_lookup(struct fs *fs, uint32_t b);
/* Marks bp valid (holding bp->blockno) or not: the only way valid changes. */
void bio_set_valid(struct fs *fs, struct fs_buf *bp, int valid);

/* Forgets every cached block (they are reread from disk on next use). Held blocks too: call
 * only when nothing is held. */
void bio_invalidate_all(struct fs *fs);

/* log.c */

/* Starts a transaction. Only one is ever in progress (the library is not reentrant). */
void log_begin(struct fs *fs);

/* Records that the held block bp was changed by this transaction; it stays pinned in the
 * cache until log_end. Call it after every change to a block, before releasing it. */
void log_write(struct fs *fs, struct fs_buf *bp);

/* How many more distinct blocks this transaction may change. */
uint32_t log_room(const struct fs *fs);

/* Ends the transaction begun by log_begin. If r >= 0 the operation succeeded: its blocks
 * are committed and r is returned (or -OSSIM_EIO if the commit failed). If r < 0 every
 * change is forgotten (the disk still holds the state before log_begin) and r is returned.
 * Nothing may be held. */
int log_end(struct fs *fs, int r);

/* At mount: installs a committed transaction found in the log, then empties the log.
 * -OSSIM_EUCLEAN for an impossible log header, -OSSIM_EIO if the disk fails. */
int log_recover(struct fs *fs);

/* The disk callbacks, with every failure turned into -OSSIM_EIO. */
int disk_read(const struct fs_disk *d, uint32_t b, void *buf);
int disk_write(const struct fs_disk *d, uint32_t b, const void *buf);

#endif
