#include "gui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmpview_gui.h"
#include "font.h"
#include "gui_kit.h"

#define BG GUI_BG
#define FG GUI_FG
#define DIM GUI_DIM
#define PANEL GUI_PANEL
#define FLASH GUI_FLASH
#define BAD 0xff4040
#define PENDING 8 /* bytes of one text-input event waiting to be handed out */

struct gui {
  SDL_Window *win;
  SDL_Renderer *r;
  int mx, my; /* the mouse, -1 when outside */
  char pending[PENDING * 4];
  unsigned npending, next;
  const char *screenshot;
};

static void text(SDL_Renderer *r, int x, int y, int scale, uint32_t rgb, const char *s) {
  gui_text(r, x, y, scale, rgb, s, 1 << 20);
}

void gui_layout_lanes(int w, int h, unsigned lanes, bool thin, struct gui_layout *l) {
  l->scale = gui_scale(w, h);
  l->tl_x = 10 * gui_char_w(l->scale);
  l->tl_w = w - l->tl_x - 10 > 10 ? w - l->tl_x - 10 : 10;
  l->tl_y = 3 * gui_line_h(l->scale) + 4;
  l->lane_h = thin ? gui_line_h(l->scale) : 5 * l->scale * 4;
  l->lane_gap = thin ? 2 * l->scale : 3 * l->scale * 4;
  l->panels_y =
      l->tl_y + (int)(lanes ? lanes : 1) * (l->lane_h + l->lane_gap) + gui_line_h(l->scale);
}

void gui_layout(int w, int h, unsigned lanes, struct gui_layout *l) {
  gui_layout_lanes(w, h, lanes, false, l);
}

static uint32_t tone_colour(const struct ui_line *line) {
  switch (line->tone) {
  case UI_FLASH: return FLASH;
  case UI_DIM: /* an exited process keeps its colour, dimmed, so it can still be matched */
    return line->pid ? gui_dim(ui_colour(line->pid)) : DIM;
  case UI_BAD: return BAD;
  default: return line->pid ? ui_colour(line->pid) : FG;
  }
}

/* The largest text scale, at most `scale`, at which every line of a panel fits `cols_px`
 * pixels (1 if none does): a narrow panel draws smaller text rather than cut its title,
 * its column headings or its numbers. */
static int fitting_scale(int scale, int cols_px, const char *title, const char *header,
                         const struct ui_line *lines, unsigned n) {
  size_t widest = strlen(title) > strlen(header) ? strlen(title) : strlen(header);
  for (unsigned i = 0; i < n; i++)
    if (strlen(lines[i].text) > widest) widest = strlen(lines[i].text);
  while (scale > 1 && (int)widest * gui_char_w(scale) > cols_px)
    scale--;
  return scale;
}

/* A panel at (x, y), w x h pixels: title, header and as many lines as fit; what it drew
 * goes into *out. */
static void draw_panel(SDL_Renderer *r, const struct ui_view *v, enum ui_panel p, int scale, int x,
                       int y, int w, int h, struct gui_panel_drawn *out) {
  const char *title = ui_panel_title(p), *header = ui_panel_header(p, false);
  struct ui_line lines[GUI_PANEL_LINES];
  /* The lines there would be room for at the smallest scale, to find the scale they need. */
  unsigned n = ui_panel_lines(v, p, lines, GUI_PANEL_LINES);
  scale = fitting_scale(scale, w - 12, title, header, lines, n);
  int lh = gui_line_h(scale), rows = h / lh;
  *out = (struct gui_panel_drawn){.x = x, .y = y, .w = w, .h = h, .scale = scale, .title = title};
  if (rows < 2 || w < 4 * gui_char_w(scale)) return;
  rows -= *header ? 2 : 1;
  n = ui_panel_lines(v, p, lines, rows < GUI_PANEL_LINES ? (unsigned)rows : GUI_PANEL_LINES);
  gui_fill(r, x, y, w - 4, h - 4, PANEL);
  int cols = (w - 8) / gui_char_w(scale);
  gui_text(r, x + 4, y + 2, scale, FLASH, title, cols);
  out->title_x = x + 4;
  out->title_y = y + 2;
  out->whole = (int)strlen(title) <= cols && (int)strlen(header) <= cols;
  y += lh;
  if (*header) {
    gui_text(r, x + 4, y + 2, scale, DIM, header, cols);
    y += lh;
  }
  for (unsigned i = 0; i < n; i++, y += lh) {
    if (lines[i].tone == UI_FLASH) gui_fill(r, x, y, w - 4, lh, gui_darker(FLASH));
    gui_text(r, x + 4, y + 2, scale, tone_colour(&lines[i]), lines[i].text, cols);
    if ((int)strlen(lines[i].text) > cols) out->whole = false;
  }
  out->lines = n;
}

