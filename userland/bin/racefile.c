/*
 * racefile [-p PROCS] [-n N]: a race without threads. PROCS processes (default 2) each add
 * 1 to a counter kept in a file, N times (default 20), by reading it, adding one and writing
 * it back: a read-modify-write with no lock around it. With several harts, another process
 * can read the file between one's read and its write; then both write the same value and an
 * update is lost. racefile prints the final count and exits 1 if it is short of PROCS * N.
 *
 * Whether updates are lost depends on where the harts' turns end, which the seed decides
 * (sim/machine.h): some seeds lose updates, others none, and a seed always does the same.
 * ossim explore runs it under many seeds and lists the ones that lose (docs/concurrency.md).
 */
#include "user.h"

static const char counter[] = "racefile.count";
/* Busy-loop turns between the read and the write: the window another process can slip in. */
static const int think = 500;

/* The counter's value, as the file holds it (a 4-byte integer at offset 0). */
static int load(int fd) {
  int v = 0;
  lseek(fd, 0, SEEK_SET);
  if (read(fd, &v, sizeof v) != sizeof v) return -1;
  return v;
}

static void store(int fd, int v) {
  lseek(fd, 0, SEEK_SET);
  write(fd, &v, sizeof v);
}

/* One process's share: n unlocked increments, once the gate opens (a byte on it). */
static void add(int gate, int n) {
  char go;
  if (read(gate, &go, 1) != 1) exit(2);
  int fd = open(counter, O_RDWR);
  if (fd < 0) exit(2);
  for (int i = 0; i < n; i++) {
    int v = load(fd);
    if (v < 0) exit(2);
    for (volatile int w = 0; w < think; w++) {
    }
    store(fd, v + 1);
  }
  close(fd);
}

int main(int argc, char *argv[]) {
  int procs = 2, n = 20, opt;
  while ((opt = getopt(argc, argv, "p:n:")) != -1) {
    if (opt == 'p')
      procs = atoi(optarg);
    else if (opt == 'n')
      n = atoi(optarg);
    else
      procs = 0;
  }
  if (procs < 1 || n < 1 || optind != argc) {
    fprintf(2, "usage: racefile [-p PROCS] [-n N]\n");
    return 2;
  }
  int fd = open(counter, O_RDWR | O_CREATE | O_TRUNC);
  if (fd < 0) {
    fprintf(2, "racefile: cannot create %s\n", counter);
    return 2;
  }
  store(fd, 0);
  close(fd);
  /* The children wait at a gate until all are forked, so that they run at the same time
   * (on several harts), not one after the other as fork starts them. */
  int gate[2];
  if (pipe(gate) < 0) {
    fprintf(2, "racefile: pipe failed\n");
    return 2;
  }
  for (int i = 0; i < procs; i++) {
    int pid = fork();
    if (pid < 0) {
      fprintf(2, "racefile: fork failed\n");
      return 2;
    }
    if (pid == 0) {
      add(gate[0], n);
      exit(0);
    }
  }
  for (int i = 0; i < procs; i++)
    write(gate[1], "g", 1);
  for (int i = 0; i < procs; i++)
    wait(NULL);
  fd = open(counter, O_RDWR);
  int got = fd < 0 ? -1 : load(fd);
  close(fd);
  unlink(counter);
  printf("racefile: count %d of %d\n", got, procs * n);
  if (got == procs * n) return 0;
  printf("racefile: %d updates lost\n", procs * n - got);
  return 1;
}
