/* systest, files: create, truncate, append, lseek, dup, a large file, unlink while open, a full
 * disk, processes writing one file at once. */
#include "systest.h"

void test_create(void) {
  unlink("st.create");
  EXPECT(open("st.create", O_RDONLY), -ENOENT);
  int fd = open("st.create", O_CREATE | O_RDWR);
  CHECK(fd >= 0);
  EXPECT(write(fd, "0123456789", 10), 10);
  close(fd);
  struct stat st;
  EXPECT(stat("st.create", &st), 0);
  EXPECT(st.type, T_FILE);
  EXPECT(st.nlink, 1);
  EXPECT(st.size, 10);
  fd = open("st.create", O_CREATE | O_RDWR); /* O_CREATE of a file that exists: opens it */
  CHECK(fd >= 0);
  char buf[32];
  EXPECT(read(fd, buf, sizeof buf), 10);
  CHECK(memcmp(buf, "0123456789", 10) == 0);
  EXPECT(read(fd, buf, sizeof buf), 0); /* at the end */
  close(fd);
  fd = open("st.create", O_WRONLY);
  EXPECT(read(fd, buf, 1), -EBADF); /* opened write-only */
  close(fd);
  EXPECT(open("st.create/x", O_CREATE | O_RDWR), -ENOTDIR);
  EXPECT(open("st.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", O_CREATE | O_RDWR), -ENAMETOOLONG);
  EXPECT(unlink("st.create"), 0);
  EXPECT(unlink("st.create"), -ENOENT);
}

void test_truncate(void) {
  make_file("st.trunc", 20000, 1); /* into the indirect block */
  int fd = open("st.trunc", O_WRONLY | O_TRUNC);
  CHECK(fd >= 0);
  struct stat st;
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.size, 0);
  EXPECT(write(fd, "abc", 3), 3);
  close(fd);
  static char buf[64];
  EXPECT(read_small("st.trunc", buf, sizeof buf), 3);
  CHECK(strcmp(buf, "abc") == 0);
  make_file("st.trunc", 5000, 2); /* regrown: the old bytes do not come back */
  check_file("st.trunc", 5000, 2);
  EXPECT(unlink("st.trunc"), 0);
}

void test_append(void) {
  make_file("st.append", 0, 0);
  int fd = open("st.append", O_WRONLY | O_APPEND);
  CHECK(fd >= 0);
  EXPECT(write(fd, "abc", 3), 3);
  EXPECT(lseek(fd, 0, SEEK_SET), 0);
  EXPECT(write(fd, "def", 3), 3); /* still at the end */
  close(fd);
  static char buf[16];
  read_small("st.append", buf, sizeof buf);
  CHECK(strcmp(buf, "abcdef") == 0);
  EXPECT(unlink("st.append"), 0);
}

void test_lseek(void) {
  make_file("st.seek", 3000, 4);
  int fd = open("st.seek", O_RDWR);
  CHECK(fd >= 0);
  char c;
  EXPECT(lseek(fd, 1500, SEEK_SET), 1500);
  EXPECT(read(fd, &c, 1), 1);
  CHECK(c == pattern(1500, 4));
  EXPECT(lseek(fd, -501, SEEK_CUR), 1000);
  EXPECT(read(fd, &c, 1), 1);
  CHECK(c == pattern(1000, 4));
  EXPECT(lseek(fd, -1, SEEK_END), 2999);
  EXPECT(read(fd, &c, 1), 1);
  CHECK(c == pattern(2999, 4));
  EXPECT(lseek(fd, -1, SEEK_SET), -EINVAL);
  EXPECT(lseek(fd, 0, 7), -EINVAL);
  EXPECT(lseek(fd, 10000, SEEK_SET), 10000); /* past the end: a hole, then data */
  EXPECT(write(fd, "z", 1), 1);
  struct stat st;
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.size, 10001);
  EXPECT(lseek(fd, 5000, SEEK_SET), 5000);
  static char buf[5001];
  EXPECT(read(fd, buf, sizeof buf), 5001);
  for (int i = 0; i < 5000; i++)
    if (buf[i] != 0) fail("byte %d of the hole is %d", 5000 + i, buf[i]);
  CHECK(buf[5000] == 'z');
  close(fd);
  EXPECT(unlink("st.seek"), 0);
}