static void draw_console(SDL_Renderer *r, const struct ui_view *v, int scale, int y, int w, int h) {
  int lh = gui_line_h(scale), rows = h / lh;
  gui_fill(r, 0, y, w, h, 0x000000);
  text(r, 4, y + 2, scale, v->typing ? FLASH : DIM, ui_console_title(v));
  for (int i = 1; i < rows; i++) {
    const char *line = vcon_line(v->con, (unsigned)(rows - 1 - i));
    if (line) text(r, 4, y + 2 + i * lh, scale, FG, line);
  }
}

void gui_render(SDL_Renderer *r, int w, int h, const struct ui_view *v, int mx, int my) {
  struct gui_drawn ignored;
  gui_render_drawn(r, w, h, v, mx, my, &ignored);
}

void gui_render_drawn(SDL_Renderer *r, int w, int h, const struct ui_view *v, int mx, int my,
                      struct gui_drawn *drawn) {
  struct gui_lanes lanes;
  gui_lanes_of(v, &lanes);
  struct gui_layout l;
  gui_layout_lanes(w, h, lanes.n, lanes.by_process, &l);
  int s = l.scale, lh = gui_line_h(s);
  gui_fill(r, 0, 0, w, h, BG);
  char status[160];
  ui_status(v, status, sizeof status);
  gui_text_within(r, 4, 4, w - 8, s, v->paused ? FLASH : FG, status);
  gui_text_within(r, 4, 4 + lh, w - 8, s, DIM, ui_keybar(v));
  gui_draw_timeline(r, &l, v, &lanes, mx, my);
  /* Columns sized to the panels' lines: processes, modules over counters, IPC. */
  int console_h = (h - l.panels_y) / 3, ph = h - l.panels_y - console_h;
  int c1 = w * 35 / 100, c2 = w * 30 / 100, y = l.panels_y;
  struct gui_panel_drawn *d = drawn->panels;
  draw_panel(r, v, UI_PROCS, s, 0, y, c1, ph * 2 / 3, &d[UI_PROCS]);
  draw_panel(r, v, UI_MEMORY, s, 0, y + ph * 2 / 3, c1, ph - ph * 2 / 3, &d[UI_MEMORY]);
  draw_panel(r, v, UI_MODULES, s, c1, y, c2, ph / 2, &d[UI_MODULES]);
  draw_panel(r, v, UI_COUNTERS, s, c1, y + ph / 2, c2, ph - ph / 2, &d[UI_COUNTERS]);
  draw_panel(r, v, UI_IPC, s, c1 + c2, y, w - c1 - c2, ph, &d[UI_IPC]);
  draw_console(r, v, s, h - console_h, w, console_h);
  if (v->help) gui_help(r, s, w, h, ui_help_lines);
}

/* Hands out the bytes of a text-input event one at a time. */
static bool next_pending(struct gui *g, bool typing, struct ui_input *in) {
  if (g->next == g->npending) return false;
  uint8_t c = (uint8_t)g->pending[g->next++];
  *in = typing ? (struct ui_input){UI_TYPE, c} : (struct ui_input){ui_key(c), 0};
  return true;
}

/* Keys that give no text: Tab, Enter, Backspace, arrows. */
static enum ui_action key_action(SDL_Keycode k, bool typing, uint8_t *byte) {
  if (k == SDLK_TAB) return UI_FOCUS;
  if (typing) {
    *byte = k == SDLK_RETURN ? '\r' : k == SDLK_BACKSPACE ? 0x7f : 0;
    return *byte ? UI_TYPE : UI_NONE;
  }
  return k == SDLK_LEFT ? UI_PAN_LEFT : k == SDLK_RIGHT ? UI_PAN_RIGHT : UI_NONE;
}

static bool gui_poll(void *ctx, bool typing, struct ui_input *in) {
  struct gui *g = ctx;
  if (next_pending(g, typing, in)) return true;
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    *in = (struct ui_input){UI_NONE, 0};
    switch (e.type) {
    case SDL_QUIT: in->action = UI_QUIT; return true;
    case SDL_TEXTINPUT:
      g->npending = (unsigned)strnlen(e.text.text, sizeof g->pending);
      memcpy(g->pending, e.text.text, g->npending);
      g->next = 0;
      if (next_pending(g, typing, in)) return true;
      break;
    case SDL_KEYDOWN:
      in->action = key_action(e.key.keysym.sym, typing, &in->byte);
      if (in->action != UI_NONE) return true;
      break;
    case SDL_MOUSEWHEEL: in->action = e.wheel.y > 0 ? UI_ZOOM_IN : UI_ZOOM_OUT; return true;
    case SDL_MOUSEMOTION:
      g->mx = e.motion.x;
      g->my = e.motion.y;
      break;
    }
  }
  return false;
}

