/*
 * Crash consistency of the file system (kernels/lib/fs): a workload of creates, writes,
 * links, renames, unlinks, directories, a large write and a truncation runs on a disk that
 * loses power after N writes (later writes are dropped), for EVERY N from 0 to the number
 * of writes the whole workload makes. Each crashed image must mount (replaying the log),
 * pass fs_check, and show the state after some prefix of the operations: every operation
 * finished before the crash entirely, the one in progress entirely or not at all.
 *
 * A large write or a truncation is several transactions, so a crash inside one may leave
 * the file any prefix of its final contents; the snapshot calls such a file PREFIX and
 * only a complete one FULL, so that a crash mid-way matches the state before the call.
 *
 * A second level crashes the recovery itself: a crashed image is mounted with power lost
 * after M of the mount's writes, then mounted again, which must give the same state.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "fs.h"
#include "fs_memdisk.h"
#include "runner.h"

#define KB 1024u
#define BLOCKS 2048u
#define INODES 128u
#define BIGSEED 77u
#define BIGSIZE (300u * KB + 123u)
#define NOPS 64

static uint8_t pat(uint32_t i, uint32_t seed) { return (uint8_t)((i * 2654435761u) >> 11 ^ seed); }

/* ---- the workload ---- */

/* What the operations remember between them: an inode held open across two of them. */
struct work {
  uint32_t held;
};

static int write_pattern(struct fs *fs, const char *path, uint32_t off, uint32_t n, uint32_t seed) {
  uint32_t inum;
  int r = fs_lookup(fs, FS_ROOTINO, path, &inum);
  if (r < 0) return r;
  uint8_t *buf = malloc(n);
  for (uint32_t i = 0; i < n; i++)
    buf[i] = pat(off + i, seed);
  r = fs_write(fs, inum, off, buf, n);
  free(buf);
  return r == (int)n ? 0 : (r < 0 ? r : -OSSIM_EIO);
}

static int mk(struct fs *fs, const char *path, short type) {
  return fs_create(fs, FS_ROOTINO, path, type, 0, 0, NULL);
}

/* Operation k of the workload; 0 or an error. */
static int run_op(struct fs *fs, int k, struct work *w) {
  char path[32];
  uint32_t inum;
  int r;
  if (k >= 17 && k < 17 + 40) { /* many small files: the directory spans blocks */
    snprintf(path, sizeof path, "/d/file-number-%02d", k - 17);
    return mk(fs, path, k % 5 ? T_FILE : T_DIR);
  }
  switch (k) {
  case 0: return mk(fs, "/d", T_DIR);
  case 1: return mk(fs, "/d/a", T_FILE);
  case 2: return write_pattern(fs, "/d/a", 0, 3000, 1);
  case 3: return mk(fs, "/b", T_FILE);
  case 4: return write_pattern(fs, "/b", 0, 40 * KB, 2);
  case 5: return fs_link(fs, FS_ROOTINO, "/d/a", "/d/a2");
  case 6: return mk(fs, "/d/sub", T_DIR);
  case 7: return mk(fs, "/d/sub/c", T_FILE);
  case 8: return write_pattern(fs, "/d/sub/c", 0, 500, 3);
  case 9: return fs_unlink(fs, FS_ROOTINO, "/b");
  case 10: return mk(fs, "/big", T_FILE);
  case 11: return write_pattern(fs, "/big", 0, BIGSIZE, BIGSEED); /* many transactions */
  case 12: return fs_rename(fs, FS_ROOTINO, "/d/a2", "/e");
  case 13: return fs_unlink(fs, FS_ROOTINO, "/d/sub/c");
  case 14: return fs_unlink(fs, FS_ROOTINO, "/d/sub");
  case 15: /* many transactions */
    r = fs_lookup(fs, FS_ROOTINO, "/big", &inum);
    return r < 0 ? r : fs_truncate(fs, inum);
  case 16: return write_pattern(fs, "/big", 0, 5000, BIGSEED);
  case 57: /* unlinked while held: freed at fs_iput, or by the mount after a crash */
    r = fs_lookup(fs, FS_ROOTINO, "/e", &w->held);
    if (r == 0) r = fs_iget(fs, w->held);
    return r < 0 ? r : fs_unlink(fs, FS_ROOTINO, "/e");
  case 58: return write_pattern(fs, "/d/a", 2000, 4000, 4);
  case 59: return fs_iput(fs, w->held);
  case 60: return fs_unlink(fs, FS_ROOTINO, "/big");
  case 61: return mk(fs, "/d/new", T_DIR);
  case 62: return fs_rename(fs, FS_ROOTINO, "/d/new", "/new");
  case 63: return mk(fs, "/new/last", T_FILE);
  }
  return -OSSIM_EINVAL;
}

