/*
 * abi/errno.h: the error numbers of the user ABI, shared by every kernel, the shared
 * components in kernels/lib and the C library.
 *
 * System calls return a negative error number on failure. The numbers are Linux's, so a
 * student's intuition (and strerror's text) carries over; the names carry an OSSIM_ prefix
 * so that host code can include this beside the host's own <errno.h>, whose numbers differ
 * on macOS. The C library defines the plain names (ENOENT ...) for guest programs.
 */
#ifndef OSSIM_ABI_ERRNO_H
#define OSSIM_ABI_ERRNO_H

#define OSSIM_EPERM 1         /* operation not permitted */
#define OSSIM_ENOENT 2        /* no such file or directory */
#define OSSIM_ESRCH 3         /* no such process */
#define OSSIM_EINTR 4         /* interrupted system call */
#define OSSIM_EIO 5           /* input/output error */
#define OSSIM_E2BIG 7         /* argument list too long */
#define OSSIM_ENOEXEC 8       /* exec format error */
#define OSSIM_EBADF 9         /* bad file descriptor */
#define OSSIM_ECHILD 10       /* no child processes */
#define OSSIM_EAGAIN 11       /* resource temporarily unavailable */
#define OSSIM_ENOMEM 12       /* out of memory */
#define OSSIM_EACCES 13       /* permission denied */
#define OSSIM_EFAULT 14       /* bad address */
#define OSSIM_EBUSY 16        /* device or resource busy */
#define OSSIM_EEXIST 17       /* file exists */
#define OSSIM_EXDEV 18        /* cross-device link */
#define OSSIM_ENODEV 19       /* no such device */
#define OSSIM_ENOTDIR 20      /* not a directory */
#define OSSIM_EISDIR 21       /* is a directory */
#define OSSIM_EINVAL 22       /* invalid argument */
#define OSSIM_ENFILE 23       /* too many open files in system */
#define OSSIM_EMFILE 24       /* too many open files */
#define OSSIM_ENOTTY 25       /* not a terminal */
#define OSSIM_EFBIG 27        /* file too large */
#define OSSIM_ENOSPC 28       /* no space left on device */
#define OSSIM_ESPIPE 29       /* illegal seek */
#define OSSIM_EROFS 30        /* read-only file system */
#define OSSIM_EMLINK 31       /* too many links */
#define OSSIM_EPIPE 32        /* broken pipe */
#define OSSIM_ERANGE 34       /* result out of range */
#define OSSIM_ENAMETOOLONG 36 /* file name too long */
#define OSSIM_ENOSYS 38       /* function not implemented */
#define OSSIM_ENOTEMPTY 39    /* directory not empty */
#define OSSIM_ELOOP 40        /* too many levels of symbolic links */
#define OSSIM_ENOTSUP 95      /* operation not supported */
#define OSSIM_EUCLEAN 117     /* structure needs cleaning (a corrupt file system) */

#endif
