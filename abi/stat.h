/*
 * abi/stat.h: file types, struct stat and open flags of the user ABI, the same names and
 * values as xv6's kernel/stat.h and kernel/fcntl.h so that xv6 programs compile unchanged.
 */
#ifndef OSSIM_ABI_STAT_H
#define OSSIM_ABI_STAT_H

#include <stdint.h>

#define T_DIR 1    /* directory */
#define T_FILE 2   /* regular file */
#define T_DEVICE 3 /* device file: major and minor name the driver */
/* symbolic link: its data is the path it points to (xv6's file system lab) */
#define T_SYMLINK 4

#define CONSOLE_MAJOR 1 /* the console's device number (minor 0): /dev/console */

struct stat {
  int dev;       /* file system's disk device */
  unsigned ino;  /* inode number */
  short type;    /* T_DIR, T_FILE, T_DEVICE or T_SYMLINK */
  short nlink;   /* number of links to the file */
  uint64_t size; /* size of the file in bytes */
};

#define O_RDONLY 0x000
#define O_WRONLY 0x001
#define O_RDWR 0x002
#define O_NOFOLLOW 0x004 /* open a symbolic link itself, not what it points to (xv6's lab) */
#define O_CREATE 0x200
#define O_TRUNC 0x400
#define O_APPEND 0x800 /* ossim's addition to xv6's flags */

#endif
