/*
 * fs: the on-disk file system every ossim kernel shares, in the manner of xv6's fs.c, log.c
 * and bio.c. The monolithic kernel links it into the kernel, the microkernel's file server
 * runs it in user space, the unikernel's library OS links it into the application: the
 * same code in three places, which is the point of the kit.
 *
 * What it is for: files, directories, hard links, symbolic links and device nodes on a block
 * device reached
 * through two callbacks (struct fs_disk), with a write-ahead log so that a crash at any disk
 * write leaves an image that mounts into a consistent state. Also fs_format (mkfs) and
 * fs_check (fsck). What it is not for: file descriptors, offsets, permissions, pipes,
 * devices' behaviour (a T_DEVICE inode only names a driver by major/minor) -- those belong
 * to the kernel that calls it.
 *
 * Portable C for the host and the guest: no malloc, no globals, no stdio. The caller owns
 * `struct fs` (about 90 KiB: the buffer cache lives inside it). NOT thread-safe: the caller
 * serializes every call on one struct fs (the monolithic kernel holds a lock around each).
 * disk->read and disk->write may block (a kernel may sleep inside them) but must not call
 * back into the library.
 *
 * Errors are negative numbers from abi/errno.h: -OSSIM_ENOENT and so on. -OSSIM_EUCLEAN
 * means a corrupt structure was found on disk (every block and inode number read from disk
 * is range-checked before use); -OSSIM_EIO means the disk callback failed.
 *
 * ## On-disk format (version 1; little-endian, as on RISC-V and every host ossim runs on)
 *
 *   +------+-------+--------+-------------+---------+---------+---------+----------------+
 *   | boot | super | log    | log data    | inodes  | inode   | block   | data blocks    |
 *   | (not | block | header | (nlog       | (16 a   | bitmap  | bitmap  |                |
 *   | used)|       |        |  blocks)    |  block) |         |         |                |
 *   +------+-------+--------+-------------+---------+---------+---------+----------------+
 *   0      1       2        3             ^         ^         ^         ^                size
 *                                   inodestart ibmapstart bmapstart datastart
 *
 * - Blocks are FS_BSIZE (1024) bytes. The superblock (struct fs_superblock) holds the
 *   layout; fs_mount accepts only the layout fs_format would compute from size and ninodes.
 * - The log: a header block (struct fs_loghdr: n and the home block number of each logged
 *   block) then nlog (= FS_LOGSIZE) data blocks. A transaction is committed by writing its
 *   blocks into the log, then the header with n > 0 (the commit point), then the blocks to
 *   their homes, then the header with n = 0. fs_mount replays a committed log.
 * - Inodes: struct fs_dinode, 64 bytes, 16 a block; inode 0 is never used, the root
 *   directory is inode 1 (FS_ROOTINO). type 0 marks a free inode.
 * - A symbolic link (T_SYMLINK) is an inode whose data is its target, a path of 1 to
 *   FS_SYMLINK_MAX bytes (no NUL), kept in one data block. (Version 1 images made before
 *   links existed hold none; an older kernel calls a link's inode corrupt.)
 * - A file's blocks: addrs[0..10] direct, addrs[11] an indirect block of 256 block numbers,
 *   addrs[12] a doubly indirect block of 256 indirect blocks: 11 + 256 + 65536 blocks, about
 *   64 MiB. A zero address is a hole and reads as zeros.
 * - Bitmaps: one bit per inode (bit 0 set: inode 0 is reserved) and one bit per block
 *   (every block before datastart is marked used). A set bit means in use.
 * - A directory is a file of struct dirent (abi/dirent.h: 32 bytes, a name of at most
 *   27 bytes, NUL-padded); inum 0 marks a free slot. Every directory holds "." and "..".
 *   A directory's nlink counts the entries naming it other than "." : its entry in its
 *   parent plus the ".." of each subdirectory (the root's own ".." counts for the root).
 */
#ifndef OSSIM_FS_H
#define OSSIM_FS_H

#include <stdint.h>

#include "abi/dirent.h"
#include "abi/stat.h"

