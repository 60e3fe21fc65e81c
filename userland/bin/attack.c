/*
 * attack NAME: an ordinary process trying, with raw kernel calls (bypassing the vDSO), to take
 * more than micro gives it (docs/micro.md, "Authority"). It prints what it got and exits 0 when
 * the kernel refused all it should have, 1 otherwise. The test (tests/kernels/micro) then has
 * another process fork, exec, write and read a file and sleep: the system must not notice.
 *
 *   spaces   make address spaces, naming every slot as the quota cap (there is none)
 *   threads  make threads in a space of every slot
 *   map      map pages into, and take DMA pages for, every slot as an address space
 *   debug    print on the UART and ask for the input's end, past the console server
 *   widen    copy a server's send-only cap with every right, then receive on the copy
 *   receive  receive on each server's endpoint
 *   objects  make endpoints and notifications until the kernel says no
 *   hoard    10 processes make objects until the kernel says no, and hold them while a
 *            server restarts (it makes objects again)
 *   memory   grow the heap until pm says no (its quota), touching every page
 *   calls    a long loop of kernel calls (a tick must still preempt it)
 *   ipc      calls of every label with garbage words to each server
 *   pipes    40 writers blocked on one full pipe: each must wait, none fail
 *   poweroff a child of this program (no shell's) asks pm to power off
 *
 * The kernel call numbers and slots are micro's (micro/kabi.h); a failed call's a1 says which
 * argument was wrong.
 */
#include "micro/kabi.h"
#include "user.h"

#define SLOT_NEW 4 /* a free slot of a process's cspace (past USER_SLOT_TMP) */
#define SERVERS 3  /* USER_SLOT_PM, USER_SLOT_FS, USER_SLOT_NS */

struct result {
  long a0, a1;
};

/* Kernel call num with arguments x0..x3 (a message call sends no buffer bytes: a6 = 0). */
static struct result kcall(long num, long x0, long x1, long x2, long x3) {
  register long a0 __asm__("a0") = x0;
  register long a1 __asm__("a1") = x1;
  register long a2 __asm__("a2") = x2;
  register long a3 __asm__("a3") = x3;
  register long a4 __asm__("a4") = 0;
  register long a5 __asm__("a5") = 0;
  register long a6 __asm__("a6") = 0;
  register long a7 __asm__("a7") = num;
  __asm__ volatile("ecall"
                   : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a6), "+r"(a7)
                   :
                   : "memory");
  return (struct result){a0, a1};
}

/* How many of the calls num(x[0..3]) succeeded, x[which] naming each slot in turn. */
static int over_slots(long num, int which, long x0, long x1, long x2, long x3) {
  int ok = 0;
  for (long slot = 0; slot < CSPACE_SLOTS; slot++) {
    long x[4] = {x0, x1, x2, x3};
    x[which] = slot;
    ok += kcall(num, x[0], x[1], x[2], x[3]).a0 >= 0;
  }
  return ok;
}

static int spaces(void) {
  int made = over_slots(KC_AS_CREATE, 1, SLOT_NEW, 0, 0, 0);
  struct result r = kcall(KC_AS_CREATE, SLOT_NEW, USER_SLOT_PM, 0, 0);
  printf("attack spaces: %d made, refused with %ld at argument %ld\n", made, r.a0, r.a1);
  return made;
}

static int threads(void) {
  int made = over_slots(KC_TH_CREATE, 1, SLOT_NEW, 0, (long)"evil", 0) +
             over_slots(KC_TH_CREATE, 3, SLOT_NEW, 0, (long)"evil", 0);
  printf("attack threads: %d made\n", made);
  return made;
}

static int map(void) {
  int mapped = over_slots(KC_AS_MAP, 0, 0, 0x40000000, 4096, MAP_R | MAP_W) +
               over_slots(KC_AS_DMA, 0, 0, 0, 0, 0) + over_slots(KC_FRAME_MAP, 0, 0, 0, 0, 0);
  printf("attack map: %d mapped\n", mapped);
  return mapped;
}

static int debug(void) {
  int got = over_slots(KC_DEBUG_PUTS, 2, (long)"!", 1, 0, 0) +
            over_slots(KC_INPUT_DONE, 0, 0, 0, 0, 0) + over_slots(KC_POWEROFF, 0, 0, 0, 0, 0);
  printf("attack debug: %d allowed\n", got);
  return got;
}

static int widen(void) {
  int wider = 0;
  for (long s = 0; s < SERVERS; s++) {
    kcall(KC_CAP_COPY, s, SLOT_NEW, CAP_ALL, 0);
    wider += kcall(KC_NBRECV, SLOT_NEW, 0, 0, 0).a0 != -1; /* -EPERM: still send-only */
    kcall(KC_CAP_DELETE, SLOT_NEW, 0, 0, 0);
    wider += kcall(KC_CAP_MINT, s, SLOT_NEW, CAP_ALL, 99).a0 >= 0; /* a new badge on a badged cap */
  }
  struct result r = kcall(KC_CAP_COPY, USER_SLOT_PM, USER_SLOT_FS, CAP_W, 0);
  printf("attack widen: %d widened; a copy onto a used slot: %ld at argument %ld\n", wider, r.a0,
         r.a1);
  return wider;
}

