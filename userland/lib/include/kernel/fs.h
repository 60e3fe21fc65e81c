/*
 * kernel/fs.h: what xv6 programs take from xv6's kernel/fs.h, with the values of ossim's
 * file system (kernels/lib/fs/fs.h): the block size, the root inode, the block map of an
 * inode (NDIRECT direct blocks, then indirect ones: MAXFILE blocks in a file at most) and
 * the directory entry, struct dirent with DIRSIZ, as a directory's data holds it. The rest
 * of the on-disk format is the kernel's business.
 */
#ifndef OSSIM_XV6_FS_H
#define OSSIM_XV6_FS_H

#include "fs/fs.h"

#define ROOTINO FS_ROOTINO
#define BSIZE FS_BSIZE
#define NDIRECT FS_NDIRECT
#define NINDIRECT FS_NINDIRECT /* addresses in one indirect block */
#define MAXFILE FS_MAXFILE     /* with a doubly indirect block, where xv6 has none */

#endif