#define FS_BSIZE 1024u               /* bytes per block */
#define FS_MAGIC 0x5346534fu         /* "OSFS" as the first four bytes of the superblock */
#define FS_VERSION 1u                /* of the on-disk format */
#define FS_LOGSIZE 64u               /* data blocks in the log: the most one transaction writes */
#define FS_ROOTINO 1u                /* the root directory's inode number */
#define FS_NDIRECT 11u               /* direct block addresses in an inode */
#define FS_NINDIRECT (FS_BSIZE / 4u) /* addresses in an indirect block: 256 */
#define FS_NDINDIRECT (FS_NINDIRECT * FS_NINDIRECT) /* blocks under a doubly indirect one */
#define FS_MAXFILE (FS_NDIRECT + FS_NINDIRECT + FS_NDINDIRECT) /* blocks in a file at most */
#define FS_IPB (FS_BSIZE / sizeof(struct fs_dinode))           /* inodes per block: 16 */
#define FS_BPB (FS_BSIZE * 8u)                                 /* bitmap bits per block */
#define FS_DIRSIZ DIRSIZ           /* bytes of a name in a directory entry, NUL included */
#define FS_LINK_MAX 32767          /* the most links an inode may have (nlink is 16 bits) */
#define FS_NBUF (FS_LOGSIZE + 16u) /* buffer cache: a full transaction, plus blocks in use */
#define FS_NREFS 128u              /* distinct inodes the caller may hold with fs_iget */
#define FS_SYMLINK_MAX 255u        /* bytes of a symbolic link's target at most */
#define FS_SYMLOOP_MAX 8u          /* symbolic links one path may pass through (POSIX's least) */
#define FS_PATH_MAX 512u           /* a path as the links on its way rewrite it, NUL included */

/* The superblock, block 1. Written by fs_format; never changed afterwards. */
struct fs_superblock {
  uint32_t magic;      /* FS_MAGIC */
  uint32_t version;    /* FS_VERSION */
  uint32_t size;       /* blocks in the file system image */
  uint32_t ninodes;    /* inodes, inode 0 included */
  uint32_t nlog;       /* log data blocks: FS_LOGSIZE */
  uint32_t logstart;   /* block of the log header: 2 */
  uint32_t inodestart; /* first inode block */
  uint32_t ibmapstart; /* first block of the inode bitmap */
  uint32_t bmapstart;  /* first block of the block bitmap */
  uint32_t datastart;  /* first data block */
};

/* An inode on disk: 64 bytes. */
struct fs_dinode {
  int16_t type;                   /* T_DIR, T_FILE, T_DEVICE, T_SYMLINK (abi/stat.h); 0: free */
  int16_t major, minor;           /* T_DEVICE only: which driver */
  int16_t nlink;                  /* directory entries naming this inode (not ".") */
  uint32_t size;                  /* bytes */
  uint32_t addrs[FS_NDIRECT + 2]; /* direct, indirect, doubly indirect; 0: a hole */
};

/* A directory entry is abi/dirent.h's struct dirent, which guest programs read too. */

/* The log header, block sb.logstart. n > 0 means a committed transaction to install. */
struct fs_loghdr {
  uint32_t n;                 /* blocks logged */
  uint32_t block[FS_LOGSIZE]; /* home block number of log data block i */
};

/* The disk: read or write one FS_BSIZE block. Return 0, or a negative errno (the library
 * passes it on as -OSSIM_EIO). Either may block; neither may call the library. */
struct fs_disk {
  void *ctx;
  int (*read)(void *ctx, uint32_t block, void *buf);
  int (*write)(void *ctx, uint32_t block, const void *buf);
};

/* One block of the buffer cache. */
struct fs_buf {
  uint32_t blockno;
  uint32_t lastuse; /* fs->clock at the last release: least recently used goes first */
  uint16_t refcnt;  /* held between bio_read and bio_release */
  uint8_t valid;    /* data holds blockno's contents */
  uint8_t logged;   /* changed by the transaction in progress: pinned until commit */
  uint8_t data[FS_BSIZE];
};

/* An inode the caller holds open (fs_iget). */
struct fs_ref {
  uint32_t inum;  /* 0: a free slot */
  uint32_t count; /* fs_iget calls not yet matched by fs_iput */
};

/*
 * A mounted file system. The caller allocates it and calls fs_mount; everything inside is
 * the library's: read sb if you like, touch nothing.
 */
