/*
 * threadtest: threads of one process, their locks and the futex, checked from inside.
 * Each check prints "threadtest: NAME ok"; the last line is "threadtest: all passed", and
 * a failure prints what was wrong and exits 1. The same binary runs on every kernel with
 * threads, on any number of harts, under any scheduler (tests/kernels/mono: mono_threads_*).
 * `threadtest -T` instead runs `ps -T` while it has two threads besides its main one.
 */
#include <pthread.h>

#include "user.h"

#define NWORKERS 4

static void fail(const char *what) {
  printf("threadtest: FAIL %s\n", what);
  exit(1);
}

static void check(int ok, const char *what) {
  if (!ok) fail(what);
}

static void *twice(void *arg) { return (void *)((uintptr_t)arg * 2); }

/* Many threads, created and joined in batches, each giving back what it was given. */
static void create_join(void) {
  for (uintptr_t batch = 0; batch < 10; batch++) {
    pthread_t t[NWORKERS];
    for (uintptr_t i = 0; i < NWORKERS; i++)
      check(pthread_create(&t[i], 0, twice, (void *)(batch * NWORKERS + i)) == 0, "create");
    for (uintptr_t i = 0; i < NWORKERS; i++) {
      void *r;
      check(pthread_join(t[i], &r) == 0, "join");
      check((uintptr_t)r == 2 * (batch * NWORKERS + i), "the value a thread returned");
    }
  }
  check(thread_join(gettid()) == -EINVAL, "joining oneself is EINVAL");
  check(thread_join(1 << 30) == -ESRCH, "joining no thread is ESRCH");
  printf("threadtest: create-join ok\n");
}

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_spinlock_t counter_spin;
static int counter;
#define INCREMENTS 3000

static void *count_mutex(void *arg) {
  (void)arg;
  for (int i = 0; i < INCREMENTS; i++) {
    pthread_mutex_lock(&counter_lock);
    int v = counter;
    if (i % 64 == 0) yield(); /* hold the lock across a switch: others must wait */
    counter = v + 1;
    pthread_mutex_unlock(&counter_lock);
  }
  return 0;
}

static void *count_spin(void *arg) {
  (void)arg;
  for (int i = 0; i < INCREMENTS; i++) {
    pthread_spin_lock(&counter_spin);
    counter++;
    pthread_spin_unlock(&counter_spin);
  }
  return 0;
}

static void run_workers(void *(*fn)(void *)) {
  pthread_t t[NWORKERS];
  for (int i = 0; i < NWORKERS; i++)
    check(pthread_create(&t[i], 0, fn, 0) == 0, "create a worker");
  for (int i = 0; i < NWORKERS; i++)
    check(pthread_join(t[i], 0) == 0, "join a worker");
}

/* A shared counter under a lock ends at the exact total. */
static void counters(void) {
  counter = 0;
  run_workers(count_mutex);
  check(counter == NWORKERS * INCREMENTS, "the counter under a mutex");
  check(pthread_mutex_trylock(&counter_lock) == 0, "trylock of a free mutex");
  check(pthread_mutex_trylock(&counter_lock) == EBUSY, "trylock of a held mutex");
  check(pthread_mutex_destroy(&counter_lock) == EBUSY, "destroy of a held mutex");
  pthread_mutex_unlock(&counter_lock);
  counter = 0;
  pthread_spin_init(&counter_spin, PTHREAD_PROCESS_PRIVATE);
  run_workers(count_spin);
  check(counter == NWORKERS * INCREMENTS, "the counter under a spinlock");
  printf("threadtest: counter %d ok\n", counter);
}

/* A bounded buffer: producers and consumers on two condition variables. */
#define SLOTS 4
#define ITEMS 200
static struct {
  pthread_mutex_t lock;
  pthread_cond_t not_full, not_empty;
  int buf[SLOTS], head, count, sum;
} q = {.lock = PTHREAD_MUTEX_INITIALIZER,
       .not_full = PTHREAD_COND_INITIALIZER,
       .not_empty = PTHREAD_COND_INITIALIZER};

static void *produce(void *arg) {
  (void)arg;
  for (int i = 1; i <= ITEMS; i++) {
    pthread_mutex_lock(&q.lock);
    while (q.count == SLOTS)
      pthread_cond_wait(&q.not_full, &q.lock);
    q.buf[(q.head + q.count++) % SLOTS] = i;
    pthread_cond_signal(&q.not_empty);
    pthread_mutex_unlock(&q.lock);
  }
  return 0;
}

static void *consume(void *arg) {
  (void)arg;
  for (int i = 0; i < ITEMS; i++) {
    pthread_mutex_lock(&q.lock);
    while (q.count == 0)
      pthread_cond_wait(&q.not_empty, &q.lock);
    q.sum += q.buf[q.head];
    q.head = (q.head + 1) % SLOTS;
    q.count--;
    pthread_cond_signal(&q.not_full);
    pthread_mutex_unlock(&q.lock);
  }
  return 0;
}

static void producer_consumer(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    check(pthread_create(&t[i], 0, i % 2 ? consume : produce, 0) == 0, "create");
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  check(q.sum == 2 * ITEMS * (ITEMS + 1) / 2 && q.count == 0, "every item consumed once");
  printf("threadtest: producer-consumer ok\n");
}

