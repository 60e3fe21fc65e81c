/*
 * check: fs_check, the file system checker (fsck's engine). It reads the disk directly,
 * block by block, and never writes; it trusts nothing it reads, and reports each problem as
 * one plain sentence.
 *
 * There is no malloc, so the checker cannot hold a table of every block or inode. Instead
 * it makes passes: to find blocks claimed twice and compare the block bitmap, it takes the
 * blocks one bitmap block's worth (8192) at a time and walks every file for each chunk;
 * link counts are gathered for 512 inodes at a time, walking every directory for each
 * chunk. A small disk takes one or two passes of each; a large one takes more time but no
 * more memory (a few KiB of stack).
 *
 * The passes, in order: the superblock (nothing else is checked if it is bad), the log
 * header, every inode (type, bitmap bit, size, block addresses), blocks (claimed twice,
 * bitmap), directories (entries, "." and ".."), and link counts with reachability.
 */
#include <string.h>

#include "fs_impl.h"

#define DESZ ((uint32_t)sizeof(struct dirent))
#define LINK_CHUNK 512u /* inodes whose links are counted in one pass */

struct check {
  const struct fs_disk *d;
  void (*report)(void *ctx, const char *msg);
  void *ctx;
  struct fs_superblock sb;
  int problems;
};

/* ---- messages ---- */

