/*
 * The shared file layer (kernels/lib/file) on the host: the pipe ring, the console's line
 * discipline with its callbacks, the tables of open files and descriptors, and open, reads,
 * writes, lseek, fstat and the path calls over a file system on a disk in memory -- with
 * the two rules that once broke in the kernels' own copies: a directory does not open with
 * O_CREATE, and a file whose last close is not over is never handed out again.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/syscall.h"
#include "file/cons.h"
#include "file/file.h"
#include "file/pipe.h"
#include "fs.h"
#include "fs_memdisk.h"
#include "runner.h"

/* ---- the pipe ---- */

START_TEST(pipe_moves_bytes_in_order) {
  struct pipe p = {0};
  const void *wait = NULL;
  char out[PIPE_SIZE];
  ck_assert(pipe_free(&p));
  pipe_open(&p);
  ck_assert(!pipe_free(&p));
  ck_assert_int_eq(pipe_read(&p, out, 1, &wait), -OSSIM_EAGAIN);
  ck_assert_ptr_eq(wait, pipe_readers(&p));
  ck_assert_int_eq(pipe_read(&p, out, 0, &wait), 0);
  ck_assert_int_eq(pipe_write(&p, "hello", 5, &wait), 5);
  ck_assert_int_eq(pipe_read(&p, out, 3, &wait), 3);
  ck_assert_int_eq(memcmp(out, "hel", 3), 0);
  ck_assert_int_eq(pipe_read(&p, out, sizeof out, &wait), 2); /* what there is */
  ck_assert_int_eq(memcmp(out, "lo", 2), 0);
}
END_TEST

START_TEST(pipe_full_and_wrapping) {
  struct pipe p = {0};
  const void *wait = NULL;
  static char in[3 * PIPE_SIZE], out[3 * PIPE_SIZE];
  for (size_t i = 0; i < sizeof in; i++)
    in[i] = (char)(i * 7 + i / 13);
  pipe_open(&p);
  /* Many times round the ring, in pieces that do not divide its size. */
  uint32_t wrote = 0, got = 0;
  while (got < sizeof in) {
    int w = pipe_write(&p, in + wrote, sizeof in - wrote, &wait);
    if (w == -OSSIM_EAGAIN) {
      ck_assert_ptr_eq(wait, pipe_writers(&p));
      ck_assert(!pipe_can_write(&p));
    } else {
      ck_assert_int_ge(w, 0);
      wrote += (uint32_t)w;
    }
    int r = pipe_read(&p, out + got, 100, &wait);
    ck_assert_int_gt(r, 0);
    got += (uint32_t)r;
  }
  ck_assert_int_eq(memcmp(in, out, sizeof in), 0);
}
END_TEST

START_TEST(pipe_ends_close) {
  struct pipe p = {0};
  const void *wait = NULL;
  char c;
  pipe_open(&p);
  ck_assert_int_eq(pipe_write(&p, "x", 1, &wait), 1);
  ck_assert(!pipe_close(&p, true)); /* the writer goes: what it wrote stays */
  ck_assert(pipe_can_read(&p));
  ck_assert_int_eq(pipe_read(&p, &c, 1, &wait), 1);
  ck_assert_int_eq(pipe_read(&p, &c, 1, &wait), 0); /* then the end */
  ck_assert(pipe_close(&p, false));
  ck_assert(pipe_free(&p));
  pipe_open(&p);
  pipe_close(&p, false);
  ck_assert_int_eq(pipe_write(&p, "x", 1, &wait), -OSSIM_EPIPE);
  ck_assert(pipe_can_write(&p)); /* it would not wait: it fails */
}
END_TEST

/* ---- the console's line discipline ---- */

struct screen {
  char out[256];
  size_t n;
  int interrupts;
};

static void screen_echo(void *ctx, const char *s, uint32_t n) {
  struct screen *sc = ctx;
  ck_assert_uint_le(sc->n + n, sizeof sc->out - 1);
  memcpy(sc->out + sc->n, s, n);
  sc->n += n;
}

