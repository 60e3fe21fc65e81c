/*
 * sh: the shell, with xv6's grammar:
 *
 *   line  = andor { "&" } [ ";" line ]
 *   andor = pipe { ( "&&" | "||" ) pipe }
 *   pipe  = exec [ "|" pipe ]
 *   exec  = "(" line ")" { redir }  |  { word | redir }
 *   redir = ( "<" | ">" | ">>" ) word
 *
 * plus what xv6's shell lacks: the builtins `cd [DIR]`, `pwd`, `help` and `exit [N]`, `$?`
 * in a word (the exit status of the last command), exit statuses that pass through pipes and
 * lists, `a && b` (b only if a succeeds) and `a || b` (b only if a fails), quoting ('...'
 * keeps every character as it is, "..." all but $?, and either keeps spaces and symbols in
 * one word), and the forms
 *
 *   sh                 reads commands from standard input, prompting "$ " on fd 2
 *   sh -c 'COMMANDS'   runs one command line, and exits with its status
 *   sh FILE            reads commands from FILE, without a prompt
 *
 * A command word without a '/' names a program in /bin, else one in the current directory.
 *
 * How it runs a line, as xv6 does: parse it into a tree of struct cmd, then fork a child
 * that runs the tree (runcmd) while the shell waits. Only what must change the shell itself
 * runs in the shell: the builtins, and the parts of a ";" list, so that `cd /tmp; ls` and
 * `false; echo $?` mean what they say.
 */
#include "user.h"

#define MAXLINE 1024 /* bytes of a command line */
#define MAXARGS 32   /* words of one command */
#define MAXNODES 64  /* struct cmds in one line's tree */

enum cmdtype { EXEC = 1, REDIR, PIPE, LIST, AND, OR, BACK, BLOCK };

/* A node of the parse tree. Words are pointers into the line: a word runs from
 * argv[i] to eargv[i], and nulterminate() puts the NULs in once parsing is over. */
struct cmd {
  enum cmdtype type;
  union {
    struct { /* EXEC: a program and its arguments */
      char *argv[MAXARGS + 1], *eargv[MAXARGS + 1];
    } exec;
    struct { /* REDIR: run cmd with fd replaced by file opened with mode */
      struct cmd *cmd;
      char *file, *efile;
      int mode, fd;
    } redir;
    struct { /* PIPE: left | right;  LIST: left ; right;  AND: left && right;  OR: left || right */
      struct cmd *left, *right;
    } pair;
    struct { /* BACK: cmd &;  BLOCK: ( cmd ), run in a child even if a builtin */
      struct cmd *cmd;
    } sub;
  };
};

/* The state of parsing one line. */
struct parser {
  char *s, *es;    /* the unparsed rest of the line */
  const char *err; /* the first syntax error, or NULL */
  struct cmd nodes[MAXNODES];
  int used;
};

static int laststatus; /* what $? expands to */

/* ---- parsing ---- */

static const char whitespace[] = " \t\r\n\v";
static const char symbols[] = "<|>&;()";

/* A fresh node of the given type, or NULL (and a parse error) when the line has too many. */
static struct cmd *newcmd(struct parser *ps, enum cmdtype type) {
  if (ps->used == MAXNODES) {
    if (!ps->err) ps->err = "command too long";
    return NULL;
  }
  struct cmd *c = &ps->nodes[ps->used++];
  memset(c, 0, sizeof *c);
  c->type = type;
  return c;
}

static void skipspace(struct parser *ps) {
  while (ps->s < ps->es && strchr(whitespace, *ps->s))
    ps->s++;
}

/* True if the next token starts with one of the characters of toks. */
static int peek(struct parser *ps, const char *toks) {
  skipspace(ps);
  return ps->s < ps->es && strchr(toks, *ps->s);
}

/*
 * Takes the next token and returns its kind: 0 at the end of the line, the symbol's
 * character (with '+' for ">>"), or 'a' for a word, whose extent goes to *q and *eq.
 */
