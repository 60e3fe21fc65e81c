#include "hostfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "abi/errno.h"
#include "hostio.h"
#include "machine.h"

int hostfile_copy_temp(const char *path, char *copy, size_t copylen, char *err, size_t errlen) {
  const char *tmp = getenv("TMPDIR");
  snprintf(copy, copylen, "%s/ossim-disk-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  int in = hostio_open_regular(path, O_RDONLY); /* /dev/zero would fill the host's disk */
  if (in < 0) {
    snprintf(err, errlen, "%s: %s", path, hostio_strerror(in));
    copy[0] = 0;
    return in;
  }
  int out = mkstemp(copy), rc = 0;
  if (out < 0) {
    rc = -errno;
    snprintf(err, errlen, "%s: cannot make a temporary copy: %s", path, strerror(errno));
  }
  char buf[1 << 16];
  ssize_t n;
  while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
    if (n < 0 || write(out, buf, (size_t)n) != n) {
      rc = -EIO;
      snprintf(err, errlen, "%s: cannot copy the disk image: %s", path, strerror(errno));
    }
  }
  close(in);
  if (out >= 0) close(out);
  if (rc < 0) {
    if (out >= 0) unlink(copy);
    copy[0] = 0;
  }
  return rc;
}

void hostfile_remove(const char *copy) { unlink(copy); }

long hostfile_size(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

long hostfile_read_at(const char *path, long off, void *buf, size_t n) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -errno;
  ssize_t r = pread(fd, buf, n, (off_t)off);
  long rc = r < 0 ? -errno : (long)r;
  close(fd);
  return rc;
}

/* A message about the private copy of the disk speaks of the file the user named. */
static void name_the_original(char *msg, size_t len, const char *copy, const char *original) {
  char *at = strstr(msg, copy);
  if (!at) return;
  char rest[512];
  snprintf(rest, sizeof rest, "%s", at + strlen(copy));
  snprintf(at, len - (size_t)(at - msg), "%s%s", original, rest);
}

int hostfile_machine_create(const struct machine_config *mc, const char *disk, bool persist,
                            struct machine **out, char *err, size_t errlen) {
  char copy[512] = "";
  int rc = 0;
  if (disk && !persist) rc = hostfile_copy_temp(disk, copy, sizeof copy, err, errlen);
  if (rc < 0) return rc;
  struct machine_config cfg = *mc;
  cfg.disk_path = copy[0] ? copy : disk;
  rc = machine_create(&cfg, out, err, errlen);
  if (rc < 0 && copy[0]) name_the_original(err, errlen, copy, disk);
  if (copy[0]) hostfile_remove(copy);
  return rc;
}

const char *hostfile_boot_error(int err) {
  switch (-err) {
  case OSSIM_ENOENT: return "no such file";
  case OSSIM_ENOTDIR: return "a directory on the way is not a directory";
  case OSSIM_EISDIR: return "is a directory";
  case OSSIM_ENOEXEC: return "not a RISC-V executable";
  case OSSIM_EACCES: return "not a regular file";
  case OSSIM_E2BIG: return "too large";
  case OSSIM_ENOMEM: return "out of memory";
  case OSSIM_EIO: return "the disk failed";
  case OSSIM_EUCLEAN: return "the file system is corrupt (run fsck)";
  default: return "unexpected error";
  }
}
