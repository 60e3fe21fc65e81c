/*
 * systest.h: what the areas of systest share -- the checks a test makes, the helpers that
 * fork, wait and make test files, and every test, by the file of its area. systest.c is the
 * driver (the list of tests and main); harness.c runs one test and keeps what the checks
 * need to know about it.
 *
 * A test is a void function: it returns when it passed, and stops at its first failed check
 * (fail() does not return). Tests work in the current directory, on names starting "st.",
 * and remove them. Large buffers are static: a process's stack may be small.
 */
#ifndef SYSTEST_H
#define SYSTEST_H

#include "user.h"

#include "abi/memmap.h"
#include "abi/syscall.h"
#include "kernel/fs.h"

#define PGSIZE 4096

/* What run_test returns, which is also the exit status of a test's process. */
enum { TEST_PASSED = 0, TEST_FAILED = 1, TEST_SKIPPED = 2 };

/* Runs test fn, called name, in a child process (or in this one, on a kernel without
 * fork), printing its line; returns TEST_PASSED, TEST_FAILED or TEST_SKIPPED. */
int run_test(const char *name, void (*fn)(void));

/* ---- checks: each stops the test when it fails ---- */

/* Fails the test with a message (a helper child prints it and exits 1). */
void fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* Skips the test, saying why. */
void skip(const char *why) __attribute__((noreturn));

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (!(cond)) fail("%s, line %d", #cond, __LINE__);                                             \
  } while (0)

/* EXPECT(expr, want): expr, an int, must equal want; a failure shows both, and the error's
 * name when expr gave a negative number. */
#define EXPECT(expr, want)                                                                         \
  do {                                                                                             \
    int got_ = (int)(expr), want_ = (int)(want);                                                   \
    if (got_ != want_)                                                                             \
      fail("%s gave %d%s%s%s, want %d, line %d", #expr, got_, got_ < 0 ? " (" : "",                \
           got_ < 0 ? strerror(got_) : "", got_ < 0 ? ")" : "", want_, __LINE__);                  \
  } while (0)

/* The result r of a call the test needs: -ENOSYS skips the test, saying that `what` is not
 * on this kernel; anything else is handed back. */
int need(int r, const char *what);

/* ---- processes ---- */

/* A fork that skips the test on a kernel without fork and fails it on any other error. */
int xfork(void);
/* Waits for child pid (reaping any others on the way) and returns its exit status. */
int xwait(int pid);
/* Waits for child pid, which must exit with status 0. */
void wait_ok(int pid, const char *what);

/* ---- test data ---- */

/* The byte at offset off of test data number seed: varies within and across blocks. */
char pattern(uint32_t off, uint32_t seed);
/* Creates (or truncates) name with n bytes of pattern(seed). */
void make_file(const char *name, uint32_t n, uint32_t seed);
/* Checks that name holds exactly n bytes of pattern(seed). */
void check_file(const char *name, uint32_t n, uint32_t seed);
/* The whole of a small file, NUL-terminated, in buf; returns its length. */
int read_small(const char *name, char *buf, int size);
/* Makes the heap end on a page boundary with at least one whole page below it, and
 * returns that end: [end - PGSIZE, end) is valid memory and end itself is not mapped. */
char *heap_page_end(void);

/* ---- the tests, by area ---- */

/* processes.c */
void test_forkwait(void);
void test_exitstatus(void);
void test_forktree(void);
void test_exec(void);
void test_kill(void);
void test_forklimit(void);
void test_concfork(void);
void test_sleep(void);
void test_setpriority(void);
/* pipes.c */
void test_pipe(void);
void test_pipebig(void);
void test_pipeclosed(void);
void test_concpipe(void);
/* memory.c */
void test_sbrk(void);
void test_sbrkshrink(void);
void test_stackguard(void);
void test_cow(void);
void test_oom(void);
/* arguments.c */
void test_badptr(void);
void test_badfd(void);
void test_fdlimit(void);
/* files.c */
void test_create(void);
void test_truncate(void);
void test_append(void);
void test_lseek(void);
void test_dup(void);
void test_bigfile(void);
void test_unlinkopen(void);
void test_fulldisk(void);
void test_concfiles(void);
void test_closerace(void);
/* dirs.c */
void test_manyfiles(void);
void test_dirs(void);
void test_concdir(void);
/* links.c */
void test_links(void);
void test_symlinks(void);
/* devices.c */
void test_mknod(void);
void test_modules(void);

#endif
