#include "gui_kit.h"

#include <string.h>

#include "font.h"
#include "ui.h"

void gui_colour(SDL_Renderer *r, uint32_t rgb) {
  SDL_SetRenderDrawColor(r, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255);
}

/* A colour at half brightness: the kernel-mode shade of a process. */
uint32_t gui_darker(uint32_t rgb) { return (rgb >> 1) & 0x7f7f7f; }

uint32_t gui_dim(uint32_t rgb) {
  uint32_t out = 0;
  for (int shift = 0; shift < 24; shift += 8)
    out |= ((rgb >> shift & 0xff) * 5 / 8) << shift;
  return out;
}

void gui_fill(SDL_Renderer *r, int x, int y, int w, int h, uint32_t rgb) {
  gui_colour(r, rgb);
  SDL_RenderFillRect(r, &(SDL_Rect){x, y, w, h});
}

void gui_text(SDL_Renderer *r, int x, int y, int scale, uint32_t rgb, const char *s, int max) {
  gui_colour(r, rgb);
  for (; *s && max-- > 0; s++, x += (FONT_W + 1) * scale) {
    unsigned c = (unsigned char)*s;
    if (c < 32 || c > 126) continue;
    for (int row = 0; row < FONT_H; row++)
      for (int col = 0; col < FONT_W; col++)
        if (font_glyphs[c - 32][row] & (0x10 >> col))
          SDL_RenderFillRect(r, &(SDL_Rect){x + col * scale, y + row * scale, scale, scale});
  }
}

void gui_text_within(SDL_Renderer *r, int x, int y, int w, int scale, uint32_t rgb, const char *s) {
  while (scale > 1 && (int)strlen(s) * gui_char_w(scale) > w)
    scale--;
  gui_text(r, x, y, scale, rgb, s, 1 << 20);
}

int gui_line_h(int scale) { return (FONT_ASCENT + 3) * scale; } /* descenders in the gap */
int gui_char_w(int scale) { return (FONT_W + 1) * scale; }

int gui_scale(int w, int h) { return h >= 1000 && w >= 1900 ? 3 : 2; }

int gui_lane_x(const struct gui_lane *ln, uint64_t c) {
  int64_t d = (int64_t)c - (int64_t)ln->left;
  return ln->x + (int)(d * ln->w / (int64_t)ln->span);
}

void gui_lane_seg(void *lane, const struct model_seg *s) {
  const struct gui_lane *ln = lane;
  int x0 = gui_lane_x(ln, s->start), x1 = gui_lane_x(ln, s->end);
  if (x0 < ln->x) x0 = ln->x;
  if (x1 > ln->x + ln->w) x1 = ln->x + ln->w;
  if (x1 <= x0) x1 = x0 + 1; /* a short stretch still shows */
  if (s->mode == MODEL_IDLE)
    gui_fill(ln->r, x0, ln->top + ln->h / 2 - ln->scale, x1 - x0, 2 * ln->scale, GUI_IDLE);
  else
    gui_fill(ln->r, x0, ln->top, x1 - x0, ln->h,
             s->mode == MODEL_KERNEL ? gui_darker(ui_colour(s->pid)) : ui_colour(s->pid));
}

void gui_help(SDL_Renderer *r, int scale, int w, int h, const char *const *lines) {
  int n = 0;
  while (lines[n])
    n++;
  int bw = 60 * gui_char_w(scale), bh = (n + 2) * gui_line_h(scale);
  int x = (w - bw) / 2, y = (h - bh) / 2;
  gui_fill(r, x, y, bw, bh, 0x000000);
  gui_text(r, x + 8, y + 4, scale, GUI_FLASH, "Keys", 1 << 20);
  for (int i = 0; i < n; i++)
    gui_text(r, x + 8, y + 4 + (i + 1) * gui_line_h(scale), scale, GUI_FG, lines[i], 1 << 20);
}
