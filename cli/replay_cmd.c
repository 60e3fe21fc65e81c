/* `ossim replay FILE [--tui | --viz] [--speed N]`: a run saved with --events, played back
 * on a display (visualizer/replay.h). */
#include "replay_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "evfile.h"
#include "kernel_options.h"
#include "options.h"
#include "pace.h"
#include "replay.h"
#include "session.h"

static const char replay_usage[] =
    "usage: ossim replay FILE [--tui | --viz] [--speed N]\n"
    "  plays a run saved with --events FILE in the window (--viz, the default when SDL2 is\n"
    "  there) or the terminal (--tui); space pauses, [ and ] seek, + and - change the speed\n";

/* Parses the command line into *o (tui or viz), the file and the speed. Returns 0, or -1
 * with a message. */
static int parse(int argc, char **argv, struct options *o, const char **file, char *err,
                 size_t errlen) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--tui"))
      o->tui = true;
    else if (!strcmp(argv[i], "--viz"))
      o->viz = true;
    else if (!strcmp(argv[i], "--speed") && i + 1 < argc) {
      if (kernel_option_number(argv[++i], true, UINT64_MAX, &o->speed) || !o->speed) {
        snprintf(err, errlen, "--speed '%s': need a positive number of cycles per second", argv[i]);
        return -1;
      }
    } else if (argv[i][0] != '-' && !*file)
      *file = argv[i];
    else {
      snprintf(err, errlen, "unknown or incomplete argument '%s'", argv[i]);
      return -1;
    }
  }
  if (!*file) snprintf(err, errlen, "which event file? (one written by --events FILE)");
  if (o->tui && o->viz) snprintf(err, errlen, "--tui and --viz: choose one");
  if (!*file || (o->tui && o->viz)) return -1;
#ifdef OSSIM_HAVE_GUI
  if (!o->tui) o->viz = true;
#else
  o->tui = true;
#endif
  return 0;
}

/* Reads the file, saying what is wrong with it. Returns 0 or -1. */
static int load(const char *file, struct evfile *e) {
  FILE *f = fopen(file, "r");
  if (!f) {
    fprintf(stderr, "ossim replay: %s: %s\n", file, strerror(errno));
    return -1;
  }
  size_t line;
  int rc = evfile_load(f, e, &line);
  fclose(f);
  if (rc == -EINVAL)
    fprintf(stderr, "ossim replay: %s:%zu: not an event line (files come from --events)\n", file,
            line);
  else if (rc < 0)
    fprintf(stderr, "ossim replay: %s: %s\n", file, strerror(-rc));
  return rc < 0 ? -1 : 0;
}

int replay_main(int argc, char **argv) {
  struct options o = {0};
  const char *file = NULL;
  char err[256];
  if (parse(argc, argv, &o, &file, err, sizeof err) < 0) {
    fprintf(stderr, "ossim replay: %s\n%s", err, replay_usage);
    return EXIT_USAGE;
  }
  struct evfile e;
  if (load(file, &e) < 0) return EXIT_ERROR;
  struct model *m = malloc(sizeof *m);
  struct vcon *con = malloc(sizeof *con);
  struct ui_display d;
  int status = EXIT_ERROR;
  /* Asked before the display starts: ncurses may leave standard input otherwise. */
  bool watched = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  if (!m || !con) {
    fprintf(stderr, "ossim replay: out of memory\n");
  } else if (session_open_display(&o, &d, err, sizeof err) < 0) {
    fprintf(stderr, "ossim replay: %s\n", err);
  } else {
    struct replay p;
    replay_init(&p, e.recs, e.n, m);
    vcon_init(con);
    /* From a script, unlimited unless told: one pass, then it ends. */
    uint64_t speed = o.speed ? o.speed : watched ? PACE_WATCH : 0;
    replay_run(&d, &p, m, con, speed, watched);
    session_close_display(&o, &d);
    status = EXIT_OK;
  }
  free(m);
  free(con);
  evfile_free(&e);
  return status;
}
