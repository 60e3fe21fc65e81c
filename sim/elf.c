#include "elf.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostio.h"

#include "abi/errno.h"
#include "bus.h"
#include "elf_check.h"

#define ELF_FILE_MAX (256u << 20) /* elf_load_file refuses bigger files */

/* The checks report the ABI's error numbers, which are the host's for these. */
_Static_assert(OSSIM_ENOEXEC == ENOEXEC && OSSIM_EINVAL == EINVAL && OSSIM_ENOMEM == ENOMEM,
               "abi/errno.h numbers ENOEXEC, EINVAL and ENOMEM as the host does");

/* Copies the segments into RAM and fills out. Called only once every check has passed,
 * when no write can fail. hi is one past the last byte: it wraps to 0 only for a segment
 * that ends at the very top of the 32-bit space (a 2 GiB RAM filled to its end). */
static int load(struct bus *b, const uint8_t *d, const struct elf_seg *segs, unsigned n,
                struct elf_image *out, char *err, size_t errlen) {
  uint64_t lo = UINT64_MAX, hi = 0, xlo = UINT64_MAX, xhi = 0;
  for (unsigned i = 0; i < n; i++) {
    const struct elf_seg *s = &segs[i];
    if (!bus_ram_write(b, s->pa, d + s->off, s->filesz) ||
        !bus_ram_fill(b, s->pa + s->filesz, 0, s->memsz - s->filesz))
      return elf_fail(err, errlen, -EINVAL, "segment %u could not be written to RAM", s->idx);
    lo = s->pa < lo ? s->pa : lo;
    hi = s->pa + s->memsz > hi ? s->pa + s->memsz : hi;
    if (s->flags & ELF_PF_X) {
      xlo = s->pa < xlo ? s->pa : xlo;
      xhi = s->pa + s->memsz > xhi ? s->pa + s->memsz : xhi;
    }
  }
  out->lo = (uint32_t)lo;
  out->hi = (uint32_t)hi;
  out->exec_lo = (uint32_t)xlo; /* an executable segment exists: it holds the entry */
  out->exec_hi = (uint32_t)xhi;
  return 0;
}

/* Checks everything and collects the segments (malloc'd into *segs_out) and the entry. */
static int parse(const struct elf_place *where, const uint8_t *data, size_t len,
                 struct elf_seg **segs_out, unsigned *n, uint32_t *entry, char *err,
                 size_t errlen) {
  uint64_t need = elf_headers_end(data, len);
  unsigned max = need > len || need > ELF_HEADERS_MAX ? 1 : (unsigned)(need / 32);
  struct elf_seg *segs = calloc(max, sizeof *segs);
  if (!segs) return elf_fail(err, errlen, -ENOMEM, "out of memory for %u segments", max);
  int rc = elf_check(data, len, len, where, segs, max, n, entry, err, errlen);
  if (rc) {
    free(segs);
    return rc;
  }
  *segs_out = segs;
  return 0;
}

int elf_load(struct bus *b, const uint8_t *data, size_t len, struct elf_image *out, char *err,
             size_t errlen) {
  struct elf_place where = {true, b->ram_base, (uint64_t)b->ram_base + b->ram_size};
  struct elf_seg *segs = NULL;
  unsigned n = 0;
  struct elf_image img = {0};
  int rc = parse(&where, data, len, &segs, &n, &img.entry, err, errlen);
  if (rc) return rc;
  rc = load(b, data, segs, n, &img, err, errlen);
  free(segs);
  if (rc == 0) *out = img;
  return rc;
}

int elf_segments(const uint8_t *data, size_t len, uint32_t lo, uint32_t hi, struct elf_segment *out,
                 unsigned max, unsigned *n, uint32_t *entry, char *err, size_t errlen) {
  struct elf_place where = {false, lo, hi};
  struct elf_seg *segs = NULL;
  int rc = parse(&where, data, len, &segs, n, entry, err, errlen);
  if (rc) return rc;
  if (*n > max) rc = elf_fail(err, errlen, -ENOEXEC, "%u loadable segments; at most %u", *n, max);
  for (unsigned i = 0; rc == 0 && i < *n; i++)
    out[i] = (struct elf_segment){(uint32_t)segs[i].va, (uint32_t)segs[i].memsz, segs[i].off,
                                  segs[i].filesz, segs[i].flags};
  free(segs);
  return rc;
}

/* Reads the whole of a regular file of at most ELF_FILE_MAX bytes into *buf (malloc'd). */
static int read_file(const char *path, uint8_t **buf, size_t *len, char *err, size_t errlen) {
  int fd = hostio_open_regular(path, O_RDONLY);
  FILE *f = fd < 0 ? NULL : fdopen(fd, "rb");
  if (!f) {
    int e = fd < 0 ? fd : -errno;
    if (fd >= 0) close(fd);
    return elf_fail(err, errlen, e, "%s: %s", path, hostio_strerror(e));
  }
  struct stat st;
  int rc = 0;
  if (fstat(fileno(f), &st) != 0) {
    int e = errno;
    rc = elf_fail(err, errlen, -e, "%s: %s", path, strerror(e));
  } else if (S_ISDIR(st.st_mode))
    rc = elf_fail(err, errlen, -EISDIR, "%s: %s", path, strerror(EISDIR));
  else if ((intmax_t)st.st_size > (intmax_t)ELF_FILE_MAX)
    rc = elf_fail(err, errlen, -EFBIG,
                  "%s: file is too large for an ELF image (%jd bytes, at most "
                  "256 MiB)",
                  path, (intmax_t)st.st_size);
  uint8_t *p = NULL;
  size_t n = rc ? 0 : (size_t)st.st_size;
  if (rc == 0 && !(p = malloc(n ? n : 1)))
    rc = elf_fail(err, errlen, -ENOMEM, "%s: out of memory", path);
  if (rc == 0 && fread(p, 1, n, f) != n)
    rc = elf_fail(err, errlen, ferror(f) ? -EIO : -ENOEXEC, "%s: %s", path,
                  ferror(f) ? strerror(EIO) : "file shrank while being read");
  fclose(f);
  if (rc) {
    free(p);
    return rc;
  }
  *buf = p;
  *len = n;
  return 0;
}

int elf_load_file(struct bus *b, const char *path, struct elf_image *out, char *err,
                  size_t errlen) {
  uint8_t *data = NULL;
  size_t len = 0;
  int rc = read_file(path, &data, &len, err, errlen);
  if (rc) return rc;
  char msg[256] = "";
  rc = elf_load(b, data, len, out, msg, sizeof msg);
  free(data);
  if (rc) elf_fail(err, errlen, rc, "%s: %s", path, msg);
  return rc;
}
