/*
 * bio: the buffer cache, a fixed array of FS_NBUF blocks inside struct fs (xv6's bio.c
 * without the locks: the library is not reentrant).
 *
 * Two rules keep it simple. A block has at most one copy in the cache, so a change made
 * through one holder is seen by the next. A block changed by the transaction in progress
 * ("logged") is never evicted: the disk must not see it before the commit, and the cache is
 * the only place it lives until then. FS_NBUF leaves 16 blocks beyond a full log, more than
 * any operation holds at once, so a free buffer always exists.
 */
#include <string.h>

#include "fs_impl.h"

int disk_read(const struct fs_disk *d, uint32_t b, void *buf) {
  return d->read(d->ctx, b, buf) == 0 ? 0 : -OSSIM_EIO;
}

int disk_write(const struct fs_disk *d, uint32_t b, const void *buf) {
  return d->write(d->ctx, b, buf) == 0 ? 0 : -OSSIM_EIO;
}

struct fs_buf *bio_lookup(struct fs *fs, uint32_t b) {
  if (b == 0) return NULL; /* 0 marks an invalid buffer in fs->cached */
  for (uint32_t i = 0; i < FS_NBUF; i++)
    if (fs->cached[i] == b) return &fs->buf[i];
  return NULL;
}

void bio_set_valid(struct fs *fs, struct fs_buf *bp, int valid) {
  bp->valid = (uint8_t)valid;
  fs->cached[bp - fs->buf] = valid ? bp->blockno : 0;
}

/* The buffer to reuse for a block not in the cache: an invalid one, else the least recently
 * used one that is neither held nor logged. NULL only if the invariant above is broken. */
static struct fs_buf *victim(struct fs *fs) {
  struct fs_buf *best = NULL;
  for (uint32_t i = 0; i < FS_NBUF; i++) {
    struct fs_buf *bp = &fs->buf[i];
    if (!bp->valid) return bp;
    if (bp->refcnt == 0 && !bp->logged && (!best || bp->lastuse < best->lastuse)) best = bp;
  }
  return best;
}

/* Holds block b, reading it from disk (or zeroing it) unless it is cached. */
static int get(struct fs *fs, uint32_t b, int zero, struct fs_buf **bp) {
  if (b == 0 || b >= fs->sb.size) return -OSSIM_EUCLEAN;
  struct fs_buf *buf = bio_lookup(fs, b);
  if (!buf) {
    buf = victim(fs);
    if (!buf) return -OSSIM_EIO; /* cannot happen: see the comment at the top */
    bio_set_valid(fs, buf, 0);
    if (!zero) {
      int r = disk_read(&fs->disk, b, buf->data);
      if (r < 0) return r;
    }
    buf->blockno = b;
    bio_set_valid(fs, buf, 1);
    buf->logged = 0;
    buf->refcnt = 0;
  }
  if (zero) memset(buf->data, 0, FS_BSIZE);
  buf->refcnt++;
  *bp = buf;
  return 0;
}

int bio_read(struct fs *fs, uint32_t b, struct fs_buf **bp) { return get(fs, b, 0, bp); }

int bio_zero(struct fs *fs, uint32_t b, struct fs_buf **bp) { return get(fs, b, 1, bp); }

void bio_release(struct fs *fs, struct fs_buf *bp) {
  bp->refcnt--;
  bp->lastuse = ++fs->clock;
}

void bio_invalidate_all(struct fs *fs) {
  for (uint32_t i = 0; i < FS_NBUF; i++) {
    bio_set_valid(fs, &fs->buf[i], 0);
    fs->buf[i].logged = 0;
    fs->buf[i].refcnt = 0;
  }
}
