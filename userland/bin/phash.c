/*
 * phash [-t THREADS] [-n KEYS]: a hash table shared by threads (labs/14-threads). THREADS
 * threads (default 2) insert KEYS keys (default 2000) between them, thread t the keys t,
 * t + THREADS, ... Then the main thread looks each key up: phash prints how many are
 * missing and exits 1 if any is. Marks 1 and 2 (trace_mark) bracket the inserts, so a
 * grader reads from the events how many cycles they took.
 *
 * A key is lost when two threads insert into one bucket at once and one's new head
 * overwrites the other's: the student's locks make each insert whole.
 */
#include <pthread.h>

#include "user.h"

#define NBUCKET 61
#define MAXKEYS 8192
#define MAXTHREADS 8

struct entry {
  uint32_t key, value;
  struct entry *next;
};

static struct entry *table[NBUCKET];
/* Key k's entry is pool[k]: each thread fills its own keys' entries, so the threads share
 * the table and nothing else (no allocator to lock). */
static struct entry pool[MAXKEYS];
static int nkeys = 2000, nthreads = 2;

static struct entry *find(struct entry *e, uint32_t key) {
  for (; e; e = e->next)
    if (e->key == key) return e;
  return 0;
}

// LAB 14 BEGIN
/* One lock per bucket (all-zero is unlocked): inserts into different buckets go on at
 * once, on different harts. */
static pthread_mutex_t bucket_lock[NBUCKET];

/* Inserts key with value, or updates its value if it is there already. */
static void insert(uint32_t key, uint32_t value) {
  uint32_t b = key % NBUCKET;
  pthread_mutex_lock(&bucket_lock[b]);
  struct entry *e = find(table[b], key);
  if (e) {
    e->value = value;
  } else {
    e = &pool[key];
    e->key = key, e->value = value;
    e->next = table[b];
    table[b] = e;
  }
  pthread_mutex_unlock(&bucket_lock[b]);
}
// LAB 14 STARTER
// /* Inserts key with value, or updates its value if it is there already. */
// static void insert(uint32_t key, uint32_t value) {
//   uint32_t b = key % NBUCKET;
//   struct entry *e = find(table[b], key);
//   if (e) {
//     e->value = value;
//   } else {
//     e = &pool[key];
//     e->key = key, e->value = value;
//     e->next = table[b];
//     table[b] = e;
//   }
// }
// LAB 14 END

static void *inserter(void *arg) {
  for (int k = (int)(uintptr_t)arg; k < nkeys; k += nthreads)
    insert(k, k * 3 + 1);
  return 0;
}

int main(int argc, char *argv[]) {
  int opt;
  while ((opt = getopt(argc, argv, "t:n:")) != -1) {
    if (opt == 't')
      nthreads = atoi(optarg);
    else if (opt == 'n')
      nkeys = atoi(optarg);
    else
      nthreads = 0;
  }
  if (nthreads < 1 || nthreads > MAXTHREADS || nkeys < 1 || nkeys > MAXKEYS || optind != argc) {
    fprintf(2, "usage: phash [-t THREADS (1-%d)] [-n KEYS (1-%d)]\n", MAXTHREADS, MAXKEYS);
    return 2;
  }
  pthread_t t[MAXTHREADS];
  trace_mark(1, nkeys, nthreads, 0);
  for (int i = 0; i < nthreads; i++)
    if (pthread_create(&t[i], 0, inserter, (void *)(uintptr_t)i) != 0) {
      fprintf(2, "phash: cannot create a thread\n");
      return 2;
    }
  for (int i = 0; i < nthreads; i++)
    pthread_join(t[i], 0);
  trace_mark(2, nkeys, nthreads, 0);
  int lost = 0;
  for (int k = 0; k < nkeys; k++) {
    struct entry *e = find(table[k % NBUCKET], k);
    if (!e || e->value != (uint32_t)k * 3 + 1) lost++;
  }
  printf("phash: %d threads, %d keys, %d lost\n", nthreads, nkeys, lost);
  return lost ? 1 : 0;
}
