/*
 * The default cost model, and its parser.
 *
 * Cycles are those of a small in-order RISC-V core clocked at 1 GHz (so a microsecond is
 * 1000 cycles). The per-instruction figures come from the SiFive E31 Core Complex Manual
 * (in FE310-G000, sections 3.2 "Instruction Fetch Unit" and 3.3 "Execution Pipeline"): a
 * single-issue five-stage pipeline with one cycle per instruction, a 2-cycle LW result
 * latency, 3-cycle CSR reads, a 5-cycle multiplier, a 2..33-cycle divider and a 3-cycle
 * penalty for a mispredicted control transfer. Where a figure is our estimate rather than a
 * published measurement, the comment says so and why. Latencies are charged as if the next
 * instruction always waited for the result: a simple, predictable model, not a pipeline
 * simulation.
 */
#include "cost.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hostio.h"

void cost_default(struct cost_model *c) {
  *c = (struct cost_model){
      .alu = 1,              /* E31 3.3: peak one instruction per cycle, one-cycle ALU results */
      .branch_taken = 2,     /* estimate: E31 3.2 charges 3 cycles per misprediction and none for
                                a correct one; we do not model the predictor and charge one
                                extra cycle per taken transfer, about one mispredict in three */
      .load = 2,             /* E31 3.3: LW has a two-cycle result latency on a cache hit */
      .store = 1,            /* E31 3.3: stores retire at one per cycle */
      .mul = 5,              /* E31 3.3: MUL, MULH, MULHU, MULHSU have a 5-cycle latency */
      .div = 33,             /* E31 3.3: DIV/REM take 2..33 cycles; we charge the worst case */
      .amo = 4,              /* estimate: a load and a store in one instruction, plus a cycle */
      .csr = 3,              /* E31 3.3: CSR reads have a three-cycle result latency */
      .fence = 3,            /* estimate: drains the pipeline, like a mispredict (E31 3.2) */
      .trap_entry = 5,       /* estimate: the pipeline flush of a mispredict (3, E31 3.2) plus
                                the CSR updates of trap entry; the handler's work is charged as
                                the instructions it executes */
      .trap_return = 3,      /* estimate: sret redirects fetch like a mispredicted jump (E31 3.2) */
      .tlb_walk_step = 20,   /* estimate: a page-table read that misses the L1 and hits the L2 */
      .tlb_flush = 10,       /* estimate: sfence.vma drains the pipeline and clears the TLB; the
                                refills that follow are charged as misses */
      .mmio = 20,            /* estimate: an uncached access across the peripheral bus */
      .copy_byte_x16 = 8,    /* a word copy is one LW and one SW per 4 bytes (E31 3.3), so half
                                a cycle per byte */
      .disk_request = 10000, /* 10 us: the read latency of a fast NVMe SSD (Intel Optane SSD
                                DC P4800X datasheet: < 10 us) */
      .disk_sector = 256,    /* 512 bytes at 2 GB/s, a PCIe 3.0 x4 SSD's sequential rate */
      .kernel_syscall = 120, /* estimate: saving and restoring the 31 user registers (31
                                stores, 31 loads: 93 cycles on the E31, 3.3) plus the
                                dispatch through the system-call table */
      .kernel_switch = 60,   /* estimate: xv6's swtch saves and restores 14 callee-saved
                                registers (14 stores, 14 loads: 42 cycles) plus the
                                scheduler's pick */
      .ipc_call = 200,       /* estimate: the system-call path above plus a capability
                                lookup and an endpoint queue operation; the sel4-u54 profile
                                has a measured figure */
      .ipc_reply = 200,      /* estimate: as ipc_call */
  };
}