/* Appends the decimal digits of v to msg at *n (limit cap). */
static void put_num(char *msg, size_t *n, size_t cap, uint32_t v) {
  char digits[10];
  int k = 0;
  do {
    digits[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (k > 0 && *n < cap)
    msg[(*n)++] = digits[--k];
}

/* Appends a name read from disk: at most DIRSIZ bytes, unprintable ones as '?'. */
static void put_name(char *msg, size_t *n, size_t cap, const char *s) {
  for (size_t i = 0; s && i < DIRSIZ && s[i] && *n < cap; i++)
    msg[(*n)++] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
}

/*
 * Counts a problem and reports it. fmt is plain text in which each %u takes the next of
 * a, b, x and %s takes the name s: a tiny printf, since library code has no stdio.
 */
static void problem(struct check *c, const char *fmt, const char *s, uint32_t a, uint32_t b,
                    uint32_t x) {
  char msg[200];
  size_t n = 0, cap = sizeof msg - 1;
  uint32_t nums[3] = {a, b, x};
  int k = 0;
  for (; *fmt && n < cap; fmt++) {
    if (fmt[0] == '%' && fmt[1] == 'u') {
      put_num(msg, &n, cap, nums[k < 2 ? k++ : 2]);
      fmt++;
    } else if (fmt[0] == '%' && fmt[1] == 's') {
      put_name(msg, &n, cap, s);
      fmt++;
    } else {
      msg[n++] = *fmt;
    }
  }
  msg[n] = '\0';
  c->problems++;
  if (c->report) c->report(c->ctx, msg);
}

/* ---- reading ---- */

static int read_block(struct check *c, uint32_t b, uint8_t *buf) { return disk_read(c->d, b, buf); }

static int in_use(const struct fs_dinode *di) { return di->type >= T_DIR && di->type <= T_SYMLINK; }

static int valid_data(const struct check *c, uint32_t b) {
  return b >= c->sb.datastart && b < c->sb.size;
}

/* Reads inode inum; -1 if it cannot be read (reported: the inode pass reads them all). */
static int read_inode(struct check *c, uint32_t inum, struct fs_dinode *di) {
  uint8_t buf[FS_BSIZE];
  if (inum == 0 || inum >= c->sb.ninodes) return -1;
  if (read_block(c, c->sb.inodestart + inum / FS_IPB, buf) < 0) return -1;
  memcpy(di, buf + (inum % FS_IPB) * sizeof *di, sizeof *di);
  return 0;
}

/* Entry i of indirect block b, or 0 if b cannot be read. */
static uint32_t entry(struct check *c, uint32_t b, uint32_t i) {
  uint8_t buf[FS_BSIZE];
  uint32_t a = 0;
  if (read_block(c, b, buf) == 0) memcpy(&a, buf + 4 * i, 4);
  return a;
}

/* The disk block holding block bn of *di, or 0 (a hole, or an address out of range). */
static uint32_t bmap(struct check *c, const struct fs_dinode *di, uint32_t bn) {
  uint32_t a;
  if (bn < FS_NDIRECT) {
    a = di->addrs[bn];
  } else if ((bn -= FS_NDIRECT) < FS_NINDIRECT) {
    a = di->addrs[FS_NDIRECT];
    a = valid_data(c, a) ? entry(c, a, bn) : 0;
  } else {
    bn -= FS_NINDIRECT;
    if (bn >= FS_NDINDIRECT) return 0;
    a = di->addrs[FS_NDIRECT + 1];
    a = valid_data(c, a) ? entry(c, a, bn / FS_NINDIRECT) : 0;
    a = valid_data(c, a) ? entry(c, a, bn % FS_NINDIRECT) : 0;
  }
  return valid_data(c, a) ? a : 0;
}

/* ---- walking files and directories ---- */

typedef void visit_fn(struct check *c, uint32_t b, uint32_t inum, void *arg);

/* Visits block b, which hangs `level` levels of indirection above data, and what is below
 * it. An address out of range is skipped, and reported if report is set. */
static void walk_tree(struct check *c, uint32_t inum, uint32_t b, int level, int report,
                      visit_fn *visit, void *arg) {
  uint8_t buf[FS_BSIZE];
  if (!valid_data(c, b)) {
    if (report) problem(c, "inode %u: block address %u out of range", NULL, inum, b, 0);
    return;
  }
  visit(c, b, inum, arg);
  if (level == 0) return;
  if (read_block(c, b, buf) < 0) {
    if (report) problem(c, "inode %u: cannot read indirect block %u", NULL, inum, b, 0);
    return;
  }
  for (uint32_t i = 0; i < FS_NINDIRECT; i++) {
    uint32_t a;
    memcpy(&a, buf + 4 * i, 4);
    if (a) walk_tree(c, inum, a, level - 1, report, visit, arg);
  }
}

/* Visits every block of inode inum: data blocks and indirect blocks. */
static void walk_file(struct check *c, uint32_t inum, const struct fs_dinode *di, int report,
                      visit_fn *visit, void *arg) {
  for (uint32_t i = 0; i < FS_NDIRECT + 2; i++) {
    int level = i < FS_NDIRECT ? 0 : (int)(i - FS_NDIRECT + 1);
    if (di->addrs[i]) walk_tree(c, inum, di->addrs[i], level, report, visit, arg);
  }
}

static void visit_nothing(struct check *c, uint32_t b, uint32_t inum, void *arg) {
  (void)c, (void)b, (void)inum, (void)arg;
}

typedef void inode_fn(struct check *c, uint32_t inum, const struct fs_dinode *di, void *arg);

/* Calls fn for every inode in [first, last) whose type is a valid one. */
static void each_inode(struct check *c, uint32_t first, uint32_t last, inode_fn *fn, void *arg) {
  uint8_t buf[FS_BSIZE];
  if (first == 0) first = 1;
  for (uint32_t inum = first; inum < last; inum++) {
    if (inum == first || inum % FS_IPB == 0)
      if (read_block(c, c->sb.inodestart + inum / FS_IPB, buf) < 0) {
        inum |= FS_IPB - 1; /* skip the unreadable block (reported by the inode pass) */
        continue;
      }
    struct fs_dinode di;
    memcpy(&di, buf + (inum % FS_IPB) * sizeof di, sizeof di);
    if (in_use(&di)) fn(c, inum, &di, arg);
  }
}

/* Called for each used entry of a directory; returns nonzero to stop the walk. */
typedef int entry_fn(struct check *c, uint32_t dinum, const struct dirent *de, void *arg);

/* Calls fn for each entry with a nonzero inum in directory *dp; returns what stopped it. */
static int each_entry(struct check *c, uint32_t dinum, const struct fs_dinode *dp, entry_fn *fn,
                      void *arg) {
  uint8_t buf[FS_BSIZE];
  uint32_t size = dp->size > FS_MAXFILE * FS_BSIZE ? 0 : dp->size;
  for (uint32_t bn = 0; bn * FS_BSIZE < size; bn++) {
    uint32_t a = bmap(c, dp, bn);
    if (a == 0 || read_block(c, a, buf) < 0) continue;
    uint32_t bytes = size - bn * FS_BSIZE;
    uint32_t n = (bytes > FS_BSIZE ? FS_BSIZE : bytes) / DESZ;
    for (uint32_t i = 0; i < n; i++) {
      struct dirent de;
      memcpy(&de, buf + i * DESZ, DESZ);
      if (de.inum == 0) continue;
      int r = fn(c, dinum, &de, arg);
      if (r) return r;
    }
  }
  return 0;
}

/* Whether a name read from disk is one the library could have written: 1 to DIRSIZ - 1
 * bytes, NUL-terminated, without '/'. */
static int name_ok(const char name[DIRSIZ]) {
  for (int i = 0; i < DIRSIZ; i++) {
    if (name[i] == '\0') return i > 0;
    if (name[i] == '/') return 0;
  }
  return 0;
}

static int is_name(const struct dirent *de, const char *name) {
  return strncmp(de->name, name, DIRSIZ) == 0;
}

/* ---- the superblock and the log ---- */

/* Checks the superblock, reading it into c->sb; 0 if the rest can be checked. */
static int check_super(struct check *c) {
  uint8_t buf[FS_BSIZE];
  struct fs_superblock want;
  if (read_block(c, 1, buf) < 0) {
    problem(c, "cannot read the superblock (block 1)", NULL, 0, 0, 0);
    return -1;
  }
  memcpy(&c->sb, buf, sizeof c->sb);
  const struct fs_superblock *sb = &c->sb;
  if (sb->magic != FS_MAGIC) {
    problem(c, "superblock: bad magic number %u: not an ossim file system", NULL, sb->magic, 0, 0);
    return -1;
  }
  if (sb->version != FS_VERSION) {
    problem(c, "superblock: format version %u, expected %u", NULL, sb->version, FS_VERSION, 0);
    return -1;
  }
  if (layout_compute(sb->size, sb->ninodes, &want) < 0) {
    problem(c, "superblock: %u blocks cannot hold %u inodes", NULL, sb->size, sb->ninodes, 0);
    return -1;
  }
  static const char *const names[] = {"nlog",       "logstart",  "inodestart",
                                      "ibmapstart", "bmapstart", "datastart"};
  const uint32_t have[] = {sb->nlog,       sb->logstart,  sb->inodestart,
                           sb->ibmapstart, sb->bmapstart, sb->datastart};
  const uint32_t need[] = {want.nlog,       want.logstart,  want.inodestart,
                           want.ibmapstart, want.bmapstart, want.datastart};
  int bad = 0;
  for (int i = 0; i < 6; i++) {
    if (have[i] != need[i]) {
      problem(c, "superblock: %s is %u, expected %u", names[i], have[i], need[i], 0);
      bad = 1;
    }
  }
  if (bad) return -1;
  if (read_block(c, sb->size - 1, buf) < 0) {
    problem(c, "the superblock says %u blocks, but the disk cannot read block %u", NULL, sb->size,
            sb->size - 1, 0);
    return -1;
  }
  return 0;
}

static void check_log(struct check *c) {
  uint8_t buf[FS_BSIZE];
  struct fs_loghdr h;
  if (read_block(c, c->sb.logstart, buf) < 0) {
    problem(c, "cannot read the log header (block %u)", NULL, c->sb.logstart, 0, 0);
    return;
  }
  memcpy(&h, buf, sizeof h);
  if (h.n > FS_LOGSIZE)
    problem(c, "log: the header claims %u blocks; the log holds %u", NULL, h.n, FS_LOGSIZE, 0);
  else if (h.n > 0)
    problem(c, "log: %u committed blocks not installed yet (mounting installs them)", NULL, h.n, 0,
            0);
}

/* ---- inodes ---- */

/* The inode checks that need only the inode itself and its bit in the inode bitmap. */
static void check_inode(struct check *c, uint32_t inum, const struct fs_dinode *di, int bit) {
  if (di->type < 0 || di->type > T_SYMLINK) {
    problem(c, "inode %u: bad type %u", NULL, inum, (uint32_t)di->type, 0);
    return;
  }
  if (in_use(di) && !bit)
    problem(c, "inode %u: in use but free in the inode bitmap", NULL, inum, 0, 0);
  if (!in_use(di) && bit)
    problem(c, "inode %u: free but marked used in the inode bitmap", NULL, inum, 0, 0);
  if (!in_use(di)) return;
  if (inum == FS_ROOTINO && di->type != T_DIR)
    problem(c, "inode %u (the root) is not a directory", NULL, inum, 0, 0);
  if (di->size > FS_MAXFILE * FS_BSIZE)
    problem(c, "inode %u: size %u beyond the largest file", NULL, inum, di->size, 0);
  if (di->type == T_DIR && di->size % DESZ)
    problem(c, "directory %u: size %u is not a multiple of %u", NULL, inum, di->size, DESZ);
  if (di->type == T_SYMLINK && (di->size == 0 || di->size > FS_SYMLINK_MAX))
    problem(c, "symbolic link %u: a target of %u bytes (1 to %u)", NULL, inum, di->size,
            FS_SYMLINK_MAX);
  if (di->type == T_DEVICE) {
    uint32_t any = di->size;
    for (uint32_t i = 0; i < FS_NDIRECT + 2; i++)
      any |= di->addrs[i];
    if (any) problem(c, "inode %u: a device node with data", NULL, inum, 0, 0);
  }
  walk_file(c, inum, di, 1, visit_nothing, NULL);
}

/* Every inode against its bitmap bit; inode 0 must be marked used. */
static void check_inodes(struct check *c) {
  uint8_t ib[FS_BSIZE], bm[FS_BSIZE];
  uint32_t have_bm = UINT32_MAX;
  int ib_ok = 0;
  for (uint32_t inum = 0; inum < c->sb.ninodes; inum++) {
    if (inum % FS_IPB == 0) {
      ib_ok = read_block(c, c->sb.inodestart + inum / FS_IPB, ib) == 0;
      if (!ib_ok)
        problem(c, "cannot read inode block %u", NULL, c->sb.inodestart + inum / FS_IPB, 0, 0);
    }
    if (inum / FS_BPB != have_bm) {
      have_bm = inum / FS_BPB;
      if (read_block(c, c->sb.ibmapstart + have_bm, bm) < 0) {
        problem(c, "cannot read inode bitmap block %u", NULL, c->sb.ibmapstart + have_bm, 0, 0);
        memset(bm, 0xff, sizeof bm);
      }
    }
    uint32_t bit = inum % FS_BPB;
    int used = (bm[bit / 8] >> (bit % 8)) & 1;
    if (!ib_ok) continue;
    struct fs_dinode di;
    memcpy(&di, ib + (inum % FS_IPB) * sizeof di, sizeof di);
    if (inum == 0) {
      if (!used) problem(c, "inode bitmap: inode 0 (reserved) is marked free", NULL, 0, 0, 0);
      continue;
    }
    check_inode(c, inum, &di, used);
  }
}

/* ---- blocks ---- */

/* One chunk of blocks: those covered by one block of the block bitmap. */
struct chunk {
  uint32_t first, last; /* blocks [first, last) */
  uint8_t seen[FS_BPB / 8];
};

static void mark_block(struct check *c, uint32_t b, uint32_t inum, void *arg) {
  struct chunk *ch = arg;
  if (b < ch->first || b >= ch->last) return;
  uint32_t i = b - ch->first;
  if (ch->seen[i / 8] & (1u << (i % 8)))
    problem(c, "block %u: claimed twice (again by inode %u)", NULL, b, inum, 0);
  ch->seen[i / 8] |= (uint8_t)(1u << (i % 8));
}

static void mark_file(struct check *c, uint32_t inum, const struct fs_dinode *di, void *arg) {
  walk_file(c, inum, di, 0, mark_block, arg);
}

/* Blocks claimed twice, and the block bitmap against the blocks in use. */
static void check_blocks(struct check *c) {
  struct chunk ch;
  uint8_t bm[FS_BSIZE];
  for (uint32_t k = 0; k < c->sb.datastart - c->sb.bmapstart; k++) {
    ch.first = k * FS_BPB;
    ch.last = ch.first + FS_BPB < c->sb.size ? ch.first + FS_BPB : c->sb.size;
    memset(ch.seen, 0, sizeof ch.seen);
    each_inode(c, 1, c->sb.ninodes, mark_file, &ch);
    if (read_block(c, c->sb.bmapstart + k, bm) < 0) {
      problem(c, "cannot read block bitmap block %u", NULL, c->sb.bmapstart + k, 0, 0);
      continue;
    }
    for (uint32_t b = ch.first; b < ch.last; b++) {
      uint32_t i = b - ch.first;
      int marked = (bm[i / 8] >> (i % 8)) & 1;
      int used = b < c->sb.datastart || ((ch.seen[i / 8] >> (i % 8)) & 1);
      if (marked && !used)
        problem(c, "block %u: marked used in the bitmap, but no file uses it", NULL, b, 0, 0);
      else if (!marked && b < c->sb.datastart)
        problem(c, "block %u: a metadata block, but free in the bitmap", NULL, b, 0, 0);
      else if (!marked && used)
        problem(c, "block %u: in use by a file, but free in the bitmap", NULL, b, 0, 0);
    }
  }
}

/* ---- directories ---- */

static int names_child(struct check *c, uint32_t dinum, const struct dirent *de, void *arg) {
  (void)c, (void)dinum;
  return de->inum == *(const uint32_t *)arg && !is_name(de, ".") && !is_name(de, "..");
}

static int find_dotdot(struct check *c, uint32_t dinum, const struct dirent *de, void *arg) {
  (void)c, (void)dinum;
  if (!is_name(de, "..")) return 0;
  *(uint32_t *)arg = de->inum;
  return 1;
}

/* Whether directory parent holds an entry (not "." or "..") naming child. */
static int has_child(struct check *c, uint32_t parent, uint32_t child) {
  struct fs_dinode pd;
  if (read_inode(c, parent, &pd) < 0 || pd.type != T_DIR) return 0;
  return each_entry(c, parent, &pd, names_child, &child);
}

/* The parent directory inum's ".." names, if that parent names inum back; else 0. */
static uint32_t parent_of(struct check *c, uint32_t inum) {
  struct fs_dinode di;
  uint32_t p = 0;
  if (read_inode(c, inum, &di) < 0 || di.type != T_DIR) return 0;
  each_entry(c, inum, &di, find_dotdot, &p);
  return has_child(c, p, inum) ? p : 0;
}

/* Whether directory inum is reachable from the root, following ".." up. */
static int reachable(struct check *c, uint32_t inum) {
  for (uint32_t steps = 0; steps < c->sb.ninodes && inum != 0; steps++) {
    if (inum == FS_ROOTINO) return 1;
    inum = parent_of(c, inum);
  }
  return 0;
}

/* What one directory's entries add up to. */
struct dirstat {
  uint32_t dots, dotdots;
};

static int check_entry(struct check *c, uint32_t dinum, const struct dirent *de, void *arg) {
  struct dirstat *st = arg;
  struct fs_dinode ti;
  if (!name_ok(de->name))
    problem(c, "directory %u: an entry naming inode %u has a bad name", NULL, dinum, de->inum, 0);
  if (de->inum >= c->sb.ninodes) {
    problem(c, "directory %u: entry '%s' names inode %u, out of range", de->name, dinum, de->inum,
            0);
    return 0;
  }
  if (read_inode(c, de->inum, &ti) < 0 || !in_use(&ti)) {
    problem(c, "directory %u: entry '%s' names free inode %u", de->name, dinum, de->inum, 0);
    return 0;
  }
  if (is_name(de, ".")) {
    st->dots++;
    if (de->inum != dinum) problem(c, "directory %u: '.' names inode %u", NULL, dinum, de->inum, 0);
  } else if (is_name(de, "..")) {
    st->dotdots++;
    if (dinum == FS_ROOTINO && de->inum != FS_ROOTINO)
      problem(c, "directory %u (the root): '..' names inode %u", NULL, dinum, de->inum, 0);
    else if (dinum != FS_ROOTINO && !has_child(c, de->inum, dinum))
      problem(c, "directory %u: '..' names inode %u, which has no entry for it", NULL, dinum,
              de->inum, 0);
  }
  return 0;
}

static void check_dir(struct check *c, uint32_t inum, const struct fs_dinode *di, void *arg) {
  struct dirstat st = {0, 0};
  (void)arg;
  if (di->type != T_DIR) return;
  each_entry(c, inum, di, check_entry, &st);
  if (st.dots != 1) problem(c, "directory %u: %u '.' entries, expected 1", NULL, inum, st.dots, 0);
  if (st.dotdots != 1)
    problem(c, "directory %u: %u '..' entries, expected 1", NULL, inum, st.dotdots, 0);
}

/* ---- link counts and reachability ---- */

/* Links counted for inodes [first, first + LINK_CHUNK). */
struct links {
  uint32_t first;
  uint16_t count[LINK_CHUNK];
};

static int count_entry(struct check *c, uint32_t dinum, const struct dirent *de, void *arg) {
  struct links *l = arg;
  (void)c, (void)dinum;
  if (de->inum >= l->first && de->inum - l->first < LINK_CHUNK && !is_name(de, ".") &&
      l->count[de->inum - l->first] < UINT16_MAX)
    l->count[de->inum - l->first]++;
  return 0;
}

static void count_dir(struct check *c, uint32_t inum, const struct fs_dinode *di, void *arg) {
  if (di->type == T_DIR && reachable(c, inum)) each_entry(c, inum, di, count_entry, arg);
}

static void compare_links(struct check *c, uint32_t inum, const struct fs_dinode *di, void *arg) {
  struct links *l = arg;
  uint32_t n = l->count[inum - l->first];
  if (n == 0)
    problem(c, "inode %u: not reachable from the root (nlink %u)", NULL, inum, (uint32_t)di->nlink,
            0);
  else if (n != (uint32_t)di->nlink)
    problem(c, "inode %u: nlink %u, but %u directory entries name it", NULL, inum,
            (uint32_t)di->nlink, n);
}

/* Each inode's nlink against the entries naming it from directories reachable from the
 * root ("." excluded); an inode nothing reachable names is unreachable. */
static void check_links(struct check *c) {
  struct links l;
  for (l.first = 0; l.first < c->sb.ninodes; l.first += LINK_CHUNK) {
    uint32_t last = l.first + LINK_CHUNK < c->sb.ninodes ? l.first + LINK_CHUNK : c->sb.ninodes;
    memset(l.count, 0, sizeof l.count);
    each_inode(c, 1, c->sb.ninodes, count_dir, &l);
    each_inode(c, l.first, last, compare_links, &l);
  }
}

int fs_check(const struct fs_disk *d, void (*report)(void *ctx, const char *msg), void *ctx) {
  struct check c;
  memset(&c, 0, sizeof c);
  c.d = d;
  c.report = report;
  c.ctx = ctx;
  if (check_super(&c) < 0) return c.problems;
  check_log(&c);
  check_inodes(&c);
  check_blocks(&c);
  each_inode(&c, 1, c.sb.ninodes, check_dir, NULL);
  check_links(&c);
  return c.problems;
}
