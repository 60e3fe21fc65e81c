/*
 * machine: one emulated board — harts, RAM, devices, the event queue, the event stream
 * and the cost model — and the loop that runs them in simulated time.
 *
 * Time is simulated cycles only. Harts run in turn, each up to a common target cycle (a
 * round: a quantum, cut short by the next device event), so a run with several harts is
 * interleaved deterministically. With several harts each round's length jitters between
 * half a quantum and a whole one, drawn from the seed: another seed moves the points where
 * one hart stops and the next goes on, so it explores another interleaving, and the same
 * seed always gives the same one. Devices act through the event queue at exact cycles.
 * Nothing guest-visible depends on the host clock or host randomness.
 *
 * The machine owns all its state (no globals), so several machines can live side by side
 * in one process. The memory map follows QEMU's `virt` board; see the MACHINE_* constants.
 *
 * Not for: kernels. Hosted kernels drive harts through cpu.h and mmu.h and call
 * machine_advance() to let devices run; the machine knows nothing about them.
 */
#ifndef OSSIM_MACHINE_H
#define OSSIM_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/memmap.h"
#include "bus.h"
#include "cost.h"
#include "cpu.h"
#include "dcache.h"
#include "events.h"
#include "evq.h"

/* How the UART reaches the host. The front end supplies these; a test can capture. */
struct uart_host {
  void (*put)(void *ctx, uint8_t byte);
  /* Next input byte, UART_HOST_NONE when none is ready, UART_HOST_EOF at end of input. */
  int (*get)(void *ctx);
  void *ctx;
};
#define UART_HOST_NONE (-1)
#define UART_HOST_EOF (-2)

struct machine_config {
  uint32_t ram_size;    /* bytes; a multiple of 4 KiB, at most 2 GiB */
  unsigned ncpus;       /* 1..MACHINE_MAX_HARTS */
  uint64_t seed;        /* for anything guest-visible that wants randomness */
  unsigned tlb_entries; /* power of two */
  unsigned tlb_ways;    /* power of two, at most tlb_entries: entries / ways sets */
  bool strict_tlb;      /* a cached entry without the rights faults without a walk (mmu.h) */
  bool trap_misaligned; /* misaligned loads and stores trap instead of being completed */
  uint64_t quantum;     /* cycles a hart runs before the next one gets its turn */
  struct cost_model cost;
  const char *disk_path; /* block device image, or NULL for no disk */
  struct uart_host uart;
  ev_sink_fn ev_sink; /* where the event stream goes from the start (may be NULL) */
  void *ev_sink_ctx;
};

enum machine_state {
  MACHINE_RUNNING = 0,
  MACHINE_POWEROFF,  /* test device: 0x5555 */
  MACHINE_FAILED,    /* test device: 0x3333 | code << 16 */
  MACHINE_REBOOT,    /* test device: 0x7777 */
  MACHINE_STUCK,     /* every hart waits in wfi for an interrupt that nothing can raise */
  MACHINE_TRAP_LOOP, /* a hart cannot fetch its trap handler; exit_code = the fault cause,
                        the hart's pc = the handler's address */
};

struct plic;
struct uart;
struct blk;
struct testdev;
struct traceport;

struct machine {
  struct machine_config cfg;
  struct bus bus;
  struct dcache dcache;
  struct evq evq;
  struct ev_stream ev;
  struct hart *harts[MACHINE_MAX_HARTS];
  unsigned nharts;

  /* Time: `now` is the cycle the machine as a whole has reached; while a hart runs,
   * `running` points to it and machine_now() reads its clock instead. */
  uint64_t now;
  struct hart *running;

  struct plic *plic;
  struct uart *uart;
  struct blk *blk;
  struct testdev *testdev;
  struct traceport *trace;

  enum machine_state state;
  uint32_t exit_code;
  unsigned stopped_by; /* the hart that stopped the machine (0 if a device did) */
  uint64_t rng;        /* xorshift state, from the seed */
};

void machine_config_default(struct machine_config *cfg);
/* Builds a machine. Returns 0, or a negative errno with a message in err (a bad config, a
 * disk image that cannot be opened). */
int machine_create(const struct machine_config *cfg, struct machine **out, char *err,
                   size_t errlen);
void machine_destroy(struct machine *m);

/* After a reboot or failure: the machine runs again (its RAM and devices as they are). */
void machine_restart(struct machine *m);
/* Resets every hart: hart 0 starts at entry, the others too (each with a0 = its id). */
void machine_reset_harts(struct machine *m, uint32_t entry);

/* Runs harts and devices until the machine stops or every hart reaches max_cycles.
 * Returns the machine's state: MACHINE_RUNNING when the cycle limit was reached, and
 * MACHINE_STUCK (without changing m->state) when no hart can ever run again. */
enum machine_state machine_run(struct machine *m, uint64_t max_cycles);
/* Moves machine time to `cycle` (not backwards) and runs the device events due. For hosted
 * kernels, which run harts themselves. */
void machine_advance(struct machine *m, uint64_t cycle);

/* Services for devices. */
uint64_t machine_now(const struct machine *m);
int machine_schedule(struct machine *m, uint64_t when, evq_fn fn, void *ctx);
void machine_emit(struct machine *m, uint16_t type, uint32_t a0, uint32_t a1, uint32_t a2,
                  uint32_t a3);
void machine_set_irq(struct machine *m, unsigned source, bool level);
/* Called by the PLIC when a hart's external-interrupt line changes. */
void machine_set_seip(struct machine *m, unsigned hart, bool level);
void machine_power(struct machine *m, enum machine_state state, uint32_t code);
/* The cycle where a round that starts now ends: now plus a quantum (jittered by the seed
 * when there are several harts, see above), or the next device event if that is sooner.
 * Every loop that runs harts in turn asks it where to stop them. */
uint64_t machine_round_end(struct machine *m);
/* A deterministic pseudo-random number from the machine's seed. */
uint64_t machine_random(struct machine *m);

/* Total instructions and cycles over all harts. */
uint64_t machine_instret(const struct machine *m);

#endif
