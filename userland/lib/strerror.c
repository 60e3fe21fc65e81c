/*
 * strerror: a message for every error number of abi/errno.h (Linux's numbers,
 * and Linux's wording, in lower case as the abi header writes them).
 */
#include "ulib.h"

#include "abi/errno.h"

static const struct {
  int num;
  const char *msg;
} messages[] = {
    {0, "success"},
    {OSSIM_EPERM, "operation not permitted"},
    {OSSIM_ENOENT, "no such file or directory"},
    {OSSIM_ESRCH, "no such process"},
    {OSSIM_EINTR, "interrupted system call"},
    {OSSIM_EIO, "input/output error"},
    {OSSIM_E2BIG, "argument list too long"},
    {OSSIM_ENOEXEC, "exec format error"},
    {OSSIM_EBADF, "bad file descriptor"},
    {OSSIM_ECHILD, "no child processes"},
    {OSSIM_EAGAIN, "resource temporarily unavailable"},
    {OSSIM_ENOMEM, "out of memory"},
    {OSSIM_EACCES, "permission denied"},
    {OSSIM_EFAULT, "bad address"},
    {OSSIM_EBUSY, "device or resource busy"},
    {OSSIM_EEXIST, "file exists"},
    {OSSIM_EXDEV, "cross-device link"},
    {OSSIM_ENODEV, "no such device"},
    {OSSIM_ENOTDIR, "not a directory"},
    {OSSIM_EISDIR, "is a directory"},
    {OSSIM_EINVAL, "invalid argument"},
    {OSSIM_ENFILE, "too many open files in system"},
    {OSSIM_EMFILE, "too many open files"},
    {OSSIM_ENOTTY, "not a terminal"},
    {OSSIM_EFBIG, "file too large"},
    {OSSIM_ENOSPC, "no space left on device"},
    {OSSIM_ESPIPE, "illegal seek"},
    {OSSIM_EROFS, "read-only file system"},
    {OSSIM_EMLINK, "too many links"},
    {OSSIM_EPIPE, "broken pipe"},
    {OSSIM_ERANGE, "result out of range"},
    {OSSIM_ENAMETOOLONG, "file name too long"},
    {OSSIM_ENOSYS, "function not implemented"},
    {OSSIM_ENOTEMPTY, "directory not empty"},
    {OSSIM_ELOOP, "too many levels of symbolic links"},
    {OSSIM_ENOTSUP, "operation not supported"},
    {OSSIM_EUCLEAN, "structure needs cleaning"},
};

const char *ulib_strerror(int e) {
  unsigned u = e < 0 ? 0u - (unsigned)e : (unsigned)e; /* no overflow at INT_MIN */
  for (size_t i = 0; i < sizeof messages / sizeof messages[0]; i++)
    if ((unsigned)messages[i].num == u) return messages[i].msg;
  return "unknown error";
}