static void screen_interrupt(void *ctx) { ((struct screen *)ctx)->interrupts++; }

/* Types s; returns how many of its bytes made a line readable. */
static int type(struct cons *c, struct screen *sc, const char *s) {
  const struct cons_ops ops = {.ctx = sc, .echo = screen_echo, .interrupt = screen_interrupt};
  int lines = 0;
  for (; *s; s++)
    lines += cons_input(c, (uint8_t)*s, &ops);
  return lines;
}

START_TEST(cons_lines_and_editing) {
  struct cons c = {0};
  struct screen sc = {0};
  char buf[64];
  ck_assert(cons_drained(&c));
  ck_assert_int_eq(type(&c, &sc, "ab"), 0);
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), -OSSIM_EAGAIN); /* no line yet */
  ck_assert(!cons_drained(&c));
  ck_assert_int_eq(type(&c, &sc, "\177c\bd\r"), 1); /* DEL, ^H, and \r as \n */
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), 3);
  ck_assert_int_eq(memcmp(buf, "ad\n", 3), 0);
  ck_assert_str_eq(sc.out, "ab\b \bc\b \bd\n");
  ck_assert(cons_drained(&c));
  /* ^U erases the line being typed, not the lines before it. */
  sc.n = 0;
  memset(sc.out, 0, sizeof sc.out);
  ck_assert_int_eq(type(&c, &sc, "ok\nxyz\025z\n"), 2);
  ck_assert_str_eq(sc.out, "ok\nxyz\b \b\b \b\b \bz\n");
  ck_assert_int_eq(cons_read(&c, buf, 2), 2); /* a read takes no more than asked */
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), 1);
  ck_assert_int_eq(buf[0], '\n');
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), 2);
  ck_assert_int_eq(memcmp(buf, "z\n", 2), 0);
  ck_assert_int_eq(cons_read(&c, buf, 0), 0);
}
END_TEST

START_TEST(cons_interrupt_and_end_of_input) {
  struct cons c = {0};
  struct screen sc = {0};
  char buf[64];
  /* ^C drops the line typed so far; with no read waiting it wakes nobody, and interrupts
   * no later read (the shell waiting for its program reads again after it). */
  ck_assert_int_eq(type(&c, &sc, "ab\x03"), 0);
  ck_assert_int_eq(sc.interrupts, 1);
  ck_assert_str_eq(sc.out, "ab^C\n");
  ck_assert(cons_drained(&c));
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), -OSSIM_EAGAIN); /* now a read waits */
  /* A ^C while it waits wakes it, and it is interrupted once. */
  ck_assert_int_eq(type(&c, &sc, "x\x03"), 1);
  ck_assert_int_eq(sc.interrupts, 2);
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), -OSSIM_EINTR);
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), -OSSIM_EAGAIN);
  /* With nobody to stop (no interrupt callback, as uni's) only the line goes. */
  const struct cons_ops quiet = {.ctx = &sc, .echo = screen_echo};
  ck_assert(!cons_input(&c, 'y', &quiet) && !cons_input(&c, CONS_CTRL('C'), &quiet));
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), -OSSIM_EAGAIN);
  /* ^D ends the line without echo; a read stops before it, the next returns 0. */
  sc.n = 0;
  memset(sc.out, 0, sizeof sc.out);
  ck_assert_int_eq(type(&c, &sc, "ab\x04"), 1);
  ck_assert_str_eq(sc.out, "ab");
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), 2);
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), 0);
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), -OSSIM_EAGAIN);
}
END_TEST

/* Types s and reads the line it makes: into line (NUL-terminated). */
static void type_line(struct cons *c, struct screen *sc, const char *s, char *line, int size) {
  ck_assert_int_eq(type(c, sc, s), 1);
  int n = cons_read(c, line, (uint32_t)size - 1);
  ck_assert_int_ge(n, 0);
  line[n] = '\0';
}