static int gettoken(struct parser *ps, char **q, char **eq) {
  skipspace(ps);
  char *s = ps->s;
  if (q) *q = s;
  int kind = s < ps->es ? *s : 0;
  if (kind == 0) {
    /* the end */
  } else if (strchr(symbols, kind)) {
    s++;
    char twice = s < ps->es && *s == kind ? kind : 0; /* ">>", "&&", "||" */
    if (twice == '>' || twice == '&' || twice == '|') {
      kind = twice == '>' ? '+' : twice == '&' ? 'A' : 'O';
      s++;
    }
  } else {
    kind = 'a';
    char quote = 0; /* inside '...' or "...": spaces and symbols are part of the word */
    for (; s < ps->es && (quote || (!strchr(whitespace, *s) && !strchr(symbols, *s))); s++)
      if (quote ? *s == quote : *s == '\'' || *s == '"') quote = quote ? 0 : *s;
    if (quote && !ps->err) ps->err = "missing closing quote";
  }
  if (eq) *eq = s;
  ps->s = s;
  return kind;
}

/* True if the next token is the two-character operator op ("&&" or "||"). */
static int peek2(struct parser *ps, const char *op) {
  skipspace(ps);
  return ps->es - ps->s >= 2 && ps->s[0] == op[0] && ps->s[1] == op[1];
}

static struct cmd *parseline(struct parser *ps);

/*
 * If a redirection comes next, parses it and wraps it around **slot, then points *slot at
 * the new node's inner command: redirections nest in the order they are written, so a
 * later one is applied later and wins (`echo > a > b` writes to b), as in other shells.
 */
static int parseredir(struct parser *ps, struct cmd ***slot) {
  if (!peek(ps, "<>")) return 0;
  int tok = gettoken(ps, NULL, NULL);
  char *q, *eq;
  if (gettoken(ps, &q, &eq) != 'a') {
    if (!ps->err) ps->err = "missing file name after a redirection";
    return 0;
  }
  struct cmd *r = newcmd(ps, REDIR);
  if (!r) return 0;
  r->redir.file = q;
  r->redir.efile = eq;
  r->redir.fd = tok == '<' ? 0 : 1;
  r->redir.mode = tok == '<'   ? O_RDONLY
                  : tok == '>' ? O_WRONLY | O_CREATE | O_TRUNC
                               : O_WRONLY | O_CREATE | O_APPEND;
  r->redir.cmd = **slot;
  **slot = r;
  *slot = &r->redir.cmd;
  return 1;
}

/* "(" line ")" and its redirections. */
static struct cmd *parseblock(struct parser *ps) {
  gettoken(ps, NULL, NULL); /* the '(' */
  struct cmd *top = newcmd(ps, BLOCK);
  if (!top) return NULL;
  top->sub.cmd = parseline(ps);
  if (!peek(ps, ")")) {
    if (!ps->err) ps->err = "missing )";
    return NULL;
  }
  gettoken(ps, NULL, NULL);
  struct cmd **slot = &top;
  while (!ps->err && parseredir(ps, &slot))
    ;
  return top;
}

/* A command: words and redirections in any order. */
static struct cmd *parseexec(struct parser *ps) {
  if (peek(ps, "(")) return parseblock(ps);
  struct cmd *ex = newcmd(ps, EXEC);
  if (!ex) return NULL;
  struct cmd *top = ex, **slot = &top;
  int argc = 0;
  while (!ps->err) {
    if (parseredir(ps, &slot)) continue;
    if (ps->err || peek(ps, "|)&;")) break;
    char *q, *eq;
    int tok = gettoken(ps, &q, &eq);
    if (tok == 0) break;
    if (tok != 'a') {
      ps->err = "unexpected (";
      break;
    }
    if (argc == MAXARGS) {
      ps->err = "too many arguments";
      break;
    }
    ex->exec.argv[argc] = q;
    ex->exec.eargv[argc] = eq;
    argc++;
  }
  return top;
}

/* True for a command with no words and no redirections (what "" or ";" parse into). */
static int empty(const struct cmd *cmd) { return cmd && cmd->type == EXEC && !cmd->exec.argv[0]; }

static struct cmd *parsepipe(struct parser *ps) {
  struct cmd *cmd = parseexec(ps);
  if (!ps->err && peek(ps, "|") && !peek2(ps, "||")) {
    gettoken(ps, NULL, NULL);
    struct cmd *p = newcmd(ps, PIPE);
    if (!p) return NULL;
    p->pair.left = cmd;
    p->pair.right = parsepipe(ps);
    if (!ps->err && (empty(p->pair.left) || empty(p->pair.right))) ps->err = "missing command by |";
    cmd = p;
  }
  return cmd;
}

