/*
 * systest: the in-guest test suite of the kernels, in the spirit of xv6's usertests.
 *
 *   systest            runs every test
 *   systest NAME...    runs the named tests
 *   systest -l         lists the tests
 *
 * Each test prints one line, "test NAME: ok", "test NAME: FAILED (why)" or "skip NAME: why",
 * and the run ends with "systest: N passed, M failed, K skipped". A test is skipped when the
 * first call it needs answers -ENOSYS: what the kernel's architecture cannot do (the
 * unikernel has no fork, exec, wait or kill; only mono loads modules). Skips are not passes,
 * but not failures either: the exit status is 0 when none failed.
 *
 * Each test runs in a child process, so a test that crashes or is killed is reported as
 * failed and the others still run. On a kernel without fork (the unikernel) the tests run
 * in this process, and those that need fork are skipped. A test stops at its first failed
 * check (fail() exits its process, or longjmps back when it runs in this one). Helper
 * children that a test forks report a failed check with a line of their own and exit 1;
 * the test checks their exit statuses.
 *
 * The tests live in a file per area (processes.c, pipes.c, memory.c, arguments.c, files.c,
 * dirs.c, links.c, devices.c) and the harness that runs them in harness.c; this file is
 * the list, in the order they run, and main.
 */
#include "systest.h"

/* Every test, in the order `systest` runs them (the order its output has always had). */
struct test {
  const char *name;
  void (*fn)(void);
};

static const struct test tests[] = {
    {"forkwait", test_forkwait},
    {"exitstatus", test_exitstatus},
    {"forktree", test_forktree},
    {"exec", test_exec},
    {"kill", test_kill},
    {"sleep", test_sleep},
    {"pipe", test_pipe},
    {"pipebig", test_pipebig},
    {"pipeclosed", test_pipeclosed},
    {"sbrk", test_sbrk},
    {"sbrkshrink", test_sbrkshrink},
    {"stackguard", test_stackguard},
    {"cow", test_cow},
    {"oom", test_oom},
    {"badptr", test_badptr},
    {"badfd", test_badfd},
    {"fdlimit", test_fdlimit},
    {"forklimit", test_forklimit},
    {"create", test_create},
    {"truncate", test_truncate},
    {"append", test_append},
    {"lseek", test_lseek},
    {"dup", test_dup},
    {"bigfile", test_bigfile},
    {"unlinkopen", test_unlinkopen},
    {"manyfiles", test_manyfiles},
    {"dirs", test_dirs},
    {"links", test_links},
    {"symlinks", test_symlinks},
    {"mknod", test_mknod},
    {"concfork", test_concfork},
    {"concpipe", test_concpipe},
    {"closerace", test_closerace},
    {"concfiles", test_concfiles},
    {"concdir", test_concdir},
    {"modules", test_modules},
    {"setpriority", test_setpriority},
    {"fulldisk", test_fulldisk},
};
#define NTESTS (int)(sizeof tests / sizeof tests[0])

static const struct test *find(const char *name) {
  for (int i = 0; i < NTESTS; i++)
    if (strcmp(tests[i].name, name) == 0) return &tests[i];
  return NULL;
}

int main(int argc, char *argv[]) {
  if (argc == 2 && strcmp(argv[1], "-l") == 0) {
    for (int i = 0; i < NTESTS; i++)
      printf("%s\n", tests[i].name);
    return 0;
  }
  for (int i = 1; i < argc; i++) {
    if (!find(argv[i])) {
      fprintf(2, "systest: no test named %s (systest -l lists them)\n", argv[i]);
      return 2;
    }
  }
  int counts[3] = {0}; /* by run_test's result: passed, failed, skipped */
  if (argc > 1) {
    for (int i = 1; i < argc; i++) {
      const struct test *t = find(argv[i]);
      counts[run_test(t->name, t->fn)]++;
    }
  } else {
    for (int i = 0; i < NTESTS; i++)
      counts[run_test(tests[i].name, tests[i].fn)]++;
  }
  printf("systest: %d passed, %d failed, %d skipped\n", counts[0], counts[1], counts[2]);
  return counts[1] ? 1 : 0;
}
