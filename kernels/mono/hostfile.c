#include "hostfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int hostfile_copy_temp(const char *path, char *copy, size_t copylen, char *err, size_t errlen) {
  const char *tmp = getenv("TMPDIR");
  snprintf(copy, copylen, "%s/ossim-disk-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  int in = open(path, O_RDONLY);
  if (in < 0) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    copy[0] = 0;
    return -errno;
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
