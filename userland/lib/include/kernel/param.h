/*
 * kernel/param.h: xv6's system limits, with ossim's values (the kernels' own names for them
 * are in the comments).
 */
#ifndef OSSIM_XV6_PARAM_H
#define OSSIM_XV6_PARAM_H

#include "abi/memmap.h"
#include "fs/fs.h"

#define NPROC 64                   /* processes (mono's NPROC) */
#define NCPU 4                     /* harts at most (MONO_MAX_CPUS) */
#define NOFILE 16                  /* open files of a process (FILE_NOFILE) */
#define NFILE 128                  /* open files in the system (FILE_NFILE) */
#define NINODE FS_NREFS            /* inodes held in memory at once */
#define NDEV 8                     /* character device majors (mono's NCHRDEV) */
#define ROOTDEV 1                  /* the disk's device number, as struct stat's dev */
#define MAXARG 32                  /* exec arguments (mono's MAXARG) */
#define MAXOPBLOCKS FS_LOGSIZE     /* blocks one file-system operation writes at most */
#define LOGSIZE FS_LOGSIZE         /* data blocks in the on-disk log */
#define LOGBLOCKS FS_LOGSIZE       /* xv6's later name for LOGSIZE */
#define NBUF FS_NBUF               /* blocks in the buffer cache */
#define FSSIZE 16384               /* blocks in the disk image the build makes (mkfs) */
#define MAXPATH 128                /* bytes of a path, NUL included (FILE_MAXPATH) */
#define USERSTACK USER_STACK_PAGES /* pages of a program's stack, the guard page below */

#endif