struct fs {
  /* Set by fs_mount, constant afterwards. */
  struct fs_disk disk;
  struct fs_superblock sb;
  /* The transaction in progress (log.c). */
  struct fs_loghdr log;
  int log_overflow; /* a transaction outgrew the log: a bug; its commit fails */
  int broken;       /* a commit failed half way: every call gives -OSSIM_EIO until a mount */
  /* Allocation hint (fs.c): where the last search for a free block ended. */
  uint32_t bhint;
  /* Open references (fs_iget/fs_iput), so that an unlinked file outlives its last name. */
  struct fs_ref refs[FS_NREFS];
  /* The buffer cache (bio.c). */
  uint32_t clock;
  /* buf[i]'s block number while it is valid, else 0 (no block 0 is cached): a lookup scans
   * these 320 bytes, not the buffers' 80 KiB (a page each few buffers, a TLB miss each). */
  uint32_t cached[FS_NBUF];
  struct fs_buf buf[FS_NBUF];
};

/*
 * fs_format: writes an empty file system of size_blocks blocks and ninodes inodes (inode 0
 * included) to d: superblock, empty log, inodes, bitmaps and a root directory holding "."
 * and "..". Data blocks are not written (a new block is zeroed when allocated).
 * -OSSIM_EINVAL if the layout does not fit (too few blocks, fewer than 2 inodes).
 */
int fs_format(const struct fs_disk *d, uint32_t size_blocks, uint32_t ninodes);

/*
 * fs_mount: reads and checks the superblock (-OSSIM_EUCLEAN if it is not one fs_format
 * would write), checks that the disk holds every block it names, replays a committed log,
 * and frees orphans (inodes whose last link went while they were open when the system
 * stopped). d is copied. On success the file system is ready; there is no unmount: every
 * call is on disk when it returns.
 */
int fs_mount(struct fs *fs, const struct fs_disk *d);

/*
 * Paths: absolute ("/a/b") or relative to cwd, the inode number of a directory; "." and
 * ".." are ordinary entries; repeated slashes and a trailing slash are allowed. A
 * component longer than FS_DIRSIZ - 1 bytes gives -OSSIM_ENAMETOOLONG, a non-directory in
 * the middle -OSSIM_ENOTDIR, an empty path -OSSIM_ENOENT. A symbolic link in the middle of
 * a path is followed (its target is walked from the directory holding it, or from the root
 * if it is absolute, then the rest of the path); so is one at the end for fs_lookup only:
 * the calls that make, remove or rename a name, and fs_link's oldpath, act on the link
 * itself. A walk through more than FS_SYMLOOP_MAX links gives -OSSIM_ELOOP.
 */

/* fs_lookup: *inum = the inode path names. */
int fs_lookup(struct fs *fs, uint32_t cwd, const char *path, uint32_t *inum);

/* fs_lookup_link: as fs_lookup, but a symbolic link as the last element is not followed:
 * *inum is the link itself (open's O_NOFOLLOW). */
int fs_lookup_link(struct fs *fs, uint32_t cwd, const char *path, uint32_t *inum);

/*
 * fs_create: creates path as a new inode of type T_FILE, T_DIR (with "." and "..") or
 * T_DEVICE (with major and minor); *inum (may be NULL) gets its number. -OSSIM_EEXIST if
 * the name exists, -OSSIM_ENOSPC if no inode or block is free, -OSSIM_EMLINK if the parent
 * has FS_LINK_MAX links (a new directory adds one), -OSSIM_EINVAL for a bad type.
 */
int fs_create(struct fs *fs, uint32_t cwd, const char *path, short type, short major, short minor,
              uint32_t *inum);

/*
 * fs_symlink: creates path as a symbolic link to target (which need not exist).
 * -OSSIM_ENOENT for an empty target, -OSSIM_ENAMETOOLONG for one longer than
 * FS_SYMLINK_MAX, and fs_create's errors.
 */
int fs_symlink(struct fs *fs, uint32_t cwd, const char *target, const char *path);

/* fs_readlink: copies up to n bytes of the target of the link path names (not followed)
 * into buf, without a NUL; returns the bytes copied. -OSSIM_EINVAL if path is no link. */
