/*
 * rs: the reincarnation server, a system server (MINIX 3's name for it). It keeps the disk
 * and console drivers and the file server alive:
 *
 *   - the kernel tells it when a system server's thread ends, exit, fault or kill alike
 *     (KC_SRV_WATCH: a bit of its notification per server);
 *   - it pings each driver on a heartbeat (its timer) and kills one that has not answered
 *     the ping before the next beat: a driver that hangs — in a loop, or waiting for an
 *     interrupt that never comes — holds its clients as surely as a dead one;
 *   - it starts a dead server again from its boot image (KC_SRV_RESTART), on the same
 *     endpoint, so its clients just call again (the file server re-sends the disk request a
 *     dead driver held, micro/proto.h). At once the first time; when the server dies again
 *     soon after a restart, after a backoff that doubles each time; after MAX_FAILS deaths in
 *     a row it gives up, and since the system cannot go on without the server it powers off,
 *     saying why. The death of a server it does not restart (pm, ns) powers off too.
 *
 * It registers the system servers with the name service (ns.c), and again after it restarts
 * one, with the new pid; and serves SYS_inject (a user's `inject SERVER`, found through the
 * name service), which makes a server it restarts fault or hang.
 *
 * Everything but SYS_inject comes to it as bits of its notification, bound to its thread. It
 * never calls a server that may be dead or hung (it would wait with it): it signals them,
 * and calls only the name service.
 */
#include <stdbool.h>

#include "abi/errno.h"
#include "abi/syscall.h"
#include "micro/proto.h"
#include "srv.h"
#include "ulib.h"

#define HEARTBEAT 50 /* ticks between pings: a driver answers within one beat or dies */
#define STABLE 100   /* ticks after a restart within which a death counts as one more in a row */
#define MAX_FAILS 6  /* deaths in a row: at this one, give up */

#define SLOT_TIMER (BOOT_SLOT_SRV + SRV_COUNT)         /* its notification, badged RS_NOTE_TIMER */
#define SLOT_DEATH(i) (SLOT_TIMER + 1 + (uint32_t)(i)) /* ... badged RS_NOTE_DEATH(i) */
#define SLOT_TMP (SLOT_DEATH(SRV_COUNT))               /* a cap on its way to the name service */

enum state { UP, DOWN };

struct server {
  const char *name;
  uint32_t ep;  /* its endpoint's slot */
  bool restart; /* rs restarts it (else its death stops the system) */
  bool ping;    /* a driver: rs pings it (RS_SLOT_PING) */
  enum state state;
  int pid;
  bool pinged;                    /* a ping waits for its answer */
  unsigned fails;                 /* deaths in a row, each soon after the restart before */
  uint32_t started, due, backoff; /* ticks: its last start; DOWN: its restart, the wait */
};

static struct server servers[SRV_COUNT] = {
    [SRV_BLK] = {.name = "blk", .ep = BOOT_SLOT_BLKEP, .restart = true, .ping = true},
    [SRV_FS] = {.name = "fs", .ep = BOOT_SLOT_FS, .restart = true},
    [SRV_PM] = {.name = "pm", .ep = BOOT_SLOT_PM},
    [SRV_CON] = {.name = "con", .ep = BOOT_SLOT_CON, .restart = true, .ping = true},
    [SRV_RS] = {.name = "rs", .ep = BOOT_SLOT_RS},
    [SRV_NS] = {.name = "ns", .ep = BOOT_SLOT_NS},
};
static uint32_t next_beat;

static int index_of(const struct server *s) { return (int)(s - servers); }

static void power_off(void) {
  srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 1, 0, 0);
  srv_exit(1); /* not reached: the machine is off */
}

/* Tells the name service that s's name stands for its endpoint (send only): for user
 * processes only rs's own, badged so that they cannot pass for the kernel. */