START_TEST(cons_cursor_keys_edit_the_line) {
  struct cons c = {0};
  struct screen sc = {0};
  char line[64];
  /* Left Left, then Z goes in before "bc", the rest of the line redrawn after it. */
  type_line(&c, &sc, "abc\x1b[D\x1b[DZ\n", line, sizeof line);
  ck_assert_str_eq(line, "aZbc\n");
  ck_assert_str_eq(sc.out, "abc\b\bZbc\b\bbc\n");
  /* A backspace erases before the cursor: the 'a'; Right steps over the 'b'. */
  type_line(&c, &sc, "abc\x1b[D\x1b[D\b\x1b[C!\n", line, sizeof line);
  ck_assert_str_eq(line, "b!c\n");
  /* Other sequences (Home as ESC [ 1 ~, F1 as ESC O P, Alt-x) never reach the reader. */
  type_line(&c, &sc, "a\x1b[1~b\x1bOPc\x1bxd\n", line, sizeof line);
  ck_assert_str_eq(line, "abcd\n");
}
END_TEST

START_TEST(cons_history_up_and_down) {
  struct cons c = {0};
  struct screen sc = {0};
  char line[64];
  type_line(&c, &sc, "one\n", line, sizeof line);
  type_line(&c, &sc, "two\n", line, sizeof line);
  type_line(&c, &sc, "\n", line, sizeof line); /* a blank line is not kept */
  type_line(&c, &sc, "\x1b[A\n", line, sizeof line);
  ck_assert_str_eq(line, "two\n");
  type_line(&c, &sc, "\x1b[A\x1b[A\x1b[A\x1b[A\n", line, sizeof line); /* stops at the oldest */
  ck_assert_str_eq(line, "one\n");
  type_line(&c, &sc, "x\x1b[A\x1b[B\x1b[B\n", line, sizeof line); /* Down past the newest */
  ck_assert_str_eq(line, "\n");
  /* Only the last CONS_HIST lines are kept. */
  for (int i = 0; i < CONS_HIST + 2; i++) {
    char l[8];
    snprintf(l, sizeof l, "l%d\n", i);
    type_line(&c, &sc, l, line, sizeof line);
  }
  char ups[8 * (CONS_HIST + 4)] = "";
  for (int i = 0; i < CONS_HIST + 3; i++)
    strcat(ups, "\x1b[A");
  strcat(ups, "\n");
  sc.n = 0;
  type_line(&c, &sc, ups, line, sizeof line);
  ck_assert_str_eq(line, "l2\n");
}
END_TEST

START_TEST(cons_full_buffer) {
  struct cons c = {0};
  struct screen sc = {0};
  const struct cons_ops quiet = {0};
  char buf[CONS_BUF];
  int lines = 0;
  for (int i = 0; i < CONS_BUF + 10; i++)
    lines += cons_input(&c, 'x', &quiet);
  ck_assert_int_eq(lines, 1); /* full: readable as it is, the rest dropped */
  ck_assert_uint_eq(cons_room(&c), 0);
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), CONS_BUF);
  ck_assert_uint_eq(cons_room(&c), CONS_BUF);
  ck_assert_int_eq(type(&c, &sc, "y\n"), 1);
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), 2);
  /* A caller that stops taking input early releases the line as typed. */
  ck_assert(!cons_release(&c));
  ck_assert_int_eq(type(&c, &sc, "part"), 0);
  ck_assert(!cons_readable(&c));
  ck_assert(cons_release(&c));
  ck_assert(cons_readable(&c));
  ck_assert_int_eq(cons_read(&c, buf, sizeof buf), 4);
  ck_assert_int_eq(memcmp(buf, "part", 4), 0);
}
END_TEST

/* ---- the tables ---- */

static struct file_table *new_table(void) {
  struct file_table *t = calloc(1, sizeof *t);
  ck_assert_ptr_nonnull(t);
  return t;
}

