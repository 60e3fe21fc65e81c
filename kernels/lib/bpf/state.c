/* The verifier's states: printed for the log, in Linux's notation, and compared. */
#include "verifier.h"

static const char *const type_names[] = {"?",         "scalar",           "ctx", "fp", "map_ptr",
                                         "map_value", "map_value_or_null"};

static void bound(struct bpf_text *t, const char *name, int64_t v, int is_signed, int *first) {
  text_str(t, *first ? "" : ",");
  text_str(t, name);
  text_str(t, "=");
  if (is_signed)
    text_dec(t, v);
  else
    text_udec(t, (uint64_t)v);
  *first = 0;
}

/* "(umin=0,umax=255)": the bounds that say something; nothing for an unknown scalar. */
static void bounds(struct bpf_text *t, const struct reg *r, int first) {
  if (r->smin != INT64_MIN && (r->smin != (int64_t)r->umin || r->umin > INT64_MAX))
    bound(t, "smin", r->smin, 1, &first);
  if (r->smax != INT64_MAX && (r->smax != (int64_t)r->umax || r->umax > INT64_MAX))
    bound(t, "smax", r->smax, 1, &first);
  if (r->umin) bound(t, "umin", (int64_t)r->umin, 0, &first);
  if (r->umax != UINT64_MAX) bound(t, "umax", (int64_t)r->umax, 0, &first);
}

static void print_value(struct bpf_text *t, const struct bpf_prog *p, const struct reg *r) {
  if (r->type == SCALAR && scalar_is_const(r)) {
    text_dec(t, r->smin);
    return;
  }
  if (r->type == PTR_TO_STACK) {
    text_str(t, "fp");
    text_dec(t, r->off);
    return;
  }
  text_str(t, type_names[r->type]);
  text_str(t, "(");
  int first = 1;
  if (r->type == CONST_PTR_TO_MAP || r->type == PTR_TO_MAP_VALUE ||
      r->type == PTR_TO_MAP_VALUE_OR_NULL) {
    const struct bpf_map_def *d = &p->maps[r->map]->def;
    text_str(t, "map=");
    text_str(t, d->name[0] ? d->name : "?");
    text_str(t, ",ks=");
    text_udec(t, d->key_size);
    text_str(t, ",vs=");
    text_udec(t, d->value_size);
    first = 0;
  }
  if (r->type != SCALAR && r->type != CONST_PTR_TO_MAP && r->off) {
    text_str(t, first ? "off=" : ",off=");
    text_dec(t, r->off);
    first = 0;
  }
  if (r->type == PTR_TO_MAP_VALUE_OR_NULL) {
    text_str(t, first ? "id=" : ",id=");
    text_udec(t, r->id);
    first = 0;
  }
  if (r->type == SCALAR || !scalar_is_const(r) || r->umin) bounds(t, r, first);
  text_str(t, ")");
}

void state_print_reg(struct bpf_text *t, const struct bpf_prog *p, int regno, const struct reg *r) {
  text_str(t, "R");
  text_dec(t, regno);
  text_str(t, "=");
  if (r->type == NOT_INIT)
    text_str(t, "?");
  else
    print_value(t, p, r);
}

void state_print(struct bpf_text *t, const struct bpf_prog *p, const struct vstate *s) {
  int first = 1;
  for (int i = 0; i < BPF_NREGS; i++) {
    if (s->r[i].type == NOT_INIT) continue;
    text_str(t, first ? "" : " ");
    state_print_reg(t, p, i, &s->r[i]);
    first = 0;
  }
  /* Each written stack slot, from r10 down: its spilled register, or its bytes as Linux
   * prints them: m written, ? not. */
  for (int slot = NSLOTS - 1; slot >= 0; slot--) {
    const uint8_t *b = &s->stype[slot * 8];
    int any = 0;
    for (int i = 0; i < 8; i++)
      any |= b[i] != STK_INVALID;
    if (!any) continue;
    text_str(t, " fp");
    text_dec(t, (slot - NSLOTS) * 8);
    text_str(t, "=");
    if (b[0] == STK_SPILL) {
      print_value(t, p, &s->spill[slot]);
      continue;
    }
    char bytes[9] = {0};
    for (int i = 0; i < 8; i++)
      bytes[7 - i] = b[i] == STK_INVALID ? '?' : 'm';
    text_str(t, bytes);
  }
}

static int reg_covers(const struct reg *old, const struct reg *cur, int exact) {
  /* A register the old path never read (it stayed NOT_INIT) may hold anything now. */
  if (old->type == NOT_INIT && !exact) return 1;
  if (old->type != cur->type || old->off != cur->off) return 0;
  if (old->type == CONST_PTR_TO_MAP || old->type == PTR_TO_MAP_VALUE ||
      old->type == PTR_TO_MAP_VALUE_OR_NULL)
    if (old->map != cur->map) return 0;
  if (old->type == PTR_TO_MAP_VALUE_OR_NULL && old->id != cur->id) return 0;
  if (exact)
    return old->umin == cur->umin && old->umax == cur->umax && old->smin == cur->smin &&
           old->smax == cur->smax;
  return old->umin <= cur->umin && cur->umax <= old->umax && old->smin <= cur->smin &&
         cur->smax <= old->smax;
}

int state_covers(const struct vstate *old, const struct vstate *cur, int exact) {
  if (old->pc != cur->pc) return 0;
  for (int i = 0; i < BPF_NREGS; i++)
    if (!reg_covers(&old->r[i], &cur->r[i], exact)) return 0;
  for (int b = 0; b < BPF_STACK_SIZE; b++) {
    uint8_t o = old->stype[b], c = cur->stype[b];
    if (exact ? o != c : o != STK_INVALID && o != c) {
      /* Written data in the old state is covered by a spilled scalar now: a read gives a
       * number either way. */
      if (exact || o != STK_MISC || c != STK_SPILL || cur->spill[b / 8].type != SCALAR) return 0;
    }
  }
  for (int slot = 0; slot < NSLOTS; slot++)
    if (old->stype[slot * 8] == STK_SPILL &&
        !reg_covers(&old->spill[slot], &cur->spill[slot], exact))
      return 0;
  return 1;
}
