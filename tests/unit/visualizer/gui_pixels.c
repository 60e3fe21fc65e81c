/*
 * The window's drawing (visualizer/gui.c), checked pixel by pixel: the synthetic sequence
 * (vizdata.h) is drawn with SDL's software renderer into a surface, no window needed. And
 * `ossim compare --viz`'s picture (visualizer/cmpview_gui.c) of three made-up runs.
 * Not a test_*.c: it is built only when SDL2 is (tests/CMakeLists.txt).
 */
#include <SDL.h>
#include <check.h>
#include <stdlib.h>

#include "cmpview_gui.h"
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

static uint32_t surface_pixel(const SDL_Surface *s, int x, int y) {
  ck_assert(x >= 0 && x < W && y >= 0 && y < H);
  const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + y * s->pitch);
  return row[x] & 0xffffff;
}

static uint32_t pixel(const struct canvas *c, int x, int y) { return surface_pixel(c->s, x, y); }

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

/* The pixels that differ between two canvases below and right of the mouse at (mx, my):
 * where a hover's text goes. Frees both. */
static unsigned hover_pixels(struct canvas *plain, struct canvas *hover, int mx, int my) {
  unsigned differ = 0;
  for (int y = my + 8; y < my + 30; y++)
    for (int x = mx + 8; x < mx + 200; x++)
      differ += pixel(plain, x, y) != pixel(hover, x, y);
  done(plain);
  done(hover);
  return differ;
}

/* The mouse over the arrow shows its label and size: text pixels appear near it. */
START_TEST(hovering_an_arrow_shows_a_label) {
  struct canvas *plain = draw(-1, -1);
  int mx = (gui_x(&plain->l, &plain->v, 4000) + gui_x(&plain->l, &plain->v, 6000)) / 2;
  int my = (gui_lane_mid(&plain->l, 0) + gui_lane_mid(&plain->l, 1)) / 2;
  ck_assert_uint_gt(hover_pixels(plain, draw(mx, my), mx, my), 100);
}
END_TEST

/* Three runs: alpha (1 hart; pid 1 in user mode for 0-5000, then idle to 10000), beta
 * (2 harts to 40000: pid 2 in user mode on hart 0 all along, pid 3 in the kernel on hart 1
 * from 10000 to 20000) and gamma, which could not run. Row 0 "cycles" is 1000, 4000, 500;
 * row 1 "calls" is 30 and 0, and gamma has none. */
struct cmp_canvas {
  SDL_Surface *s;
  struct cmpview cv;
  struct overview ov[2];
  struct cmpview_gui_layout l;
};

static void seg(struct overview *o, unsigned h, uint64_t start, uint64_t end, uint32_t pid,
                uint8_t mode) {
  struct model_seg s = {start, end, pid, mode};
  ov_on_seg(o, h, &s);
}

static struct cmp_canvas *draw_compare(void) {
  struct cmp_canvas *c = calloc(1, sizeof *c);
  ov_init(&c->ov[0]);
  ov_init(&c->ov[1]);
  seg(&c->ov[0], 0, 0, 5000, 1, MODEL_USER);
  seg(&c->ov[0], 0, 5000, 10000, 0, MODEL_IDLE);
  seg(&c->ov[1], 0, 0, 40000, 2, MODEL_USER);
  seg(&c->ov[1], 1, 0, 10000, 0, MODEL_IDLE);
  seg(&c->ov[1], 1, 10000, 20000, 3, MODEL_KERNEL);
  struct cmpview *cv = &c->cv;
  cv->title = "compare test";
  cv->nruns = 3;
  cv->nrows = 2;
  cv->runs[0] = (struct cmpview_run){"alpha", true, NULL, NULL, &c->ov[0]};
  cv->runs[1] = (struct cmpview_run){"beta", true, NULL, NULL, &c->ov[1]};
  cv->runs[2] = (struct cmpview_run){"gamma", false, "cannot", NULL, NULL};
  cv->rows[0] = (struct cmpview_row){
      "cycles", {1000, 4000, 500}, {true, true, true}, {"1.00", "4.00", "0.50"}};
  cv->rows[1] =
      (struct cmpview_row){"calls", {30, 0, 0}, {true, true, false}, {"1.00", "0.00", "n/a"}};
  c->s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
  SDL_Renderer *r = SDL_CreateSoftwareRenderer(c->s);
  ck_assert_ptr_nonnull(r);
  cmpview_gui_render(r, W, H, cv);
  SDL_RenderPresent(r);
  SDL_DestroyRenderer(r);
  cmpview_gui_layout(W, H, cv, &c->l);
  return c;
}

/* The length of run k's bar in row `row`: its colour's pixels from the column's left. */
static int bar_length(const struct cmp_canvas *c, unsigned row, unsigned k) {
  int y = c->l.rows_y + (int)row * c->l.lh + c->l.lh / 2, n = 0;
  while (surface_pixel(c->s, c->l.col_x[k] + n, y) == cmpview_colour(k))
    n++;
  return n;
}