START_TEST(descriptors_and_references) {
  struct file_table *t = new_table();
  struct file_fds d = {0}, child = {0};
  ck_assert_int_eq(file_console(t, &d), 0);
  struct file *con = file_fd_get(&d, 1);
  ck_assert_ptr_nonnull(con);
  ck_assert_int_eq(con->type, FD_CONSOLE);
  ck_assert_int_eq(con->ref, 3);
  ck_assert_int_eq(file_fd_dup(&d, 1), 3);
  ck_assert_int_eq(file_fd_dup(&d, 7), -OSSIM_EBADF);
  ck_assert_ptr_null(file_fd_get(&d, FILE_NOFILE));
  file_fd_fork(&child, &d);
  ck_assert_int_eq(con->ref, 8);
  for (uint32_t fd = 0; fd < FILE_NOFILE; fd++) {
    struct file *f = file_fd_take(&child, fd);
    if (f) ck_assert_int_gt(file_put(f), 0);
  }
  ck_assert_int_eq(con->ref, 4);
  while (file_fd_dup(&d, 0) >= 0) {
  }
  ck_assert_int_eq(file_fd_dup(&d, 0), -OSSIM_EMFILE);
  free(t);
}
END_TEST

START_TEST(pipes_of_the_table) {
  struct file_table *t = new_table();
  struct file_fds d = {0};
  int fds[2];
  const void *wait;
  char c;
  ck_assert_int_eq(file_pipe(t, &d, fds), 0);
  ck_assert_int_eq(fds[0], 0);
  ck_assert_int_eq(fds[1], 1);
  struct file *r = file_fd_get(&d, 0), *w = file_fd_get(&d, 1);
  ck_assert(r->readable && !r->writable && w->writable && !w->readable);
  ck_assert_ptr_eq(r->pipe, w->pipe);
  ck_assert_int_eq(pipe_write(w->pipe, "z", 1, &wait), 1);
  struct pipe *p = w->pipe;
  ck_assert_int_eq(file_put(file_fd_take(&d, 1)), 0);
  ck_assert_int_eq(file_release(w), FD_NONE); /* a pipe end needs nothing more */
  file_free(w);
  ck_assert_int_eq(pipe_read(p, &c, 1, &wait), 1);
  ck_assert_int_eq(pipe_read(p, &c, 1, &wait), 0);
  ck_assert_int_eq(file_put(file_fd_take(&d, 0)), 0);
  file_free(r);
  ck_assert(pipe_free(p));
  /* Pipes run out before files, and a failed pipe leaves nothing open. */
  int made = 0;
  struct file_fds many[FILE_NPIPE + 1];
  memset(many, 0, sizeof many);
  while (file_pipe(t, &many[made], fds) == 0)
    made++;
  ck_assert_int_eq(made, FILE_NPIPE);
  ck_assert_int_eq(file_pipe(t, &many[made], fds), -OSSIM_ENFILE);
  /* Fewer than two descriptors: -EMFILE, and the pipe and its files are free again. */
  struct file_fds full = {0};
  ck_assert_int_eq(file_pipe(t, &many[0], fds), -OSSIM_ENFILE);
  for (uint32_t fd = 0; fd < 2; fd++) {
    struct file *f = file_fd_take(&many[0], fd);
    file_put(f);
    file_free(f);
  }
  for (int i = 0; i < FILE_NOFILE - 1; i++)
    full.fd[i] = many[1].fd[0];
  ck_assert_int_eq(file_pipe(t, &full, fds), -OSSIM_EMFILE);
  ck_assert_int_eq(file_pipe(t, &many[0], fds), 0);
  free(t);
}
END_TEST

/* The rule that mono's own copy broke: a file whose last reference went is not free until
 * file_free, however long its release takes. */
