#include "tui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmpview_tui.h"
#include "tui_kit.h"

#define LABEL 8 /* "hart 0  " before each timeline strip */
#define NCOLOURS TUI_NCOLOURS
#define TUI_COMPACT_ROWS 26 /* fewer rows than this under the timeline: the compact layout */
#define TUI_COMPACT_LEFT 43 /* its process column: a process line, whole */

struct tui {
  SCREEN *screen;
  FILE *keys; /* the terminal the keys come from, when it is not standard input; or NULL */
};

static bool tui_poll(void *ctx, bool typing, struct ui_input *in) {
  (void)ctx;
  int ch = getch();
  if (ch == ERR) return false;
  *in = (struct ui_input){UI_NONE, 0};
  if (ch == '\t')
    in->action = UI_FOCUS;
  else if (typing) {
    in->action = ch == KEY_BACKSPACE ? UI_TYPE : ch < 256 ? UI_TYPE : UI_NONE;
    in->byte = ch == KEY_BACKSPACE ? 0x7f : (uint8_t)ch;
  } else if (ch == KEY_LEFT || ch == '<')
    in->action = UI_PAN_LEFT;
  else if (ch == KEY_RIGHT || ch == '>')
    in->action = UI_PAN_RIGHT;
  else
    in->action = ui_key(ch);
  return true; /* KEY_RESIZE and others: UI_NONE; ncurses has already taken the new size */
}

static int draw_timeline(const struct ui_view *v, int y) {
  int width = COLS - LABEL;
  if (width < 8) return y;
  uint64_t right = ui_right(v), left = right > v->span ? right - v->span : 0;
  unsigned harts = v->m->nharts ? v->m->nharts : 1;
  mvprintw(y++, 0, "Timeline: %llu cycles across (letter: user, ^: kernel, .: idle)",
           (unsigned long long)v->span);
  for (unsigned h = 0; h < harts; h++, y++) {
    mvprintw(y, 0, "hart %-2u ", h);
    struct tui_strip st = {y, LABEL, width, left, v->span, v->m};
    ui_segments(v->m, h, left, right, tui_strip_paint, &st);
    ui_segments(v->m, h, left, right, tui_strip_initial, &st);
  }
  return y;
}

/* A panel at (y, x), h rows by w columns: title, header, lines. */
static void draw_panel(const struct ui_view *v, enum ui_panel p, int y, int x, int h, int w) {
  if (h < 2 || w < 10) return;
  struct ui_line lines[64];
  unsigned max = (unsigned)(h - 2) < 64 ? (unsigned)(h - 2) : 64;
  const char *header = ui_panel_header(p, v->narrow);
  if (*header && max) max--;
  unsigned n = ui_panel_lines(v, p, lines, max);
  attron(A_BOLD);
  mvprintw(y++, x, "%-*.*s", w, w, ui_panel_title(p));
  attroff(A_BOLD);
  if (*header) mvprintw(y++, x, "%-*.*s", w - 1, w - 1, header);
  for (unsigned i = 0; i < n; i++) {
    attr_t a = lines[i].tone == UI_FLASH ? A_REVERSE | A_BOLD
               : lines[i].tone == UI_DIM ? A_DIM
               : lines[i].tone == UI_BAD ? (attr_t)COLOR_PAIR(1)
                                         : A_NORMAL;
    if (lines[i].pid) a |= COLOR_PAIR(tui_pid_pair(lines[i].pid));
    attron(a);
    mvprintw(y++, x, "%-*.*s", w - 1, w - 1, lines[i].text);
    attroff(a);
  }
}

static void draw_console(const struct ui_view *v, int y, int h) {
  if (h < 2) return;
  attron(A_BOLD);
  mvprintw(y, 0, "%-*.*s", COLS, COLS, ui_console_title(v));
  attroff(A_BOLD);
  for (int i = 1; i < h; i++) {
    const char *line = vcon_line(v->con, (unsigned)(h - 1 - i));
    if (line) mvprintw(y + i, 0, "%.*s", COLS, line);
  }
}

/* The panels in `panels` rows from y, roomy: processes over memory on the left; modules,
 * counters and IPC on the right. */