static int receive(void) {
  int got = 0;
  for (long s = 0; s < SERVERS; s++)
    got += kcall(KC_NBRECV, s, 0, 0, 0).a0 != -1;
  printf("attack receive: %d received\n", got);
  return got;
}

/* Makes endpoints and notifications in turn until the kernel says no: how many, and its no. */
static int make_objects(long *no) {
  int made = 0;
  struct result r = {0, 0};
  for (long slot = SLOT_NEW; slot < CSPACE_SLOTS - 1 && r.a0 >= 0; slot++) {
    r = kcall(slot % 2 ? KC_NTFN_CREATE : KC_EP_CREATE, slot, 0, 0, 0);
    made += r.a0 >= 0;
  }
  *no = r.a0;
  return made;
}

static int objects(void) {
  long no;
  int made = make_objects(&no);
  printf("attack objects: %d made, then %ld\n", made, no); /* the test checks the share */
  return 0;
}

static int hoard(void) {
  enum { HOARDERS = 10 };
  int fds[2], total = 0, status;
  long no;
  if (pipe(fds) < 0) return 1;
  for (int i = 0; i < HOARDERS; i++) {
    int pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
      int made = make_objects(&no);
      write(fds[1], &made, sizeof made);
      sleep(20); /* holding them */
      exit(0);
    }
  }
  for (int i = 0, made; i < HOARDERS && read(fds[0], &made, sizeof made) == sizeof made; i++)
    total += made;
  int restarted = inject("fs") == 0;
  for (int i = 0; i < HOARDERS; i++)
    wait(&status);
  printf("attack hoard: %d made by all; fs %s\n", total, restarted ? "restarted" : "not restarted");
  return !restarted;
}

static int memory(void) {
  int mib = 0;
  for (char *p; (p = sbrk(1 << 20)) != (char *)-1; mib++)
    for (int i = 0; i < 1 << 20; i += 4096)
      p[i] = 1;
  printf("attack memory: %d MiB, then no more\n", mib);
  return mib >= 64; /* all the RAM: no quota */
}

static int calls(void) {
  int t0 = uptime();
  for (int i = 0; i < 300000; i++)
    kcall(KC_CYCLES, 0, 0, 0, 0);
  printf("attack calls: %s\n", uptime() > t0 ? "time passed" : "no tick came");
  return uptime() == t0;
}

static int ipc(void) {
  /* Requests no server knows (the hostile module, kernels/micro/servers/hostile.c, sends the
   * known ones malformed). */
  for (long s = 0; s < SERVERS; s++)
    for (long label = 0x1000; label < 0x1040; label++)
      kcall(KC_CALL, MSG_A0(s, -1, -1), label, -1, -1);
  printf("attack ipc: every server answered\n");
  return 0;
}

static int pipes(void) {
  enum { WRITERS = 40, EACH = 100 };
  int fds[2];
  if (pipe(fds) < 0) return 1;
  for (int i = 0; i < WRITERS; i++) {
    int pid = fork();
    if (pid < 0) return 1;
    if (pid == 0) {
      static char bytes[EACH];
      close(fds[0]);
      exit(write(fds[1], bytes, EACH) == EACH ? 0 : 1);
    }
  }
  close(fds[1]);
  sleep(1); /* every writer is blocked on the full pipe by now */
  static char buf[512];
  int got = 0, failed = 0, n, status;
  while ((n = read(fds[0], buf, sizeof buf)) > 0)
    got += n;
  for (int i = 0; i < WRITERS; i++)
    failed += wait(&status) < 0 || status != 0;
  printf("attack pipes: %d bytes read, %d writers failed\n", got, failed);
  return failed;
}

static int power(void) {
  int status = 0, pid = fork();
  if (pid < 0) return 1;
  if (pid == 0) exit(-poweroff(7)); /* its refusal's number as its status */
  wait(&status);
  printf("attack poweroff: refused with -%d\n", status);
  return status != EPERM;
}

static const struct {
  const char *name;
  int (*run)(void);
} attacks[] = {{"spaces", spaces}, {"threads", threads}, {"map", map},         {"debug", debug},
               {"widen", widen},   {"receive", receive}, {"objects", objects}, {"memory", memory},
               {"calls", calls},   {"ipc", ipc},         {"pipes", pipes},     {"hoard", hoard},
               {"poweroff", power}};

int main(int argc, char *argv[]) {
  for (unsigned i = 0; argc == 2 && i < sizeof attacks / sizeof attacks[0]; i++)
    if (!strcmp(argv[1], attacks[i].name)) return attacks[i].run() ? 1 : 0;
  fprintf(2,
          "usage: attack "
          "spaces|threads|map|debug|widen|receive|objects|memory|calls|ipc|pipes|hoard|poweroff\n");
  return 2;
}