/* Pipelines joined by && and ||, which bind left to right and equally, as in sh. */
static struct cmd *parseandor(struct parser *ps) {
  struct cmd *cmd = parsepipe(ps);
  while (!ps->err && (peek2(ps, "&&") || peek2(ps, "||"))) {
    struct cmd *c = newcmd(ps, gettoken(ps, NULL, NULL) == 'A' ? AND : OR);
    if (!c) return NULL;
    c->pair.left = cmd;
    c->pair.right = parsepipe(ps);
    if (!ps->err && (empty(c->pair.left) || empty(c->pair.right)))
      ps->err = c->type == AND ? "missing command by &&" : "missing command by ||";
    cmd = c;
  }
  return cmd;
}

/* Unlike xv6's shell, a command may follow "&" directly: "a & b" is "a &; b". */
static struct cmd *parseline(struct parser *ps) {
  struct cmd *cmd = parseandor(ps);
  int background = 0;
  while (!ps->err && peek(ps, "&")) {
    gettoken(ps, NULL, NULL);
    struct cmd *b = newcmd(ps, BACK);
    if (!b) return NULL;
    b->sub.cmd = cmd;
    cmd = b;
    background = 1;
  }
  skipspace(ps);
  int more = background && ps->s < ps->es && !peek(ps, ")");
  if (!ps->err && (more || peek(ps, ";"))) {
    if (!more) gettoken(ps, NULL, NULL); /* the ';' */
    struct cmd *l = newcmd(ps, LIST);
    if (!l) return NULL;
    l->pair.left = cmd;
    l->pair.right = parseline(ps);
    cmd = l;
  }
  return cmd;
}

/* Ends every word of the tree with a NUL, now that no more tokens need the characters
 * that followed them. */
static void nulterminate(struct cmd *cmd) {
  if (!cmd) return;
  switch (cmd->type) {
  case EXEC:
    for (int i = 0; cmd->exec.argv[i]; i++)
      *cmd->exec.eargv[i] = '\0';
    break;
  case REDIR:
    nulterminate(cmd->redir.cmd);
    *cmd->redir.efile = '\0';
    break;
  case PIPE:
  case LIST:
  case AND:
  case OR:
    nulterminate(cmd->pair.left);
    nulterminate(cmd->pair.right);
    break;
  case BACK:
  case BLOCK: nulterminate(cmd->sub.cmd); break;
  }
}

/* Parses line (which it modifies) into ps; returns the tree, or NULL after reporting a
 * syntax error. */
static struct cmd *parsecmd(struct parser *ps, char *line) {
  ps->s = line;
  ps->es = line + strlen(line);
  ps->err = NULL;
  ps->used = 0;
  struct cmd *cmd = parseline(ps);
  skipspace(ps);
  if (!ps->err && ps->s != ps->es) ps->err = *ps->s == ')' ? "unexpected )" : "syntax error";
  if (ps->err) {
    fprintf(2, "sh: %s\n", ps->err);
    return NULL;
  }
  nulterminate(cmd);
  return cmd;
}

/* ---- running ---- */

static int run(struct cmd *cmd);

/* Copies arg to out (size bytes) without its quotes, and with each "$?" outside '...'
 * replaced by the last exit status. */
static void expand(const char *arg, char *out, size_t size) {
  size_t n = 0;
  char quote = 0;
  while (*arg && n + 1 < size) {
    if (quote ? *arg == quote : *arg == '\'' || *arg == '"') {
      quote = quote ? 0 : *arg;
      arg++;
    } else if (quote != '\'' && arg[0] == '$' && arg[1] == '?') {
      n += (size_t)snprintf(out + n, size - n, "%d", laststatus);
      if (n >= size) n = size - 1;
      arg += 2;
    } else {
      out[n++] = *arg++;
    }
  }
  out[n] = '\0';
}

/*
 * The expanded words of an EXEC node, in argv (NULL-terminated). Their text goes to a
 * static pool (programs' stacks are small), big enough for the worst case: a line of
 * "$?"s, each 2 characters becoming at most 11 ("-2147483648"), plus the NULs.
 */
static void expand_args(struct cmd *ex, char *argv[]) {
  static char pool[MAXLINE * 6];
  char *p = pool;
  size_t left = sizeof pool;
  int i = 0;
  for (; ex->exec.argv[i]; i++) {
    expand(ex->exec.argv[i], p, left);
    argv[i] = p;
    size_t n = strlen(p) + 1;
    p += n;
    left -= n;
  }
  argv[i] = NULL;
}

/*
 * The current directory's path, for pwd. The kernels have no call that names the current
 * directory, so the shell keeps the path it changed to: cd joins DIR to it and folds "."
 * and "..". (A directory renamed under the shell leaves it stale, as $PWD in sh.)
 */
