/* systest, directories: many entries, mkdir and unlink, processes making and removing
 * entries at once. */
#include "systest.h"

/* The number of entries in use in directory path ('.' and '..' included). */
static int count_entries(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) fail("open %s: %s", path, strerror(fd));
  struct dirent de;
  int n = 0, r;
  while ((r = read(fd, &de, sizeof de)) == sizeof de)
    if (de.inum) n++;
  close(fd);
  if (r != 0) fail("reading directory %s: %d", path, r);
  return n;
}

void test_manyfiles(void) {
  enum { N = 200 }; /* 32 entries a block: the directory spans 7 blocks */
  char name[32];
  mkdir("st.many");
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "st.many/file%d", i);
    make_file(name, (uint32_t)i, (uint32_t)i);
  }
  EXPECT(count_entries("st.many"), N + 2);
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "st.many/file%d", i);
    check_file(name, (uint32_t)i, (uint32_t)i);
  }
  for (int i = 0; i < N; i++) {
    snprintf(name, sizeof name, "st.many/file%d", i);
    EXPECT(unlink(name), 0);
  }
  EXPECT(count_entries("st.many"), 2);
  EXPECT(unlink("st.many"), 0);
}

void test_dirs(void) {
  EXPECT(mkdir("st.d"), 0);
  EXPECT(mkdir("st.d"), -EEXIST);
  EXPECT(mkdir("st.d/a/b"), -ENOENT);
  make_file("st.d/f", 10, 1);
  EXPECT(mkdir("st.d/f/x"), -ENOTDIR);
  EXPECT(open("st.d/f/x", O_RDONLY), -ENOTDIR);
  EXPECT(chdir("st.d/f"), -ENOTDIR);
  EXPECT(open("st.d", O_RDWR), -EISDIR);
  EXPECT(open("st.d", O_WRONLY), -EISDIR);
  EXPECT(open("st.d", O_CREATE), -EISDIR); /* a directory is not the file O_CREATE asks for */
  EXPECT(open("st.d", O_CREATE | O_RDWR), -EISDIR);
  int fd = open("st.d", O_RDONLY);
  CHECK(fd >= 0);
  struct stat st, st2;
  EXPECT(fstat(fd, &st), 0);
  EXPECT(st.type, T_DIR);
  close(fd);
  EXPECT(stat("st.d/.", &st2), 0); /* '.' and '..' */
  CHECK(st2.ino == st.ino);
  EXPECT(stat("st.d/..", &st), 0);
  EXPECT(stat(".", &st2), 0);
  CHECK(st.ino == st2.ino);
  check_file("st.d//f", 10, 1); /* extra slashes and dots */
  check_file("./st.d/./f", 10, 1);
  EXPECT(mkdir("st.d/a"), 0); /* relative paths after chdir */
  EXPECT(mkdir("st.d/a/b"), 0);
  EXPECT(chdir("st.d/a/b"), 0);
  make_file("deep", 100, 2);
  check_file("../../f", 10, 1);
  EXPECT(chdir("../../.."), 0);
  check_file("st.d/a/b/deep", 100, 2);
  EXPECT(unlink("st.d"), -ENOTEMPTY);
  CHECK(unlink("st.d/.") < 0);
  CHECK(unlink("st.d/..") < 0);
  EXPECT(unlink("st.d/a/b/deep"), 0);
  EXPECT(unlink("st.d/a/b"), 0);
  EXPECT(unlink("st.d/a"), 0);
  EXPECT(unlink("st.d/f"), 0);
  EXPECT(unlink("st.d"), 0);
  EXPECT(chdir("st.d"), -ENOENT);
}

void test_concdir(void) {
  /* Processes create and remove the same names in one directory at once: each call may
   * succeed or find the name (not) there, but nothing may break. */
  enum { CHILDREN = 4, NAMES = 10 };
  mkdir("st.cd");
  for (int c = 0; c < CHILDREN; c++) {
    int pid = xfork();
    if (pid == 0) {
      char name[32];
      for (int round = 0; round < 5; round++)
        for (int i = 0; i < NAMES; i++) {
          snprintf(name, sizeof name, "st.cd/n%d", (i + c) % NAMES);
          if ((i + round + c) % 2 == 0) {
            int fd = open(name, O_CREATE | O_RDWR);
            if (fd < 0) exit(1);
            write(fd, "x", 1);
            close(fd);
          } else {
            int r = unlink(name);
            if (r < 0 && r != -ENOENT) exit(2);
          }
        }
      exit(0);
    }
  }
  for (int c = 0; c < CHILDREN; c++) {
    int status;
    if (wait(&status) < 0) fail("wait");
    if (status != 0) fail("a child exited with %d", status);
  }
  char name[32];
  for (int i = 0; i < NAMES; i++) { /* every name is a good file or absent */
    snprintf(name, sizeof name, "st.cd/n%d", i);
    struct stat st;
    int r = stat(name, &st);
    if (r == 0) {
      EXPECT(st.type, T_FILE);
      EXPECT(st.nlink, 1);
      EXPECT(unlink(name), 0);
    } else {
      EXPECT(r, -ENOENT);
    }
  }
  EXPECT(count_entries("st.cd"), 2);
  EXPECT(unlink("st.cd"), 0);
}
