/* systest, links: hard links and symbolic links. */
#include "systest.h"

void test_links(void) {
  make_file("st.l1", 300, 5);
  EXPECT(link("st.l1", "st.l2"), 0);
  struct stat a, b;
  EXPECT(stat("st.l1", &a), 0);
  EXPECT(stat("st.l2", &b), 0);
  CHECK(a.ino == b.ino);
  EXPECT(a.nlink, 2);
  check_file("st.l2", 300, 5);
  EXPECT(link("st.l1", "st.l2"), -EEXIST);
  EXPECT(link("st.nosuch", "st.l3"), -ENOENT);
  CHECK(link(".", "st.l3") < 0); /* directories cannot be linked */
  EXPECT(open("st.l3", O_RDONLY), -ENOENT);
  EXPECT(unlink("st.l1"), 0);
  EXPECT(stat("st.l2", &b), 0);
  EXPECT(b.nlink, 1);
  check_file("st.l2", 300, 5);
  EXPECT(unlink("st.l2"), 0);
}

/* Symbolic links: open follows them (a chain, a link to a directory in the middle of a
 * path, a relative target from the link's own directory), lstat and readlink see the link,
 * a loop gives -ELOOP, a dangling link -ENOENT, and unlink removes the link only. */
void test_symlinks(void) {
  make_file("st.s1", 300, 9);
  EXPECT(need(symlink("st.s1", "st.s2"), "no symbolic links on this kernel"), 0);
  EXPECT(symlink("st.s1", "st.s2"), -EEXIST);
  check_file("st.s2", 300, 9);
  struct stat a, b;
  EXPECT(stat("st.s2", &a), 0);
  EXPECT(stat("st.s1", &b), 0);
  CHECK(a.ino == b.ino);
  EXPECT(lstat("st.s2", &a), 0);
  EXPECT(a.type, T_SYMLINK);
  EXPECT(a.size, 5);
  char buf[32];
  EXPECT(readlink("st.s2", buf, sizeof buf), 5);
  CHECK(memcmp(buf, "st.s1", 5) == 0);
  EXPECT(readlink("st.s1", buf, sizeof buf), -EINVAL);
  EXPECT(symlink("st.s2", "st.s3"), 0);
  check_file("st.s3", 300, 9);
  EXPECT(mkdir("st.sd"), 0);
  make_file("st.sd/f", 100, 3);
  EXPECT(symlink("f", "st.sd/l"), 0);
  EXPECT(symlink("st.sd", "st.s4"), 0);
  check_file("st.s4/l", 100, 3);
  EXPECT(symlink("st.s6", "st.s5"), 0);
  EXPECT(symlink("st.s5", "st.s6"), 0);
  EXPECT(open("st.s5", O_RDONLY), -ELOOP);
  EXPECT(symlink("st.nosuch", "st.s7"), 0);
  EXPECT(open("st.s7", O_RDONLY), -ENOENT);
  EXPECT(unlink("st.s2"), 0);
  EXPECT(open("st.s3", O_RDONLY), -ENOENT);
  check_file("st.s1", 300, 9);
  const char *names[] = {"st.s1", "st.s3",   "st.s4",   "st.s5", "st.s6",
                         "st.s7", "st.sd/l", "st.sd/f", "st.sd"};
  for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
    EXPECT(unlink(names[i]), 0);
}
