/*
 * getopt: POSIX's option parser over a struct ulib_getopt (ulib.h). The public getopt()
 * in libc.c keeps the state in the globals optind, optarg, optopt and opterr and prints
 * the error messages; this file only parses.
 */
#include "ulib.h"

/* Moves to the next argv element. */
static void next_element(struct ulib_getopt *g) {
  g->optind++;
  g->pos = 0;
}

int ulib_getopt(struct ulib_getopt *g, int argc, char *const argv[], const char *optstring) {
  if (g->optind <= 0) { /* start over, as glibc and the BSDs allow */
    g->optind = 1;
    g->pos = 0;
  }
  g->optarg = NULL;
  g->error = ULIB_GETOPT_OK;
  if (g->pos == 0) { /* at the start of an element: is it an option at all? */
    if (g->optind >= argc || !argv[g->optind]) return -1;
    const char *arg = argv[g->optind];
    if (arg[0] != '-' || arg[1] == '\0') return -1; /* an operand, or "-" (stdin) */
    if (ulib_strcmp(arg, "--") == 0) {
      g->optind++;
      return -1;
    }
    g->pos = 1;
  }
  const char *arg = argv[g->optind];
  char c = arg[g->pos++];
  const char *spec = c == ':' ? NULL : ulib_strchr(optstring, c);
  int at_end = arg[g->pos] == '\0';
  if (!spec || c == '\0') {
    g->optopt = (unsigned char)c;
    g->error = ULIB_GETOPT_UNKNOWN;
    if (at_end) next_element(g);
    return '?';
  }
  if (spec[1] != ':') { /* a flag: stay inside the cluster if more follow (-abc) */
    if (at_end) next_element(g);
    return c;
  }
  if (!at_end) { /* the argument is the rest of this element: -nVALUE */
    g->optarg = (char *)&arg[g->pos];
    next_element(g);
    return c;
  }
  next_element(g); /* the argument is the next element: -n VALUE */
  if (g->optind >= argc) {
    g->optopt = (unsigned char)c;
    g->error = ULIB_GETOPT_NOARG;
    return optstring[0] == ':' ? ':' : '?';
  }
  g->optarg = argv[g->optind++];
  return c;
}
