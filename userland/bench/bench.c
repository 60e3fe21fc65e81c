/*
 * bench [-n N] [NAME...]: micro-benchmarks of a kernel's basic operations, in simulated
 * cycles. With no NAME, runs them all; -n N runs each N times instead of its default count
 * (N may be 0: the benchmark then does its set-up and nothing else, which bench/mono.sh
 * uses as a baseline). Prints one line per benchmark:
 *
 *     NAME: N ops, C cycles/op
 *
 * The benchmarks (the operation one "op" stands for, and the default N):
 *
 *   getpid     a null system call: getpid()                                      100000
 *   pipe       a round trip of a 1-byte message between two processes over two     10000
 *              pipes: write, the other side reads and writes back, read
 *   fork       fork, the child exits at once, the parent waits for it                 300
 *   exec       fork, the child execs /bin/true (a tiny program), which exits;         100
 *              the parent waits -- lmbench's "fork+execve": the difference from
 *              `fork` is the price of exec
 *   file       create a file, write 1 MiB in 4 KiB writes, close, open, read it         4
 *              back, close (the unlink that follows is not counted)
 *   pagefault  the first store to a fresh page of the heap (grown with sbrk),        4000
 *              which the kernel zero-fills on demand
 *   compute    1000 rounds of a xorshift random-number step and a multiply-add: no    1000
 *              system call, no memory traffic, so every kernel should cost the same
 *   console    a 16-byte write to standard output, the console (carriage returns,    1000
 *              so that nothing shows)
 *
 * Cycles come from the `cycle` counter (rdcycle), which U mode may read when the kernel
 * sets scounteren. The counter is per hart: run on one hart (the default) for figures that
 * mean something, since a process that migrates reads another hart's counter. Simulated
 * cycles are the same on every run and every host; host time per op is for bench/mono.sh
 * to measure from outside, as nothing in the guest may see the host's clock.
 *
 * Exit status: 0 if every benchmark ran, 1 if one failed, 2 on a usage error.
 */
#include "user.h"

#define PAGE 4096
#define FILE_BYTES (1024 * 1024)
#define FILE_CHUNK 4096
#define FILE_NAME "bench.tmp"

/* The cycle counter, read as 64 bits on a 32-bit hart: re-read when the high half moved
 * while the low half was being read (the low half wrapped in between). */
static uint64_t rdcycle(void) {
  uint32_t hi, lo, again;
  do {
    __asm__ volatile("rdcycleh %0" : "=r"(hi));
    __asm__ volatile("rdcycle %0" : "=r"(lo));
    __asm__ volatile("rdcycleh %0" : "=r"(again));
  } while (hi != again);
  return (uint64_t)hi << 32 | lo;
}

/* Each benchmark runs its operation n times (n >= 0), puts the cycles the n operations
 * took in *cycles and returns 0, or returns a negative error number. Set-up and clean-up
 * happen whatever n is, outside the measured span where they can. */

static int bench_getpid(int n, uint64_t *cycles) {
  uint64_t t0 = rdcycle();
  for (int i = 0; i < n; i++)
    getpid();
  *cycles = rdcycle() - t0;
  return 0;
}

/* The child of the pipe benchmark: echoes each byte from in to out until in reaches its
 * end (the parent closes its write end). */
static void pipe_echo(int in, int out) {
  char c;
  while (read(in, &c, 1) == 1)
    if (write(out, &c, 1) != 1) exit(1);
  exit(0);
}

static int bench_pipe(int n, uint64_t *cycles) {
  int ping[2], pong[2], rc;
  if ((rc = pipe(ping)) < 0) return rc;
  if ((rc = pipe(pong)) < 0) return rc;
  int pid = fork();
  if (pid < 0) return pid;
  if (pid == 0) {
    close(ping[1]);
    close(pong[0]);
    pipe_echo(ping[0], pong[1]);
  }
  close(ping[0]);
  close(pong[1]);
  rc = 0;
  char c = 'x';
  uint64_t t0 = rdcycle();
  for (int i = 0; i < n && rc == 0; i++) {
    if ((rc = write(ping[1], &c, 1)) == 1) rc = read(pong[0], &c, 1);
    rc = rc == 1 ? 0 : rc < 0 ? rc : -EPIPE;
  }
  *cycles = rdcycle() - t0;
  close(ping[1]); /* the child reads the end of input and exits */
  close(pong[0]);
  int status;
  if (wait(&status) < 0 || status != 0) rc = rc ? rc : -ECHILD;
  return rc;
}

/* Waits for the child pid; 0 if it exited with status 0, else a negative error number. */
static int reap(int pid) {
  int status;
  int got = wait(&status);
  if (got < 0) return got;
  return got == pid && status == 0 ? 0 : -ECHILD;
}

static int bench_fork(int n, uint64_t *cycles) {
  int rc = 0;
  uint64_t t0 = rdcycle();
  for (int i = 0; i < n && rc == 0; i++) {
    int pid = fork();
    if (pid == 0) exit(0);
    rc = pid < 0 ? pid : reap(pid);
  }
  *cycles = rdcycle() - t0;
  return rc;
}

static int bench_exec(int n, uint64_t *cycles) {
  char *argv[] = {"true", NULL};
  int rc = 0;
  uint64_t t0 = rdcycle();
  for (int i = 0; i < n && rc == 0; i++) {
    int pid = fork();
    if (pid == 0) {
      exec("/bin/true", argv);
      exit(127); /* exec failed: the parent sees a non-zero status */
    }
    rc = pid < 0 ? pid : reap(pid);
  }
  *cycles = rdcycle() - t0;
  return rc;
}

static char file_buf[FILE_CHUNK];

