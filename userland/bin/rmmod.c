/* rmmod NAME: unloads a kernel module. */
#include "user.h"

int main(int argc, char *argv[]) {
  if (argc != 2) {
    fprintf(2, "usage: rmmod NAME\n");
    return 2;
  }
  char msg[256] = "";
  int rc = rmmod(argv[1], msg, sizeof msg);
  if (rc < 0) {
    fprintf(2, "rmmod: %s (%s)\n", msg[0] ? msg : argv[1], strerror(rc));
    return 1;
  }
  return 0;
}
