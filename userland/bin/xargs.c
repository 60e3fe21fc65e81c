// xargs COMMAND [ARG...]: runs COMMAND once for each line of its standard input, with the
// line's words after the ARGs, one run after the other: `echo b c | xargs echo a` prints
// "a b c". A COMMAND without a '/' is looked for in /bin. Lab 11; written as an xv6 program.
#include "kernel/param.h"
#include "kernel/types.h"
#include "user/user.h"

// LAB 11 BEGIN
#define MAXLINE 512

// Reads one line of standard input into line (without its newline); 0 at the end of the
// input with nothing read.
static int getline_fd0(char *line, int size) {
  int n = 0;
  char c;
  int got;
  while ((got = read(0, &c, 1)) == 1 && c != '\n')
    if (n < size - 1) line[n++] = c;
  line[n] = 0;
  return got == 1 || n > 0;
}

// Runs argv (argc words) in a child and waits for it.
static void run(char *argv[]) {
  int pid = fork();
  if (pid < 0) {
    fprintf(2, "xargs: fork failed\n");
    exit(1);
  }
  if (pid == 0) {
    exec(argv[0], argv);
    if (strchr(argv[0], '/') == 0) {
      char path[MAXLINE];
      strcpy(path, "/bin/");
      if (strlen(argv[0]) < sizeof path - 5) {
        strcpy(path + 5, argv[0]);
        exec(path, argv);
      }
    }
    fprintf(2, "xargs: cannot run %s\n", argv[0]);
    exit(1);
  }
  wait(0);
}

int main(int argc, char *argv[]) {
  if (argc < 2) {
    fprintf(2, "usage: xargs COMMAND [ARG...]\n");
    exit(1);
  }
  char *args[MAXARG + 1];
  int fixed = argc - 1;
  if (fixed >= MAXARG) {
    fprintf(2, "xargs: too many arguments\n");
    exit(1);
  }
  for (int i = 0; i < fixed; i++)
    args[i] = argv[i + 1];
  static char line[MAXLINE];
  while (getline_fd0(line, sizeof line)) {
    int n = fixed;
    for (char *p = line; *p;) {
      while (*p == ' ')
        *p++ = 0;
      if (*p == 0) break;
      if (n == MAXARG) {
        fprintf(2, "xargs: too many arguments\n");
        exit(1);
      }
      args[n++] = p;
      while (*p && *p != ' ')
        p++;
    }
    args[n] = 0;
    if (n > fixed) run(args);
  }
  exit(0);
}
// LAB 11 STARTER
// int main(int argc, char *argv[]) {
//   (void)argc;
//   (void)argv;
//   fprintf(2, "xargs: not written yet\n");
//   exit(1);
// }
// LAB 11 END
