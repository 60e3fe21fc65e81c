/* systest, pipes: data in order, a full pipe, a closed end, many writers at once. */
#include "systest.h"

void test_pipe(void) {
  int p[2];
  EXPECT(pipe(p), 0);
  CHECK(p[0] >= 0 && p[1] >= 0 && p[0] != p[1]);
  EXPECT(write(p[1], "hello", 5), 5);
  char buf[16];
  EXPECT(read(p[0], buf, sizeof buf), 5);
  CHECK(memcmp(buf, "hello", 5) == 0);
  EXPECT(read(p[1], buf, 1), -EBADF); /* the ends go one way */
  EXPECT(write(p[0], buf, 1), -EBADF);
  EXPECT(lseek(p[0], 0, SEEK_SET), -ESPIPE);
  close(p[0]);
  close(p[1]);
}

void test_pipebig(void) {
  enum { TOTAL = 256 * 1024 };
  int p[2];
  EXPECT(pipe(p), 0);
  int pid = xfork();
  if (pid == 0) { /* writes in chunks of changing sizes, 1 to 4096 bytes */
    static char buf[4096];
    close(p[0]);
    uint32_t off = 0;
    for (uint32_t k = 1; off < TOTAL; k = k * 3 % 4096 + 1) {
      uint32_t n = TOTAL - off < k ? TOTAL - off : k;
      for (uint32_t i = 0; i < n; i++)
        buf[i] = pattern(off + i, 5);
      if (write(p[1], buf, (int)n) != (int)n) exit(1);
      off += n;
    }
    exit(0);
  }
  close(p[1]);
  static char buf[3000];
  uint32_t off = 0;
  int r;
  while ((r = read(p[0], buf, sizeof buf)) > 0) {
    for (int i = 0; i < r; i++)
      if (buf[i] != pattern(off + (uint32_t)i, 5)) fail("wrong byte at %u", off + (uint32_t)i);
    off += (uint32_t)r;
  }
  EXPECT(r, 0);
  EXPECT(off, TOTAL);
  close(p[0]);
  wait_ok(pid, "writer");
}

void test_pipeclosed(void) {
  int p[2];
  char c = 'x';
  EXPECT(pipe(p), 0); /* no writer left: end of file, after the data */
  EXPECT(write(p[1], &c, 1), 1);
  close(p[1]);
  EXPECT(read(p[0], &c, 1), 1);
  EXPECT(read(p[0], &c, 1), 0);
  close(p[0]);

  EXPECT(pipe(p), 0); /* no reader left: -EPIPE, and the writer lives on */
  close(p[0]);
  EXPECT(write(p[1], &c, 1), -EPIPE);
  close(p[1]);

  EXPECT(pipe(p), 0); /* a reader blocked until the last writer, a child, exits */
  int pid = xfork();
  if (pid == 0) {
    close(p[0]);
    sleep(2);
    write(p[1], "abc", 3);
    exit(0); /* closes p[1] */
  }
  close(p[1]);
  char buf[8];
  int n = 0, r;
  while ((r = read(p[0], buf + n, (int)sizeof buf - n)) > 0)
    n += r;
  EXPECT(r, 0);
  EXPECT(n, 3);
  close(p[0]);
  wait_ok(pid, "writer");

  EXPECT(pipe(p), 0); /* a writer blocked on a full pipe, whose reader goes away */
  pid = xfork();
  if (pid == 0) {
    static char big[4096];
    close(p[0]);
    /* more than any pipe buffer holds */
    for (int i = 0; i < 64; i++)
      if (write(p[1], big, sizeof big) < 0) exit(0); /* -EPIPE once the reader is gone */
    exit(1);
  }
  close(p[1]);
  sleep(2);
  close(p[0]);
  wait_ok(pid, "writer to a closed pipe");
}

void test_concpipe(void) {
  enum { WRITERS = 4, EACH = 10000 };
  int p[2];
  EXPECT(pipe(p), 0);
  for (int w = 0; w < WRITERS; w++) {
    int pid = xfork();
    if (pid == 0) { /* every byte of writer w is 'A' + w */
      char buf[100];
      memset(buf, 'A' + w, sizeof buf);
      close(p[0]);
      for (int i = 0; i < EACH / 100; i++)
        if (write(p[1], buf, sizeof buf) != sizeof buf) exit(1);
      exit(0);
    }
  }
  close(p[1]);
  int counts[WRITERS] = {0}, r;
  static char buf[512];
  while ((r = read(p[0], buf, sizeof buf)) > 0)
    for (int i = 0; i < r; i++) {
      int w = buf[i] - 'A';
      if (w < 0 || w >= WRITERS) fail("stray byte %d", buf[i]);
      counts[w]++;
    }
  EXPECT(r, 0);
  for (int w = 0; w < WRITERS; w++)
    EXPECT(counts[w], EACH);
  close(p[0]);
  for (int w = 0; w < WRITERS; w++)
    if (wait(NULL) < 0) fail("wait");
}
