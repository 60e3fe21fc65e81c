#include "events.h"

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
    [EV_EXCEPTION] = "exception",   [EV_INTERRUPT] = "interrupt",
    [EV_SRET] = "sret",             [EV_TLB_FLUSH] = "tlb-flush",
    [EV_SATP] = "satp",             [EV_IRQ] = "irq",
    [EV_DISK_REQUEST] = "disk-request", [EV_DISK_DONE] = "disk-done",
    [EV_MARK] = "mark",             [EV_POWER] = "power",
    [EV_WFI] = "wfi",
};

static const char *const kernel_names[EV_KERNEL_LAST - EV_KERNEL_BASE] = {
    [EV_PROC_CREATE - EV_KERNEL_BASE] = "proc-create",
    [EV_PROC_NAME - EV_KERNEL_BASE] = "proc-name",
    [EV_PROC_STATE - EV_KERNEL_BASE] = "proc-state",
    [EV_PROC_EXIT - EV_KERNEL_BASE] = "proc-exit",
    [EV_SCHED_SWITCH - EV_KERNEL_BASE] = "sched-switch",
    [EV_SYSCALL_ENTER - EV_KERNEL_BASE] = "syscall-enter",
    [EV_SYSCALL_EXIT - EV_KERNEL_BASE] = "syscall-exit",
    [EV_PAGE_FAULT - EV_KERNEL_BASE] = "page-fault",
    [EV_MODULE_LOAD - EV_KERNEL_BASE] = "module-load",
    [EV_MODULE_UNLOAD - EV_KERNEL_BASE] = "module-unload",
    [EV_MODULE_FAIL - EV_KERNEL_BASE] = "module-fail",
    [EV_IPC_SEND - EV_KERNEL_BASE] = "ipc-send",
    [EV_IPC_RECV - EV_KERNEL_BASE] = "ipc-recv",
    [EV_IPC_REPLY - EV_KERNEL_BASE] = "ipc-reply",
    [EV_NOTIFY - EV_KERNEL_BASE] = "notify",
    [EV_SERVER_START - EV_KERNEL_BASE] = "server-start",
    [EV_SERVER_DEATH - EV_KERNEL_BASE] = "server-death",
    [EV_SERVER_RESTART - EV_KERNEL_BASE] = "server-restart",
    [EV_PROC_MEM - EV_KERNEL_BASE] = "proc-mem",
    [EV_PROC_SCHED - EV_KERNEL_BASE] = "proc-sched",
    [EV_MODULE_REF - EV_KERNEL_BASE] = "module-ref",
};

const char *ev_type_name(uint16_t type) {
  if (type < EV_MACHINE_LAST) return names[type];
  if (type >= EV_KERNEL_BASE && type < EV_KERNEL_LAST) return kernel_names[type - EV_KERNEL_BASE];
  return NULL;
}
