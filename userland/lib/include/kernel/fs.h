/*
 * kernel/fs.h: what xv6 programs take from xv6's kernel/fs.h -- struct dirent and DIRSIZ,
 * to read directories -- from ossim's ABI, and the block size and root inode number of
 * ossim's file system (kernels/lib/fs). The rest of the on-disk format is the kernel's
 * business.
 */
#ifndef OSSIM_XV6_FS_H
#define OSSIM_XV6_FS_H

#include "abi/dirent.h"

#define ROOTINO 1  /* the root directory's inode number */
#define BSIZE 1024 /* bytes per file-system block */

#endif
