/* systest, devices and modules: a device node (the console), loadable modules. */
#include "systest.h"

void test_mknod(void) {
  unlink("st.node");
  EXPECT(mknod("st.node", CONSOLE_MAJOR, 0), 0);
  struct stat st;
  EXPECT(stat("st.node", &st), 0);
  EXPECT(st.type, T_DEVICE);
  EXPECT(mknod("st.node", CONSOLE_MAJOR, 0), -EEXIST);
  EXPECT(unlink("st.node"), 0);
}

/* Loadable modules (mono): load and unload one a thousand times; nothing must be left over
 * (the sanitizer build checks the kernel for leaks). */
void test_modules(void) {
  char msg[128];
  EXPECT(need(insmod("quiet", "", msg, sizeof msg), "no loadable modules on this kernel"), 0);
  EXPECT(insmod("quiet", "", msg, sizeof msg), -EEXIST);
  EXPECT(rmmod("quiet", msg, sizeof msg), 0);
  for (int i = 0; i < 1000; i++) {
    EXPECT(insmod("quiet", "", msg, sizeof msg), 0);
    EXPECT(rmmod("quiet", msg, sizeof msg), 0);
  }
  static char list[2048];
  int n = lsmod(list, sizeof list - 1);
  CHECK(n > 0);
  list[n > 0 ? n : 0] = 0;
  CHECK(strstr(list, "quiet") == NULL);
}
