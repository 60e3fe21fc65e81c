/*
 * gui: the visualizer's window (--viz), with SDL2 only (its own bitmap font, font.h).
 *
 * The window shows, top to bottom: the status and key bar; one timeline lane per hart
 * (a process in its colour: full in user mode, darker in the kernel; idle a thin grey
 * band) with IPC arrows from the sender's lane at the send to the receiver's lane at the
 * receive, whose label and size show when the mouse is over them; then the processes,
 * modules (flashing on load, unload and failure), counters, IPC list, memory by owner;
 * and the guest console at the bottom. Mouse wheel zooms, arrows pan, f follows.
 *
 * gui_render draws a view into any SDL renderer, so the tests draw into a software
 * renderer on a surface and check pixels with no window at all. The same window shows
 * `ossim compare --viz` (cmpview_gui.h), drawn with the same kit (gui_kit.h).
 *
 * Not for: the loop, the keys' meaning or the panels' text (ui.c).
 */
#ifndef OSSIM_GUI_H
#define OSSIM_GUI_H

#include <SDL.h>
#include <stddef.h>

#include "gui_kit.h"
#include "ui.h"

/* Where the timeline sits in a w x h window with n lanes. */
struct gui_layout {
  int scale;      /* text: FONT_W x FONT_ASCENT pixels times this */
  int tl_x, tl_w; /* the lanes' left edge and width */
  int tl_y, lane_h, lane_gap;
  int panels_y; /* the panels start here */
};

void gui_layout(int w, int h, unsigned lanes, struct gui_layout *l);
/* The same, with thin lanes (thin: a line of text high, as a lane per process has). */
void gui_layout_lanes(int w, int h, unsigned lanes, bool thin, struct gui_layout *l);

#define GUI_PROC_LANES 12 /* the most lanes a lane per process shows (the lowest pids) */
/* What the lanes stand for: a hart each, or (ui_view's by_process, the l key) a process
 * each, pid[i] for lane i, so that IPC between two processes on one hart crosses lanes. */
struct gui_lanes {
  bool by_process;
  unsigned n;
  uint32_t pid[GUI_PROC_LANES];
};
void gui_lanes_of(const struct ui_view *v, struct gui_lanes *lanes);
/* Draws the timeline's lanes, their segments and the IPC arrows between them; the mouse at
 * (mx, my) over an arrow shows its message, over a lane who ran there (gui_timeline.c). */
void gui_draw_timeline(SDL_Renderer *r, const struct gui_layout *l, const struct ui_view *v,
                       const struct gui_lanes *lanes, int mx, int my);
/* The x of cycle c in view v with layout l (may be outside the lanes). */
int gui_x(const struct gui_layout *l, const struct ui_view *v, uint64_t c);
/* The y of the middle of lane i. */
int gui_lane_mid(const struct gui_layout *l, unsigned i);
/* Draws view v into r (w x h pixels); the mouse at (mx, my), or -1, shows a hover. */
void gui_render(SDL_Renderer *r, int w, int h, const struct ui_view *v, int mx, int my);

#define GUI_PANEL_LINES 64 /* the most lines a panel shows */
/* What gui_render_drawn drew of one panel: its rectangle, the text scale it chose, where
 * its title went (title_x, title_y: top left; 0 if there was no room for it), how many lines
 * it showed, and whether every title, heading and line it drew went in whole. */
struct gui_panel_drawn {
  int x, y, w, h, scale, title_x, title_y;
  const char *title;
  unsigned lines;
  bool whole;
};
struct gui_drawn {
  struct gui_panel_drawn panels[UI_NPANELS];
};
/* gui_render, saying what it drew of each panel (for the tests, which check that no
 * heading is cut at a given window size). */
void gui_render_drawn(SDL_Renderer *r, int w, int h, const struct ui_view *v, int mx, int my,
                      struct gui_drawn *drawn);
/* The colour IPC arrows are drawn in, 0xRRGGBB. */
#define GUI_ARROW 0xffffff

/* The window's size when the screen has room, and the least it shrinks to. */
#define GUI_WIN_W 1440
#define GUI_WIN_H 900
#define GUI_WIN_MIN_W 640
#define GUI_WIN_MIN_H 400
/* Where a window goes on a display whose usable part is `usable` (w or h 0: not known): at
 * most GUI_WIN_W x GUI_WIN_H and nine tenths of the display, at least the minimum if the
 * display has it, centred, never off the display. */
SDL_Rect gui_place_window(SDL_Rect usable);
/* Opens the window. screenshot: if not NULL, a BMP file the last frame is saved to when
 * the window closes (for documentation). Returns 0, or -1 with a message. */
int gui_open(struct ui_display *d, const char *screenshot, char *err, size_t errlen);
void gui_close(struct ui_display *d);

#endif