static char cwd[MAXLINE] = "/";

/* Makes cwd the path dir names from it. */
static void setcwd(const char *dir) {
  static char path[2 * MAXLINE];
  snprintf(path, sizeof path, "%s/%s", dir[0] == '/' ? "" : cwd, dir);
  size_t n = 0; /* the folded path's length in cwd; it starts with '/' */
  for (char *p = path; *p;) {
    while (*p == '/')
      p++;
    char *end = strchr(p, '/');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (len == 0 || (len == 1 && p[0] == '.')) {
      /* nothing */
    } else if (len == 2 && p[0] == '.' && p[1] == '.') {
      while (n > 0 && cwd[n] != '/')
        n--;
    } else if (n + 1 + len < sizeof cwd) {
      cwd[n++] = '/';
      memcpy(cwd + n, p, len);
      n += len;
    }
    p += len;
  }
  if (n == 0) n = 1; /* the root */
  cwd[0] = '/';
  cwd[n] = '\0';
}

static const char help_text[] =
    "ossim's shell. Builtins: cd [DIR], pwd, exit [N], help.\n"
    "A command line: PROG ARGS, with < > >> redirections, | pipes, ; & && || and ( ),\n"
    "'...' and \"...\" quoting, and $? for the last exit status.\n"
    "Programs are in /bin: ls /bin lists them (ps, kill, cat, grep, wc ...).\n"
    "Keys: Up and Down recall lines, Left and Right move on the line, ^U erases it,\n"
    "^C stops the running program; poweroff (or halt) stops the machine, and Ctrl-A x\n"
    "quits ossim at once.\n";

/* Runs a builtin (cd, pwd, help, exit) in this process; returns its status, or -1 if
 * argv[0] is not a builtin. */
static int builtin(char *argv[]) {
  if (strcmp(argv[0], "cd") == 0) {
    const char *dir = argv[1] ? argv[1] : "/";
    int r = chdir(dir);
    if (r < 0) {
      fprintf(2, "sh: cd: %s: %s\n", dir, strerror(r));
      return 1;
    }
    setcwd(dir);
    return 0;
  }
  if (strcmp(argv[0], "pwd") == 0) return printf("%s\n", cwd) < 0;
  if (strcmp(argv[0], "help") == 0) return printf("%s", help_text) < 0;
  if (strcmp(argv[0], "exit") == 0) exit(argv[1] ? atoi(argv[1]) : laststatus);
  return -1;
}

/* Waits for child pid and returns its exit status, reaping any finished background jobs
 * that wait() hands back first. */
static int waitfor(int pid) {
  int status, r;
  while ((r = wait(&status)) != pid)
    if (r < 0) return r;
  return status;
}

/* Runs a program: /bin/NAME for a name without '/' (falling back to the current
 * directory, as xv6 runs everything from there), else the path as given. Never returns. */
static void execute(char *argv[]) __attribute__((noreturn));
static void execute(char *argv[]) {
  int r;
  if (!strchr(argv[0], '/')) {
    static char path[MAXLINE];
    snprintf(path, sizeof path, "/bin/%s", argv[0]);
    r = exec(path, argv);
    if (r == -ENOENT) r = exec(argv[0], argv);
  } else {
    r = exec(argv[0], argv);
  }
  fprintf(2, "sh: %s: %s\n", argv[0], strerror(r));
  exit(r == -ENOENT ? 127 : 126);
}

/* Whether a list's right side runs, after its left side ended with status. */
static int runs_right(const struct cmd *list, int status) {
  return list->type == LIST || (list->type == AND) == (status == 0);
}