/* ---- snapshots ---- */

struct snap {
  char *text;
  size_t len, cap;
};

static void snap_add(struct snap *s, const char *line) {
  size_t n = strlen(line);
  if (s->len + n + 1 > s->cap) {
    s->cap = (s->len + n + 1) * 2;
    s->text = realloc(s->text, s->cap);
  }
  memcpy(s->text + s->len, line, n + 1);
  s->len += n;
}

/* A line for inode inum at path: type, links, and its contents (a hash; /big is PREFIX or
 * FULL, see the top). */
static void snap_inode(struct fs *fs, struct snap *s, const char *path, uint32_t inum) {
  struct stat st;
  char line[160];
  ck_assert_int_eq(fs_stat(fs, inum, &st), 0);
  uint32_t size = (uint32_t)st.size, hash = 2166136261u;
  uint8_t *buf = malloc(size + 1);
  ck_assert_int_eq(fs_read(fs, inum, 0, buf, size), (int)size);
  int prefix = 1;
  for (uint32_t i = 0; i < size; i++) {
    hash = (hash ^ buf[i]) * 16777619u;
    prefix &= buf[i] == pat(i, BIGSEED);
  }
  free(buf);
  if (strcmp(path, "/big") == 0)
    snprintf(line, sizeof line, "%s %d %d %s\n", path, st.type, st.nlink,
             !prefix           ? "BAD"
             : size == BIGSIZE ? "FULL"
                               : "PREFIX");
  else
    snprintf(line, sizeof line, "%s %d %d %u %08x\n", path, st.type, st.nlink, size, hash);
  snap_add(s, line);
}

/* Every name under directory dinum (path dir), depth first. */
static void snap_dir(struct fs *fs, struct snap *s, const char *dir, uint32_t dinum, int depth) {
  struct stat st;
  ck_assert_int_lt(depth, 8);
  ck_assert_int_eq(fs_stat(fs, dinum, &st), 0);
  for (uint32_t off = 0; off < st.size; off += sizeof(struct dirent)) {
    struct dirent de;
    char path[128];
    ck_assert_int_eq(fs_read(fs, dinum, off, &de, sizeof de), (int)sizeof de);
    if (de.inum == 0 || !strcmp(de.name, ".") || !strcmp(de.name, "..")) continue;
    int len = snprintf(path, sizeof path, "%s/%s", dir, de.name);
    ck_assert_int_lt(len, (int)sizeof path);
    snap_inode(fs, s, path, de.inum);
    struct stat cst;
    ck_assert_int_eq(fs_stat(fs, de.inum, &cst), 0);
    if (cst.type == T_DIR) snap_dir(fs, s, path, de.inum, depth + 1);
  }
}

static char *snapshot(struct fs *fs) {
  struct snap s = {NULL, 0, 0};
  snap_add(&s, "");
  snap_inode(fs, &s, "", FS_ROOTINO);
  snap_dir(fs, &s, "", FS_ROOTINO, 0);
  return s.text;
}

/* ---- the reference run ---- */

struct reference {
  struct memdisk base;   /* the formatted image every run starts from */
  char *state[NOPS + 1]; /* state[k]: after the first k operations */
  long writes[NOPS + 1]; /* writes made by the first k operations */
};

static struct fs *new_fs(void) {
  struct fs *fs = malloc(sizeof *fs);
  ck_assert_ptr_nonnull(fs);
  return fs;
}

