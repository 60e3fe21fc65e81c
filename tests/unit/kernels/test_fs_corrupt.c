/*
 * The file system (kernels/lib/fs) on corrupt images: a formatted and populated image gets
 * random damage (a seeded PRNG flips bytes or plants boundary values in the superblock, the
 * log header, inodes, bitmaps, directories, indirect blocks or anywhere), then it is mounted,
 * every file is walked and read, some changes are made, and fs_check runs. Nothing may crash
 * or touch memory out of bounds (run it under ASan); the calls must return errors from
 * abi/errno.h, and the damage must be noticed as -OSSIM_EUCLEAN at least some of the time.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "fs.h"
#include "fs_memdisk.h"
#include "runner.h"

#define KB 1024u
#define BLOCKS 1024u
#define INODES 128u
#define ROUNDS 3000

static uint32_t rng_state;

static uint32_t rnd(void) { /* xorshift32 */
  uint32_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return rng_state = x;
}

/* ---- the image ---- */

static void put(struct fs *fs, const char *path, uint32_t off, uint32_t n) {
  uint32_t inum;
  ck_assert_int_eq(fs_lookup(fs, FS_ROOTINO, path, &inum), 0);
  uint8_t *buf = malloc(n);
  for (uint32_t i = 0; i < n; i++)
    buf[i] = (uint8_t)(i * 7 + off);
  ck_assert_int_eq(fs_write(fs, inum, off, buf, n), (int)n);
  free(buf);
}

static void mk(struct fs *fs, const char *path, short type) {
  ck_assert_int_eq(fs_create(fs, FS_ROOTINO, path, type, 1, 0, NULL), 0);
}

/* Files of every shape: small, indirect, doubly indirect, sparse; directories nested and
 * spanning blocks; links; a device node. */
static void populate(struct fs *fs) {
  char path[32];
  mk(fs, "/a", T_DIR);
  mk(fs, "/a/b", T_DIR);
  mk(fs, "/a/b/small", T_FILE);
  put(fs, "/a/b/small", 0, 100);
  mk(fs, "/medium", T_FILE);
  put(fs, "/medium", 0, 20 * KB);
  mk(fs, "/large", T_FILE);
  put(fs, "/large", 0, 300 * KB);
  mk(fs, "/sparse", T_FILE);
  put(fs, "/sparse", 2 * KB * KB, 10);
  mk(fs, "/dev", T_DIR);
  mk(fs, "/dev/console", T_DEVICE);
  mk(fs, "/many", T_DIR);
  for (int i = 0; i < 80; i++) {
    snprintf(path, sizeof path, "/many/entry-%02d", i);
    mk(fs, path, i % 8 ? T_FILE : T_DIR);
  }
  ck_assert_int_eq(fs_link(fs, FS_ROOTINO, "/medium", "/a/medium-link"), 0);
}

/* Blocks of one kind, for aiming damage. */
struct region {
  uint32_t block[512];
  uint32_t n;
};

static void region_add(struct region *r, uint32_t b) {
  if (b && r->n < 512) r->block[r->n++] = b;
}

enum { R_SUPER, R_LOG, R_INODES, R_IBMAP, R_BMAP, R_DIRS, R_INDIRECT, R_ANY, R_KINDS };

/* Finds the blocks of each kind on the pristine image. */
static void find_regions(const struct memdisk *md, struct region *regions) {
  struct fs_superblock sb = md_super(md);
  memset(regions, 0, sizeof(struct region) * R_KINDS);
  region_add(&regions[R_SUPER], 1);
  region_add(&regions[R_LOG], sb.logstart);
  for (uint32_t b = sb.inodestart; b < sb.ibmapstart; b++)
    region_add(&regions[R_INODES], b);
  for (uint32_t b = sb.ibmapstart; b < sb.bmapstart; b++)
    region_add(&regions[R_IBMAP], b);
  for (uint32_t b = sb.bmapstart; b < sb.datastart; b++)
    region_add(&regions[R_BMAP], b);
  for (uint32_t b = 1; b < sb.size; b++)
    region_add(&regions[R_ANY], b);
  for (uint32_t inum = 1; inum < sb.ninodes; inum++) {
    struct fs_dinode di;
    memcpy(&di,
           md->data + (size_t)(sb.inodestart + inum / FS_IPB) * FS_BSIZE +
               (inum % FS_IPB) * sizeof di,
           sizeof di);
    if (di.type == T_DIR)
      for (uint32_t i = 0; i < FS_NDIRECT; i++)
        region_add(&regions[R_DIRS], di.addrs[i]);
    region_add(&regions[R_INDIRECT], di.addrs[FS_NDIRECT]);
    uint32_t dind = di.addrs[FS_NDIRECT + 1];
    region_add(&regions[R_INDIRECT], dind);
    if (dind) {
      uint32_t l2[FS_NINDIRECT];
      memcpy(l2, md->data + (size_t)dind * FS_BSIZE, sizeof l2);
      for (uint32_t i = 0; i < FS_NINDIRECT; i++)
        region_add(&regions[R_INDIRECT], l2[i]);
    }
  }
  for (int k = 0; k < R_KINDS; k++)
    ck_assert_uint_gt(regions[k].n, 0);
}

