/*
 * cons: the console's line discipline, shared by the kernels that edit typed lines (mono's
 * kernel and micro's console driver): echo, backspace, ^U, ^C and ^D, in the manner of
 * xv6's console.c.
 *
 * What it is for: turning typed bytes into lines a read can take. cons_input gets one byte
 * as the UART delivers it; echo and ^C go out through the callbacks of struct cons_ops, so
 * that the caller decides where they go (mono's kernel writes the UART and kills the
 * foreground job; micro's driver writes the UART and signals the process manager).
 * cons_read takes what is readable. What it is not for: the UART itself, waiting, or the
 * console *file* (descriptors, what a read on one means): cons_read never waits, it answers
 * -OSSIM_EAGAIN, and cons_input says when a line became readable, so that the caller wakes
 * its readers its own way.
 *
 * Editing: \r reads as \n; backspace (^H or DEL) erases the byte before the cursor and ^U
 * the whole line being edited; Left and Right move the cursor on that line (a byte typed
 * goes in at the cursor), Up and Down bring back the last CONS_HIST lines entered; ^C
 * echoes "^C\n", drops the line being edited and, with an interrupt callback, calls it and
 * interrupts a read that waits: cons_read answers it -OSSIM_EINTR, once, as a signal does
 * (so a shell at an empty prompt prompts again; a ^C while no read waits, as when the
 * shell waits for its program, interrupts no later read); ^D ends the line without
 * echo and is read as the end of the input: a read that meets it after some bytes stops
 * before it, and the next read returns 0. A byte that finds the buffer full is dropped.
 * Every other escape sequence a terminal sends (ESC [ ... or ESC O ..., as the arrow, Home
 * and function keys do) is swallowed whole, so that none reaches a program as text.
 *
 * Why line editing and history live here and not in the shell (where a Unix system puts
 * them, over a tty the shell switches to raw mode): ossim's consoles are cooked, one copy
 * of this discipline under mono, micro's console driver and uni, and no kernel has a call
 * to switch a tty to raw mode. Here, every program that reads a line (the shell, cat, a
 * lab's program) gets the same editing on every kernel, and the shell stays xv6's shell.
 *
 * The format it keeps: buf is a ring of CONS_BUF bytes with three counters that only grow
 * (wrapping at 2^32): r (read), w (written: the end of the complete lines) and e (edited):
 * buf[r..w) is readable, buf[w..e) is the line being typed. Portable C for the host and the
 * guest: no malloc, no globals, not thread-safe.
 */
#ifndef OSSIM_CONS_H
#define OSSIM_CONS_H

#include <stdbool.h>
#include <stdint.h>

#define CONS_BUF 256 /* bytes of typed input the console holds */
#define CONS_HIST 8  /* lines kept for Up and Down */
#define CONS_CTRL(x) ((x) - '@')

struct cons {
  char buf[CONS_BUF];
  uint32_t r, w, e; /* read, written (complete lines), edited */
  uint32_t cur;     /* the cursor on the line being edited: w <= cur <= e */
  uint8_t esc;      /* inside an escape sequence: 1 after ESC, 2 after ESC [ or ESC O */
  bool waiting;     /* the last cons_read found nothing: a reader waits for a line */
  bool interrupted; /* a ^C came while it waited: its next cons_read is -OSSIM_EINTR */
  /* History: hist[i % CONS_HIST] is the i-th line entered (without its newline), for
   * nhist - CONS_HIST <= i < nhist; browse is the one on the line now (nhist: none). */
  char hist[CONS_HIST][CONS_BUF];
  uint32_t nhist, browse;
};

/* What the line discipline asks of its caller. */
struct cons_ops {
  void *ctx;
  void (*echo)(void *ctx, const char *s, uint32_t n); /* bytes for the screen */
  void (*interrupt)(void *ctx);                       /* ^C was typed */
};

/* cons_input: one typed byte. Returns true when it made a line (or the end of the input)
 * readable, or interrupted a waiting read: the caller wakes its readers. */
bool cons_input(struct cons *c, uint8_t byte, const struct cons_ops *ops);

/* cons_read: up to n readable bytes into dst, stopping after a newline or before a ^D.
 * Returns the bytes taken (0 for n == 0, or at a ^D: the end of the input); -OSSIM_EAGAIN
 * when nothing is readable; -OSSIM_EINTR when a ^C interrupted the wait for it. */
int cons_read(struct cons *c, char *dst, uint32_t n);

/* cons_release: makes the line being typed readable as it is, without a newline, as a full
 * buffer does: for a caller that stops taking input before the buffer is full (mono keeps
 * a UART FIFO's worth of room), and so must not wait for a line that cannot end. Returns
 * true if that made bytes readable. */
bool cons_release(struct cons *c);

/* cons_room: bytes that can still be typed before the buffer is full. */
uint32_t cons_room(const struct cons *c);
/* cons_readable: a read would take something (a line, or the end of the input). */
bool cons_readable(const struct cons *c);
/* cons_drained: nothing readable and nothing being typed. */
bool cons_drained(const struct cons *c);

#endif