START_TEST(releasing_file_is_not_reused) {
  struct file_table *t = new_table();
  struct file *f = file_alloc(t);
  ck_assert_ptr_nonnull(f);
  f->type = FD_INODE;
  f->inum = 7;
  ck_assert_int_eq(file_put(f), 0);
  ck_assert_int_eq(file_release(f), FD_INODE);
  /* Meanwhile (the kernel sleeps for its lock) every other file is handed out... */
  for (int i = 0; i < FILE_NFILE - 1; i++) {
    struct file *g = file_alloc(t);
    ck_assert_ptr_nonnull(g);
    ck_assert_ptr_ne(g, f);
  }
  ck_assert_ptr_null(file_alloc(t)); /* ...and f is not one of them */
  ck_assert_int_eq(f->inum, 7);      /* still what the release needs */
  file_free(f);
  ck_assert_ptr_eq(file_alloc(t), f);
  free(t);
}
END_TEST

/* ---- over the file system ---- */

struct world {
  struct memdisk md;
  struct fs *fs;
  struct file_table *t;
  struct file_fds d;
  uint32_t cwd;
};

static void world_init(struct world *w) {
  memset(w, 0, sizeof *w);
  md_init(&w->md, 2048);
  ck_assert_int_eq(fs_format(&w->md.disk, 2048, 200), 0);
  w->fs = malloc(sizeof *w->fs);
  ck_assert_ptr_nonnull(w->fs);
  ck_assert_int_eq(fs_mount(w->fs, &w->md.disk), 0);
  w->t = new_table();
  w->cwd = FS_ROOTINO;
}

/* Closes every descriptor, releasing as a kernel does, and checks the image. */
static void world_free(struct world *w) {
  for (uint32_t fd = 0; fd < FILE_NOFILE; fd++) {
    struct file *f = file_fd_take(&w->d, fd);
    if (!f || file_put(f) > 0) continue;
    if (file_release(f) == FD_INODE) ck_assert_int_eq(fs_iput(w->fs, f->inum), 0);
    file_free(f);
  }
  ck_assert_int_eq(md_check(&w->md), 0);
  free(w->t);
  free(w->fs);
  md_free(&w->md);
}

static int wopen(struct world *w, const char *path, uint32_t flags) {
  return file_open(w->t, &w->d, w->fs, w->cwd, path, flags, NULL);
}

static int path(struct world *w, int call, const char *p, const char *p2) {
  return file_path(w->fs, &w->cwd, call, p, p2, 0, 0);
}

START_TEST(open_read_write_seek) {
  struct world w;
  world_init(&w);
  char buf[16] = {0};
  ck_assert_int_eq(wopen(&w, "f", O_RDONLY), -OSSIM_ENOENT);
  int fd = wopen(&w, "f", O_CREATE | O_RDWR);
  ck_assert_int_eq(fd, 0);
  struct file *f = file_fd_get(&w.d, (uint32_t)fd);
  ck_assert_int_eq(f->type, FD_INODE);
  ck_assert_int_eq(file_rw(w.fs, f, "hello", 5, true), 5);
  ck_assert_int_eq(file_lseek(w.fs, f, 1, 0), 1);
  ck_assert_int_eq(file_rw(w.fs, f, buf, sizeof buf, false), 4);
  ck_assert_str_eq(buf, "ello");
  ck_assert_int_eq(file_lseek(w.fs, f, -2, 2), 3);
  ck_assert_int_eq(file_lseek(w.fs, f, -1, 1), 2);
  ck_assert_int_eq(file_lseek(w.fs, f, -3, 1), -OSSIM_EINVAL);
  ck_assert_int_eq(file_lseek(w.fs, f, 0, 3), -OSSIM_EINVAL);
  struct stat st;
  ck_assert_int_eq(file_fstat(w.fs, f, &st), 0);
  ck_assert_int_eq(st.type, T_FILE);
  ck_assert_uint_eq(st.size, 5);
  /* O_APPEND writes at the end; O_TRUNC empties; O_WRONLY does not read. */
  int fa = wopen(&w, "f", O_WRONLY | O_APPEND);
  struct file *a = file_fd_get(&w.d, (uint32_t)fa);
  ck_assert(!a->readable && a->writable);
  ck_assert_int_eq(file_rw(w.fs, a, "!", 1, true), 1);
  ck_assert_int_eq(file_fstat(w.fs, f, &st), 0);
  ck_assert_uint_eq(st.size, 6);
  ck_assert_int_ge(wopen(&w, "f", O_WRONLY | O_TRUNC), 0);
  ck_assert_int_eq(file_fstat(w.fs, f, &st), 0);
  ck_assert_uint_eq(st.size, 0);
  world_free(&w);
}
END_TEST

