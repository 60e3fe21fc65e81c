/*
 * objs: a boot module that makes endpoints and notifications, in turn, until the kernel says
 * no. One address space may make KOBJ_PER_SPACE of them (kernels/micro/kobj.h), then gets
 * -ENOMEM: a process cannot take every object from the servers. Prints how many it made.
 */
#include "srv.h"

int main(void) {
  int made = 0, rc = 0;
  for (uint32_t slot = BOOT_SLOT_FREE; rc >= 0 && slot < CSPACE_SLOTS; slot++) {
    rc = srv_kcall(slot % 2 ? KC_NTFN_CREATE : KC_EP_CREATE, slot, 0, 0, 0);
    made += rc >= 0;
  }
  srv_printf("objs: %d made, then %d\n", made, rc);
  srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 0, 0, 0);
  return 0;
}
