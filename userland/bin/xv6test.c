// xv6test: checks, as an xv6 program would, that the xv6 interface of the C library
// (user/user.h and the kernel/*.h headers) behaves as xv6's: -1 for every failing call,
// xv6's printf conversions, and the constants and layouts xv6 programs read. Written in
// xv6's style on purpose: plain calls, -1 checks, printf's %d %x %p %s %c %l.
// Prints "xv6test: N checks OK" and exits 0, or names each failed check and exits 1.

#include "kernel/fcntl.h"
#include "kernel/file.h"
#include "kernel/fs.h"
#include "kernel/memlayout.h"
#include "kernel/param.h"
#include "kernel/riscv.h"
#include "kernel/sleeplock.h"
#include "kernel/spinlock.h"
#include "kernel/stat.h"
#include "kernel/types.h"
#include "user/user.h"

int checks, failures;

void check(int ok, char *what) {
  checks++;
  if (!ok) {
    failures++;
    printf("xv6test: FAILED %s\n", what);
  }
}

// Every failing system call returns -1 (and errno keeps the reason).
void errors(void) {
  struct stat st;
  int fds[2];
  char *argv[] = {"nosuchprogram", 0};

  check(open("/no/such/file", O_RDONLY) == -1, "open of a missing file is -1");
  check(errno == ENOENT, "errno says why: ENOENT");
  check(read(99, fds, 1) == -1, "read of a bad fd is -1");
  check(write(-1, "x", 1) == -1, "write of a bad fd is -1");
  check(close(NOFILE) == -1, "close of fd NOFILE is -1");
  check(dup(NOFILE + 1) == -1, "dup of a bad fd is -1");
  check(fstat(99, &st) == -1, "fstat of a bad fd is -1");
  check(stat("/no/such/file", &st) == -1, "stat of a missing file is -1");
  check(unlink("/no/such/file") == -1, "unlink of a missing file is -1");
  check(link("/no/such/file", "xv6test.l") == -1, "link of a missing file is -1");
  check(mkdir("/") == -1, "mkdir of an existing directory is -1");
  check(chdir("/no/such/dir") == -1, "chdir to a missing directory is -1");
  check(exec("/no/such/program", argv) == -1, "exec of a missing program is -1");
  check(open("/", O_CREATE | O_RDWR) == -1, "open(dir, O_CREATE) is -1");
  check(mknod("/", CONSOLE, 0) == -1, "mknod over a directory is -1");
  check(kill(NPROC * 1000) == -1, "kill of a missing process is -1");
  check(sbrk(-0x7fffffff) == SBRK_ERROR, "shrinking below the heap is SBRK_ERROR");
  check(pipe(fds) == 0, "pipe succeeds with 0");
  check(close(fds[0]) == 0 && close(fds[1]) == 0, "close succeeds with 0");
  check(sleep(1) == 0 && pause(0) == 0, "sleep and pause succeed with 0");
}

// A write that would start past the end of the file (truncated under an open descriptor)
// fails, as in xv6; one at the end still appends.
void pastend(void) {
  int fd1, fd2;

  fd1 = open("xv6test.t", O_CREATE | O_TRUNC | O_WRONLY);
  check(write(fd1, "abcd", 4) == 4, "a write at the end of a file");
  fd2 = open("xv6test.t", O_TRUNC | O_WRONLY);
  check(write(fd1, "x", 1) == -1, "a write past the end of a file is -1");
  check(write(fd2, "xy", 2) == 2, "a write at the end of a truncated file");
  close(fd1);
  close(fd2);
  unlink("xv6test.t");
}

// fork, exit and wait as xv6's forktest uses them: wait is -1 once no child is left. On a
// kernel with one process (uni), fork itself is -1, and so is wait.
void processes(void) {
  int pid, status;

  pid = fork();
  if (pid == -1 && errno == ENOSYS) {
    check(wait(0) == -1, "wait on a kernel without fork is -1");
    return;
  }
  if (pid == 0) exit(7);
  check(pid > 0, "fork returns the child's pid");
  check(wait(&status) == pid && status == 7, "wait returns the pid and the status");
  check(wait(0) == -1, "wait without children is -1");
}

