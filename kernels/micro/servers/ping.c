/*
 * ping: the client half of the IPC round-trip benchmark (a boot module; see pong.c).
 *
 *     ossim --kernel micro --module ping:N --module pong
 *
 * Calls pong N times through the boot endpoint, each call a short message in registers
 * answered by a reply, so each round trip is two kernel entries and two address-space
 * switches on the fast path. Reads the cycle counter around the loop, prints the simulated
 * cycles per round trip, and powers the machine off.
 */
#include "srv.h"

int main(uint32_t n, uint32_t index) {
  (void)index;
  struct srv_msg m = {.label = 1};
  uint64_t start = srv_cycles();
  for (uint32_t i = 0; i < n; i++) {
    m.label = 1;
    m.w[0] = i;
    m.len = 0;
    srv_ipc(KC_CALL, MSG_A0(BOOT_SLOT_EP, -1, -1), &m);
    if (m.status < 0 || m.w[0] != i + 1) {
      srv_printf("ping: round trip %u failed (status %d, got %u)\n", i, m.status, m.w[0]);
      srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 1, 0, 0);
    }
  }
  uint64_t cycles = srv_cycles() - start;
  srv_printf("ipc: %u round trips, %u cycles/round trip\n", n, n ? (uint32_t)(cycles / n) : 0);
  srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 0, 0, 0);
  return 0;
}