static void announce(struct server *s) {
  bool user = s == &servers[SRV_RS];
  int rc = user ? srv_kcall(KC_CAP_MINT, s->ep, SLOT_TMP, CAP_W, RS_BADGE_USER)
                : srv_kcall(KC_CAP_COPY, s->ep, SLOT_TMP, CAP_W, 0);
  uint32_t len = (uint32_t)ulib_strlen(s->name) + 1;
  struct srv_msg m = {.label = NS_REGISTER, .w = {(uint32_t)s->pid, user}, .len = len};
  ulib_memcpy((char *)BOOT_IPC_BUF, s->name, len);
  if (rc == 0) srv_ipc(KC_CALL, MSG_A0(BOOT_SLOT_NS, SLOT_TMP, -1), &m);
  if (rc < 0 || m.status < 0 || (int)m.label < 0)
    srv_printf("rs: cannot register %s with the name service\n", s->name);
  srv_kcall(KC_CAP_DELETE, SLOT_TMP, 0, 0, 0);
}

/* s died: it will be restarted after its backoff, unless it cannot be, or died too often. */
static void died(struct server *s, uint32_t now) {
  if (s->state != UP) return;
  s->state = DOWN;
  if (!s->restart) {
    srv_printf("rs: %s died, and the system cannot go on without it: powering off\n", s->name);
    power_off();
  }
  // LAB 09 BEGIN
  s->fails = now - s->started < STABLE ? s->fails + 1 : 1;
  if (s->fails >= MAX_FAILS) {
    srv_printf("rs: %s died %u times in a row; giving up: powering off\n", s->name, s->fails);
    power_off();
  }
  s->backoff = s->fails == 1 ? 0 : 1u << (s->fails - 2);
  s->due = now + s->backoff;
  // LAB 09 STARTER
  // s->due = now; /* TODO (lab 9): back off when it dies again soon; give up at MAX_FAILS */
  // LAB 09 END
}

/* A new instance of s, from its boot image. */
static void restart(struct server *s, uint32_t now) {
  // LAB 09 BEGIN
  int pid = srv_kcall(KC_SRV_RESTART, BOOT_SLOT_SYSTEM, (uint32_t)index_of(s),
                      s->backoff * MICRO_TICK_CYCLES, 0);
  s->state = UP;
  s->started = now;
  s->pinged = false;
  if (pid < 0) {
    srv_printf("rs: cannot restart %s: error %d\n", s->name, pid);
    died(s, now);
    return;
  }
  s->pid = pid;
  if (s->backoff)
    srv_printf("rs: %s restarted as pid %d, after %u cycles\n", s->name, pid,
               s->backoff * MICRO_TICK_CYCLES);
  else
    srv_printf("rs: %s restarted as pid %d\n", s->name, pid);
  announce(s);
  // LAB 09 STARTER
  // (void)now;
  // srv_printf("rs: %s died, and restarting it is not written yet: powering off\n", s->name);
  // power_off(); /* TODO (lab 9): start s again from its boot image (KC_SRV_RESTART) */
  // LAB 09 END
}

/* A heartbeat: a driver that has not answered the last ping is killed, the others pinged. */
static void beat(void) {
  for (struct server *s = servers; s < servers + SRV_COUNT; s++) {
    if (!s->ping || s->state != UP) continue;
    if (!s->pinged) {
      s->pinged = true;
      srv_kcall(KC_SIGNAL, RS_SLOT_PING(index_of(s)), 0, 0, 0);
      continue;
    }
    srv_printf("rs: %s (pid %d) missed its heartbeat: killed\n", s->name, s->pid);
    srv_kcall(KC_SRV_KILL, BOOT_SLOT_SYSTEM, (uint32_t)index_of(s), 3, 0); /* its death bit */
  }
}

/* The timer for the next beat or restart. Only a restart keeps the system running: with
 * nothing else to wait for, a system that only beats is stuck (KC_TIMER's watchdog). */
