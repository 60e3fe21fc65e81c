/*
 * A screenshot of the window (visualizer/gui.c) at the sizes a class projects: a real SDL
 * window (the dummy video driver: no display needed) at 1280x720 and 1920x1080, drawn by
 * gui_render_drawn, its pixels read back. Every panel's title must be there, glyph by glyph
 * of the bitmap font, and every title, column heading and line of every panel whole: none
 * cut by a panel too narrow for it. Not a test_*.c: it is built only when SDL2 is.
 */
#include <SDL.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"
#include "gui.h"
#include "runner.h"
#include "vizdata.h"

static void feed_model(void *ctx, const struct ev_record *r) { model_feed(ctx, r); }

static void feed(struct model *m, struct ev_record r) { model_feed(m, &r); }

/* The synthetic sequence, and what makes lines long: a process with a name of twelve
 * letters that ran a long time, and a module of the longest name a kernel can send. */
static struct model *busy(void) {
  struct model *m = malloc(sizeof *m);
  model_init(m);
  vizdata_feed(feed_model, m);
  feed(m, vizdata_rec(VIZ_END, 0, EV_PROC_CREATE, 9999, 1, 0, 0));
  feed(m, vizdata_name_rec(VIZ_END, EV_PROC_NAME, 9999, "longestname1"));
  feed(m, vizdata_rec(VIZ_END, 0, EV_PROC_SCHED, 9999, 120, 10000, 0));
  feed(m, vizdata_name_rec(VIZ_END, EV_MODULE_LOAD, 123456, "sched_lottery"));
  feed(m, vizdata_rec(VIZ_END + 1, 1, EV_SCHED_SWITCH, 9999, 2, 0, 0));
  feed(m, vizdata_rec(VIZ_END + 4000000000u, 1, EV_SCHED_SWITCH, 0, 9999, 0, 0));
  return m;
}

struct shot {
  SDL_Window *win;
  SDL_Renderer *r;
  int w, h;
  uint32_t *pixels;
  struct gui_drawn drawn;
};

static void take(struct shot *s, int w, int h) {
  ck_assert_int_eq(SDL_Init(SDL_INIT_VIDEO), 0);
  s->win = SDL_CreateWindow("ossim", 0, 0, w, h, 0);
  ck_assert_msg(s->win != NULL, "%s", SDL_GetError());
  s->r = SDL_CreateRenderer(s->win, -1, SDL_RENDERER_SOFTWARE);
  ck_assert_msg(s->r != NULL, "%s", SDL_GetError());
  SDL_GetRendererOutputSize(s->r, &s->w, &s->h);
  ck_assert_int_eq(s->w, w);
  ck_assert_int_eq(s->h, h);
  struct model *m = busy();
  struct vcon con;
  vcon_init(&con);
  struct ui_view v = {.m = m, .con = &con, .follow = true, .span = 20000000};
  gui_render_drawn(s->r, w, h, &v, -1, -1, &s->drawn);
  s->pixels = malloc((size_t)w * (size_t)h * 4);
  ck_assert_int_eq(SDL_RenderReadPixels(s->r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, w * 4), 0);
  free(m);
}

static void release(struct shot *s) {
  free(s->pixels);
  SDL_DestroyRenderer(s->r);
  SDL_DestroyWindow(s->win);
  SDL_Quit();
}

static uint32_t pixel(const struct shot *s, int x, int y) {
  ck_assert(x >= 0 && x < s->w && y >= 0 && y < s->h);
  return s->pixels[(size_t)y * (size_t)s->w + (size_t)x] & 0xffffff;
}

/* The title of panel p is on screen as the font draws it: every pixel of every glyph in
 * the title colour, every pixel between them not. */
static void check_title(const struct shot *s, enum ui_panel p) {
  const struct gui_panel_drawn *d = &s->drawn.panels[p];
  ck_assert_str_eq(d->title, ui_panel_title(p));
  ck_assert_msg(d->title_y > 0, "%s: no room for the panel at %dx%d", d->title, s->w, s->h);
  ck_assert_msg(d->whole, "%s: something cut at %dx%d (scale %d)", d->title, s->w, s->h, d->scale);
  ck_assert_int_le(d->x + d->w, s->w);
  ck_assert_int_le(d->y + d->h, s->h);
  for (unsigned i = 0; d->title[i]; i++) {
    const uint8_t *glyph = font_glyphs[(unsigned char)d->title[i] - 32];
    for (int row = 0; row < FONT_H; row++)
      for (int col = 0; col < FONT_W; col++) {
        int x = d->title_x + (int)i * gui_char_w(d->scale) + col * d->scale,
            y = d->title_y + row * d->scale;
        bool ink = glyph[row] & (0x10 >> col);
        ck_assert_msg((pixel(s, x, y) == GUI_FLASH) == ink, "%s: '%c' wrong at %d,%d", d->title,
                      d->title[i], x, y);
      }
  }
}

static void check_all(int w, int h) {
  struct shot s;
  take(&s, w, h);
  for (enum ui_panel p = 0; p < UI_NPANELS; p++)
    check_title(&s, p);
  ck_assert_uint_gt(s.drawn.panels[UI_PROCS].lines, 3); /* init, sh, fs, longestname1 */
  release(&s);
}

START_TEST(every_heading_whole_at_1280x720) { check_all(1280, 720); }
END_TEST

START_TEST(every_heading_whole_at_1920x1080) { check_all(1920, 1080); }
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("gui_screenshot");
  TCase *tc = tcase_create("window");
  tcase_add_test(tc, every_heading_whole_at_1280x720);
  tcase_add_test(tc, every_heading_whole_at_1920x1080);
  suite_add_tcase(s, tc);
  return s;
}