/* Runs the workload without a crash, recording the state and write count after each op. */
static void reference_run(struct reference *ref, struct fs *fs) {
  struct memdisk md;
  struct work w = {0};
  md_init(&ref->base, BLOCKS);
  ck_assert_int_eq(fs_format(&ref->base.disk, BLOCKS, INODES), 0);
  md_init(&md, BLOCKS);
  md_copy(&md, &ref->base);
  ck_assert_int_eq(fs_mount(fs, &md.disk), 0);
  md_reset(&md);
  ref->state[0] = snapshot(fs);
  ref->writes[0] = 0;
  for (int k = 0; k < NOPS; k++) {
    int r = run_op(fs, k, &w);
    ck_assert_msg(r == 0, "operation %d: %d", k, r);
    ref->writes[k + 1] = md.writes;
    ref->state[k + 1] = snapshot(fs);
    ck_assert_int_eq(md_check(&md), 0);
  }
  md_free(&md);
}

/* The crashed image after power loss at write n: runs the workload until the crash. */
static void crash_run(struct memdisk *md, const struct reference *ref, struct fs *fs, long n) {
  struct work w = {0};
  md_copy(md, &ref->base);
  ck_assert_int_eq(fs_mount(fs, &md->disk), 0);
  md_reset(md);
  md->power_after = n;
  for (int k = 0; k < NOPS && md->writes < n; k++)
    (void)run_op(fs, k, &w); /* results after the crash do not matter */
  md->power_after = -1;
}

/* Mounts the crashed image and checks it shows the state after done or done + 1 ops;
 * returns its snapshot. */
static char *recover_and_check(struct memdisk *md, const struct reference *ref, struct fs *fs,
                               long n, int done, const char *how) {
  md_reset(md);
  int r = fs_mount(fs, &md->disk);
  ck_assert_msg(r == 0, "crash at write %ld%s: mount gives %d", n, how, r);
  int problems = fs_check(&md->disk, md_report, NULL);
  ck_assert_msg(problems == 0, "crash at write %ld%s: fs_check finds %d problems", n, how,
                problems);
  char *got = snapshot(fs);
  int ok =
      strcmp(got, ref->state[done]) == 0 || (done < NOPS && strcmp(got, ref->state[done + 1]) == 0);
  ck_assert_msg(ok,
                "crash at write %ld%s (after operation %d of %d): the state is neither before "
                "nor after the next operation:\n%s\n--- expected ---\n%s",
                n, how, done, NOPS, got, ref->state[done]);
  return got;
}

static void free_reference(struct reference *ref) {
  for (int k = 0; k <= NOPS; k++)
    free(ref->state[k]);
  md_free(&ref->base);
}

START_TEST(crash_at_every_write) {
  struct reference ref;
  struct memdisk md, again;
  struct fs *fs = new_fs();
  reference_run(&ref, fs);
  long total = ref.writes[NOPS];
  ck_assert_int_gt(total, 500);
  md_init(&md, BLOCKS);
  md_init(&again, BLOCKS);
  int done = 0;
  for (long n = 0; n <= total; n++) {
    while (done < NOPS && ref.writes[done + 1] <= n)
      done++;
    crash_run(&md, &ref, fs, n);
    md_copy(&again, &md); /* the crashed image, kept for the second level */
    char *state = recover_and_check(&md, &ref, fs, n, done, "");
    /* How many writes the recovery makes, and a crash at a few of them. */
    long mount_writes = md.writes;
    const long ms[] = {0, 1, mount_writes / 2, mount_writes - 1};
    for (int i = 0; i < 4; i++) {
      if (ms[i] >= mount_writes || (i > 0 && ms[i] <= ms[i - 1])) continue;
      md_copy(&md, &again);
      md.power_after = ms[i];
      (void)fs_mount(fs, &md.disk);
      md.power_after = -1;
      char *second = recover_and_check(&md, &ref, fs, n, done, " and again in recovery");
      ck_assert_str_eq(second, state);
      free(second);
    }
    free(state);
  }
  ck_assert_int_eq(done, NOPS);
  md_free(&md);
  md_free(&again);
  free_reference(&ref);
  free(fs);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("fs_crash");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 600);
  tcase_add_test(tc, crash_at_every_write);
  suite_add_tcase(s, tc);
  return s;
}
