/*
 * cap: capabilities and capability tables (cspaces) of the microkernel.
 *
 * A capability is the only way a thread names a kernel object: a type, the object (an
 * index the kernel gives it meaning by), rights, and a badge that the receiver of a
 * message sees and the sender cannot forge. Each process has a cspace, a fixed array of
 * slots; kernel calls name caps by slot. The rules, which are the point of the module:
 *   - a copy has at most the rights of its source (cap_copy ANDs a mask into them);
 *   - a badge can be set once, on an unbadged endpoint or notification cap (cap_mint);
 *   - every cap remembers the cap it was derived from, so cap_revoke can take back every
 *     cap derived from one, wherever it went (seL4's capability derivation tree, kept
 *     as a parent id in each cap; deleting a cap hands its children to its parent).
 * Why this is privileged: if a process could write its own cspace it could name any object
 * with any rights, and there would be no protection at all.
 *
 * Plain data and no machine: the Check tests drive it directly (tests/test_micro.c).
 * Not for: what the objects are or do (ipc.h, notify.h, micro.h).
 */
#ifndef OSSIM_MICRO_CAP_H
#define OSSIM_MICRO_CAP_H

#include <stdbool.h>
#include <stdint.h>

#include "micro/kabi.h"

struct cap {
  uint8_t type;    /* enum cap_type; CAP_NULL: the slot is empty */
  uint8_t rights;  /* CAP_R | CAP_W | CAP_G */
  uint16_t obj;    /* which object of that type */
  uint32_t badge;  /* endpoint, notification: set by mint; reply: the call's generation */
  uint32_t id;     /* unique over the kernel's life; 0 in an empty slot */
  uint32_t parent; /* the id of the cap it was copied from (0: an original) */
};

struct cspace {
  struct cap slot[CSPACE_SLOTS];
};

/* Every cspace of one kernel, so that revoke can find derived caps in all of them. */
struct cap_sys {
  struct cspace *spaces;
  unsigned nspaces;
  uint32_t next_id;
  /* Called after a cap is deleted (by delete, revoke or clear), so the kernel can drop
   * what only that cap held (a pending reply). May be NULL. */
  void (*deleted)(void *ctx, const struct cap *c);
  void *ctx;
};

void cap_sys_init(struct cap_sys *s, struct cspace *spaces, unsigned n);

/* The cap in slot of cs if it has the type and all of `rights`: 0 and *out, -EBADF (no
 * such slot, empty, or another type) or -EPERM (a right missing). type CAP_NULL: any. */
int cap_lookup(const struct cspace *cs, uint32_t slot, enum cap_type type, unsigned rights,
               struct cap **out);
/* Puts an original cap (no parent) into an empty slot: how the kernel hands out a new
 * object. 0, -EBADF for a bad slot, -EEXIST if the slot is used. */
int cap_install(struct cap_sys *s, struct cspace *cs, uint32_t slot, enum cap_type type,
                uint16_t obj, unsigned rights, uint32_t badge);
/* Copies from[fslot] to to[tslot] with rights & mask, derived from the source. */
int cap_copy(struct cap_sys *s, struct cspace *from, uint32_t fslot, struct cspace *to,
             uint32_t tslot, unsigned mask);
/* As cap_copy, and sets a badge: only on an unbadged endpoint or notification cap
 * (-EINVAL otherwise, or for badge 0). */
int cap_mint(struct cap_sys *s, struct cspace *from, uint32_t fslot, struct cspace *to,
             uint32_t tslot, unsigned mask, uint32_t badge);
/* Moves a cap between slots (IPC transfer keeps its place in the derivation tree). */
int cap_move(struct cspace *from, uint32_t fslot, struct cspace *to, uint32_t tslot);
int cap_delete(struct cap_sys *s, struct cspace *cs, uint32_t slot);
/* Deletes every cap derived from the one in slot, at any depth; the cap itself stays.
 * Returns how many were deleted. */
int cap_revoke(struct cap_sys *s, struct cspace *cs, uint32_t slot);
/* Deletes every cap of one object (the object is being destroyed). */
void cap_delete_object(struct cap_sys *s, enum cap_type type, uint16_t obj);
/* Empties a whole cspace (its process is gone). */
void cap_clear(struct cap_sys *s, struct cspace *cs);

#endif
