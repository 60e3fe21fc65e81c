#include "tui_kit.h"

#include <curses.h>

#include "ui.h"

int tui_colour_pair(unsigned index) { return 1 + (int)(index % TUI_NCOLOURS); }

int tui_pid_pair(uint32_t pid) { return tui_colour_pair(ui_colour_index(pid)); }

void tui_strip_paint(void *strip, const struct model_seg *s) {
  const struct tui_strip *st = strip;
  if (s->end <= st->left) return;
  uint64_t a = s->start > st->left ? s->start - st->left : 0, b = s->end - st->left;
  int x0 = (int)(a * (uint64_t)st->width / st->span),
      x1 = (int)(b * (uint64_t)st->width / st->span);
  if (x1 >= st->width) x1 = st->width - 1;
  if (x1 < x0) x1 = x0;
  for (int x = x0; x <= x1 && x < st->width; x++) {
    if (s->mode == MODEL_IDLE) {
      if ((mvinch(st->y, st->x + x) & A_CHARTEXT) != ' ') continue;
      mvaddch(st->y, st->x + x, '.');
    } else {
      chtype c = s->mode == MODEL_KERNEL ? '^' : ' ';
      mvaddch(st->y, st->x + x, c | COLOR_PAIR(tui_pid_pair(s->pid)) | A_REVERSE);
    }
  }
}

void tui_strip_initial(void *strip, const struct model_seg *s) {
  const struct tui_strip *st = strip;
  if (s->mode != MODEL_USER || s->start < st->left || !st->m) return;
  int x = (int)((s->start - st->left) * (uint64_t)st->width / st->span);
  const struct model_proc *p = model_proc(st->m, s->pid);
  if (x < st->width && p && p->name[0])
    mvaddch(st->y, st->x + x,
            (chtype)(unsigned char)p->name[0] | COLOR_PAIR(tui_pid_pair(s->pid)) | A_REVERSE);
}

void tui_help(const char *const *lines) {
  int w = 60, h = 0;
  while (lines[h])
    h++;
  int y = (LINES - h - 2) / 2, x = (COLS - w) / 2;
  if (y < 0 || x < 0) return;
  for (int i = 0; i < h + 2; i++)
    mvprintw(y + i, x, "%*s", w, "");
  attron(A_BOLD);
  mvprintw(y, x + 2, "Keys");
  attroff(A_BOLD);
  for (int i = 0; i < h; i++)
    mvprintw(y + 1 + i, x + 2, "%s", lines[i]);
}
