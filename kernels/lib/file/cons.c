/* cons.c: the console's line discipline (cons.h). */
#include "cons.h"

#include "abi/errno.h"

#define ESC 0x1b

static void echo(const struct cons_ops *ops, const char *s, uint32_t n) {
  if (ops->echo) ops->echo(ops->ctx, s, n);
}

static char *at(struct cons *c, uint32_t i) { return &c->buf[i % CONS_BUF]; }

/* Redraws the line from position from to its end, then blanks more cells after it, and
 * moves the terminal's cursor back to from. */
static void redraw_from(struct cons *c, const struct cons_ops *ops, uint32_t from,
                        uint32_t blanks) {
  for (uint32_t i = from; i != c->e; i++)
    echo(ops, at(c, i), 1);
  for (uint32_t i = 0; i < blanks; i++)
    echo(ops, " ", 1);
  for (uint32_t i = from; i != c->e + blanks; i++)
    echo(ops, "\b", 1);
}

/* Moves the cursor to the end of the line being edited. */
static void cursor_to_end(struct cons *c, const struct cons_ops *ops) {
  for (; c->cur != c->e; c->cur++)
    echo(ops, at(c, c->cur), 1);
}

/* Inserts ch at the cursor; the caller has checked there is room. */
static void insert(struct cons *c, const struct cons_ops *ops, char ch) {
  for (uint32_t i = c->e; i != c->cur; i--)
    *at(c, i) = *at(c, i - 1);
  *at(c, c->cur) = ch;
  c->e++;
  echo(ops, &ch, 1);
  c->cur++;
  redraw_from(c, ops, c->cur, 0);
}

/* Erases the byte before the cursor; false when the cursor is at the line's start. */
static bool erase(struct cons *c, const struct cons_ops *ops) {
  if (c->cur == c->w) return false;
  for (uint32_t i = c->cur - 1; i != c->e - 1; i++)
    *at(c, i) = *at(c, i + 1);
  c->cur--;
  c->e--;
  echo(ops, "\b", 1);
  redraw_from(c, ops, c->cur, 1);
  return true;
}

static void erase_line(struct cons *c, const struct cons_ops *ops) {
  cursor_to_end(c, ops);
  while (erase(c, ops)) {
  }
}

/* Replaces the line being edited by the text s (as much of it as fits). */
static void replace_line(struct cons *c, const struct cons_ops *ops, const char *s) {
  erase_line(c, ops);
  for (; *s && cons_room(c) > 1; s++) /* one byte stays free, for the newline */
    insert(c, ops, *s);
}

/* Keeps the line just entered, buf[w..e-1) without its newline, for Up and Down. */
static void remember(struct cons *c) {
  uint32_t n = c->e - 1 - c->w;
  char *last = c->hist[(c->nhist - 1) % CONS_HIST];
  char line[CONS_BUF];
  for (uint32_t i = 0; i < n; i++)
    line[i] = *at(c, c->w + i);
  line[n] = '\0';
  bool same = c->nhist > 0;
  for (uint32_t i = 0; same && i <= n; i++)
    same = last[i] == line[i];
  if (n == 0 || same) return; /* blank lines and repeats are not kept */
  char *slot = c->hist[c->nhist++ % CONS_HIST];
  for (uint32_t i = 0; i <= n; i++)
    slot[i] = line[i];
}

/* The final byte of an escape sequence: the arrow keys act, the others are dropped. */
static void escape_key(struct cons *c, const struct cons_ops *ops, uint8_t key) {
  uint32_t oldest = c->nhist > CONS_HIST ? c->nhist - CONS_HIST : 0;
  switch (key) {
  case 'A': /* Up: the line entered before the one shown */
    if (c->browse > oldest) replace_line(c, ops, c->hist[--c->browse % CONS_HIST]);
    break;
  case 'B': /* Down: the one after, and an empty line after the last */
    if (c->browse < c->nhist) {
      c->browse++;
      replace_line(c, ops, c->browse == c->nhist ? "" : c->hist[c->browse % CONS_HIST]);
    }
    break;
  case 'C': /* Right */
    if (c->cur != c->e) echo(ops, at(c, c->cur++), 1);
    break;
  case 'D': /* Left */
    if (c->cur != c->w) {
      c->cur--;
      echo(ops, "\b", 1);
    }
    break;
  default: break;
  }
}

/* Takes byte if it belongs to an escape sequence; true then. */
static bool escape_byte(struct cons *c, const struct cons_ops *ops, uint8_t byte) {
  if (c->esc == 0) {
    if (byte != ESC) return false;
    c->esc = 1;
  } else if (c->esc == 1) {
    c->esc = byte == '[' || byte == 'O' ? 2 : 0; /* ESC and another key: both dropped */
  } else if (byte >= 0x40 && byte <= 0x7e) {     /* the final byte */
    c->esc = 0;
    escape_key(c, ops, byte);
  } /* else a parameter byte (digits, ';'): the sequence goes on */
  return true;
}

/* Ends the line being edited with ch (a newline or ^D), which makes it readable. */
static void end_line(struct cons *c, const struct cons_ops *ops, char ch) {
  cursor_to_end(c, ops);
  *at(c, c->e++) = ch;
  if (ch == '\n') {
    echo(ops, &ch, 1);
    remember(c);
  }
  c->w = c->cur = c->e;
  c->browse = c->nhist;
}

bool cons_input(struct cons *c, uint8_t byte, const struct cons_ops *ops) {
  if (escape_byte(c, ops, byte)) return false;
  switch (byte) {
  case CONS_CTRL('C'): {
    cursor_to_end(c, ops);
    echo(ops, "^C\n", 3);
    c->e = c->cur = c->w; /* the line typed so far is dropped */
    c->browse = c->nhist;
    if (!ops->interrupt) return false; /* nobody to stop: the line alone goes */
    ops->interrupt(ops->ctx);
    bool wakes = c->waiting;
    c->interrupted |= wakes;
    return wakes;
  }
  case CONS_CTRL('U'): erase_line(c, ops); return false;
  case CONS_CTRL('H'):
  case 0x7f: erase(c, ops); return false;
  default: {
    char ch = byte == '\r' ? '\n' : (char)byte;
    if (cons_room(c) == 0) return false; /* full: dropped */
    if (ch == '\n' || ch == CONS_CTRL('D')) {
      end_line(c, ops, ch);
      return true;
    }
    insert(c, ops, ch);
    /* Full: the line as typed becomes readable, so that a reader is never left waiting. */
    return cons_room(c) == 0 && cons_release(c);
  }
  }
}

bool cons_release(struct cons *c) {
  if (c->e == c->w) return false;
  c->w = c->cur = c->e;
  c->browse = c->nhist;
  return true;
}

int cons_read(struct cons *c, char *dst, uint32_t n) {
  if (n == 0) return 0;
  if (c->interrupted) {
    c->interrupted = c->waiting = false;
    return -OSSIM_EINTR;
  }
  c->waiting = c->r == c->w;
  if (c->waiting) return -OSSIM_EAGAIN;
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

bool cons_readable(const struct cons *c) { return c->r != c->w; }

bool cons_drained(const struct cons *c) { return c->r == c->w && c->e == c->w; }