/* The rule the three kernels' copies broke: O_CREATE on a directory is -EISDIR. */
START_TEST(directory_opens_read_only) {
  struct world w;
  world_init(&w);
  ck_assert_int_eq(path(&w, SYS_mkdir, "d", ""), 0);
  ck_assert_int_eq(wopen(&w, "d", O_CREATE), -OSSIM_EISDIR);
  ck_assert_int_eq(wopen(&w, "d", O_CREATE | O_RDONLY | O_TRUNC), -OSSIM_EISDIR);
  ck_assert_int_eq(wopen(&w, "d", O_WRONLY), -OSSIM_EISDIR);
  ck_assert_int_eq(wopen(&w, "d", O_RDWR), -OSSIM_EISDIR);
  ck_assert_int_eq(wopen(&w, "/", O_CREATE), -OSSIM_EISDIR);
  ck_assert_ptr_null(file_fd_get(&w.d, 0)); /* nothing was left open */
  int fd = wopen(&w, "d", O_RDONLY);
  ck_assert_int_eq(fd, 0);
  struct stat st;
  ck_assert_int_eq(file_fstat(w.fs, file_fd_get(&w.d, 0), &st), 0);
  ck_assert_int_eq(st.type, T_DIR);
  ck_assert_int_eq(file_lseek(w.fs, file_fd_get(&w.d, 0), 0, 0), 0);
  world_free(&w);
}
END_TEST

static int fake_dev_open(void *ctx, struct file *f, short major) {
  if (major != 42) return -OSSIM_ENODEV;
  f->type = FD_DEVICE;
  f->dev = ctx;
  return 0;
}

START_TEST(device_files) {
  struct world w;
  world_init(&w);
  ck_assert_int_eq(file_path(w.fs, &w.cwd, SYS_mknod, "console", "", CONSOLE_MAJOR, 0), 0);
  ck_assert_int_eq(file_path(w.fs, &w.cwd, SYS_mknod, "dev42", "", 42, 0), 0);
  ck_assert_int_eq(file_path(w.fs, &w.cwd, SYS_mknod, "dev9", "", 9, 0), 0);
  int fd = wopen(&w, "console", O_RDWR);
  ck_assert_int_eq(fd, 0);
  struct file *c = file_fd_get(&w.d, 0);
  ck_assert_int_eq(c->type, FD_CONSOLE);
  ck_assert_int_ne(c->inum, 0); /* for fstat */
  ck_assert_int_eq(file_lseek(w.fs, c, 0, 0), -OSSIM_ESPIPE);
  ck_assert_int_eq(wopen(&w, "dev42", O_RDWR), -OSSIM_ENODEV); /* no driver */
  int token;
  const struct file_devices devs = {.ctx = &token, .dev_open = fake_dev_open};
  fd = file_open(w.t, &w.d, w.fs, w.cwd, "dev42", O_RDWR, &devs);
  ck_assert_int_eq(fd, 1);
  ck_assert_ptr_eq(file_fd_get(&w.d, 1)->dev, (void *)&token);
  ck_assert_int_eq(file_open(w.t, &w.d, w.fs, w.cwd, "dev9", O_RDWR, &devs), -OSSIM_ENODEV);
  ck_assert_ptr_null(file_fd_get(&w.d, 2));
  struct stat st;
  ck_assert_int_eq(file_fstat(w.fs, file_fd_get(&w.d, 1), &st), 0);
  ck_assert_int_eq(st.type, T_DEVICE);
  /* Devices hold no inode: the kernel's release is its driver's. */
  struct file *dev = file_fd_take(&w.d, 1);
  ck_assert_int_eq(file_put(dev), 0);
  ck_assert_int_eq(file_release(dev), FD_DEVICE);
  file_free(dev);
  world_free(&w);
}
END_TEST

