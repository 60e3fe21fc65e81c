#include "session.h"

#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "pace.h"
#include "ui.h"
#ifdef OSSIM_HAVE_TUI
#include "tui.h"
#endif
#ifdef OSSIM_HAVE_GUI
#include "gui.h"
#endif

#define EVENT_QUEUE (1u << 16) /* records: 2 MiB, a few milliseconds of a busy guest */
#define OUT_QUEUE (1u << 16)   /* bytes of guest output */
#define IN_QUEUE 256u          /* bytes typed ahead for the guest */

/* A window needs somewhere to be shown. Elsewhere than macOS that is an X11 or Wayland
 * display: without one SDL falls back to drawing off screen, a window nobody sees and no
 * key can quit. SDL_VIDEODRIVER set by hand (kmsdrm on a console, dummy in the tests) is the
 * user's choice. */
static bool has_display(void) {
#ifdef __APPLE__
  return true;
#else
  const char *names[] = {"SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (getenv(names[i]) && *getenv(names[i])) return true;
  return false;
#endif
}

bool session_available(const struct options *o, char *err, size_t errlen) {
#ifndef OSSIM_HAVE_TUI
  if (o->tui) {
    snprintf(err, errlen,
             "--tui: this ossim was built without ncurses "
             "(install libncurses-dev, or ncurses with brew, and rebuild)");
    return false;
  }
#endif
#ifndef OSSIM_HAVE_GUI
  if (o->viz) {
    snprintf(err, errlen,
             "--viz: this ossim was built without SDL2 "
             "(install libsdl2-dev, or sdl2 with brew, and rebuild)");
    return false;
  }
#endif
  if (o->viz && !has_display()) {
    snprintf(err, errlen, "no display; try --tui");
    return false;
  }
  (void)err, (void)errlen;
  return true;
}

struct session {
  struct run *r;
  const struct kernel_ops *ops;
  struct spsc events, out, in;
  atomic_bool done;
  int status;
  struct uart_host term; /* the front end's console on the terminal (term.h) */
  /* The guest's output goes to the terminal too with --viz (the window is elsewhere); its
   * input comes from the terminal's standard input with --viz, and with --tui when that is
   * no terminal (piped or a file: ncurses takes its keys from /dev/tty then), so that the
   * guest reads the same bytes, and the same end of them, as without a display. */
  bool term_out, term_in;
  bool piped; /* standard input is no terminal: the term's read of it waits */
};

/* The guest printed a byte: to the display's console pane (waiting for room, as events
 * do) and, with --viz, to the terminal as well. Runs on the simulation thread. */
static void console_put(void *ctx, uint8_t byte) {
  struct session *s = ctx;
  if (s->term_out) s->term.put(s->term.ctx, byte);
  while (!spsc_push(&s->out, &byte) && !atomic_load(&s->r->quit))
    nanosleep(&(struct timespec){0, 100000}, NULL);
}

/* Piped input is waited for, as without a display (simulated time stands still, so the
 * guest reads the same bytes at the same points), but the user's quit in the display is
 * looked at meanwhile: a pipe that never ends must not keep ossim from quitting. */
static bool piped_input_ready(struct session *s) {
  struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
  while (!atomic_load(&s->r->quit))
    if (poll(&p, 1, 50) != 0) return true; /* a byte, the end or an error: the read says */
  return false;
}

/* The guest reads a byte: what was typed in the display first, then the terminal. */
static int console_get(void *ctx) {
  struct session *s = ctx;
  uint8_t byte;
  if (spsc_pop(&s->in, &byte)) return byte;
  if (!s->term_in || (s->piped && !piped_input_ready(s))) return UART_HOST_NONE;
  return s->term.get(s->term.ctx);
}

static void *simulate(void *arg) {
  struct session *s = arg;
  s->status = run_kernel(s->r, s->ops);
  atomic_store(&s->done, true);
  return NULL;
}

int session_open_display(const struct options *o, struct ui_display *d, char *err, size_t errlen) {
#ifdef OSSIM_HAVE_TUI
  if (o->tui) return tui_open(d, err, errlen);
#endif
#ifdef OSSIM_HAVE_GUI
  if (o->viz) return gui_open(d, getenv("OSSIM_VIZ_SCREENSHOT"), err, errlen);
#endif
  (void)o, (void)d;
  snprintf(err, errlen, "no display");
  return -1;
}

void session_close_display(const struct options *o, struct ui_display *d) {
#ifdef OSSIM_HAVE_TUI
  if (o->tui) tui_close(d);
#endif
#ifdef OSSIM_HAVE_GUI
  if (o->viz) gui_close(d);
#endif
  (void)o, (void)d;
}

/* Runs the simulation thread and the UI loop until both are done. */
static int run_both(struct session *s, struct ui_display *d, bool hold) {
  struct model *m = malloc(sizeof *m);
  struct vcon *con = malloc(sizeof *con);
  pthread_t sim;
  if (!m || !con || pthread_create(&sim, NULL, simulate, s) != 0) {
    free(m);
    free(con);
    fprintf(stderr, "ossim: cannot start the simulation thread\n");
    return EXIT_ERROR;
  }
  model_init(m);
  vcon_init(con);
  struct ui_link link = {&s->events, &s->out, &s->in, &s->done, &s->r->quit, &s->r->speed, hold};
  ui_run(d, &link, m, con);
  pthread_join(sim, NULL);
  free(m);
  free(con);
  return s->status;
}

int session_run(struct run *r, const struct kernel_ops *ops) {
  const struct options *o = r->o;
  struct session s = {.r = r, .ops = ops, .term = r->cfg.uart, .term_out = o->viz};
  s.piped = !isatty(STDIN_FILENO);
  s.term_in = o->viz || s.piped;
  atomic_init(&s.done, false);
  char err[256];
  struct ui_display d;
  int status = EXIT_ERROR;
  /* Asked before the display starts: ncurses may leave standard input otherwise. */
  r->interactive = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
  if (r->interactive && !o->speed) atomic_store(&r->speed, PACE_WATCH); /* a class watches */
  if (spsc_init(&s.events, EVENT_QUEUE, sizeof(struct ev_record)) ||
      spsc_init(&s.out, OUT_QUEUE, 1) || spsc_init(&s.in, IN_QUEUE, 1)) {
    fprintf(stderr, "ossim: out of memory\n");
  } else if (session_open_display(o, &d, err, sizeof err) < 0) {
    fprintf(stderr, "ossim: %s\n", err);
  } else {
    r->obs.queue = &s.events;
    r->obs.quit = &r->quit;
    r->ui_owns_terminal = o->tui;
    r->cfg.uart = (struct uart_host){console_put, console_get, &s};
    /* Stay on screen after the run ends only for a person at a terminal who can quit. */
    status = run_both(&s, &d, r->interactive);
    session_close_display(o, &d);
  }
  spsc_free(&s.events);
  spsc_free(&s.out);
  spsc_free(&s.in);
  return status;
}