int fs_readlink(struct fs *fs, uint32_t cwd, const char *path, char *buf, uint32_t n);

/* fs_stat: fills st (dev is 0: the caller knows which disk this is). */
int fs_stat(struct fs *fs, uint32_t inum, struct stat *st);

/* fs_devnum: a T_DEVICE inode's major and minor; -OSSIM_EINVAL for other types. */
int fs_devnum(struct fs *fs, uint32_t inum, short *major, short *minor);

/*
 * fs_read: copies up to n bytes from offset off of a file, directory or symbolic link (its
 * target) into buf; returns
 * the bytes read (0 at or after the end), -OSSIM_EINVAL for a device node.
 */
int fs_read(struct fs *fs, uint32_t inum, uint32_t off, void *buf, uint32_t n);

/*
 * fs_write: writes n bytes from buf at offset off of a T_FILE, growing it; writing past the
 * end leaves a hole that reads as zeros. Returns the bytes written. A large write is split
 * into several transactions: a crash may leave a prefix of it written, never a torn block
 * map. When the disk fills up it returns the bytes written so far, or -OSSIM_ENOSPC if none;
 * -OSSIM_EFBIG at the largest file size; -OSSIM_EISDIR for a directory, -OSSIM_EINVAL for a
 * device node.
 */
int fs_write(struct fs *fs, uint32_t inum, uint32_t off, const void *buf, uint32_t n);

/* fs_truncate: makes a T_FILE empty and frees its blocks (in several transactions if it is
 * large). -OSSIM_EISDIR for a directory, -OSSIM_EINVAL for a device node. */
int fs_truncate(struct fs *fs, uint32_t inum);

/*
 * fs_link: makes newpath a new name of oldpath's inode. -OSSIM_EEXIST if newpath exists,
 * -OSSIM_EPERM if oldpath is a directory (directories have one name), -OSSIM_EMLINK at
 * FS_LINK_MAX links.
 */
int fs_link(struct fs *fs, uint32_t cwd, const char *oldpath, const char *newpath);

/*
 * fs_unlink: removes the name path; a directory must hold only "." and ".."
 * (-OSSIM_ENOTEMPTY). "." and ".." cannot be removed (-OSSIM_EINVAL), nor "/"
 * (-OSSIM_EBUSY). The inode is freed with its last link, or at its last fs_iput if the
 * caller holds it open.
 */
int fs_unlink(struct fs *fs, uint32_t cwd, const char *path);

/*
 * fs_rename: moves oldpath to newpath in one transaction. An existing newpath is replaced
 * if both are non-directories; otherwise -OSSIM_EEXIST (an existing directory is never
 * replaced). Moving a directory into itself or below itself gives -OSSIM_EINVAL.
 */
int fs_rename(struct fs *fs, uint32_t cwd, const char *oldpath, const char *newpath);

/*
 * fs_iget / fs_iput: the caller holds inode inum open (a file descriptor, a current
 * directory) / lets it go. An inode whose last link is removed lives until its last
 * fs_iput. fs_iget gives -OSSIM_ENOENT for a free inode, -OSSIM_ENFILE when FS_NREFS
 * distinct inodes are held; fs_iput -OSSIM_EINVAL for an inode not held.
 */
int fs_iget(struct fs *fs, uint32_t inum);
int fs_iput(struct fs *fs, uint32_t inum);

/* fs_sync: every call commits before it returns, so this only reports whether the file
 * system is still healthy: 0, or -OSSIM_EIO after a failed commit. */
int fs_sync(struct fs *fs);

/*
 * fs_check: checks the file system on d without changing it and calls report(ctx, msg)
 * once per problem found: the superblock, a log not yet replayed, inode types and sizes,
 * block numbers out of range or claimed twice, the bitmaps against what is in use, "." and
 * "..", directory entries naming free inodes, link counts against directory entries,
 * directories and files not reachable from the root. Returns the number of problems (0: the
 * file system is consistent). Run it after fs_mount (which replays the log and frees
 * orphans). Uses a few KiB of stack; reads each inode several times on large disks.
 */
int fs_check(const struct fs_disk *d, void (*report)(void *ctx, const char *msg), void *ctx);

#endif
