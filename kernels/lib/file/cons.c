/* cons.c: the console's line discipline (cons.h). */
#include "cons.h"

#include "abi/errno.h"

static void echo(const struct cons_ops *ops, const char *s, uint32_t n) {
  if (ops->echo) ops->echo(ops->ctx, s, n);
}

/* Erases the last byte of the line being edited; false when the line is empty. */
static bool erase(struct cons *c, const struct cons_ops *ops) {
  if (c->e == c->w) return false;
  c->e--;
  echo(ops, "\b \b", 3);
  return true;
}

bool cons_input(struct cons *c, uint8_t byte, const struct cons_ops *ops) {
  switch (byte) {
  case CONS_CTRL('C'):
    echo(ops, "^C\n", 3);
    if (ops->interrupt) ops->interrupt(ops->ctx);
    return false;
  case CONS_CTRL('U'):
    while (c->buf[(c->e - 1) % CONS_BUF] != '\n' && erase(c, ops)) {
    }
    return false;
  case CONS_CTRL('H'):
  case 0x7f: erase(c, ops); return false;
  default: {
    char ch = byte == '\r' ? '\n' : (char)byte;
    if (cons_room(c) == 0) return false; /* full: dropped */
    c->buf[c->e++ % CONS_BUF] = ch;
    if (ch != CONS_CTRL('D')) echo(ops, &ch, 1);
    if (ch != '\n' && ch != CONS_CTRL('D') && cons_room(c) > 0) return false;
    c->w = c->e;
    return true;
  }
  }
}

int cons_read(struct cons *c, char *dst, uint32_t n) {
  if (n == 0) return 0;
  if (c->r == c->w) return -OSSIM_EAGAIN;
  uint32_t got = 0;
  while (got < n && c->r != c->w) {
    char ch = c->buf[c->r++ % CONS_BUF];
    if (ch == CONS_CTRL('D')) {
      if (got) c->r--; /* kept for the next read, which returns 0 */
      break;
    }
    dst[got++] = ch;
    if (ch == '\n') break;
  }
  return (int)got;
}

uint32_t cons_room(const struct cons *c) { return CONS_BUF - (c->e - c->r); }

bool cons_drained(const struct cons *c) { return c->r == c->w && c->e == c->w; }
