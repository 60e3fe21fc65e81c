#include "events.h"

#include "abi/kevents.h"

#include <string.h>

void ev_init(struct ev_stream *s) { memset(s, 0, sizeof *s); }

void ev_set_sink(struct ev_stream *s, ev_sink_fn fn, void *ctx) {
  s->sink = fn;
  s->sink_ctx = ctx;
}

void ev_emit(struct ev_stream *s, uint64_t cycle, uint16_t hart, uint16_t type, uint32_t a0,
             uint32_t a1, uint32_t a2, uint32_t a3) {
  if (type < EV_MACHINE_LAST) s->counts[type]++;
  if (!s->sink) return;
  struct ev_record r = {.cycle = cycle, .type = type, .hart = hart, .a = {a0, a1, a2, a3}};
  s->sink(s->sink_ctx, &r);
}

static const char *const names[EV_MACHINE_LAST] = {
    [EV_EXCEPTION] = "exception",
    [EV_INTERRUPT] = "interrupt",
    [EV_SRET] = "sret",
    [EV_TLB_FLUSH] = "tlb-flush",
    [EV_SATP] = "satp",
    [EV_IRQ] = "irq",
    [EV_DISK_REQUEST] = "disk-request",
    [EV_DISK_DONE] = "disk-done",
    [EV_MARK] = "mark",
    [EV_POWER] = "power",
    [EV_WFI] = "wfi",
};

const char *ev_type_name(uint16_t type) {
  if (type < EV_MACHINE_LAST) return names[type];
  return ev_kernel_type_name(type);
}