START_TEST(compare_bars_follow_the_ratios) {
  struct cmp_canvas *c = draw_compare();
  int alpha = bar_length(c, 0, 0), beta = bar_length(c, 0, 1), gamma = bar_length(c, 0, 2);
  ck_assert_int_ge(beta, c->l.bar_max - 1); /* the row's largest fills the column */
  ck_assert_int_gt(beta, 100);
  ck_assert_int_le(abs(alpha * 4 - beta), 4); /* 1000 : 4000 */
  ck_assert_int_le(abs(gamma * 8 - beta), 8); /* 500 : 4000 */
  ck_assert_int_ge(bar_length(c, 1, 0), c->l.bar_max - 1);
  ck_assert_int_eq(bar_length(c, 1, 1), 0); /* a figure of 0: no bar */
  ck_assert_int_eq(bar_length(c, 1, 2), 0); /* no figure: no bar */
  SDL_FreeSurface(c->s);
  free(c);
}
END_TEST

/* The colour at cycle `cycle` near the top of hart h's lane of run k (one axis for all). */
static uint32_t lane_at(const struct cmp_canvas *c, unsigned k, unsigned h, uint64_t cycle) {
  int x = c->l.tl_x + (int)(cycle * (uint64_t)c->l.tl_w / cmpview_end(&c->cv));
  return surface_pixel(c->s, x, cmpview_gui_lane_top(&c->l, &c->cv, k, h) + 2);
}

START_TEST(compare_lanes_per_kernel_on_one_cycle_axis) {
  struct cmp_canvas *c = draw_compare();
  ck_assert_uint_eq(cmpview_end(&c->cv), 40000);
  ck_assert_uint_eq(cmpview_lanes(&c->cv, 0), 1);
  ck_assert_uint_eq(cmpview_lanes(&c->cv, 1), 2);
  ck_assert_uint_eq(cmpview_lanes(&c->cv, 2), 1);
  int tops[4] = {
      cmpview_gui_lane_top(&c->l, &c->cv, 0, 0), cmpview_gui_lane_top(&c->l, &c->cv, 1, 0),
      cmpview_gui_lane_top(&c->l, &c->cv, 1, 1), cmpview_gui_lane_top(&c->l, &c->cv, 2, 0)};
  for (int i = 1; i < 4; i++)
    ck_assert_int_ge(tops[i] - tops[i - 1], c->l.lane_h); /* one under the other */
  ck_assert_int_le(tops[3] + c->l.lane_h, H);
  ck_assert_uint_eq(lane_at(c, 0, 0, 2500), ui_colour(1));
  ck_assert_uint_eq(lane_at(c, 0, 0, 30000), GUI_PANEL); /* alpha had ended by then */
  ck_assert_uint_eq(lane_at(c, 1, 0, 2500), ui_colour(2));
  ck_assert_uint_eq(lane_at(c, 1, 0, 30000), ui_colour(2));                   /* beta runs on */
  ck_assert_uint_eq(lane_at(c, 1, 1, 15000), (ui_colour(3) >> 1) & 0x7f7f7f); /* kernel */
  ck_assert_uint_ne(lane_at(c, 1, 1, 5000), ui_colour(3));
  ck_assert_uint_ne(lane_at(c, 2, 0, 2500), ui_colour(1)); /* gamma did not run */
  SDL_FreeSurface(c->s);
  free(c);
}
END_TEST

/* One hart, two processes taking turns, a message from the first to the second: with a
 * lane per process (the l key) the arrow crosses from init's lane to sh's. */
static struct canvas *draw_one_hart(bool by_process, int mx, int my) {
  struct canvas *c = calloc(1, sizeof *c);
  c->s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
  c->r = SDL_CreateSoftwareRenderer(c->s);
  c->m = malloc(sizeof *c->m);
  model_init(c->m);
  struct ev_record rs[] = {
      vizdata_name_rec(0, EV_PROC_NAME, 1, "init"),
      vizdata_name_rec(0, EV_PROC_NAME, 2, "sh"),
      vizdata_rec(1000, 0, EV_SCHED_SWITCH, 1, 0, 0, 0),
      vizdata_rec(3000, 0, EV_IPC_SEND, 1, 2, 7, 16),
      vizdata_rec(4000, 0, EV_SCHED_SWITCH, 2, 1, 0, 0),
      vizdata_rec(5000, 0, EV_IPC_RECV, 2, 1, 7, 16),
      vizdata_rec(VIZ_END, 0, EV_SCHED_SWITCH, 0, 2, 0, 0),
  };
  for (unsigned i = 0; i < sizeof rs / sizeof rs[0]; i++)
    model_feed(c->m, &rs[i]);
  vcon_init(&c->con);
  c->v = (struct ui_view){.m = c->m,
                          .con = &c->con,
                          .follow = false,
                          .right = VIZ_END,
                          .span = VIZ_END,
                          .by_process = by_process};
  gui_render(c->r, W, H, &c->v, mx, my);
  SDL_RenderPresent(c->r);
  gui_layout_lanes(W, H, by_process ? 2 : 1, by_process, &c->l);
  return c;
}

