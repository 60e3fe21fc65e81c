/*
 * events: the typed event stream.
 *
 * Every interesting thing the machine (and, later, a kernel) does becomes one fixed-size
 * record stamped with the cycle and the hart. Consumers (the visualizer, traces, stats,
 * the determinism test) register one sink. Records are plain data, so two runs with the
 * same inputs and seed produce the same bytes.
 *
 * The types here are the machine's own. From EV_KERNEL_BASE up is the shared vocabulary of
 * kernel events (abi/kevents.h) — processes, scheduling, system calls, page faults, IPC —
 * which every kernel emits the same way so that consumers (the visualizer, which never
 * includes a kernel header) can read any kernel's stream. The machine itself never emits
 * them; it carries them, and ev_type_name names both.
 *
 * Not for: printing. Turning records into text or JSON is the consumer's job.
 */
#ifndef OSSIM_EVENTS_H
#define OSSIM_EVENTS_H

#include <stdint.h>

enum ev_type {
  EV_NONE = 0,
  EV_EXCEPTION,    /* a0 = cause, a1 = epc, a2 = tval, a3 = privilege it came from */
  EV_INTERRUPT,    /* a0 = cause (without the top bit), a1 = epc, a3 = privilege */
  EV_SRET,         /* a0 = new pc, a1 = privilege returned to */
  EV_TLB_FLUSH,    /* a0 = vaddr or 0, a1 = asid or 0, a2 = 1 if by address, a3 = 1 if by asid */
  EV_SATP,         /* a0 = new satp */
  EV_IRQ,          /* a0 = interrupt source, a1 = level */
  EV_DISK_REQUEST, /* a0 = op (1 read, 2 write), a1 = sector, a2 = count, a3 = dma address */
  EV_DISK_DONE,    /* a0 = op, a1 = sector, a2 = count, a3 = status */
  EV_MARK,         /* a0 = id, a1..a3 = arguments, written by guest code to the trace port */
  EV_POWER,        /* a0 = 0 off, 1 fail, 2 reboot; a1 = exit code */
  EV_WFI,          /* the hart stalled; a0 = pc */
  EV_MACHINE_LAST,
};

#define EV_HART_NONE 0xffff /* the record comes from a device, not a hart */

struct ev_record {
  uint64_t cycle;
  uint16_t type;
  uint16_t hart;
  uint32_t a[4];
  uint32_t reserved; /* 0; makes the record 32 bytes with no padding */
};

typedef void (*ev_sink_fn)(void *ctx, const struct ev_record *rec);

/* Owned by a machine. `counts` is kept for every machine type whether or not a sink is set. */
struct ev_stream {
  ev_sink_fn sink;
  void *sink_ctx;
  uint64_t counts[EV_MACHINE_LAST];
};

void ev_init(struct ev_stream *s);
void ev_set_sink(struct ev_stream *s, ev_sink_fn fn, void *ctx);
void ev_emit(struct ev_stream *s, uint64_t cycle, uint16_t hart, uint16_t type, uint32_t a0,
             uint32_t a1, uint32_t a2, uint32_t a3);
/* A short lower-case name for an event type ("exception", "proc-create"), or NULL. */
const char *ev_type_name(uint16_t type);

#endif
