/*
 * The window's drawing (visualizer/gui.c), checked pixel by pixel: the synthetic sequence
 * (vizdata.h) is drawn with SDL's software renderer into a surface, no window needed.
 * Not a test_*.c: it is built only when SDL2 is (tests/CMakeLists.txt).
 */
#include <SDL.h>
#include <check.h>
#include <stdlib.h>

#include "gui.h"
#include "runner.h"
#include "vizdata.h"

#define W 1280
#define H 800

static void feed(void *ctx, const struct ev_record *r) { model_feed(ctx, r); }

struct canvas {
  SDL_Surface *s;
  SDL_Renderer *r;
  struct model *m;
  struct vcon con;
  struct ui_view v;
  struct gui_layout l;
};

/* The sequence drawn with the whole of it, cycles 0 to VIZ_END, across the timeline. */
static struct canvas *draw(int mx, int my) {
  struct canvas *c = calloc(1, sizeof *c);
  c->s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
  ck_assert_ptr_nonnull(c->s);
  c->r = SDL_CreateSoftwareRenderer(c->s);
  ck_assert_ptr_nonnull(c->r);
  c->m = malloc(sizeof *c->m);
  model_init(c->m);
  vizdata_feed(feed, c->m);
  vcon_init(&c->con);
  c->v = (struct ui_view){
      .m = c->m, .con = &c->con, .follow = false, .right = VIZ_END, .span = VIZ_END};
  gui_render(c->r, W, H, &c->v, mx, my);
  SDL_RenderPresent(c->r);
  gui_layout(W, H, c->m->nharts, &c->l);
  return c;
}

static void done(struct canvas *c) {
  SDL_DestroyRenderer(c->r);
  SDL_FreeSurface(c->s);
  free(c->m);
  free(c);
}

static uint32_t pixel(const struct canvas *c, int x, int y) {
  ck_assert(x >= 0 && x < W && y >= 0 && y < H);
  const uint32_t *row = (const uint32_t *)((const uint8_t *)c->s->pixels + y * c->s->pitch);
  return row[x] & 0xffffff;
}

/* The colour at cycle `cycle` in the middle of lane `hart`, a little off its top. */
static uint32_t at(const struct canvas *c, unsigned hart, uint64_t cycle) {
  return pixel(c, gui_x(&c->l, &c->v, cycle), gui_lane_mid(&c->l, hart) - c->l.lane_h / 2 + 2);
}

START_TEST(processes_in_their_colour_in_the_right_lane_and_place) {
  struct canvas *c = draw(-1, -1);
  uint32_t init = ui_colour(1), sh = ui_colour(2);
  ck_assert_uint_ne(init, sh);
  /* init on hart 0: user 1000-2000, kernel (darker) 2000-3000, user to 5000, idle, user 8000-. */
  ck_assert_uint_eq(at(c, 0, 1500), init);
  ck_assert_uint_eq(at(c, 0, 2500), (init >> 1) & 0x7f7f7f);
  ck_assert_uint_eq(at(c, 0, 4200), init);
  ck_assert_uint_ne(at(c, 0, 6500), init); /* idle: no process colour */
  ck_assert_uint_ne(at(c, 0, 500), init);
  ck_assert_uint_eq(at(c, 0, 9000), init);
  /* sh on hart 1 from 1000 on; never on hart 0, init never on hart 1. */
  ck_assert_uint_eq(at(c, 1, 1500), sh);
  ck_assert_uint_eq(at(c, 1, 6500), sh);
  ck_assert_uint_ne(at(c, 1, 500), sh);
  for (uint64_t cyc = 1100; cyc < VIZ_END; cyc += 300) {
    ck_assert_uint_ne(at(c, 0, cyc), sh);
    ck_assert_uint_ne(at(c, 1, cyc), init);
  }
  done(c);
}
END_TEST

/* The message init sent at 4000 and sh received at 6000: an arrow from lane 0 to lane 1. */
START_TEST(ipc_arrow_goes_between_the_right_lanes) {
  struct canvas *c = draw(-1, -1);
  int x0 = gui_x(&c->l, &c->v, 4000), x1 = gui_x(&c->l, &c->v, 6000);
  int y0 = gui_lane_mid(&c->l, 0), y1 = gui_lane_mid(&c->l, 1);
  /* Points along the line, between the lanes too, are the arrow's colour. */
  for (int k = 1; k < 8; k++) {
    int x = x0 + (x1 - x0) * k / 8, y = y0 + (y1 - y0) * k / 8;
    ck_assert_msg(pixel(c, x, y) == GUI_ARROW || pixel(c, x + 1, y) == GUI_ARROW ||
                      pixel(c, x - 1, y) == GUI_ARROW,
                  "no arrow at %d,%d", x, y);
  }
  /* And no arrow where no message went: lane 0 at the same height, further right. */
  ck_assert_uint_ne(pixel(c, gui_x(&c->l, &c->v, 9000), (y0 + y1) / 2), GUI_ARROW);
  done(c);
}
END_TEST

/* The mouse over the arrow shows its label and size: text pixels appear near it. */
START_TEST(hovering_an_arrow_shows_a_label) {
  struct canvas *plain = draw(-1, -1);
  int mx = (gui_x(&plain->l, &plain->v, 4000) + gui_x(&plain->l, &plain->v, 6000)) / 2;
  int my = (gui_lane_mid(&plain->l, 0) + gui_lane_mid(&plain->l, 1)) / 2;
  struct canvas *hover = draw(mx, my);
  unsigned differ = 0;
  for (int y = my + 8; y < my + 30; y++)
    for (int x = mx + 8; x < mx + 200; x++)
      differ += pixel(plain, x, y) != pixel(hover, x, y);
  ck_assert_uint_gt(differ, 100);
  done(plain);
  done(hover);
}
END_TEST

int main(void) {
  Suite *s = suite_create("gui");
  TCase *tc = tcase_create("pixels");
  tcase_add_test(tc, processes_in_their_colour_in_the_right_lane_and_place);
  tcase_add_test(tc, ipc_arrow_goes_between_the_right_lanes);
  tcase_add_test(tc, hovering_an_arrow_shows_a_label);
  suite_add_tcase(s, tc);
  return test_run(s);
}