static void draw_panels(const struct ui_view *v, int y, int panels) {
  int half = COLS / 2, third = panels / 3;
  draw_panel(v, UI_PROCS, y, 0, panels - 7, half);
  draw_panel(v, UI_MEMORY, y + panels - 7, 0, 7, half);
  draw_panel(v, UI_MODULES, y, half, third, COLS - half);
  draw_panel(v, UI_COUNTERS, y + third, half, MODEL_NCOUNTERS + 2, COLS - half);
  draw_panel(v, UI_IPC, y + third + MODEL_NCOUNTERS + 2, half, panels - third - MODEL_NCOUNTERS - 2,
             COLS - half);
}

/* Compact, for a small terminal (80x24): the processes (servers among them) fill the left,
 * as wide as their lines; on the right, whichever of IPC and the modules this kernel uses
 * (IPC once there is a message), over memory by owner. The counters are left out. */
static void draw_compact_panels(const struct ui_view *v, int y, int panels) {
  int left = COLS > TUI_COMPACT_LEFT * 2 ? COLS / 2 : TUI_COMPACT_LEFT;
  int memory = panels * 2 / 5 < 6 ? panels * 2 / 5 : 6;
  draw_panel(v, UI_PROCS, y, 0, panels, left);
  draw_panel(v, v->m->nmsgs ? UI_IPC : UI_MODULES, y, left, panels - memory, COLS - left);
  draw_panel(v, UI_MEMORY, y + panels - memory, left, memory, COLS - left);
}

static void tui_draw(void *ctx, const struct ui_view *given) {
  (void)ctx;
  struct ui_view narrowed = *given, *v = &narrowed;
  erase();
  char status[160];
  ui_status(v, status, sizeof status);
  attron(A_REVERSE);
  mvprintw(0, 0, "%-*.*s", COLS, COLS, status);
  attroff(A_REVERSE);
  mvprintw(1, 0, "%.*s", COLS, ui_keybar(v));
  int y = draw_timeline(v, 3) + 1;
  int rest = LINES - y;
  bool compact = rest < TUI_COMPACT_ROWS || COLS < 100;
  int console = compact ? 3 : rest / 3 > 4 ? rest / 3 : 4, panels = rest - console;
  narrowed.narrow = compact;
  if (compact)
    draw_compact_panels(v, y, panels);
  else
    draw_panels(v, y, panels);
  draw_console(v, LINES - console, console);
  if (v->help) tui_help(ui_help_lines);
  refresh();
}

static void tui_draw_compare(void *ctx, const struct cmpview *cv) {
  (void)ctx;
  erase();
  cmpview_tui_draw(cv);
  refresh();
}

int tui_open(struct ui_display *d, char *err, size_t errlen) {
  struct tui *t = calloc(1, sizeof *t);
  if (!t) {
    snprintf(err, errlen, "--tui: out of memory");
    return -1;
  }
  /* newterm, not initscr: initscr exits the process when the terminal is unusable. Keys
   * come from the terminal: with standard input piped, it is the guest's input (the front
   * end reads it), and the keys come from /dev/tty, or from nowhere if there is none. */
  FILE *keys = stdin;
  if (!isatty(STDIN_FILENO)) {
    t->keys = fopen("/dev/tty", "r");
    if (!t->keys) t->keys = fopen("/dev/null", "r");
    keys = t->keys;
  }
  t->screen = keys ? newterm(NULL, stdout, keys) : NULL;
  if (!t->screen) {
    if (t->keys) fclose(t->keys);
    const char *term = getenv("TERM");
    snprintf(err, errlen, "--tui: cannot use this terminal (TERM=%s)", term ? term : "unset");
    free(t);
    return -1;
  }
  raw(); /* every key to us (and the guest); ^C too, as on a serial console */
  noecho();
  nonl(); /* Enter gives \r, as a raw terminal does */
  nodelay(stdscr, TRUE);
  keypad(stdscr, TRUE);
  curs_set(0);
  if (has_colors()) {
    start_color();
    use_default_colors();
    static const short colours[NCOLOURS] = {COLOR_RED,  COLOR_GREEN,   COLOR_YELLOW,
                                            COLOR_BLUE, COLOR_MAGENTA, COLOR_CYAN};
    for (int i = 0; i < NCOLOURS; i++)
      init_pair((short)(i + 1), colours[i], -1);
  }
  *d = (struct ui_display){t, tui_poll, tui_draw, tui_draw_compare};
  return 0;
}

void tui_close(struct ui_display *d) {
  struct tui *t = d->ctx;
  endwin();
  delscreen(t->screen);
  if (t->keys) fclose(t->keys);
  free(t);
}
