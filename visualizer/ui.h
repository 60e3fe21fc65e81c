/*
 * ui: the loop the TUI and the GUI share, on the UI thread, while the simulation runs on
 * its own thread.
 *
 * Each turn it takes the user's input from the display, drains the guest's console bytes
 * and the event records (into the model) from their queues, and asks the display to draw
 * at most UI_FPS times a second of host time. Pausing is not draining: the event queue
 * fills and the simulation waits at its next event, so a paused run stops where it is and
 * nothing is lost; stepping drains exactly one record. The loop never touches the
 * simulation otherwise, so what the guest computes is the same with or without a display.
 *
 * Keys (both displays): space pause/resume, s step one event, + and - speed, z and x zoom
 * in and out, left and right pan (f follows live time again), ? help, q quit, Tab switches
 * the keyboard to the guest console and back.
 *
 * Not for: drawing (tui.c, gui.c) or running the simulation (cli/).
 */
#ifndef OSSIM_UI_H
#define OSSIM_UI_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "spsc.h"
#include "vcon.h"

#define UI_FPS 30

/* What connects the UI thread to the simulation thread; the front end fills it. */
struct ui_link {
  struct spsc *events;         /* struct ev_record, pushed by the simulation */
  struct spsc *out;            /* bytes the guest printed */
  struct spsc *in;             /* bytes typed for the guest */
  atomic_bool *done;           /* set by the simulation when it has pushed its last record */
  atomic_bool *quit;           /* set by the UI: stop the simulation */
  atomic_uint_fast64_t *speed; /* simulated cycles per host second, 0 unlimited */
  bool hold;                   /* when the simulation is done, stay until the user quits */
};

enum ui_action {
  UI_NONE,
  UI_QUIT,
  UI_PAUSE,
  UI_STEP,
  UI_FASTER,
  UI_SLOWER,
  UI_HELP,
  UI_ZOOM_IN,
  UI_ZOOM_OUT,
  UI_PAN_LEFT,
  UI_PAN_RIGHT,
  UI_FOLLOW,
  UI_FOCUS,     /* Tab: keys to the guest, or back */
  UI_LANES,     /* the window's lanes: one per hart, or one per process */
  UI_SEEK_BACK, /* a replay: back, or forward, a stride (replay.h) */
  UI_SEEK_FWD,
  UI_TYPE, /* a byte for the guest (in ui_input.byte) */
};

struct ui_input {
  enum ui_action action;
  uint8_t byte;
};

#define UI_FLASH_MS 1500 /* how long a module's load, unload or failure stays highlighted */
#define UI_LINE 64       /* characters in a panel line */

/* What a display draws: the model and console, and the state of the controls. */
struct ui_view {
  const struct model *m;
  const struct vcon *con;
  bool paused, help, done, typing; /* typing: keys go to the guest */
  uint64_t speed;
  bool follow;     /* the timeline's right edge is the latest cycle */
  uint64_t right;  /* the timeline's right edge when not following */
  uint64_t span;   /* cycles across the timeline */
  uint64_t now_ms; /* host time of this frame, for flashes */
  bool narrow;     /* a small terminal: the IPC and memory lines leave a column out */
  bool by_process; /* the window's timeline has a lane per process, not per hart */
  bool replay;     /* a saved event file played back (replay.h), not a live run */
  uint64_t seen_changed[MODEL_MODULES], flash_until[MODEL_MODULES]; /* host ms */
};

/* The panels both displays show, as lines of text. */
enum ui_panel { UI_PROCS, UI_MODULES, UI_IPC, UI_COUNTERS, UI_MEMORY, UI_NPANELS };

enum ui_tone { UI_PLAIN, UI_FLASH, UI_DIM, UI_BAD };

struct ui_line {
  char text[UI_LINE];
  uint8_t tone; /* enum ui_tone */
  uint32_t pid; /* the process the line is about, for its colour (0: none) */
};

struct cmpview;

struct ui_display {
  void *ctx;
  /* The next input, if any (never waits). Returns false when there is none. Keys are
   * mapped by the display: in typing mode everything but Tab is UI_TYPE. */
  bool (*poll)(void *ctx, bool typing, struct ui_input *in);
  void (*draw)(void *ctx, const struct ui_view *v);
  /* Draws the kernels of `ossim compare` side by side instead (cmpview.h). */
  void (*draw_compare)(void *ctx, const struct cmpview *cv);
};

/* The panel's title and its column header ("" if none; narrow: as ui_view's). */
const char *ui_panel_title(enum ui_panel p);
const char *ui_panel_header(enum ui_panel p, bool narrow);
/* Fills up to max lines of panel p (newest IPC messages first). Returns how many. */
unsigned ui_panel_lines(const struct ui_view *v, enum ui_panel p, struct ui_line *lines,
                        unsigned max);
/* Calls fn for each timeline segment of hart h that overlaps [left, right), oldest first,
 * the running one last (ending at the model's now). */
void ui_segments(const struct model *m, unsigned h, uint64_t left, uint64_t right,
                 void (*fn)(void *ctx, const struct model_seg *s), void *ctx);
/* A colour for a process, as 0xRRGGBB, the same for a pid everywhere; and its index in
 * the palette of UI_COLOURS (for displays with few colours). */
#define UI_COLOURS 12
unsigned ui_colour_index(uint32_t pid);
uint32_t ui_colour(uint32_t pid);
/* Text of the key help (lines, NULL-terminated) and the one-line key bar. */
extern const char *const ui_help_lines[];
const char *ui_keybar(const struct ui_view *v);
/* The console's heading: whether keys go to the guest (or a replay's: it has none). */
const char *ui_console_title(const struct ui_view *v);
/* The status line: simulated time, pause, speed. */
void ui_status(const struct ui_view *v, char *buf, unsigned len);

/* Maps a key the user typed in control mode to an action (the displays share the map). */
enum ui_action ui_key(int ch);
/* The right edge of the timeline in view v. */
uint64_t ui_right(const struct ui_view *v);
/* Applies a control action to the view (pause, zoom, pan, help, speed). */
void ui_apply(struct ui_view *v, enum ui_action a);
/* Host time in milliseconds, for the displays' pacing and flashes (never the guest's). */
uint64_t ui_host_ms(void);
/* Runs until the user quits or the simulation is done (and drained, unless link->hold).
 * m and con are the UI thread's own. */
void ui_run(const struct ui_display *d, struct ui_link *link, struct model *m, struct vcon *con);

#endif
