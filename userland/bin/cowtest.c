/*
 * cowtest [-p PAGES] [-w PAGES] [-t]: a big process forks, for watching copy-on-write (lab 4).
 * It grows its heap by -p pages (default 256: 1 MiB) and writes a value of its own into
 * each, then forks. The child reads every page, then stores into the first -w of them
 * (default 4), has the kernel write into the last one (a read from a pipe), and checks
 * that it sees its own writes and the parent's values elsewhere; the parent waits, then
 * checks that it still sees only its own values. With -t the child then stores into its own
 * text, which is read-only: fork must not have made it copy-on-write, and the kernel kills
 * the child (cowtest exits 0 only then).
 *
 * Marks in the event stream frame each step for the grader (trace_mark; the kernel stamps
 * each with the caller's pid): 1 before the fork (a1 = pages); 2 in the child as fork
 * returns, 3 when it has read every page, 4 when it has written and checked (a1 = wrong
 * values seen); 6 in the child if its store to its text went through (-t); 5 in the parent
 * after the wait (a1 = wrong values seen). So the events
 * show what fork cost, and which faults each step took.
 */
#include "user.h"

#define PAGE 4096

/* The value page i holds for the parent (child 0) or after the child wrote it (child 1). */
static int value(int i, int child) { return i * 7 + 1 + child * 1000000; }

/* Reads every page; how many do not hold what they should (the child wrote the first
 * `written` and, if `last`, the last one). */
static int check(volatile int *heap, int pages, int written, int last) {
  int wrong = 0;
  for (int i = 0; i < pages; i++)
    if (heap[i * PAGE / 4] != value(i, i < written || (last && i == pages - 1))) wrong++;
  return wrong;
}

/* The kernel writes the child's value into the last page: read() from a pipe copies out
 * into a page that fork shared. 0, or -1 when the pipe failed. */
static int kernel_write(volatile int *heap, int pages) {
  int fd[2], v = value(pages - 1, 1);
  if (pipe(fd) < 0 || write(fd[1], &v, sizeof v) != sizeof v) return -1;
  int n = read(fd[0], (char *)&heap[(pages - 1) * PAGE / 4], sizeof v);
  close(fd[0]);
  close(fd[1]);
  return n == sizeof v ? 0 : -1;
}

static int usage(void) {
  fprintf(2, "usage: cowtest [-p PAGES] [-w PAGES] [-t]\n");
  return 2;
}

int main(int argc, char *argv[]) {
  int pages = 256, writes = 4, text = 0, c;
  while ((c = getopt(argc, argv, "p:w:t")) != -1) {
    switch (c) {
    case 't': text = 1; break;
    case 'p': pages = atoi(optarg); break;
    case 'w': writes = atoi(optarg); break;
    default: return usage();
    }
  }
  if (optind != argc || pages < 1 || pages > 4096 || writes < 0 || writes > pages) return usage();
  volatile int *heap = (volatile int *)sbrk(pages * PAGE);
  if ((intptr_t)heap == -1) {
    fprintf(2, "cowtest: sbrk: out of memory\n");
    return 1;
  }
  for (int i = 0; i < pages; i++)
    heap[i * PAGE / 4] = value(i, 0);
  trace_mark(1, pages, 0, 0);
  int pid = fork();
  if (pid < 0) {
    fprintf(2, "cowtest: fork: %s\n", strerror(pid));
    return 1;
  }
  if (pid == 0) {
    trace_mark(2, 0, 0, 0);
    int wrong = check(heap, pages, 0, 0);
    trace_mark(3, wrong, 0, 0);
    for (int i = 0; i < writes; i++)
      heap[i * PAGE / 4] = value(i, 1);
    if (kernel_write(heap, pages) < 0) wrong++;
    wrong += check(heap, pages, writes, 1);
    trace_mark(4, wrong, 0, 0);
    if (text) {
      *(volatile int *)(uintptr_t)main = 0; /* the kernel must kill us here */
      trace_mark(6, 0, 0, 0);
    }
    exit(wrong ? 1 : 0);
  }
  int status = -1;
  wait(&status);
  int wrong = check(heap, pages, 0, 0);
  trace_mark(5, wrong, 0, 0);
  if (text) {
    printf("cowtest: the child's store to its text %s\n", status ? "was refused" : "went through");
    return status != 0 && wrong == 0 ? 0 : 1;
  }
  printf("cowtest: %d pages, child wrote %d: child %s, parent %s\n", pages, writes,
         status == 0 ? "ok" : "saw wrong values", wrong ? "saw wrong values" : "ok");
  return status == 0 && wrong == 0 ? 0 : 1;
}
