/*
 * pong: the server half of the IPC round-trip benchmark (see ping.c). Answers every call on
 * the boot endpoint with word 0 plus one, with reply-receive: one kernel entry per message.
 */
#include "srv.h"

int main(uint32_t arg, uint32_t index) {
  (void)arg, (void)index;
  struct srv_msg m = {.len = 0};
  srv_ipc(KC_RECV, MSG_A0(BOOT_SLOT_EP, -1, -1), &m);
  for (;;) {
    if (m.status < 0) {
      srv_printf("pong: receive failed (%d)\n", m.status);
      return 1;
    }
    m.w[0]++;
    m.len = 0;
    srv_ipc(KC_REPLY_RECV, MSG_A0(BOOT_SLOT_EP, -1, -1), &m);
  }
}