/* Moves FILE_BYTES between fd and file_buf in FILE_CHUNK pieces, writing if write_it is
 * non-zero; 0 when all of them moved, else a negative error number. */
static int file_transfer(int fd, int write_it) {
  for (int done = 0; done < FILE_BYTES;) {
    int got = write_it ? write(fd, file_buf, FILE_CHUNK) : read(fd, file_buf, FILE_CHUNK);
    if (got < 0) return got;
    if (got == 0) return -EIO; /* a short file, or a write that made no progress */
    done += got;
  }
  return 0;
}

/* One op of the file benchmark: create, write, close, open, read, close. */
static int file_once(void) {
  int fd = open(FILE_NAME, O_CREATE | O_TRUNC | O_WRONLY);
  if (fd < 0) return fd;
  int rc = file_transfer(fd, 1);
  close(fd);
  if (rc < 0) return rc;
  if ((fd = open(FILE_NAME, O_RDONLY)) < 0) return fd;
  rc = file_transfer(fd, 0);
  close(fd);
  return rc;
}

static int bench_file(int n, uint64_t *cycles) {
  for (int i = 0; i < FILE_CHUNK; i++)
    file_buf[i] = (char)('a' + i % 26);
  int rc = 0;
  *cycles = 0;
  for (int i = 0; i < n && rc == 0; i++) {
    uint64_t t0 = rdcycle();
    rc = file_once();
    *cycles += rdcycle() - t0;
    unlink(FILE_NAME);
  }
  return rc;
}

static int bench_pagefault(int n, uint64_t *cycles) {
  /* Start on a page boundary: the heap's last page may be mapped already. */
  uint32_t end = (uint32_t)(uintptr_t)sbrk(0);
  int pad = (int)((PAGE - end % PAGE) % PAGE);
  if (n > (0x7fffffff - pad) / PAGE) return -ENOMEM;
  int grow = pad + n * PAGE;
  char *old = sbrk(grow);
  if (old == SBRK_ERROR) return -errno;
  volatile char *p = old + pad;
  uint64_t t0 = rdcycle();
  for (int i = 0; i < n; i++)
    p[i * PAGE] = 1;
  *cycles = rdcycle() - t0;
  sbrk(-grow);
  return 0;
}

static int bench_compute(int n, uint64_t *cycles) {
  uint32_t x = 2463534242u, sum = 0;
  uint64_t t0 = rdcycle();
  for (int i = 0; i < n; i++)
    for (int j = 0; j < 1000; j++) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      sum = sum * 31 + x;
    }
  *cycles = rdcycle() - t0;
  volatile uint32_t result = sum; /* so that the compiler cannot drop the loop */
  (void)result;
  return 0;
}

static int bench_console(int n, uint64_t *cycles) {
  static const char line[] = "\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r";
  uint64_t t0 = rdcycle();
  for (int i = 0; i < n; i++)
    if (write(1, line, sizeof line - 1) != (int)sizeof line - 1) return -EIO;
  *cycles = rdcycle() - t0;
  return 0;
}

struct bench {
  const char *name;
  int (*run)(int n, uint64_t *cycles);
  int n; /* the default count */
};

static const struct bench benches[] = {
    {"getpid", bench_getpid, 100000}, {"pipe", bench_pipe, 10000},
    {"fork", bench_fork, 300},        {"exec", bench_exec, 100},
    {"file", bench_file, 4},          {"pagefault", bench_pagefault, 4000},
    {"compute", bench_compute, 1000}, {"console", bench_console, 1000},
};
#define NBENCH ((int)(sizeof benches / sizeof benches[0]))

/* Runs b n times (its default count if n < 0) and prints its line; 0 or 1 (failed). */
static int run_one(const struct bench *b, int n) {
  if (n < 0) n = b->n;
  uint64_t cycles = 0;
  int rc = b->run(n, &cycles);
  if (rc < 0) {
    fprintf(2, "bench: %s: %s\n", b->name, strerror(rc));
    return 1;
  }
  /* Rounded to the nearest cycle. */
  uint64_t per_op = n ? (cycles + (uint64_t)n / 2) / (uint64_t)n : 0;
  printf("%s: %d ops, %llu cycles/op\n", b->name, n, (unsigned long long)per_op);
  return 0;
}

static const struct bench *find(const char *name) {
  for (int i = 0; i < NBENCH; i++)
    if (!strcmp(benches[i].name, name)) return &benches[i];
  return NULL;
}

static int usage(void) {
  fprintf(2, "usage: bench [-n N] [NAME...]\nbenchmarks:");
  for (int i = 0; i < NBENCH; i++)
    fprintf(2, " %s", benches[i].name);
  fprintf(2, "\n");
  return 2;
}

int main(int argc, char *argv[]) {
  int n = -1, opt;
  while ((opt = getopt(argc, argv, "n:")) != -1) {
    if (opt != 'n') return usage();
    char *end;
    long v = strtol(optarg, &end, 10);
    if (*optarg == '\0' || *end != '\0' || v < 0 || v > 0x7fffffff) {
      fprintf(2, "bench: -n '%s': need a whole number\n", optarg);
      return 2;
    }
    n = (int)v;
  }
  for (int i = optind; i < argc; i++) {
    if (!find(argv[i])) {
      fprintf(2, "bench: unknown benchmark '%s'\n", argv[i]);
      return usage();
    }
  }
  int failed = 0;
  if (optind == argc)
    for (int i = 0; i < NBENCH; i++)
      failed |= run_one(&benches[i], n);
  else
    for (int i = optind; i < argc; i++)
      failed |= run_one(find(argv[i]), n);
  return failed;
}
