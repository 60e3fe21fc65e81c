#include "vcon.h"

#include <string.h>

void vcon_init(struct vcon *c) {
  memset(c, 0, sizeof *c);
  c->nlines = 1;
}

static char *current(struct vcon *c) { return c->lines[(c->nlines - 1) % VCON_LINES]; }

static void newline(struct vcon *c) {
  c->nlines++;
  memset(current(c), 0, VCON_COLS + 1);
  c->col = 0;
}

/* Skips an escape sequence: ESC then one byte, or ESC [ parameters and a final letter. */
static void in_escape(struct vcon *c, uint8_t byte) {
  if (c->esc == 1)
    c->esc = byte == '[' ? 2 : 0;
  else if (c->esc == 2 && byte >= 0x40 && byte <= 0x7e)
    c->esc = 0;
}

void vcon_put(struct vcon *c, uint8_t byte) {
  if (c->esc) {
    in_escape(c, byte);
    return;
  }
  char *line = current(c);
  switch (byte) {
  case '\n': newline(c); return;
  case '\r': c->col = 0; return;
  case '\b':
    if (c->col) c->col--;
    return;
  case 0x1b: c->esc = 1; return;
  case '\t': byte = ' '; break;
  default:
    if (byte < 0x20 || byte >= 0x7f) return;
  }
  if (c->col == VCON_COLS) {
    newline(c);
    line = current(c);
  }
  size_t len = strlen(line);
  while (len < c->col)
    line[len++] = ' ';
  line[c->col++] = (char)byte;
}

const char *vcon_line(const struct vcon *c, unsigned back) {
  if (back >= c->nlines || back >= VCON_LINES) return NULL;
  return c->lines[(c->nlines - 1 - back) % VCON_LINES];
}
