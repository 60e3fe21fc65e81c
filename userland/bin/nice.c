/*
 * nice [-n PRIO] [-t TICKETS] COMMAND [ARG...]: runs COMMAND with this scheduling priority
 * (0 highest .. 15) and these lottery and stride tickets.
 * nice [-n PRIO] [-t TICKETS] -p PID: sets them for a running process instead.
 * What is not given stays as it is. Which one counts depends on the policy in force.
 */
#include "user.h"

static int usage(void) {
  fprintf(2, "usage: nice [-n PRIO] [-t TICKETS] (-p PID | COMMAND [ARG...])\n");
  return 2;
}

int main(int argc, char *argv[]) {
  int prio = -1, tickets = 0, pid = 0, c;
  while ((c = getopt(argc, argv, "+n:t:p:")) != -1) {
    switch (c) {
    case 'n': prio = atoi(optarg); break;
    case 't': tickets = atoi(optarg); break;
    case 'p': pid = atoi(optarg); break;
    default: return usage();
    }
  }
  if ((pid > 0) == (optind < argc) || tickets < 0) return usage();
  int r = setpriority(pid, prio, tickets);
  if (r < 0) {
    fprintf(2, "nice: %s\n", strerror(r));
    return 1;
  }
  if (pid > 0) return 0;
  char path[128]; /* a bare name is a program in /bin, as the shell has it */
  snprintf(path, sizeof path, "%s%s", strchr(argv[optind], '/') ? "" : "/bin/", argv[optind]);
  exec(path, &argv[optind]);
  fprintf(2, "nice: %s: %s\n", argv[optind], strerror(errno));
  return 127;
}