/* Damages the image: a few bytes of one block of a random kind. */
static void damage(struct memdisk *md, const struct region *regions) {
  struct fs_superblock sb = md_super(md);
  const struct region *r = &regions[rnd() % R_KINDS];
  uint8_t *blk = md->data + (size_t)r->block[rnd() % r->n] * FS_BSIZE;
  int hits = 1 + (int)(rnd() % 4);
  for (int i = 0; i < hits; i++) {
    if (rnd() % 2) { /* a random bit pattern in one byte */
      blk[rnd() % FS_BSIZE] ^= (uint8_t)(1 + rnd() % 255);
    } else { /* a boundary value in an aligned word: the numbers range checks must catch */
      const uint32_t values[] = {0,
                                 1,
                                 sb.size - 1,
                                 sb.size,
                                 sb.size + 1,
                                 sb.ninodes - 1,
                                 sb.ninodes,
                                 sb.datastart - 1,
                                 sb.datastart,
                                 0x7fffffff,
                                 0xffffffffu,
                                 FS_LOGSIZE + 1};
      uint32_t v = values[rnd() % (sizeof values / sizeof *values)];
      memcpy(blk + 4 * (rnd() % (FS_BSIZE / 4)), &v, 4);
    }
  }
}

/* ---- using the damaged image ---- */

/* Whether r is a result the library may give: success or an error of abi/errno.h. */
static int plausible(int r) {
  static const int errs[] = {OSSIM_ENOENT, OSSIM_EIO,     OSSIM_ENOTDIR,     OSSIM_EISDIR,
                             OSSIM_EEXIST, OSSIM_ENOSPC,  OSSIM_EINVAL,      OSSIM_EFBIG,
                             OSSIM_EMLINK, OSSIM_EPERM,   OSSIM_EBUSY,       OSSIM_ENOTEMPTY,
                             OSSIM_ENFILE, OSSIM_EUCLEAN, OSSIM_ENAMETOOLONG};
  if (r >= 0) return 1;
  for (size_t i = 0; i < sizeof errs / sizeof *errs; i++)
    if (r == -errs[i]) return 1;
  return 0;
}

struct tally {
  int calls, euclean, mount_failures, walked;
};

static void note(struct tally *t, int r, const char *what) {
  ck_assert_msg(plausible(r), "%s gives %d", what, r);
  t->calls++;
  if (r == -OSSIM_EUCLEAN) t->euclean++;
}

/* Reads a file: its first 256 KiB and its last 16 KiB, in pieces. */
static void read_file(struct fs *fs, uint32_t inum, uint32_t size, struct tally *t) {
  static uint8_t buf[16 * KB + 1];
  for (uint32_t off = 0; off < size && off < 256 * KB; off += 16 * KB) {
    int r = fs_read(fs, inum, off, buf, 16 * KB);
    note(t, r, "fs_read");
    ck_assert_int_le(r, 16 * (int)KB);
  }
  if (size > 16 * KB) note(t, fs_read(fs, inum, size - 16 * KB, buf, 16 * KB + 1), "fs_read");
}

