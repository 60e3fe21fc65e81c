/*
 * badexec: writes crafted ELF files and execs each, to show that every kernel refuses the
 * same malformed programs the same way (exec returns -ENOEXEC) and stays up: after the
 * last one it runs /bin/echo. One line a case: its name and what exec said.
 *
 * The files are built from one good header (a 32-bit RISC-V executable with one segment)
 * with one thing wrong each: a program header table whose end wraps 32-bit arithmetic, a
 * segment in the vDSO page or past the end of the file, an interpreter, overlapping
 * segments, more segments than any kernel loads, an entry outside the code, a 64-bit class.
 */
#include "user.h"

#define EHDR 52
#define PHDR 32
#define MAXPH 12
#define PATH "/badexec.elf"

static unsigned char file[EHDR + MAXPH * PHDR + 16];

static void put16(unsigned at, unsigned v) {
  file[at] = (unsigned char)v;
  file[at + 1] = (unsigned char)(v >> 8);
}

static void put32(unsigned at, unsigned v) {
  put16(at, v & 0xffff);
  put16(at + 2, v >> 16);
}

/* Program header i: type, file offset, address, file and memory sizes, flags (PF_R 4...). */
static void phdr(unsigned i, unsigned type, unsigned off, unsigned va, unsigned filesz,
                 unsigned memsz, unsigned flags) {
  unsigned p = EHDR + i * PHDR;
  put32(p, type);
  put32(p + 4, off);
  put32(p + 8, va);
  put32(p + 12, va);
  put32(p + 16, filesz);
  put32(p + 20, memsz);
  put32(p + 24, flags);
  put32(p + 28, 4096);
}

/* The good file: one read-execute segment at 0x10000 holding the entry point. */
static unsigned good(unsigned nph) {
  memset(file, 0, sizeof file);
  memcpy(file, "\177ELF", 4);
  file[4] = 1;    /* 32-bit */
  file[5] = 1;    /* little-endian */
  file[6] = 1;    /* version */
  put16(16, 2);   /* an executable */
  put16(18, 243); /* RISC-V */
  put32(20, 1);
  put32(24, 0x10000); /* the entry */
  put32(28, EHDR);    /* the program header table follows the header */
  put16(42, PHDR);
  put16(44, nph);
  phdr(0, 1, 0, 0x10000, EHDR + nph * PHDR, 0x1000, 5);
  return EHDR + nph * PHDR;
}

static int write_file(unsigned len) {
  int fd = open(PATH, O_CREATE | O_WRONLY | O_TRUNC);
  if (fd < 0) return fd;
  int n = write(fd, file, (int)len);
  close(fd);
  return n == (int)len ? 0 : -EIO;
}

/* Writes the file and execs it in a child, which reports what exec returned. */
static void try(const char *name, unsigned len) {
  int rc = write_file(len);
  if (rc < 0) {
    printf("%s: cannot write %s: %s\n", name, PATH, strerror(rc));
    return;
  }
  int pid = fork();
  if (pid == 0) {
    char *argv[] = {"badexec.elf", 0};
    rc = exec(PATH, argv);
    printf("%s: %s\n", name, rc == -ENOEXEC ? "refused (exec format error)" : strerror(rc));
    exit(0);
  }
  if (pid < 0) printf("%s: fork: %s\n", name, strerror(pid));
  wait(0);
}

int main(void) {
  unsigned len = good(1);
  put32(28, 0xffffffe0u); /* phoff + phnum * 32 wraps to 0x20 in 32 bits */
  put16(44, 2);
  try("table that wraps", len);

  len = good(1);
  phdr(0, 1, 0, 0xfffff000u, len, 0x1000, 5); /* in the vDSO page */
  put32(24, 0xfffff000u);
  try("segment in the vDSO page", len);

  len = good(1);
  phdr(0, 1, 0, 0x10000, 0x10000, 0x10000, 5); /* 64 KiB of file bytes the file lacks */
  try("segment past the end of the file", len);

  len = good(2);
  phdr(1, 3, 0, 0, 0, 0, 4); /* PT_INTERP */
  try("asks for an interpreter", len);

  len = good(2);
  phdr(1, 1, 0, 0x10800, 0, 0x1000, 6); /* over the first segment's second half */
  try("overlapping segments", len);

  len = good(MAXPH);
  for (unsigned i = 1; i < MAXPH; i++)
    phdr(i, 1, 0, 0x10000 + i * 0x1000, 0, 0x1000, 6);
  try("too many segments", len);

  len = good(1);
  put32(24, 0x20000); /* not in the segment */
  try("entry outside the code", len);

  len = good(1);
  file[4] = 2; /* 64-bit */
  try("64-bit class", len);

  unlink(PATH);
  char *argv[] = {"echo", "still", "up", 0};
  if (fork() == 0) {
    exec("/bin/echo", argv);
    exit(1);
  }
  wait(0);
  return 0;
}