void test_dup(void) {
  int fd = open("st.dup", O_CREATE | O_RDWR | O_TRUNC);
  CHECK(fd >= 0);
  int fd2 = dup(fd);
  CHECK(fd2 >= 0 && fd2 != fd);
  EXPECT(write(fd, "ab", 2), 2);
  EXPECT(write(fd2, "cd", 2), 2); /* the offset is shared */
  EXPECT(close(fd), 0);
  EXPECT(lseek(fd2, 0, SEEK_SET), 0);
  char buf[8];
  EXPECT(read(fd2, buf, sizeof buf), 4);
  CHECK(memcmp(buf, "abcd", 4) == 0);
  close(fd2);
  EXPECT(unlink("st.dup"), 0);
}

void test_bigfile(void) {
  /* 11 direct + 256 indirect blocks of 1 KiB: 267 KiB. 300 KiB reach the doubly
   * indirect blocks. */
  enum { SIZE = 300 * 1024 };
  make_file("st.big", SIZE, 7);
  struct stat st;
  EXPECT(stat("st.big", &st), 0);
  EXPECT(st.size, SIZE);
  check_file("st.big", SIZE, 7);
  int fd = open("st.big", O_RDWR); /* a write straddling the doubly indirect boundary */
  CHECK(fd >= 0);
  static char buf[2048];
  uint32_t at = 267 * 1024 - 1000;
  for (uint32_t i = 0; i < sizeof buf; i++)
    buf[i] = pattern(at + i, 7);
  EXPECT(lseek(fd, (int)at, SEEK_SET), (int)at);
  EXPECT(write(fd, buf, sizeof buf), sizeof buf);
  EXPECT(lseek(fd, (int)at, SEEK_SET), (int)at);
  memset(buf, 0, sizeof buf);
  EXPECT(read(fd, buf, sizeof buf), sizeof buf);
  for (uint32_t i = 0; i < sizeof buf; i++)
    if (buf[i] != pattern(at + i, 7)) fail("byte %u", at + i);
  close(fd);
  EXPECT(unlink("st.big"), 0);
}

void test_unlinkopen(void) {
  make_file("st.unl", 5000, 3);
  int fd = open("st.unl", O_RDWR);
  CHECK(fd >= 0);
  EXPECT(unlink("st.unl"), 0);
  EXPECT(open("st.unl", O_RDONLY), -ENOENT);
  struct stat st;
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.nlink, 0);
  static char buf[5000];
  EXPECT(read(fd, buf, sizeof buf), 5000);
  for (int i = 0; i < 5000; i++)
    if (buf[i] != pattern((uint32_t)i, 3)) fail("byte %d", i);
  EXPECT(write(fd, "more", 4), 4); /* still a file, though nameless */
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.size, 5004);
  make_file("st.unl", 10, 4); /* the name can be used again meanwhile */
  check_file("st.unl", 10, 4);
  close(fd);
  EXPECT(unlink("st.unl"), 0);
}

void test_fulldisk(void) {
  static char buf[4096];
  char name[32];
  memset(buf, 'f', sizeof buf);
  int files = 0, r = 0;
  uint32_t total = 0;
  for (; files < 64 && r != -ENOSPC; files++) { /* one file, or more if it grows too big */
    snprintf(name, sizeof name, "st.full%d", files);
    int fd = open(name, O_CREATE | O_WRONLY | O_TRUNC);
    if (fd == -ENOSPC) break;
    if (fd < 0) fail("create %s: %s", name, strerror(fd));
    while ((r = write(fd, buf, sizeof buf)) == sizeof buf)
      total += sizeof buf;
    if (r > 0) { /* a short write at the end of the space: the next one must fail */
      total += (uint32_t)r;
      r = write(fd, buf, sizeof buf);
    }
    close(fd);
    if (r != -ENOSPC && r != -EFBIG) fail("write after %u bytes gave %d, want -ENOSPC", total, r);
  }
  if (r != -ENOSPC) fail("wrote %u bytes and the disk never filled", total);
  for (int i = 0; i < files; i++) {
    snprintf(name, sizeof name, "st.full%d", i);
    EXPECT(unlink(name), 0);
  }
  make_file("st.full", 100 * 1024, 9); /* the space came back */
  check_file("st.full", 100 * 1024, 9);
  EXPECT(unlink("st.full"), 0);
}

