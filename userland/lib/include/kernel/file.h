/*
 * kernel/file.h: what user programs take from xv6's kernel/file.h: the console's device
 * major (init makes /dev/console with it) and the major/minor packing of a device number.
 * Open files and in-memory inodes are the kernel's (kernels/lib/file), and not shown here.
 */
#ifndef OSSIM_XV6_FILE_H
#define OSSIM_XV6_FILE_H

#include "abi/stat.h"
#include "kernel/types.h"

#define CONSOLE CONSOLE_MAJOR
#define major(dev) ((dev) >> 16 & 0xFFFF)
#define minor(dev) ((dev)&0xFFFF)
#define mkdev(m, n) ((uint)((m) << 16 | (n)))

struct file;
struct inode;

#endif