/* Runs cmd in this process, which is a child of the shell, and exits with its status. */
static void runcmd(struct cmd *cmd) __attribute__((noreturn));
static void runcmd(struct cmd *cmd) {
  switch (cmd->type) {
  case EXEC: {
    char *argv[MAXARGS + 1];
    expand_args(cmd, argv);
    if (!argv[0]) exit(0);
    int r = builtin(argv);
    if (r >= 0) exit(r);
    execute(argv);
  }
  case REDIR: {
    static char file[MAXLINE];
    expand(cmd->redir.file, file, sizeof file);
    close(cmd->redir.fd);
    int fd = open(file, cmd->redir.mode); /* the lowest free descriptor: the one closed */
    if (fd < 0) {
      fprintf(2, "sh: %s: %s\n", file, strerror(fd));
      exit(1);
    }
    runcmd(cmd->redir.cmd);
  }
  case PIPE: {
    int p[2], r = pipe(p);
    if (r < 0) {
      fprintf(2, "sh: pipe: %s\n", strerror(r));
      exit(1);
    }
    int left = fork();
    if (left == 0) { /* the left side writes into the pipe... */
      close(1);
      dup(p[1]);
      close(p[0]);
      close(p[1]);
      runcmd(cmd->pair.left);
    }
    int right = left < 0 ? left : fork();
    if (right == 0) { /* ...and the right side reads from it */
      close(0);
      dup(p[0]);
      close(p[0]);
      close(p[1]);
      runcmd(cmd->pair.right);
    }
    close(p[0]); /* or the reader would never see the end of its input */
    close(p[1]);
    if (left < 0 || right < 0) {
      fprintf(2, "sh: fork: %s\n", strerror(left < 0 ? left : right));
      exit(1);
    }
    int status = 1, st, pid, running = 2;
    while (running > 0 && (pid = wait(&st)) >= 0) { /* the pipe's status: the right side's */
      if (pid == left || pid == right) running--;
      if (pid == right) status = st;
    }
    exit(status);
  }
  case LIST:
  case AND:
  case OR: {
    /* The left side as the shell itself would run it (a builtin in this process), then
     * the right side here, if the list's kind asks for it. */
    laststatus = run(cmd->pair.left);
    if (!runs_right(cmd, laststatus)) exit(laststatus);
    runcmd(cmd->pair.right);
  }
  case BACK: {
    int pid = fork();
    if (pid == 0) runcmd(cmd->sub.cmd);
    exit(pid < 0 ? 1 : 0);
  }
  case BLOCK: runcmd(cmd->sub.cmd); /* already in a child of the shell */
  }
  exit(1);
}

/* Runs cmd for the shell and returns its exit status: lists and builtins run in this
 * process, anything else (a "( )" block included) in a child; a background job is not
 * waited for. */
static int run(struct cmd *cmd) {
  if (cmd->type == LIST || cmd->type == AND || cmd->type == OR) {
    laststatus = run(cmd->pair.left);
    return runs_right(cmd, laststatus) ? run(cmd->pair.right) : laststatus;
  }
  if (cmd->type == EXEC) {
    char *argv[MAXARGS + 1];
    expand_args(cmd, argv);
    if (!argv[0]) return laststatus; /* an empty command changes nothing */
    int r = builtin(argv);
    if (r >= 0) return r;
  }
  int pid = fork();
  if (pid == 0) runcmd(cmd->type == BACK ? cmd->sub.cmd : cmd);
  if (pid < 0) {
    fprintf(2, "sh: fork: %s\n", strerror(pid));
    return 1;
  }
  return cmd->type == BACK ? 0 : waitfor(pid);
}

/* Parses and runs one command line (which it modifies); returns the status. */
static int runline(char *line) {
  static struct parser ps;
  struct cmd *cmd = parsecmd(&ps, line);
  if (!cmd) return 2;
  return run(cmd);
}

int main(int argc, char *argv[]) {
  /* Make sure fds 0, 1 and 2 are open, on the console if nothing else. */
  int fd;
  while ((fd = open("/dev/console", O_RDWR)) >= 0) {
    if (fd >= 3) {
      close(fd);
      break;
    }
  }

  static char line[MAXLINE];
  if (argc >= 2 && strcmp(argv[1], "-c") == 0) {
    if (argc < 3) {
      fprintf(2, "usage: sh [-c COMMANDS | FILE]\n");
      return 2;
    }
    if (strlen(argv[2]) >= sizeof line) {
      fprintf(2, "sh: command too long\n");
      return 2;
    }
    strcpy(line, argv[2]);
    return runline(line);
  }

  int prompt = 1;
  if (argc >= 2) { /* a script: it becomes standard input */
    fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
      fprintf(2, "sh: %s: %s\n", argv[1], strerror(fd));
      return 127;
    }
    close(0);
    dup(fd);
    close(fd);
    prompt = 0;
  }
  for (;;) {
    if (prompt) fprintf(2, "$ ");
    errno = 0;
    gets(line, sizeof line);
    if (line[0] == '\0' && errno == EINTR) continue; /* ^C at the prompt: a fresh one */
    if (line[0] == '\0') break;                      /* end of input */
    laststatus = runline(line);
  }
  return laststatus;
}
