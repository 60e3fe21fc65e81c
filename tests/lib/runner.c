/* runner: runs the suite its test program defines (runner.h). */
#include "runner.h"

int main(void) {
  SRunner *sr = srunner_create(test_suite());
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? 1 : 0;
}
