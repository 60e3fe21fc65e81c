/*
 * pagetest [-r 'P P P ...'] [-l N [-p PAGES]]: touches pages of its heap in a given order,
 * for watching page replacement under `ossim --mem-limit` (lab 5).
 *
 *   -r 'STRING'   the reference string: heap page numbers, e.g. '1 2 3 4 1 2 5 1 2 3 4 5'
 *   -l N          N references with locality, drawn by a fixed generator: 80% go to the
 *                 first quarter of the pages, the rest to the others
 *   -p PAGES      the pages -l draws from (default 16)
 *
 * Each reference adds one to a counter in the page, then writes a mark (trace_mark), which
 * traps: so the kernel sees every access before the next one, and the grader can tell
 * which reference each page fault belongs to. Marks (the kernel stamps each with the pid):
 * 1 before the first reference (a1 = the heap's address, a2 = how many references), 2 after
 * each (a1 = the page), 3 at the end (a1 = pages whose counter is wrong: a page must come
 * back from swap as it went).
 */
#include "user.h"

#define PAGE 4096
#define MAXREFS 4096
#define MAXPAGE 256

static int refs[MAXREFS], counts[MAXPAGE];

/* Parses a reference string of page numbers; how many, or -1. */
static int parse(const char *s) {
  int n = 0;
  while (*s) {
    if (*s == ' ' || *s == ',') {
      s++;
      continue;
    }
    if (*s < '0' || *s > '9' || n == MAXREFS) return -1;
    int v = 0;
    while (*s >= '0' && *s <= '9')
      v = v * 10 + (*s++ - '0');
    if (v >= MAXPAGE) return -1;
    refs[n++] = v;
  }
  return n;
}

/* n references with locality over pages, from a fixed linear congruential generator. */
static int locality(int n, int pages) {
  unsigned x = 1, hot = pages / 4 ? pages / 4 : 1;
  for (int i = 0; i < n; i++) {
    x = (x * 1103515245u + 12345u) & 0x7fffffff;
    unsigned r = (x >> 16) % 100;
    x = (x * 1103515245u + 12345u) & 0x7fffffff;
    refs[i] = (int)(r < 80 ? (x >> 16) % hot : hot + (x >> 16) % (pages - hot));
  }
  return n;
}

static int usage(void) {
  fprintf(2, "usage: pagetest -r 'P P ...' | -l N [-p PAGES]\n");
  return 2;
}

int main(int argc, char *argv[]) {
  int n = -1, pages = 16, c;
  const char *string = NULL;
  while ((c = getopt(argc, argv, "r:l:p:")) != -1) {
    switch (c) {
    case 'r': string = optarg; break;
    case 'l': n = atoi(optarg); break;
    case 'p': pages = atoi(optarg); break;
    default: return usage();
    }
  }
  if (optind != argc || (string == NULL) == (n < 0) || n > MAXREFS || pages < 2 || pages > MAXPAGE)
    return usage();
  n = string ? parse(string) : locality(n, pages);
  if (n < 0) return usage();
  int top = 0;
  for (int i = 0; i < n; i++)
    if (refs[i] >= top) top = refs[i] + 1;
  volatile int *heap = (volatile int *)sbrk(top * PAGE);
  if ((char *)heap == SBRK_ERROR) {
    fprintf(2, "pagetest: sbrk: out of memory\n");
    return 1;
  }
  trace_mark(1, (int)(intptr_t)heap, n, 0);
  for (int i = 0; i < n; i++) {
    heap[refs[i] * PAGE / 4]++;
    counts[refs[i]]++;
    trace_mark(2, refs[i], 0, 0);
  }
  int wrong = 0;
  for (int p = 0; p < top; p++)
    if (heap[p * PAGE / 4] != counts[p]) wrong++;
  trace_mark(3, wrong, 0, 0);
  printf("pagetest: %d references to %d pages%s\n", n, top, wrong ? ", pages came back wrong" : "");
  return wrong ? 1 : 0;
}
