#include "term.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/*
 * The saved terminal settings are the one piece of process-wide state in ossim: a signal
 * handler, which gets no argument, must be able to restore them.
 */
static struct termios saved_termios;
static volatile sig_atomic_t termios_saved;

static void restore_termios(void) {
  if (termios_saved) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
    termios_saved = 0;
  }
}

static void on_fatal_signal(int sig) {
  restore_termios();
  signal(sig, SIG_DFL);
  raise(sig);
}

int term_open(struct term *t) {
  *t = (struct term){0};
  /* Guest output is written in slices (term_flush), not byte by byte. */
  setvbuf(stdout, NULL, _IOFBF, 1 << 16);
  if (!isatty(STDIN_FILENO)) return 0;
  t->is_tty = true;
  /* Raw mode only for a person at a terminal; with output redirected (a test harness run
   * from a shell), the terminal is only polled, never reconfigured. */
  if (!isatty(STDOUT_FILENO)) return 0;
  if (tcgetattr(STDIN_FILENO, &saved_termios) < 0) return -1;
  struct termios raw = saved_termios;
  raw.c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  raw.c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  raw.c_cflag |= CS8;
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  termios_saved = 1;
  atexit(restore_termios);
  const int sigs[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS};
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
    signal(sigs[i], on_fatal_signal);
  if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) < 0) {
    restore_termios();
    return -1;
  }
  t->raw = true;
  return 0;
}

void term_close(struct term *t) {
  term_flush(t);
  if (t->raw) restore_termios();
  t->raw = false;
}

void term_flush(struct term *t) {
  (void)t;
  fflush(stdout);
}

void term_rest(struct term *t) {
  if (!t->is_tty || t->quit) return;
  struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
  poll(&p, 1, 10);
}

static void term_put(void *ctx, uint8_t byte) {
  struct term *t = ctx;
  /* In raw mode the terminal no longer turns \n into \r\n. */
  if (t->raw && byte == '\n') putchar('\r');
  putchar(byte);
}

/* One byte from standard input: without waiting on a terminal, waiting on a pipe or file. */
static int read_byte(struct term *t) {
  if (t->is_tty) {
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    if (poll(&p, 1, 0) <= 0) return UART_HOST_NONE;
  } else {
    fflush(stdout); /* a program reading from a pipe may be answering what it printed */
  }
  unsigned char c;
  ssize_t n;
  do
    n = read(STDIN_FILENO, &c, 1);
  while (n < 0 && errno == EINTR);
  if (n <= 0) {
    t->eof = true;
    return UART_HOST_EOF;
  }
  return c;
}

/* Writes s for the person at the terminal, with \n made \r\n as the guest's output is. */
static void term_say(struct term *t, const char *s) {
  while (*s)
    term_put(t, (uint8_t)*s++);
  fflush(stdout);
}

void term_banner(struct term *t, const char *kernel, unsigned harts, bool shell) {
  if (!t->raw) return; /* only a person at a terminal needs telling; scripts compare output */
  char line[160];
  snprintf(line, sizeof line,
           "ossim: kernel %s, %u hart%s. Ctrl-A x quits, Ctrl-A h lists the keys%s\n", kernel,
           harts, harts == 1 ? "" : "s", shell ? "; type help at the prompt." : ".");
  term_say(t, line);
}

static int term_get(void *ctx) {
  struct term *t = ctx;
  /* After a quit the guest sees no more input, but no hangup either: a hangup would make
   * it act (a half-typed line ended, a shell exited) in the slice that is still to run. */
  if (t->quit) return UART_HOST_NONE;
  if (t->eof) return UART_HOST_EOF;
  int c = read_byte(t);
  if (!t->is_tty || c < 0) return c;
  if (t->escape) {
    t->escape = false;
    if (c == 'x' || c == 'X') {
      t->quit = true;
      return UART_HOST_NONE;
    }
    if (c == 'h' || c == 'H' || c == '?') {
      term_say(t, "\nossim keys: Ctrl-A x quit, Ctrl-A Ctrl-A send Ctrl-A, Ctrl-A h this "
                  "help\n");
      return UART_HOST_NONE;
    }
    return c; /* Ctrl-A Ctrl-A, or Ctrl-A and any other key: pass the key on */
  }
  if (c == 0x01) {
    t->escape = true;
    return UART_HOST_NONE;
  }
  return c;
}

struct uart_host term_uart_host(struct term *t) {
  return (struct uart_host){term_put, term_get, t};
}
