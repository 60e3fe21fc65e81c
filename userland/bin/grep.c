/*
 * grep PATTERN [FILE...]: prints the lines that match PATTERN, a regular expression of the
 * subset xv6's grep knows (Rob Pike's matcher, from Kernighan and Pike's "The Practice of
 * Programming"):
 *
 *   c    the character c        .    any character
 *   ^    the start of the line  $    the end of the line (last in the pattern)
 *   x*   zero or more of x (a character or '.')
 *
 * Exit status 0 if a line matched, 1 if none did, 2 on an error.
 */
#include "user.h"

static int matchhere(const char *re, const char *text);

/* c* at the start of text, then re. Tries the shortest run of c first. */
static int matchstar(int c, const char *re, const char *text) {
  do {
    if (matchhere(re, text)) return 1;
  } while (*text != '\0' && (*text++ == c || c == '.'));
  return 0;
}

/* re at the start of text. */
static int matchhere(const char *re, const char *text) {
  if (re[0] == '\0') return 1;
  if (re[1] == '*') return matchstar(re[0], re + 2, text);
  if (re[0] == '$' && re[1] == '\0') return *text == '\0';
  if (*text != '\0' && (re[0] == '.' || re[0] == *text)) return matchhere(re + 1, text + 1);
  return 0;
}

/* re anywhere in text. */
static int match(const char *re, const char *text) {
  if (re[0] == '^') return matchhere(re + 1, text);
  do {
    if (matchhere(re, text)) return 1;
  } while (*text++ != '\0');
  return 0;
}

static char buf[1024];

/* Writes line (without its newline) and a newline if it matches; returns 1 if it did. */
static int line(const char *re, char *text) {
  if (!match(re, text)) return 0;
  write(1, text, (int)strlen(text));
  write(1, "\n", 1);
  return 1;
}

/* Prints the matching lines of fd; returns how many matched, or -1 after an error. A line
 * longer than the buffer is taken in pieces. */
static int grep(const char *re, int fd, const char *name) {
  int have = 0, n, matched = 0;
  while ((n = read(fd, buf + have, (int)sizeof buf - 1 - have)) > 0) {
    have += n;
    buf[have] = '\0';
    char *p = buf, *nl;
    while ((nl = strchr(p, '\n'))) {
      *nl = '\0';
      matched += line(re, p);
      p = nl + 1;
    }
    have -= (int)(p - buf);
    if (have == (int)sizeof buf - 1) { /* full, and no newline in it */
      matched += line(re, buf);
      have = 0;
    }
    memmove(buf, p, (size_t)have);
  }
  if (have > 0) { /* the last line had no newline */
    buf[have] = '\0';
    matched += line(re, buf);
  }
  if (n < 0) {
    fprintf(2, "grep: %s: %s\n", name, strerror(n));
    return -1;
  }
  return matched;
}

int main(int argc, char *argv[]) {
  if (argc < 2) {
    fprintf(2, "usage: grep PATTERN [FILE...]\n");
    return 2;
  }
  const char *re = argv[1];
  if (argc == 2) {
    int m = grep(re, 0, "standard input");
    return m < 0 ? 2 : m > 0 ? 0 : 1;
  }
  int matched = 0, error = 0;
  for (int i = 2; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) {
      fprintf(2, "grep: %s: %s\n", argv[i], strerror(fd));
      error = 1;
      continue;
    }
    int m = grep(re, fd, argv[i]);
    close(fd);
    if (m < 0)
      error = 1;
    else
      matched += m;
  }
  return error ? 2 : matched > 0 ? 0 : 1;
}
