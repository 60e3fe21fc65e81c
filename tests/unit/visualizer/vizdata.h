/*
 * vizdata: one known, synthetic event sequence for the visualizer's tests (model, trace,
 * GUI pixels), so that they do not depend on which kernel emits what today.
 *
 * Two harts. pid 1 "init" runs on hart 0 from 1000 to 5000 (a system call, number 5, from
 * 2000 to 3000) and again from 8000 to 10000; pid 2 "sh" runs on hart 1 from 1000 to 10000.
 * At 4000 init sends label 7, 64 bytes to sh; sh receives it at 6000 and replies (label 7,
 * 16 bytes) at 7000; init runs again at 8000. Module "hello" (4096 bytes) loads at 2500 and
 * "bad" fails (error 2) at 2600. Server "fs" (pid 3) starts at 100, dies at 8500 and is
 * restarted as pid 4 at 8600. Memory: kernel 100 pages, init 20, sh 30. init has priority 5
 * and 10 tickets. A page fault of init at 4500.
 */
#ifndef OSSIM_TEST_VIZDATA_H
#define OSSIM_TEST_VIZDATA_H

#include "abi/kevents.h"
#include "events.h"

#define VIZ_END 10000u /* the last cycle of the sequence */

/* Calls fn(ctx, record) for every record of the sequence, in stream order. */
void vizdata_feed(void (*fn)(void *ctx, const struct ev_record *r), void *ctx);
/* A record, for tests that feed their own. */
struct ev_record vizdata_rec(uint64_t cycle, uint16_t hart, uint16_t type, uint32_t a0, uint32_t a1,
                             uint32_t a2, uint32_t a3);
/* A record that names something (EV_PROC_NAME, EV_SERVER_START): a0, then the name packed
 * in a1..a3 as the kernels pack it. */
struct ev_record vizdata_name_rec(uint64_t cycle, uint16_t type, uint32_t a0, const char *name);

#endif