/* Barrier rounds: nobody starts round r + 1 before everybody has finished round r. */
#define ROUNDS 20
static pthread_barrier_t barrier;
static int arrived[ROUNDS];
static int serials;

static void *rounds(void *arg) {
  (void)arg;
  for (int r = 0; r < ROUNDS; r++) {
    __atomic_fetch_add(&arrived[r], 1, __ATOMIC_SEQ_CST);
    if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
      __atomic_fetch_add(&serials, 1, __ATOMIC_SEQ_CST);
    if (arrived[r] != NWORKERS) fail("a thread passed the barrier early");
  }
  return 0;
}

static void barriers(void) {
  check(pthread_barrier_init(&barrier, 0, NWORKERS) == 0, "barrier init");
  run_workers(rounds);
  check(serials == ROUNDS, "one serial thread a round");
  printf("threadtest: barrier %d rounds ok\n", ROUNDS);
}

/* The futex itself: a wake before the wait is not lost, a changed word is EAGAIN. */
static volatile uint32_t word;

static void *wait_for_word(void *arg) {
  (void)arg;
  while (word == 0)
    futex_wait(&word, 0); /* sleeps only while the word is still 0 */
  return 0;
}

static void futexes(void) {
  check(futex_wake(&word, 1) == 0, "a wake with no waiter wakes nobody");
  word = 1;
  check(futex_wait(&word, 0) == -EAGAIN, "a wait on a changed word is EAGAIN");
  check(futex_wait((volatile uint32_t *)((uintptr_t)&word + 1), 1) == -EINVAL, "unaligned");
  check(futex_wait((volatile uint32_t *)16, 0) == -EFAULT, "a bad address is EFAULT");
  check(futex_wake((volatile uint32_t *)16, 1) == -EFAULT, "a bad address is EFAULT (wake)");
  for (int round = 0; round < 20; round++) { /* the wake lands before or after the sleep */
    word = 0;
    pthread_t t;
    check(pthread_create(&t, 0, wait_for_word, 0) == 0, "create");
    for (int i = 0; i < round % 4; i++)
      yield();
    word = 1;
    futex_wake(&word, 1);
    check(pthread_join(t, 0) == 0, "join the waiter");
  }
  printf("threadtest: futex ok\n");
}

/* The threads of process pid, as procinfo lists them. */
static int threads_of(int pid) {
  static struct procinfo pi[64];
  int n = procinfo(pi, 64), count = 0;
  for (int i = 0; i < n; i++)
    count += pi[i].pid == pid;
  return count;
}

static volatile uint32_t forever; /* stays 0: a thread waiting on it waits until woken */

static void *park(void *arg) {
  (void)arg;
  while (!forever)
    futex_wait(&forever, 0);
  return 0;
}

static void *exit_five(void *arg) {
  (void)arg;
  exit(5);
  return 0;
}

static int child_status(void) {
  int status = -1;
  wait(&status);
  return status;
}

/* fork copies only the calling thread; exit from any thread ends them all. */
static void processes(void) {
  pthread_t t;
  check(pthread_create(&t, 0, park, 0) == 0, "create");
  check(threads_of(getpid()) == 2, "ps lists both threads");
  int pid = fork();
  if (pid == 0) exit(threads_of(getpid()));
  check(child_status() == 1, "the child of fork has one thread");
  forever = 1;
  futex_wake(&forever, 1);
  pthread_join(t, 0);
  forever = 0;
  if (fork() == 0) { /* a thread's exit(5) ends the main thread, parked for good */
    pthread_create(&t, 0, exit_five, 0);
    park(0);
    exit(1);
  }
  check(child_status() == 5, "exit from a thread ends the process with its status");
  if (fork() == 0) { /* exec ends the other threads */
    pthread_create(&t, 0, park, 0);
    char *argv[] = {"true", 0};
    exec("/bin/true", argv);
    exit(1);
  }
  check(child_status() == 0, "exec from a threaded process");
  if (fork() == 0) { /* the main thread leaves first; the last thread's end is the process's */
    pthread_create(&t, 0, twice, 0);
    pthread_exit(0);
  }
  check(child_status() == 0, "the main thread's pthread_exit");
  if ((pid = fork()) == 0) { /* kill ends every thread, parked ones too */
    pthread_create(&t, 0, park, 0);
    park(0);
    exit(1);
  }
  for (int i = 0; i < 1000 && threads_of(pid) < 2; i++) /* until the child's thread exists */
    yield();
  kill(pid);
  check(child_status() == -1, "kill of a threaded process");
  printf("threadtest: fork-exit-exec ok\n");
}

/* ps -T, run while this process has three threads (two parked). */
static int show_threads(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    check(pthread_create(&t[i], 0, park, 0) == 0, "create");
  if (fork() == 0) {
    char *argv[] = {"ps", "-T", 0};
    exec("/bin/ps", argv);
    exit(1);
  }
  int status = child_status();
  forever = 1;
  futex_wake(&forever, 2);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return status;
}

int main(int argc, char *argv[]) {
  if (argc > 1 && strcmp(argv[1], "-T") == 0) return show_threads();
  pthread_t probe;
  if (pthread_create(&probe, 0, twice, 0) == ENOSYS) {
    printf("threadtest: this kernel has no threads\n");
    return 0;
  }
  pthread_join(probe, 0);
  create_join();
  counters();
  producer_consumer();
  barriers();
  futexes();
  processes();
  printf("threadtest: all passed\n");
  return 0;
}
