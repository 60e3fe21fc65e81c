/* systest, memory: sbrk up and down, copy-on-write fork, running out of memory. */
#include "systest.h"

void test_sbrk(void) {
  char *a = sbrk(0);
  CHECK(a != SBRK_ERROR);
  enum { N = 10 * PGSIZE };
  EXPECT(sbrk(N) - a, 0);
  CHECK(sbrk(0) == a + N);
  for (int i = 0; i < N; i++) /* new memory is zero */
    if (a[i]) fail("byte %d of new memory is %d", i, a[i]);
  for (int i = 0; i < N; i++)
    a[i] = (char)i;
  for (int i = 0; i < N; i++)
    if (a[i] != (char)i) fail("byte %d of new memory did not keep its value", i);
  EXPECT(sbrk(-N) - (a + N), 0);
  CHECK(sbrk(0) == a);
  EXPECT(sbrk(N) - a, 0); /* grown again: zero again */
  for (int i = 0; i < N; i++)
    if (a[i]) fail("byte %d of re-grown memory is %d", i, a[i]);
  /* the most negative shrink, whose magnitude overflows an int, is refused like any other
   * that goes below the heap's start */
  CHECK(sbrk(-2147483647 - 1) == SBRK_ERROR);
  CHECK(sbrk(0) == a + N);

  /* many small steps */
  char *b = sbrk(0);
  for (int i = 0; i < 1000; i++)
    if (sbrk(37) != b + 37 * i) fail("sbrk step %d", i);
  b[37 * 1000 - 1] = 1;
  CHECK(sbrk(-37 * 1000) == b + 37 * 1000);

  /* the kernel writes into memory no one has touched yet */
  char *c = sbrk(0);
  CHECK(sbrk(2 * PGSIZE) == c);
  int p[2];
  EXPECT(pipe(p), 0);
  EXPECT(write(p[1], "0123456789", 10), 10);
  EXPECT(read(p[0], c + PGSIZE - 5, 10), 10); /* across a page boundary */
  CHECK(memcmp(c + PGSIZE - 5, "0123456789", 10) == 0);
  close(p[0]);
  close(p[1]);
}

void test_sbrkshrink(void) {
  int pid = xfork();
  if (pid == 0) { /* memory given back is gone: touching it kills the process */
    volatile char *end = heap_page_end();
    end[-1] = 1;
    sbrk(-PGSIZE);
    end[-1] = 2;
    exit(0);
  }
  if (xwait(pid) == 0) fail("a process wrote to memory it had given back with sbrk");
}

/* Reads the byte `pages` pages below a frame of a child's; its exit status: 0 if it could.
 * systest's frames are shallow: the frame is in the stack's top page. */
static int touch_below_stack(int pages) {
  int pid = xfork();
  if (pid == 0) {
    volatile char here = 0;
    /* through an integer: a pointer moved out of its object is one the compiler may assume
     * never is */
    volatile char *at = (volatile char *)((uintptr_t)&here - (uintptr_t)pages * PGSIZE);
    (void)*at;
    exit(0);
  }
  return xwait(pid);
}

void test_stackguard(void) {
  /* the stack is USER_STACK_PAGES pages, all of them usable ... */
  EXPECT(touch_below_stack(USER_STACK_PAGES - 1), 0);
  /* ... and the page below it is a guard, never given out: the process dies */
  if (touch_below_stack(USER_STACK_PAGES) == 0) fail("a process read its stack's guard page");
}

void test_cow(void) {
  enum { N = 16 * PGSIZE };
  char *a = sbrk(N);
  CHECK(a != SBRK_ERROR);
  for (int i = 0; i < N; i++)
    a[i] = pattern((uint32_t)i, 1);
  int p[2];
  EXPECT(pipe(p), 0);
  int pid = xfork();
  if (pid == 0) {
    for (int i = 0; i < N; i++) /* the child sees the parent's memory... */
      if (a[i] != pattern((uint32_t)i, 1)) exit(1);
    for (int i = 0; i < N; i++) /* ...and its writes stay its own */
      a[i] = pattern((uint32_t)i, 2);
    for (int i = 0; i < N; i++)
      if (a[i] != pattern((uint32_t)i, 2)) exit(2);
    char c;
    read(p[0], &c, 1); /* wait until the parent has written too */
    for (int i = 0; i < N; i++)
      if (a[i] != pattern((uint32_t)i, 2)) exit(3);
    exit(0);
  }
  for (int i = 0; i < N; i += 2) /* the parent writes half the bytes */
    a[i] = pattern((uint32_t)i, 3);
  write(p[1], "x", 1);
  wait_ok(pid, "child checking its copy");
  for (int i = 0; i < N; i++)
    if (a[i] != pattern((uint32_t)i, i % 2 ? 1 : 3)) fail("parent's byte %d changed", i);
  close(p[0]);
  close(p[1]);
}

void test_oom(void) {
  /* A heap past the top of the address space: sbrk must fail by the fourth GiB (or the
   * first, on a kernel that allocates memory as sbrk asks for it). */
  char *a = sbrk(0);
  int failed = 0;
  for (int i = 0; i < 4 && !failed; i++) {
    errno = 0;
    if (sbrk(0x40000000) == SBRK_ERROR) {
      failed = 1;
      EXPECT(errno, ENOMEM);
    }
  }
  CHECK(failed);
  while (sbrk(0) > a) { /* give it back */
    uintptr_t over = (uintptr_t)(sbrk(0) - a);
    CHECK(sbrk(-(int)(over > 0x40000000 ? 0x40000000 : over)) != SBRK_ERROR);
  }
  CHECK(sbrk(0) == a);
  CHECK(sbrk(-0x7ff00000) == SBRK_ERROR); /* below the start of the heap */
  CHECK(sbrk(0) == a);
  CHECK(malloc(0xfff00000u) == NULL);

  int pid = xfork();
  if (pid == 0) { /* takes memory until there is none: sbrk fails, or the kernel kills it */
    for (int i = 0; i < 4096; i++) {
      char *p = sbrk(1 << 20);
      if (p == SBRK_ERROR) exit(errno == ENOMEM ? 0 : 78);
      for (int j = 0; j < (1 << 20); j += PGSIZE)
        p[j] = 1;
    }
    exit(77); /* 4 GiB, and never out of memory? */
  }
  int status = xwait(pid);
  if (status == 77) fail("the memory hog got 4 GiB");
  if (status == 78) fail("the memory hog's sbrk failed without ENOMEM");
  pid = xfork(); /* and the memory came back */
  if (pid == 0) {
    char *p = sbrk(8 << 20);
    if (p == SBRK_ERROR) exit(1);
    for (int j = 0; j < (8 << 20); j += PGSIZE)
      p[j] = 1;
    exit(0);
  }
  wait_ok(pid, "8 MiB after the memory hog exited");
}
