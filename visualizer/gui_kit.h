/*
 * gui_kit: what the window's two views draw with (gui.c, the live run; cmpview_gui.c,
 * `ossim compare --viz`): the colours, the 5x7 bitmap font (font.h), timeline lanes and
 * the segment painter, and the key-help box. Colours are 0xRRGGBB.
 *
 * Not for: any view's layout or content (gui.h, cmpview_gui.h).
 */
#ifndef OSSIM_GUI_KIT_H
#define OSSIM_GUI_KIT_H

#include <SDL.h>
#include <stdint.h>

#include "model.h"

#define GUI_BG 0x101418
#define GUI_FG 0xe8e8e8
#define GUI_DIM 0x808890
#define GUI_PANEL 0x1c2228
#define GUI_FLASH 0xffd000
#define GUI_IDLE 0x3a3f46 /* a hart that runs nothing */
/* Sets the renderer's drawing colour. */
void gui_colour(SDL_Renderer *r, uint32_t rgb);
/* A colour at half brightness: the kernel-mode shade of a process. */
uint32_t gui_darker(uint32_t rgb);
/* A colour at five eighths: an exited process's lines, brighter than its kernel shade. */
uint32_t gui_dim(uint32_t rgb);
void gui_fill(SDL_Renderer *r, int x, int y, int w, int h, uint32_t rgb);
/* At most max characters of s at (x, y), each pixel of the 5x7 font a scale x scale square. */
void gui_text(SDL_Renderer *r, int x, int y, int scale, uint32_t rgb, const char *s, int max);
/* One line of text from x to at most x + w pixels: at a smaller scale if it needs one. */
void gui_text_within(SDL_Renderer *r, int x, int y, int w, int scale, uint32_t rgb, const char *s);
int gui_line_h(int scale); /* a line of text, with its spacing */
int gui_char_w(int scale);
/* A timeline lane: cycles [left, left + span) across w pixels from x, h pixels from top. */
struct gui_lane {
  SDL_Renderer *r;
  int x, w, top, h, scale;
  uint64_t left, span;
};
/* The x of cycle c in the lane (may be outside it). */
int gui_lane_x(const struct gui_lane *ln, uint64_t c);
/* Paints one segment into the lane (a struct gui_lane): a process in its colour, bright in
 * user mode and dark in the kernel, idle a thin grey band. For ui_segments, ov_segments. */
void gui_lane_seg(void *lane, const struct model_seg *s);
/* The key help, in a box in the middle of a w x h window. */
void gui_help(SDL_Renderer *r, int scale, int w, int h, const char *const *lines);
/* The text scale for a w x h window: 3 on a projector-sized window, else 2. */
int gui_scale(int w, int h);

#endif
