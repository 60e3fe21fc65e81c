/* insmod NAME [key=value ...]: loads a kernel module, passing it the parameters. */
#include "user.h"

int main(int argc, char *argv[]) {
  if (argc < 2) {
    fprintf(2, "usage: insmod NAME [key=value ...]\n");
    return 2;
  }
  char params[256] = "", msg[256] = "";
  for (int i = 2; i < argc; i++) {
    if (strlen(params) + strlen(argv[i]) + 2 > sizeof params) {
      fprintf(2, "insmod: parameters too long\n");
      return 2;
    }
    if (i > 2) strcat(params, " ");
    strcat(params, argv[i]);
  }
  int rc = insmod(argv[1], params, msg, sizeof msg);
  if (rc < 0) {
    fprintf(2, "insmod: %s (%s)\n", msg[0] ? msg : argv[1], strerror(rc));
    return 1;
  }
  return 0;
}