static void gui_draw(void *ctx, const struct ui_view *v) {
  struct gui *g = ctx;
  int w, h;
  SDL_GetRendererOutputSize(g->r, &w, &h);
  gui_render(g->r, w, h, v, g->mx, g->my);
  SDL_RenderPresent(g->r);
}

static void gui_draw_compare(void *ctx, const struct cmpview *cv) {
  struct gui *g = ctx;
  int w, h;
  SDL_GetRendererOutputSize(g->r, &w, &h);
  cmpview_gui_render(g->r, w, h, cv);
  SDL_RenderPresent(g->r);
}

SDL_Rect gui_place_window(SDL_Rect usable) {
  SDL_Rect at = {0, 0, GUI_WIN_W, GUI_WIN_H};
  if (usable.w <= 0 || usable.h <= 0) return at; /* no display to ask: the size we like */
  at.w = usable.w * 9 / 10 < GUI_WIN_W ? usable.w * 9 / 10 : GUI_WIN_W;
  at.h = usable.h * 9 / 10 < GUI_WIN_H ? usable.h * 9 / 10 : GUI_WIN_H;
  if (at.w < GUI_WIN_MIN_W) at.w = usable.w < GUI_WIN_MIN_W ? usable.w : GUI_WIN_MIN_W;
  if (at.h < GUI_WIN_MIN_H) at.h = usable.h < GUI_WIN_MIN_H ? usable.h : GUI_WIN_MIN_H;
  at.x = usable.x + (usable.w - at.w) / 2;
  at.y = usable.y + (usable.h - at.h) / 2;
  return at;
}

/* Where the window opens: on the first display, inside the part of it that no panel or
 * dock covers. */
static SDL_Rect gui_window_rect(void) {
  SDL_Rect usable = {0, 0, 0, 0};
  if (SDL_GetDisplayUsableBounds(0, &usable) != 0 && SDL_GetDisplayBounds(0, &usable) != 0)
    usable = (SDL_Rect){0, 0, 0, 0};
  return gui_place_window(usable);
}

int gui_open(struct ui_display *d, const char *screenshot, char *err, size_t errlen) {
  struct gui *g = calloc(1, sizeof *g);
  if (!g || SDL_Init(SDL_INIT_VIDEO) != 0) {
    snprintf(err, errlen, "no display; try --tui (SDL: %s)", g ? SDL_GetError() : "out of memory");
    free(g);
    return -1;
  }
  /* SDL's last resort, unasked for: a window drawn where nobody sees it. */
  const char *driver = SDL_GetCurrentVideoDriver();
  if (!getenv("SDL_VIDEODRIVER") && driver && strcmp(driver, "offscreen") == 0) {
    snprintf(err, errlen, "no display; try --tui (SDL found only its off-screen driver)");
    SDL_Quit();
    free(g);
    return -1;
  }
  SDL_Rect at = gui_window_rect();
  g->win = SDL_CreateWindow("ossim", at.x, at.y, at.w, at.h, SDL_WINDOW_RESIZABLE);
  g->r = g->win ? SDL_CreateRenderer(g->win, -1, 0) : NULL;
  if (!g->r) {
    snprintf(err, errlen, "--viz: cannot open a window: %s", SDL_GetError());
    if (g->win) SDL_DestroyWindow(g->win);
    SDL_Quit();
    free(g);
    return -1;
  }
  g->mx = g->my = -1;
  g->screenshot = screenshot;
  SDL_StartTextInput();
  *d = (struct ui_display){g, gui_poll, gui_draw, gui_draw_compare};
  return 0;
}

/* Saves what the renderer shows now to a BMP file (best effort: it is for the docs). */
static void save_screenshot(struct gui *g) {
  int w, h;
  SDL_GetRendererOutputSize(g->r, &w, &h);
  SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!s) return;
  if (SDL_RenderReadPixels(g->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) == 0)
    SDL_SaveBMP(s, g->screenshot);
  SDL_FreeSurface(s);
}

void gui_close(struct ui_display *d) {
  struct gui *g = d->ctx;
  if (g->screenshot) save_screenshot(g);
  SDL_DestroyRenderer(g->r);
  SDL_DestroyWindow(g->win);
  SDL_Quit();
  free(g);
}
