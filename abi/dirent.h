/*
 * abi/dirent.h: a directory entry as it lies in a directory's data, the same for every
 * kernel. A program lists a directory by open()ing it and read()ing whole entries, as xv6's
 * ls does; an entry whose inum is 0 is an empty slot and must be skipped.
 *
 * A name holds at most DIRSIZ - 1 bytes and is always NUL-terminated (NUL-padded to
 * DIRSIZ), so a reader may print name directly. Every directory holds "." (itself) and
 * ".." (its parent; the root's parent is the root).
 */
#ifndef OSSIM_ABI_DIRENT_H
#define OSSIM_ABI_DIRENT_H

#include <stdint.h>

#define DIRSIZ 28 /* bytes of a name, its NUL terminator included */

struct dirent {
  uint32_t inum; /* inode number; 0 marks a free slot */
  char name[DIRSIZ];
};

#endif