START_TEST(a_lane_per_process_puts_ipc_across_lanes_on_one_hart) {
  struct canvas *c = draw_one_hart(true, -1, -1);
  struct gui_lanes lanes;
  gui_lanes_of(&c->v, &lanes);
  ck_assert_uint_eq(lanes.n, 2);
  ck_assert_uint_eq(lanes.pid[0], 1);
  ck_assert_uint_eq(lanes.pid[1], 2);
  ck_assert_uint_eq(at(c, 0, 2000), ui_colour(1)); /* init in its lane while it runs */
  ck_assert_uint_ne(at(c, 0, 6000), ui_colour(2)); /* sh never in init's lane */
  ck_assert_uint_eq(at(c, 1, 6000), ui_colour(2));
  ck_assert_uint_ne(at(c, 1, 2000), ui_colour(1));
  /* The arrow's middle is between the two lanes. */
  int x = (gui_x(&c->l, &c->v, 3000) + gui_x(&c->l, &c->v, 5000)) / 2;
  int y = (gui_lane_mid(&c->l, 0) + gui_lane_mid(&c->l, 1)) / 2;
  ck_assert(pixel(c, x, y) == GUI_ARROW || pixel(c, x + 1, y) == GUI_ARROW ||
            pixel(c, x - 1, y) == GUI_ARROW);
  done(c);
}
END_TEST

/* The mouse over a lane names who ran there: text appears by the mouse. */
START_TEST(hovering_a_lane_names_the_process) {
  struct canvas *plain = draw_one_hart(false, -1, -1);
  int mx = gui_x(&plain->l, &plain->v, 2000), my = gui_lane_mid(&plain->l, 0);
  ck_assert_uint_gt(hover_pixels(plain, draw_one_hart(false, mx, my), mx, my), 100);
}
END_TEST

/* The window fits the screen it opens on: centred, never off it, never above the size it
 * likes, and the whole display when that is smaller than the least it likes. */
START_TEST(the_window_is_placed_inside_the_display) {
  SDL_Rect small = gui_place_window((SDL_Rect){0, 0, 1280, 720});
  ck_assert_int_le(small.w, 1280);
  ck_assert_int_le(small.h, 720);
  ck_assert_int_ge(small.x, 0);
  ck_assert_int_ge(small.y, 0);
  ck_assert_int_le(small.x + small.w, 1280);
  ck_assert_int_le(small.y + small.h, 720);
  SDL_Rect big = gui_place_window((SDL_Rect){1920, 24, 2560, 1416}); /* a second screen */
  ck_assert_int_eq(big.w, GUI_WIN_W);
  ck_assert_int_eq(big.h, GUI_WIN_H);
  ck_assert_int_eq(big.x, 1920 + (2560 - GUI_WIN_W) / 2);
  ck_assert_int_eq(big.y, 24 + (1416 - GUI_WIN_H) / 2);
  SDL_Rect tiny = gui_place_window((SDL_Rect){0, 0, 600, 380});
  ck_assert_int_eq(tiny.x, 0);
  ck_assert_int_eq(tiny.w, 600);
  ck_assert_int_eq(tiny.h, 380);
  SDL_Rect unknown = gui_place_window((SDL_Rect){0, 0, 0, 0});
  ck_assert_int_eq(unknown.w, GUI_WIN_W);
}
END_TEST

/* No process is drawn in the text's white, nor too dark to see on the background. */
START_TEST(process_colours_are_neither_white_nor_dark) {
  for (uint32_t pid = 1; pid <= UI_COLOURS; pid++) {
    uint32_t c = ui_colour(pid), lo = 0xff, hi = 0;
    for (int shift = 0; shift < 24; shift += 8) {
      uint32_t ch = c >> shift & 0xff;
      lo = ch < lo ? ch : lo;
      hi = ch > hi ? ch : hi;
    }
    ck_assert_msg(hi - lo >= 0x60, "pid %u: %06x is near grey or white", pid, c);
    ck_assert_msg(hi >= 0xa0, "pid %u: %06x is too dark", pid, c);
  }
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("gui");
  TCase *tc = tcase_create("pixels");
  tcase_add_test(tc, processes_in_their_colour_in_the_right_lane_and_place);
  tcase_add_test(tc, ipc_arrow_goes_between_the_right_lanes);
  tcase_add_test(tc, hovering_an_arrow_shows_a_label);
  tcase_add_test(tc, compare_bars_follow_the_ratios);
  tcase_add_test(tc, compare_lanes_per_kernel_on_one_cycle_axis);
  tcase_add_test(tc, the_window_is_placed_inside_the_display);
  tcase_add_test(tc, a_lane_per_process_puts_ipc_across_lanes_on_one_hart);
  tcase_add_test(tc, hovering_a_lane_names_the_process);
  tcase_add_test(tc, process_colours_are_neither_white_nor_dark);
  suite_add_tcase(s, tc);
  return s;
}