// What fprintf wrote to a scratch file, as a string.
char out[256];

void printed(void) {
  int fd = open("xv6test.out", O_RDONLY);
  int n = read(fd, out, sizeof(out) - 1);
  out[n < 0 ? 0 : n] = 0;
  close(fd);
  unlink("xv6test.out");
}

// xv6's printf: %d %x %p %s %c %%, a lone %l (a 64-bit number), and %ld %lu %lx of
// 64-bit values, since xv6's long is 64 bits.
void formats(void) {
  uint64 big = 12345678901ULL;
  int fd = open("xv6test.out", O_CREATE | O_WRONLY | O_TRUNC);

  fprintf(fd, "%d %x %p %s %c %% %l|%l %ld %lu %lx %lld|%q", -42, 0xbeef, (void *)0x1000, "str",
          'c', big, (uint64)7, -big, big, (uint64)0xfedcba9876ULL, big);
  close(fd);
  printed();
  char *want = "-42 beef 0x00001000 str c % 12345678901|7 -12345678901 12345678901 "
               "fedcba9876 12345678901|%q";

  if (strcmp(out, want) != 0) printf("xv6test: fprintf printed '%s'\n", out);
  check(strcmp(out, want) == 0, "fprintf knows xv6's conversions");
}

// The headers' constants and layouts, as xv6 programs read them.
void layouts(void) {
  struct stat st, dst;
  struct dirent de;
  int fd, found = 0;
  char local;
  uint32 sp = r_sp();

  check(sizeof(de) == sizeof(de.inum) + DIRSIZ, "struct dirent is inum and DIRSIZ name bytes");
  check(MAXFILE > NDIRECT + NINDIRECT && NDIRECT > 0, "MAXFILE counts the block map");
  check(PGSIZE == 4096 && PGROUNDUP(1) == PGSIZE && PGROUNDDOWN(PGSIZE + 1) == PGSIZE,
        "PGSIZE and page rounding");
  check(sp <= (uint32)&local && (uint32)&local - sp < PGSIZE, "r_sp reads the stack pointer");
  check(KERNBASE == 0x80000000L && MAXVA > KERNBASE, "memlayout's addresses");
  check(major(mkdev(CONSOLE, 3)) == CONSOLE && minor(mkdev(CONSOLE, 3)) == 3, "mkdev");

  // ls's way of reading a directory: entries of sizeof(de), "." naming the directory.
  fd = open(".", O_RDONLY);
  check(fstat(fd, &dst) == 0 && dst.type == T_DIR, "fstat of a directory");
  while (read(fd, &de, sizeof(de)) == sizeof(de)) {
    if (de.inum != 0 && strcmp(de.name, ".") == 0 && de.inum == dst.ino) found = 1;
  }
  close(fd);
  check(found, "a directory holds \".\" with its own inode number");

  // ls's line for a file: the size is 64 bits and prints with %l.
  fd = open("xv6test.f", O_CREATE | O_WRONLY);
  write(fd, "hello", 5);
  close(fd);
  check(stat("xv6test.f", &st) == 0 && st.type == T_FILE && st.size == 5, "stat of a file");
  fd = open("xv6test.out", O_CREATE | O_WRONLY | O_TRUNC);
  fprintf(fd, "%d %d %l", st.type, st.nlink, st.size);
  close(fd);
  printed();
  check(strcmp(out, "2 1 5") == 0, "ls's \"%d %d %l\" of a file");
  unlink("xv6test.f");
}

int main(void) {
  errors();
  pastend();
  processes();
  formats();
  layouts();
  if (failures) {
    printf("xv6test: %d of %d checks FAILED\n", failures, checks);
    exit(1);
  }
  printf("xv6test: %d checks OK\n", checks);
  exit(0);
}