static void arm(void) {
  uint32_t next = next_beat, watchdog = 1;
  for (struct server *s = servers; s < servers + SRV_COUNT; s++)
    if (s->state == DOWN) {
      watchdog = 0;
      if ((int32_t)(s->due - next) < 0) next = s->due;
    }
  srv_kcall(KC_TIMER, SLOT_TIMER, next, watchdog, 0);
}

/* What the bits of its notification say: deaths, answers to pings, the time. */
static void note(uint32_t bits) {
  uint32_t now = srv_ticks();
  for (struct server *s = servers; s < servers + SRV_COUNT; s++) {
    if (bits & RS_NOTE_DEATH(index_of(s))) died(s, now);
    if (bits & RS_NOTE_PONG(index_of(s))) s->pinged = false;
  }
  if ((int32_t)(now - next_beat) >= 0) {
    beat();
    next_beat = now + HEARTBEAT;
  }
  for (struct server *s = servers; s < servers + SRV_COUNT; s++)
    if (s->state == DOWN && (int32_t)(now - s->due) >= 0) restart(s, now);
  arm();
}

/* SYS_inject "SERVER[:hang]": the server faults (or hangs); 0, -ESRCH for no such server,
 * -EPERM for one rs does not restart. */
static int inject(const struct srv_msg *m) {
  char name[24];
  if (srv_name(m, name, sizeof name) < 0) return -OSSIM_EINVAL;
  char *colon = ulib_strchr(name, ':');
  bool hang = colon && !ulib_strcmp(colon, ":hang");
  if (colon && !hang) return -OSSIM_EINVAL;
  if (colon) *colon = 0;
  for (struct server *s = servers; s < servers + SRV_COUNT; s++) {
    if (ulib_strcmp(s->name, name)) continue;
    if (!s->restart || (hang && !s->ping)) return -OSSIM_EPERM; /* a hang nobody would see */
    return srv_kcall(KC_SRV_INJECT, BOOT_SLOT_SYSTEM, (uint32_t)index_of(s), hang, 0);
  }
  return -OSSIM_ESRCH;
}

static int request(struct srv_msg *m) {
  if (srv_notified(m)) {
    note(m->w[0]);
    return SRV_LATER; /* a notification: nobody to answer */
  }
  int rc = m->label == SYS_inject ? inject(m) : -OSSIM_ENOSYS;
  m->len = 0;
  return rc;
}

/* Watches every system server (its death is a bit of the notification), registers each with
 * the name service, and starts the heartbeat. */
int main(void) {
  int rc = srv_kcall(KC_NTFN_BIND, BOOT_SLOT_RS_NTFN, 0, 0, 0);
  if (rc == 0) rc = srv_kcall(KC_CAP_MINT, BOOT_SLOT_RS_NTFN, SLOT_TIMER, CAP_W, RS_NOTE_TIMER);
  for (int i = 0; rc >= 0 && i < SRV_COUNT; i++) {
    rc = srv_kcall(KC_CAP_MINT, BOOT_SLOT_RS_NTFN, SLOT_DEATH(i), CAP_W, RS_NOTE_DEATH(i));
    if (rc == 0)
      rc = servers[i].pid =
          srv_kcall(KC_SRV_WATCH, BOOT_SLOT_SYSTEM, (uint32_t)i, SLOT_DEATH(i), 0);
  }
  if (rc < 0) {
    srv_printf("rs: cannot watch the servers: error %d; nothing will be restarted\n", rc);
  } else {
    uint32_t now = srv_ticks();
    next_beat = now + HEARTBEAT;
    for (struct server *s = servers; s < servers + SRV_COUNT; s++)
      if (!s->pid) died(s, now); /* before it was watched (--inject at boot) */
    for (struct server *s = servers; s < servers + SRV_COUNT; s++)
      if (s->state == UP) announce(s);
    note(0); /* restarts those, and sets the timer */
  }
  srv_serve(BOOT_SLOT_RS, request);
}
