/*
 * pattern write|check N SIZE: a workload for the restart tests. `write` writes N files
 * /pat/0 ... /pat/N-1 of SIZE bytes each, every byte a function of its file and offset, a
 * kilobyte per write; `check` reads them back and says whether every byte is there.
 *
 * A write that fails (-EIO: the file server died with the call, and micro's reincarnation
 * server restarted it) is made again, on the file opened anew (the descriptors died with
 * that file server) at the same offset: writing a kilobyte twice leaves the same bytes. So
 * the content is all there at the end, whichever server died on the way; the count of
 * retried writes says what the program saw (none when only the disk driver died: the file
 * server sends its request again itself).
 */
#include "user.h"

#define CHUNK 1024
#define TRIES 8

static char want[CHUNK], got[CHUNK];

/* The bytes of file i from offset off on. */
static void fill(int i, int off, char *buf, int n) {
  for (int j = 0; j < n; j++)
    buf[j] = (char)(33 + (i * 31 + (off + j) * 7 + (off + j) / 509) % 94);
}

static void path(int i, char *buf) { snprintf(buf, 32, "/pat/%d", i); }

/* Opens file i for writing, at offset off (created and emptied when off is 0). */
static int reopen(int i, int off) {
  char name[32];
  path(i, name);
  for (int t = 0; t < TRIES; t++) {
    int fd = open(name, O_WRONLY | O_CREATE | (off == 0 ? O_TRUNC : 0));
    if (fd >= 0 && lseek(fd, off, 0) == off) return fd;
    if (fd >= 0) close(fd);
  }
  return -EIO;
}

static int write_all(int n, int size) {
  int retried = 0;
  mkdir("/pat");
  for (int i = 0; i < n; i++) {
    int fd = reopen(i, 0);
    for (int off = 0; fd >= 0 && off < size; off += CHUNK) {
      int len = size - off < CHUNK ? size - off : CHUNK;
      fill(i, off, want, len);
      int r = write(fd, want, len), t = 0;
      while (r != len && t++ < TRIES) {
        retried++;
        close(fd);
        fd = reopen(i, off);
        r = fd < 0 ? fd : write(fd, want, len);
      }
      if (r != len) fd = r < 0 ? r : -EIO;
    }
    if (fd < 0) {
      fprintf(2, "pattern: /pat/%d: %s\n", i, strerror(fd));
      return 1;
    }
    close(fd);
  }
  printf("pattern: wrote %d files of %d bytes (%d writes retried)\n", n, size, retried);
  return 0;
}

static int check_all(int n, int size) {
  char name[32];
  for (int i = 0; i < n; i++) {
    path(i, name);
    int fd = open(name, O_RDONLY), off = 0, r = 0;
    while (fd >= 0 && (r = read(fd, got, CHUNK)) > 0) {
      fill(i, off, want, r);
      for (int j = 0; j < r; j++)
        if (got[j] != want[j]) {
          printf("pattern: %s: byte %d is %d, not %d\n", name, off + j, got[j], want[j]);
          return 1;
        }
      off += r;
    }
    if (fd < 0 || r < 0 || off != size) {
      printf("pattern: %s: %s\n", name, fd < 0 ? strerror(fd) : r < 0 ? strerror(r) : "wrong size");
      return 1;
    }
    close(fd);
  }
  printf("pattern: %d files of %d bytes intact\n", n, size);
  return 0;
}

int main(int argc, char *argv[]) {
  int n = argc == 4 ? atoi(argv[2]) : 0, size = argc == 4 ? atoi(argv[3]) : 0;
  if (n <= 0 || size <= 0 || (strcmp(argv[1], "write") && strcmp(argv[1], "check"))) {
    fprintf(2, "usage: pattern write|check N SIZE\n");
    return 2;
  }
  return strcmp(argv[1], "write") ? check_all(n, size) : write_all(n, size);
}