/* Returns a pointer to the field called name, or NULL. */
static uint32_t *field(struct cost_model *c, const char *name, size_t len) {
#define COST_MATCH(f, what)                                                                        \
  if (len == strlen(#f) && strncmp(name, #f, len) == 0) return &c->f;
  COST_FIELDS(COST_MATCH)
#undef COST_MATCH
  return NULL;
}

/* Parses one line into *c. Returns 0, or -EINVAL with a message (without the line number). */
static int parse_line(struct cost_model *c, const char *line, size_t len, char *err,
                      size_t errlen) {
  const char *p = line, *end = line + len;
  while (p < end && isspace((unsigned char)*p))
    p++;
  if (p == end || *p == '#') return 0;
  const char *name = p;
  while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
    p++;
  size_t name_len = (size_t)(p - name);
  while (p < end && isspace((unsigned char)*p))
    p++;
  if (name_len == 0 || p == end || *p != '=') {
    snprintf(err, errlen, "expected 'name = cycles'");
    return -EINVAL;
  }
  uint32_t *f = field(c, name, name_len);
  if (!f) {
    snprintf(err, errlen, "unknown cost '%.*s'", (int)name_len, name);
    return -EINVAL;
  }
  p++;
  while (p < end && isspace((unsigned char)*p))
    p++;
  char num[24];
  size_t n = 0;
  while (p < end && !isspace((unsigned char)*p) && *p != '#' && n + 1 < sizeof num)
    num[n++] = *p++;
  num[n] = 0;
  while (p < end && isspace((unsigned char)*p))
    p++;
  char *stop;
  errno = 0;
  unsigned long long v = strtoull(num, &stop, 10);
  if (n == 0 || *stop || errno || v > UINT32_MAX || num[0] == '-' || (p < end && *p != '#')) {
    snprintf(err, errlen, "'%.*s' needs a whole number of cycles from 0 to %u", (int)name_len, name,
             UINT32_MAX);
    return -EINVAL;
  }
  *f = (uint32_t)v;
  return 0;
}

int cost_parse(struct cost_model *c, const char *text, char *err, size_t errlen) {
  struct cost_model next = *c;
  unsigned lineno = 1;
  for (const char *line = text; *line; lineno++) {
    const char *nl = strchr(line, '\n');
    size_t len = nl ? (size_t)(nl - line) : strlen(line);
    char msg[160];
    if (parse_line(&next, line, len, msg, sizeof msg) < 0) {
      snprintf(err, errlen, "line %u: %s", lineno, msg);
      return -EINVAL;
    }
    line += len + (nl != NULL);
  }
  if (next.alu == 0) {
    snprintf(err, errlen, "'alu' must be at least 1: every instruction takes time");
    return -EINVAL;
  }
  *c = next;
  return 0;
}

int cost_load_file(struct cost_model *c, const char *path, char *err, size_t errlen) {
  int fd = hostio_open_regular(path, O_RDONLY);
  FILE *f = fd < 0 ? NULL : fdopen(fd, "rb");
  if (!f) {
    int e = fd < 0 ? fd : -errno;
    if (fd >= 0) close(fd);
    snprintf(err, errlen, "%s: %s", path, hostio_strerror(e));
    return e;
  }
  char *text = NULL;
  size_t len = 0, cap = 0;
  int rc = 0;
  for (;;) {
    if (len + 4096 + 1 > cap) {
      cap = cap ? cap * 2 : 8192;
      char *t = cap > (1u << 20) ? NULL : realloc(text, cap);
      if (!t) {
        snprintf(err, errlen, "%s: too large for a cost file", path);
        rc = -EFBIG;
        break;
      }
      text = t;
    }
    size_t got = fread(text + len, 1, cap - len - 1, f);
    len += got;
    if (got == 0) break;
  }
  fclose(f);
  if (rc == 0) {
    text[len] = 0;
    if (strlen(text) != len) {
      snprintf(err, errlen, "%s: not a text file", path);
      rc = -EINVAL;
    } else {
      char msg[200];
      rc = cost_parse(c, text, msg, sizeof msg);
      if (rc < 0) snprintf(err, errlen, "%s: %s", path, msg);
    }
  }
  free(text);
  return rc;
}