/* Walks directory dinum: every entry looked up by name, stat'ed and read. */
static void walk(struct fs *fs, uint32_t dinum, int depth, struct tally *t) {
  struct stat st;
  if (depth > 6 || t->walked > 2000) return;
  int r = fs_stat(fs, dinum, &st);
  note(t, r, "fs_stat");
  if (r < 0 || st.type != T_DIR) return;
  for (uint32_t off = 0; off < st.size && off < 64 * KB; off += sizeof(struct dirent)) {
    struct dirent de;
    uint32_t inum;
    r = fs_read(fs, dinum, off, &de, sizeof de);
    note(t, r, "fs_read of a directory");
    if (r != (int)sizeof de) break;
    if (de.inum == 0 || !strcmp(de.name, ".") || !strcmp(de.name, "..")) continue;
    t->walked++;
    de.name[DIRSIZ - 1] = '\0';
    if (de.name[0] == '\0' || strchr(de.name, '/')) continue;
    r = fs_lookup(fs, dinum, de.name, &inum);
    note(t, r, "fs_lookup");
    if (r < 0) continue;
    struct stat cst;
    r = fs_stat(fs, inum, &cst);
    note(t, r, "fs_stat");
    if (r < 0) continue;
    if (cst.type == T_DIR)
      walk(fs, inum, depth + 1, t);
    else
      read_file(fs, inum, (uint32_t)cst.size, t);
  }
}

/* Changes the damaged file system: each call may fail, none may crash. */
static void mutate(struct fs *fs, struct tally *t) {
  static uint8_t buf[40 * KB];
  uint32_t inum, held = 0;
  int r = fs_create(fs, FS_ROOTINO, "/new", T_FILE, 0, 0, &inum);
  note(t, r, "fs_create");
  if (r == 0) {
    note(t, fs_write(fs, inum, 0, buf, sizeof buf), "fs_write");
    note(t, fs_write(fs, inum, 600 * KB, buf, 100), "fs_write");
  }
  note(t, fs_create(fs, FS_ROOTINO, "/a/b/newdir", T_DIR, 0, 0, NULL), "fs_create");
  note(t, fs_create(fs, FS_ROOTINO, "/many/entry-99", T_FILE, 0, 0, NULL), "fs_create");
  if (fs_lookup(fs, FS_ROOTINO, "/large", &inum) == 0) {
    note(t, fs_write(fs, inum, 100 * KB, buf, sizeof buf), "fs_write");
    if (fs_iget(fs, inum) == 0) held = inum; /* then unlinked below: freed at fs_iput */
  }
  note(t, fs_link(fs, FS_ROOTINO, "/a/b/small", "/a/small2"), "fs_link");
  note(t, fs_rename(fs, FS_ROOTINO, "/a/b", "/moved"), "fs_rename");
  note(t, fs_rename(fs, FS_ROOTINO, "/medium", "/moved/medium"), "fs_rename");
  note(t, fs_unlink(fs, FS_ROOTINO, "/large"), "fs_unlink");
  note(t, fs_unlink(fs, FS_ROOTINO, "/many/entry-03"), "fs_unlink");
  note(t, fs_unlink(fs, FS_ROOTINO, "/many/entry-08"), "fs_unlink");
  if (fs_lookup(fs, FS_ROOTINO, "/sparse", &inum) == 0)
    note(t, fs_truncate(fs, inum), "fs_truncate");
  if (fs_lookup(fs, FS_ROOTINO, "/new", &inum) == 0) note(t, fs_truncate(fs, inum), "fs_truncate");
  if (held) note(t, fs_iput(fs, held), "fs_iput");
}

START_TEST(random_damage) {
  struct memdisk pristine, md;
  struct region *regions = malloc(sizeof(struct region) * R_KINDS);
  struct fs *fs = malloc(sizeof *fs);
  struct tally t = {0, 0, 0, 0};
  md_init(&pristine, BLOCKS);
  ck_assert_int_eq(fs_format(&pristine.disk, BLOCKS, INODES), 0);
  ck_assert_int_eq(fs_mount(fs, &pristine.disk), 0);
  populate(fs);
  ck_assert_int_eq(md_check(&pristine), 0);
  find_regions(&pristine, regions);
  md_init(&md, BLOCKS);
  for (int round = 0; round < ROUNDS; round++) {
    rng_state = 0x9e3779b9u ^ (uint32_t)round * 2654435761u;
    md_copy(&md, &pristine);
    int ndamage = 1 + (int)(rnd() % 3);
    for (int i = 0; i < ndamage; i++)
      damage(&md, regions);
    int r = fs_mount(fs, &md.disk);
    note(&t, r, "fs_mount");
    (void)fs_check(&md.disk, NULL, NULL); /* on the image as damaged */
    if (r < 0) {
      t.mount_failures++;
      continue;
    }
    t.walked = 0;
    walk(fs, FS_ROOTINO, 0, &t);
    mutate(fs, &t);
    t.walked = 0;
    walk(fs, FS_ROOTINO, 0, &t);
    (void)fs_check(&md.disk, NULL, NULL);
  }
  /* The damage was noticed, and not always at mount. */
  ck_assert_int_gt(t.mount_failures, 0);
  ck_assert_int_lt(t.mount_failures, ROUNDS / 2);
  ck_assert_int_gt(t.euclean, ROUNDS / 20);
  md_free(&md);
  md_free(&pristine);
  free(regions);
  free(fs);
}
END_TEST

