/*
 * log: the write-ahead log that makes each transaction all-or-nothing on disk (xv6's log.c,
 * simplified: calls are serialized, so a transaction commits as soon as its operation ends).
 *
 * Blocks changed by a transaction stay in the cache (pinned) until log_end. A commit writes
 *   1. each changed block to its slot in the log,
 *   2. the log header with n = the number of blocks   <- the commit point,
 *   3. each block to its home,
 *   4. the log header with n = 0.
 * A crash before 2 leaves the disk as it was before the transaction (the header still says
 * n = 0); a crash after 2 leaves a committed log that log_recover installs at the next mount
 * (installing twice is harmless, so a crash during recovery is too). Each disk write is
 * assumed to be atomic: a block is either written whole or not at all.
 *
 * An operation that fails half way (a disk full, a corrupt block found) calls log_end with
 * its error: the changed blocks are dropped from the cache, and since none reached the disk
 * the operation leaves no trace.
 */
#include <string.h>

#include "fs_impl.h"

void log_begin(struct fs *fs) {
  fs->log.n = 0;
  fs->log_overflow = 0;
}

void log_write(struct fs *fs, struct fs_buf *bp) {
  if (bp->logged) return; /* absorbed: a block is logged once however often it changes */
  if (fs->log.n == FS_LOGSIZE) {
    /* Every operation checks log_room before each step, so this is a bug; failing the
     * commit keeps it from corrupting the disk. */
    fs->log_overflow = 1;
    return;
  }
  fs->log.block[fs->log.n++] = bp->blockno;
  bp->logged = 1;
}

uint32_t log_room(const struct fs *fs) { return FS_LOGSIZE - fs->log.n; }

/* Forgets the transaction's changes: its blocks will be reread from disk. */
static void abort_txn(struct fs *fs) {
  for (uint32_t i = 0; i < fs->log.n; i++) {
    struct fs_buf *bp = bio_lookup(fs, fs->log.block[i]);
    if (bp) {
      bio_set_valid(fs, bp, 0);
      bp->logged = 0;
    }
  }
  fs->log.n = 0;
}

/* Writes header h (a block's worth: the rest zeros) to the log header block. */
static int write_head(struct fs *fs, const struct fs_loghdr *h) {
  uint8_t blk[FS_BSIZE];
  memset(blk, 0, sizeof blk);
  memcpy(blk, h, sizeof *h);
  return disk_write(&fs->disk, fs->sb.logstart, blk);
}

/* Steps 1 and 2: the blocks into the log, then the header. */
static int write_log(struct fs *fs) {
  for (uint32_t i = 0; i < fs->log.n; i++) {
    struct fs_buf *bp = bio_lookup(fs, fs->log.block[i]);
    if (!bp || !bp->logged) return -OSSIM_EIO; /* cannot happen: logged blocks are pinned */
    int r = disk_write(&fs->disk, fs->sb.logstart + 1 + i, bp->data);
    if (r < 0) return r;
  }
  return write_head(fs, &fs->log);
}

/* Steps 3 and 4: the blocks home, then an empty header. Unpins the blocks. */
static int install(struct fs *fs) {
  for (uint32_t i = 0; i < fs->log.n; i++) {
    struct fs_buf *bp = bio_lookup(fs, fs->log.block[i]);
    int r = disk_write(&fs->disk, bp->blockno, bp->data);
    if (r < 0) return r;
    bp->logged = 0;
  }
  struct fs_loghdr empty;
  memset(&empty, 0, sizeof empty);
  return write_head(fs, &empty);
}

int log_end(struct fs *fs, int r) {
  if (r >= 0 && fs->log_overflow) r = -OSSIM_EIO;
  if (r < 0 || fs->log.n == 0) {
    abort_txn(fs);
    return r;
  }
  int w = write_log(fs);
  if (w < 0) { /* before the commit point: as if the operation had failed */
    abort_txn(fs);
    return w;
  }
  w = install(fs);
  fs->log.n = 0;
  if (w < 0) {
    /* After the commit point: the disk holds a committed log that only a mount may
     * install; a new transaction would overwrite it. Stop here. */
    fs->broken = 1;
    bio_invalidate_all(fs);
    return w;
  }
  return r;
}

/* Whether the header of a log found on disk is one this library could have written. */
static int head_valid(const struct fs *fs, const struct fs_loghdr *h) {
  if (h->n > FS_LOGSIZE) return 0;
  for (uint32_t i = 0; i < h->n; i++)
    if (h->block[i] < fs->sb.inodestart || h->block[i] >= fs->sb.size) return 0;
  return 1;
}

int log_recover(struct fs *fs) {
  uint8_t blk[FS_BSIZE];
  struct fs_loghdr h;
  int r = disk_read(&fs->disk, fs->sb.logstart, blk);
  if (r < 0) return r;
  memcpy(&h, blk, sizeof h);
  if (!head_valid(fs, &h)) return -OSSIM_EUCLEAN;
  if (h.n == 0) return 0;
  for (uint32_t i = 0; i < h.n; i++) {
    r = disk_read(&fs->disk, fs->sb.logstart + 1 + i, blk);
    if (r == 0) r = disk_write(&fs->disk, h.block[i], blk);
    if (r < 0) return r;
  }
  memset(&h, 0, sizeof h);
  return write_head(fs, &h);
}
