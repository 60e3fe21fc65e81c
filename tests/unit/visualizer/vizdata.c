#include "vizdata.h"

#include <string.h>

struct ev_record vizdata_rec(uint64_t cycle, uint16_t hart, uint16_t type, uint32_t a0, uint32_t a1,
                             uint32_t a2, uint32_t a3) {
  return (struct ev_record){.cycle = cycle, .hart = hart, .type = type, .a = {a0, a1, a2, a3}};
}

/* A name packed as the kernels pack it: little-endian bytes in three words. */
static void name_words(const char *name, uint32_t w[3]) {
  memset(w, 0, 3 * sizeof w[0]);
  memcpy(w, name, strlen(name) < 12 ? strlen(name) : 12);
}

struct feeder {
  void (*fn)(void *ctx, const struct ev_record *r);
  void *ctx;
};

static void put(struct feeder *f, uint64_t cycle, uint16_t hart, uint16_t type, uint32_t a0,
                uint32_t a1, uint32_t a2, uint32_t a3) {
  struct ev_record r = vizdata_rec(cycle, hart, type, a0, a1, a2, a3);
  f->fn(f->ctx, &r);
}

struct ev_record vizdata_name_rec(uint64_t cycle, uint16_t type, uint32_t a0, const char *name) {
  uint32_t w[3];
  name_words(name, w);
  return vizdata_rec(cycle, 0, type, a0, w[0], w[1], w[2]);
}

static void put_name(struct feeder *f, uint64_t cycle, uint16_t type, uint32_t a0,
                     const char *name) {
  struct ev_record r = vizdata_name_rec(cycle, type, a0, name);
  f->fn(f->ctx, &r);
}

void vizdata_feed(void (*fn)(void *ctx, const struct ev_record *r), void *ctx) {
  struct feeder f = {fn, ctx};
  put(&f, 0, 0, EV_PROC_CREATE, 1, 0, 0, 0);
  put_name(&f, 0, EV_PROC_NAME, 1, "init");
  put(&f, 0, 0, EV_PROC_CREATE, 2, 1, 0, 0);
  put_name(&f, 0, EV_PROC_NAME, 2, "sh");
  put(&f, 0, 0, EV_PROC_MEM, 0, 100, 0, 0);
  put(&f, 0, 0, EV_PROC_MEM, 1, 20, 0, 0);
  put(&f, 0, 0, EV_PROC_MEM, 2, 30, 0, 0);
  put(&f, 0, 0, EV_PROC_SCHED, 1, 5, 10, 0);
  put_name(&f, 100, EV_SERVER_START, 3, "fs");
  put(&f, 1000, 0, EV_PROC_STATE, 1, 4, 0, 0);
  put(&f, 1000, 0, EV_SCHED_SWITCH, 1, 0, 0, 0);
  put(&f, 1000, 1, EV_PROC_STATE, 2, 4, 0, 0);
  put(&f, 1000, 1, EV_SCHED_SWITCH, 2, 0, 0, 0);
  put(&f, 2000, 0, EV_SYSCALL_ENTER, 1, 5, 0, 0);
  put_name(&f, 2500, EV_MODULE_LOAD, 4096, "hello");
  put_name(&f, 2600, EV_MODULE_FAIL, 2, "bad");
  put(&f, 3000, 0, EV_SYSCALL_EXIT, 1, 5, 0, 0);
  put(&f, 4000, 0, EV_IPC_SEND, 1, 2, 7, 64);
  put(&f, 4500, 0, EV_PAGE_FAULT, 1, 0x1000, 13, 1);
  put(&f, 5000, 0, EV_PROC_STATE, 1, 2, 0, 0);
  put(&f, 5000, 0, EV_SCHED_SWITCH, 0, 1, 0, 0);
  put(&f, 6000, 1, EV_IPC_RECV, 2, 1, 7, 64);
  put(&f, 7000, 1, EV_IPC_REPLY, 2, 1, 7, 16);
  put(&f, 8000, 0, EV_PROC_STATE, 1, 4, 0, 0);
  put(&f, 8000, 0, EV_SCHED_SWITCH, 1, 0, 0, 0);
  put(&f, 8500, 1, EV_SERVER_DEATH, 3, 2, 13, 0x40);
  put(&f, 8600, 1, EV_SERVER_RESTART, 4, 3, 1, 1000);
  put(&f, VIZ_END, 0, EV_SCHED_SWITCH, 0, 1, 0, 0);
  put(&f, VIZ_END, 1, EV_SCHED_SWITCH, 0, 2, 0, 0);
}