/* Where metadata damage must be noticed: a byte that some check reads. */
static uint8_t *meaningful_byte(struct memdisk *md, const struct region *regions) {
  struct fs_superblock sb = md_super(md);
  for (;;) {
    switch (rnd() % 6) {
    case 0: return md->data + FS_BSIZE + rnd() % sizeof sb;
    case 1: return md->data + (size_t)sb.logstart * FS_BSIZE + rnd() % 4; /* n */
    case 2: { /* type, nlink or an address of an inode in use */
      uint32_t inum = 1 + rnd() % (sb.ninodes - 1);
      uint8_t *di = md->data + (size_t)(sb.inodestart + inum / FS_IPB) * FS_BSIZE +
                    (inum % FS_IPB) * sizeof(struct fs_dinode);
      if (di[0] == 0) continue;
      static const uint8_t offs[] = {0, 1, 6, 7};
      uint32_t pick = rnd() % 8;
      return di + (pick < 4 ? offs[pick] : 12 + rnd() % (4 * (FS_NDIRECT + 2)));
    }
    case 3: return md->data + (size_t)sb.ibmapstart * FS_BSIZE + rnd() % (sb.ninodes / 8);
    case 4: return md->data + (size_t)sb.bmapstart * FS_BSIZE + rnd() % (sb.size / 8);
    default: { /* the inode number of a used directory entry */
      const struct region *r = &regions[R_DIRS];
      uint8_t *blk = md->data + (size_t)r->block[rnd() % r->n] * FS_BSIZE;
      uint32_t e = rnd() % (FS_BSIZE / sizeof(struct dirent));
      uint32_t inum;
      memcpy(&inum, blk + e * sizeof(struct dirent), 4);
      if (inum == 0) continue;
      return blk + e * sizeof(struct dirent) + rnd() % 4;
    }
    }
  }
}

/* The checker notices damage to the metadata it checks. */
START_TEST(check_notices_damage) {
  struct memdisk pristine, md;
  struct region *regions = malloc(sizeof(struct region) * R_KINDS);
  struct fs *fs = malloc(sizeof *fs);
  md_init(&pristine, BLOCKS);
  ck_assert_int_eq(fs_format(&pristine.disk, BLOCKS, INODES), 0);
  ck_assert_int_eq(fs_mount(fs, &pristine.disk), 0);
  populate(fs);
  find_regions(&pristine, regions);
  md_init(&md, BLOCKS);
  int missed = 0, rounds = 1000;
  for (int round = 0; round < rounds; round++) {
    rng_state = 0x12345u + (uint32_t)round * 7919u;
    md_copy(&md, &pristine);
    uint8_t *p = meaningful_byte(&md, regions), old = *p;
    *p ^= (uint8_t)(1u << (rnd() % 8));
    /* An empty file turned into a device node, or back, is a valid inode still. */
    if ((old == T_FILE || old == T_DEVICE) && (*p == T_FILE || *p == T_DEVICE)) continue;
    if (fs_check(&md.disk, NULL, NULL) == 0) {
      missed++;
      fprintf(stderr, "round %d: damage at block %zu byte %zu not noticed\n", round,
              (size_t)(p - md.data) / FS_BSIZE, (size_t)(p - md.data) % FS_BSIZE);
    }
  }
  ck_assert_int_eq(missed, 0);
  md_free(&md);
  md_free(&pristine);
  free(regions);
  free(fs);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("fs_corrupt");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, random_damage);
  tcase_add_test(tc, check_notices_damage);
  suite_add_tcase(s, tc);
  return s;
}
