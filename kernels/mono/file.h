/*
 * file.h: open files — the console, pipes and files of the file system — and the
 * per-process descriptor table, as xv6's file.c, pipe.c and console.c.
 */
#ifndef OSSIM_MONO_FILE_H
#define OSSIM_MONO_FILE_H

#include <stdbool.h>
#include <stdint.h>

#define NOFILE 16  /* descriptors per process */
#define NFILE 128  /* open files in the system */
#define PIPESIZE 512
#define CONS_BUF 256
#define MAXPATH 128 /* bytes of a path argument, NUL included */
#define MAXARG 32   /* exec arguments */

struct mono;
struct proc;
struct chrdev;

struct pipe {
  char data[PIPESIZE];
  uint32_t nread, nwrite; /* bytes read and written, ever */
  bool readopen, writeopen;
};

enum file_type { FD_NONE, FD_PIPE, FD_INODE, FD_CONSOLE, FD_DEVICE };

struct file {
  enum file_type type;
  int ref;
  bool readable, writable, append;
  struct pipe *pipe; /* FD_PIPE */
  uint32_t inum;     /* FD_INODE; the device file of FD_CONSOLE and FD_DEVICE (for fstat) */
  uint32_t off;      /* FD_INODE, FD_DEVICE */
  struct chrdev *dev; /* FD_DEVICE: its driver (dev.c) */
};

/* The console's line discipline: input collects here until a newline, ^D or a full line. */
struct console {
  char buf[CONS_BUF];
  uint32_t r, w, e; /* read, written (complete lines), edited: indexes mod CONS_BUF */
};

#endif
