/*
 * ns: the name service, a system server. A name stands for a capability: a server registers
 * one (NS_REGISTER, with the cap sent along the message) and a program looks it up
 * (NS_LOOKUP: the cap comes back with the reply, into the slot its call names). So a program
 * finds a service by name instead of being handed its endpoint at birth, and a service that
 * moves need only register again. The reincarnation server registers the system servers at
 * boot, and a restarted one again with its new pid.
 *
 * Who may do what (micro/proto.h): registering is for servers (their caps here are not
 * badged); a user process (its cap is badged with its pid) gets the pid of any name, but the
 * cap only of a name registered for users — the system servers' own endpoints stay theirs.
 *
 * Small on purpose: a fixed table, one request at a time, and it calls no one.
 */
#include <stdbool.h>

#include "abi/errno.h"
#include "micro/proto.h"
#include "srv.h"
#include "ulib.h"

#define NNAMES 16
#define SLOT_IN BOOT_SLOT_SRV                            /* where a registered cap lands */
#define SLOT_NAME(i) (BOOT_SLOT_SRV + 1 + (uint32_t)(i)) /* the cap name i stands for */

struct name {
  bool used, has_cap, user;
  char name[16];
  uint32_t pid;
};

static struct name names[NNAMES];

static struct name *find(const char *name) {
  for (struct name *n = names; n < names + NNAMES; n++)
    if (n->used && !ulib_strcmp(n->name, name)) return n;
  return 0;
}

/* NS_REGISTER: the entry for name (new, or replaced) with the cap that came in SLOT_IN. */
static int do_register(const struct srv_msg *m, const char *name) {
  struct name *n = find(name);
  for (struct name *f = names; !n && f < names + NNAMES; f++)
    if (!f->used) n = f;
  if (!n) return -OSSIM_ENOSPC;
  uint32_t slot = SLOT_NAME(n - names);
  srv_kcall(KC_CAP_DELETE, slot, 0, 0, 0);
  *n = (struct name){.used = true, .pid = m->w[0], .user = m->w[1] == 1};
  ulib_strcpy(n->name, name);
  if (m->status & MSG_CAP_MOVED)
    n->has_cap = srv_kcall(KC_CAP_COPY, SLOT_IN, slot, CAP_ALL, 0) == 0;
  return 0;
}

/* One request; *give is the slot of a cap to send with the reply, or -1. */
static int handle(struct srv_msg *m, int *give) {
  char name[16];
  *give = -1;
  if (srv_name(m, name, sizeof name) < 0) return -OSSIM_EINVAL;
  if (m->label == NS_REGISTER) return m->badge == 0 ? do_register(m, name) : -OSSIM_EPERM;
  if (m->label != NS_LOOKUP) return -OSSIM_ENOSYS;
  struct name *n = find(name);
  if (!n) return -OSSIM_ENOENT;
  m->w[0] = n->pid;
  if (n->has_cap && (n->user || m->badge == 0)) *give = (int)SLOT_NAME(n - names);
  return 0;
}

int main(void) {
  struct srv_msg m = {0};
  int give = -1;
  srv_ipc(KC_RECV, MSG_A0(BOOT_SLOT_NS, -1, SLOT_IN), &m);
  for (;;) {
    int rc = m.status < 0 ? -OSSIM_EINVAL : handle(&m, &give);
    srv_kcall(KC_CAP_DELETE, SLOT_IN, 0, 0, 0); /* a cap that came with anything else, too */
    m.label = (uint32_t)rc;
    m.len = 0;
    srv_ipc(KC_REPLY_RECV, MSG_A0(BOOT_SLOT_NS, give, SLOT_IN), &m);
  }
}