void test_concfiles(void) {
  enum { CHILDREN = 4 };
  int pids[CHILDREN];
  for (int c = 0; c < CHILDREN; c++) {
    pids[c] = xfork();
    if (pids[c] == 0) { /* each its own file, made, checked and removed three times */
      char name[16];
      snprintf(name, sizeof name, "st.conc%d", c);
      for (int round = 0; round < 3; round++) {
        make_file(name, 20000, (uint32_t)(c * 10 + round));
        check_file(name, 20000, (uint32_t)(c * 10 + round));
        if (unlink(name) < 0) exit(1);
      }
      exit(0);
    }
  }
  for (int c = 0; c < CHILDREN; c++)
    wait_ok(pids[c], "file writer");
}

/* One round of closerace: child A's last close of a file must wait for the file system,
 * which this process holds, writing; meanwhile child B makes a pipe. A's file must not be
 * handed to B's pipe before A's close is over: B's pipe works after A is done. */
static void closerace_round(int round) {
  static char big[16 * 1024];
  int ready[2], go[2], ack[2];
  EXPECT(pipe(ready), 0);
  EXPECT(pipe(go), 0);
  EXPECT(pipe(ack), 0);
  int a = xfork();
  if (a == 0) {
    int fd = open("st.cra", O_CREATE | O_RDWR);
    CHECK(fd >= 0);
    char c;
    EXPECT(write(ready[1], "r", 1), 1);
    EXPECT(read(go[0], &c, 1), 1);
    EXPECT(write(ack[1], "a", 1), 1); /* B may go on */
    EXPECT(close(fd), 0);             /* waits: the parent is writing */
    exit(0);
  }
  char c;
  EXPECT(read(ready[0], &c, 1), 1); /* A holds its file */
  int b = xfork();
  if (b == 0) {
    int p[2];
    EXPECT(read(ack[0], &c, 1), 1);
    EXPECT(pipe(p), 0);                         /* while A's close waits */
    int fd = open("st.crb", O_CREATE | O_RDWR); /* waits for the parent's write, as A */
    CHECK(fd >= 0);
    EXPECT(close(fd), 0);
    sleep(2); /* A's close is over by now */
    EXPECT(write(p[1], "y", 1), 1);
    EXPECT(read(p[0], &c, 1), 1);
    CHECK(c == 'y');
    exit(0);
  }
  int fd = open("st.crbig", O_CREATE | O_RDWR | O_TRUNC);
  CHECK(fd >= 0);
  memset(big, 'a' + round, sizeof big);
  EXPECT(write(go[1], "g", 1), 1);
  EXPECT(write(fd, big, sizeof big), (int)sizeof big);
  EXPECT(close(fd), 0);
  wait_ok(a, "A");
  wait_ok(b, "B");
  int fds[] = {ready[0], ready[1], go[0], go[1], ack[0], ack[1]};
  for (int i = 0; i < 6; i++)
    EXPECT(close(fds[i]), 0);
}

/* A file closed while its close waits for the file system, in many short-lived processes
 * with pipes: none of their files may change hands early, and none may leak (an open file
 * that changed hands early was given back twice, or never). */
void test_closerace(void) {
  int probe = xfork(); /* skips on a kernel without fork, before any pipe is made */
  if (probe == 0) exit(0);
  wait_ok(probe, "probe");
  for (int round = 0; round < 8; round++)
    closerace_round(round);
  const char *names[] = {"st.cra", "st.crb", "st.crbig"};
  for (int i = 0; i < 3; i++)
    EXPECT(unlink(names[i]), 0);
}
