/*
 * rights: a boot module that tries to gain rights through copies of its boot endpoint cap
 * (lab 7), with pong answering its calls:
 *
 *     ossim --kernel micro --module rights --module pong
 *
 * Each try is a call with a label of its own through a cap it derived; the kernel's
 * ipc-send events show which calls went through:
 *   label 1: a send-only copy (CAP_W) — goes through;
 *   label 2: a copy, asking for every right, of a receive-only copy — has no send right,
 *            so the call must fail (-EPERM) and send nothing;
 *   label 3: a cap minted again, with a new badge, from a minted one — the badge is set
 *            once, so the mint must fail (-EINVAL) and the call find an empty slot
 *            (-EBADF).
 * It prints each result and powers the machine off.
 */
#include "srv.h"

enum { SEND_ONLY = BOOT_SLOT_FREE, RECV_ONLY, WIDENED, MINTED, REMINTED };

/* A call with this label through slot; the status. */
static int call(uint32_t slot, uint32_t label) {
  struct srv_msg m = {.label = label, .len = 0};
  srv_ipc(KC_CALL, MSG_A0(slot, -1, -1), &m);
  return m.status;
}

int main(uint32_t arg, uint32_t index) {
  (void)arg, (void)index;
  int copy = srv_kcall(KC_CAP_COPY, BOOT_SLOT_EP, SEND_ONLY, CAP_W, 0);
  srv_printf("rights: send-only copy %d, call %d\n", copy, call(SEND_ONLY, 1));
  copy = srv_kcall(KC_CAP_COPY, BOOT_SLOT_EP, RECV_ONLY, CAP_R, 0);
  int widen = srv_kcall(KC_CAP_COPY, RECV_ONLY, WIDENED, CAP_ALL, 0);
  srv_printf("rights: receive-only copy %d, its copy asking for all %d, call %d\n", copy, widen,
             call(WIDENED, 2));
  int mint = srv_kcall(KC_CAP_MINT, BOOT_SLOT_EP, MINTED, CAP_ALL, 5);
  int remint = srv_kcall(KC_CAP_MINT, MINTED, REMINTED, CAP_ALL, 6);
  srv_printf("rights: mint %d, mint again %d, call %d\n", mint, remint, call(REMINTED, 3));
  srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 0, 0, 0);
  return 0;
}
