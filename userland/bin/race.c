/*
 * race [-t THREADS] [-n N] [-l]: a data race between threads. THREADS threads (default 2)
 * each add 1 to one shared counter N times (default 700) by loading it, adding one and
 * storing it back, with no lock: when a hart's turn ends between another thread's load and
 * its store, an update is lost. race prints the count and exits 1 if it is short of
 * THREADS * N. With -l each increment holds a mutex, and none is ever lost.
 *
 * Which seeds lose updates depends on where the harts take turns (sim/machine.h);
 * `ossim explore` lists them (docs/concurrency.md, "Races and ossim explore").
 */
#include <pthread.h>

#include "user.h"

static volatile int counter;
static int iterations = 700, locked;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *increment(void *arg) {
  (void)arg;
  for (int i = 0; i < iterations; i++) {
    if (locked) pthread_mutex_lock(&lock);
    int v = counter; /* the load ... */
    counter = v + 1; /* ... and the store another thread's may fall between */
    if (locked) pthread_mutex_unlock(&lock);
  }
  return 0;
}

int main(int argc, char *argv[]) {
  int threads = 2, opt;
  while ((opt = getopt(argc, argv, "t:n:l")) != -1) {
    if (opt == 't')
      threads = atoi(optarg);
    else if (opt == 'n')
      iterations = atoi(optarg);
    else if (opt == 'l')
      locked = 1;
    else
      threads = 0;
  }
  if (threads < 1 || threads > 16 || iterations < 1 || optind != argc) {
    fprintf(2, "usage: race [-t THREADS (1-16)] [-n N] [-l]\n");
    return 2;
  }
  pthread_t t[16];
  for (int i = 0; i < threads; i++)
    if (pthread_create(&t[i], 0, increment, 0) != 0) {
      fprintf(2, "race: cannot create a thread\n");
      return 2;
    }
  for (int i = 0; i < threads; i++)
    pthread_join(t[i], 0);
  int want = threads * iterations;
  printf("race: count %d of %d\n", counter, want);
  if (counter == want) return 0;
  printf("race: %d updates lost\n", want - counter);
  return 1;
}
