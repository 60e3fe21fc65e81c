/*
 * cap.c: capability tables and the derivation rules (cap.h).
 */
#include "cap.h"

#include <string.h>

#include "abi/errno.h"

void cap_sys_init(struct cap_sys *s, struct cspace *spaces, unsigned n) {
  memset(spaces, 0, n * sizeof *spaces);
  s->spaces = spaces;
  s->nspaces = n;
  s->next_id = 1;
  s->deleted = NULL;
  s->ctx = NULL;
}

int cap_lookup(const struct cspace *cs, uint32_t slot, enum cap_type type, unsigned rights,
               struct cap **out) {
  if (slot >= CSPACE_SLOTS) return -OSSIM_EBADF;
  struct cap *c = (struct cap *)&cs->slot[slot];
  if (c->type == CAP_NULL || (type != CAP_NULL && c->type != type)) return -OSSIM_EBADF;
  if ((c->rights & rights) != rights) return -OSSIM_EPERM;
  *out = c;
  return 0;
}

/* The empty slot to write into: 0, -EBADF out of range, -EEXIST in use. */
static int empty_slot(struct cspace *cs, uint32_t slot, struct cap **out) {
  if (slot >= CSPACE_SLOTS) return -OSSIM_EBADF;
  if (cs->slot[slot].type != CAP_NULL) return -OSSIM_EEXIST;
  *out = &cs->slot[slot];
  return 0;
}

int cap_install(struct cap_sys *s, struct cspace *cs, uint32_t slot, enum cap_type type,
                uint16_t obj, unsigned rights, uint32_t badge) {
  struct cap *c;
  int rc = empty_slot(cs, slot, &c);
  if (rc < 0) return rc;
  *c = (struct cap){.type = (uint8_t)type,
                    .rights = (uint8_t)rights,
                    .obj = obj,
                    .badge = badge,
                    .id = s->next_id++,
                    .parent = 0};
  return 0;
}

/* The shared part of copy and mint: a derived cap with rights & mask in to[tslot]. */
static int derive(struct cap_sys *s, struct cspace *from, uint32_t fslot, struct cspace *to,
                  uint32_t tslot, unsigned mask, struct cap **out) {
  struct cap *src, *dst;
  int rc = cap_lookup(from, fslot, CAP_NULL, 0, &src);
  if (rc == 0 && src->type == CAP_REPLY) rc = -OSSIM_EINVAL; /* one-shot: never two */
  if (rc == 0) rc = empty_slot(to, tslot, &dst);
  if (rc < 0) return rc;
  *dst = *src;
  // LAB 07 BEGIN
  dst->rights = (uint8_t)(src->rights & mask); /* never a right the source does not have */
  // LAB 07 STARTER
  // dst->rights = (uint8_t)mask; /* TODO (lab 7): what rights may a copy have? */
  // LAB 07 END
  dst->id = s->next_id++;
  dst->parent = src->id;
  *out = dst;
  return 0;
}

int cap_copy(struct cap_sys *s, struct cspace *from, uint32_t fslot, struct cspace *to,
             uint32_t tslot, unsigned mask) {
  struct cap *c;
  return derive(s, from, fslot, to, tslot, mask, &c);
}

int cap_mint(struct cap_sys *s, struct cspace *from, uint32_t fslot, struct cspace *to,
             uint32_t tslot, unsigned mask, uint32_t badge) {
  struct cap *src;
  int rc = cap_lookup(from, fslot, CAP_NULL, 0, &src);
  if (rc < 0) return rc;
  // LAB 07 BEGIN
  /* A badge names who sends: one that could be changed would name anyone. */
  if (badge == 0 || src->badge != 0 || (src->type != CAP_ENDPOINT && src->type != CAP_NOTIFICATION))
    return -OSSIM_EINVAL;
  // LAB 07 STARTER
  // /* TODO (lab 7): which caps may be minted, and with which badges? */
  // LAB 07 END
  struct cap *c;
  if ((rc = derive(s, from, fslot, to, tslot, mask, &c)) < 0) return rc;
  c->badge = badge;
  return 0;
}

int cap_move(struct cspace *from, uint32_t fslot, struct cspace *to, uint32_t tslot) {
  struct cap *src, *dst;
  int rc = cap_lookup(from, fslot, CAP_NULL, 0, &src);
  if (rc == 0) rc = empty_slot(to, tslot, &dst);
  if (rc < 0) return rc;
  *dst = *src;
  memset(src, 0, sizeof *src);
  return 0;
}

/* Empties c: its children become its parent's, so a revoke higher up still finds them. */
static void erase(struct cap_sys *s, struct cap *c) {
  struct cap gone = *c;
  memset(c, 0, sizeof *c);
  for (unsigned i = 0; i < s->nspaces; i++)
    for (unsigned j = 0; j < CSPACE_SLOTS; j++)
      if (s->spaces[i].slot[j].parent == gone.id) s->spaces[i].slot[j].parent = gone.parent;
  if (s->deleted) s->deleted(s->ctx, &gone);
}

int cap_delete(struct cap_sys *s, struct cspace *cs, uint32_t slot) {
  struct cap *c;
  int rc = cap_lookup(cs, slot, CAP_NULL, 0, &c);
  if (rc < 0) return rc;
  erase(s, c);
  return 0;
}

/* Deletes the caps whose parent is id, and theirs, depth first. */
static int revoke_children(struct cap_sys *s, uint32_t id) {
  int n = 0;
  for (unsigned i = 0; i < s->nspaces; i++)
    for (unsigned j = 0; j < CSPACE_SLOTS; j++) {
      struct cap *c = &s->spaces[i].slot[j];
      if (c->type == CAP_NULL || c->parent != id) continue;
      uint32_t child = c->id;
      n += revoke_children(s, child) + 1; /* grandchildren first: erase re-parents */
      erase(s, c);
    }
  return n;
}

int cap_revoke(struct cap_sys *s, struct cspace *cs, uint32_t slot) {
  struct cap *c;
  int rc = cap_lookup(cs, slot, CAP_NULL, 0, &c);
  return rc < 0 ? rc : revoke_children(s, c->id);
}

void cap_delete_object(struct cap_sys *s, enum cap_type type, uint16_t obj) {
  for (unsigned i = 0; i < s->nspaces; i++)
    for (unsigned j = 0; j < CSPACE_SLOTS; j++) {
      struct cap *c = &s->spaces[i].slot[j];
      if (c->type == type && c->obj == obj) erase(s, c);
    }
}

void cap_clear(struct cap_sys *s, struct cspace *cs) {
  for (unsigned j = 0; j < CSPACE_SLOTS; j++)
    if (cs->slot[j].type != CAP_NULL) erase(s, &cs->slot[j]);
}