START_TEST(path_calls) {
  struct world w;
  world_init(&w);
  char buf[32] = {0};
  ck_assert_int_eq(path(&w, SYS_mkdir, "d", ""), 0);
  ck_assert_int_eq(path(&w, SYS_mkdir, "d", ""), -OSSIM_EEXIST);
  ck_assert_int_ge(wopen(&w, "d/f", O_CREATE | O_RDWR), 0);
  ck_assert_int_eq(path(&w, SYS_chdir, "d/f", ""), -OSSIM_ENOTDIR);
  ck_assert_int_eq(path(&w, SYS_chdir, "d", ""), 0);
  ck_assert_int_ne(w.cwd, FS_ROOTINO);
  ck_assert_int_eq(path(&w, SYS_link, "f", "g"), 0);
  ck_assert_int_eq(path(&w, SYS_symlink, "g", "s"), 0);
  ck_assert_int_eq(file_readlink(w.fs, w.cwd, "s", buf, sizeof buf), 1);
  ck_assert_str_eq(buf, "g");
  ck_assert_int_eq(wopen(&w, "s", O_RDONLY | O_NOFOLLOW), 1);
  struct stat st;
  ck_assert_int_eq(file_fstat(w.fs, file_fd_get(&w.d, 1), &st), 0);
  ck_assert_int_eq(st.type, T_SYMLINK);
  ck_assert_int_eq(path(&w, SYS_unlink, "g", ""), 0);
  ck_assert_int_eq(path(&w, SYS_unlink, "g", ""), -OSSIM_ENOENT);
  ck_assert_int_eq(path(&w, SYS_read, "f", ""), -OSSIM_ENOSYS);
  world_free(&w);
}
END_TEST

START_TEST(table_full) {
  struct world w;
  world_init(&w);
  struct file_fds others[FILE_NFILE / FILE_NOFILE];
  memset(others, 0, sizeof others);
  ck_assert_int_ge(wopen(&w, "f", O_CREATE | O_RDWR), 0);
  for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
    for (int fd = 0; fd < FILE_NOFILE; fd++)
      if (!(i == 0 && fd == 0)) others[i].fd[fd] = file_alloc(w.t);
  ck_assert_ptr_null(file_alloc(w.t));
  ck_assert_int_eq(wopen(&w, "f", O_RDWR), -OSSIM_ENFILE);
  world_free(&w);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("file");
  TCase *tc = tcase_create("file");
  tcase_add_test(tc, pipe_moves_bytes_in_order);
  tcase_add_test(tc, pipe_full_and_wrapping);
  tcase_add_test(tc, pipe_ends_close);
  tcase_add_test(tc, cons_lines_and_editing);
  tcase_add_test(tc, cons_interrupt_and_end_of_input);
  tcase_add_test(tc, cons_full_buffer);
  tcase_add_test(tc, cons_cursor_keys_edit_the_line);
  tcase_add_test(tc, cons_history_up_and_down);
  tcase_add_test(tc, descriptors_and_references);
  tcase_add_test(tc, pipes_of_the_table);
  tcase_add_test(tc, releasing_file_is_not_reused);
  tcase_add_test(tc, open_read_write_seek);
  tcase_add_test(tc, directory_opens_read_only);
  tcase_add_test(tc, device_files);
  tcase_add_test(tc, path_calls);
  tcase_add_test(tc, table_full);
  suite_add_tcase(s, tc);
  return s;
}
