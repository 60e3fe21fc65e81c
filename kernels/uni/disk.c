/*
 * disk.c: the monitor's look at the disk before the run (uni.h). Apart from uni.c, which
 * reads host directories: the host's <dirent.h> and the guest ABI's abi/dirent.h (through
 * fs.h) both define struct dirent.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fs/fs.h"
#include "hostfile.h"
#include "uni.h"

/*
 * A disk must hold an ossim file system: the library OS would find out only inside the run,
 * so the monitor looks at the superblock's magic number first and names the file. No disk
 * at all is fine (a program may need none; its file calls then fail with -ENODEV).
 */
int uni_check_disk(const char *disk, char *err, size_t errlen) {
  uint8_t sb[4];
  long n = disk ? hostfile_read_at(disk, FS_BSIZE, sb, sizeof sb) : 4;
  if (n < 0)
    snprintf(err, errlen, "%s: %s", disk, strerror((int)-n));
  else if (n < 4 ||
           (uint32_t)(sb[0] | sb[1] << 8 | sb[2] << 16 | (uint32_t)sb[3] << 24) != FS_MAGIC)
    snprintf(err, errlen,
             "%s: not an ossim file system (no superblock; build/tools/mkfs makes one)", disk);
  else
    return 0;
  return n < 0 ? (int)n : -EINVAL;
}
