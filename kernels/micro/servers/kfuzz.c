/*
 * kfuzz: a hostile boot module — N kernel calls with random numbers and random arguments,
 * the kernel's answer to each checked only for being an answer. The kernel must survive
 * them all and the module must come out alive to say so:
 *
 *     ossim --kernel micro --module kfuzz:N
 *
 * Calls that would block forever (there is nobody else to talk to) are made in their
 * non-blocking form, and the module spares its own boot caps (slots 0..3: its thread and
 * the system cap it needs to power off at the end); every other slot, in range or not, is
 * fair game, as are the objects it creates on the way.
 */
#include "srv.h"

static uint32_t seed = 12345;

static uint32_t rnd(void) {
  seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
  return seed;
}

/* A slot: one it may have filled, one out of range, or anything at all. */
static uint32_t slot(void) {
  uint32_t r = rnd() % 8;
  return r < 6    ? BOOT_SLOT_FREE + rnd() % (CSPACE_SLOTS - BOOT_SLOT_FREE + 4)
         : r == 6 ? rnd()
                  : 0xff;
}

/* A call number, with the blocking ones made non-blocking, and never exit or power off. */
static enum kcall number(void) {
  uint32_t n = rnd() % (KC_COUNT + 4);
  switch (n) {
  case KC_SEND:
  case KC_CALL: return KC_NBSEND;
  case KC_RECV:
  case KC_REPLY_RECV: return KC_NBRECV;
  case KC_WAIT: return KC_POLL;
  case KC_EXIT:
  case KC_POWEROFF: return KC_YIELD;
  default: return (enum kcall)n;
  }
}

int main(uint32_t n, uint32_t index) {
  seed += index;
  for (uint32_t i = 0; i < n; i++) {
    enum kcall call = number();
    uint32_t a0 =
        rnd() % 4 ? MSG_A0(slot() & 0xff, (int)(rnd() % 70) - 1, (int)(rnd() % 70) - 1) : slot();
    struct srv_msg m = {.label = rnd(), .w = {rnd(), rnd(), rnd(), rnd()}};
    m.len = rnd() % 3 ? 0 : rnd() % 5000;
    if (call == KC_DEBUG_PUTS) /* only addresses it cannot read: nothing to print */
      srv_kcall(call, rnd() % 0x10000, rnd() % 300, 0, 0);
    else
      srv_ipc(call, a0, &m);
  }
  srv_printf("kfuzz: %u calls, the kernel answered every one\n", n);
  srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 0, 0, 0);
  return 0;
}
