/* Refused: a helper the hook does not allow. A filter decides from the call alone; it may
 * not read the clock (bpf_ktime_get_ns). The fix: do the timing in a tracepoint. */
#include "bpf_prog.h"

SEC("filter")
int timed(struct bpf_syscall_ctx *ctx) {
  (void)ctx;
  return bpf_ktime_get_ns() & 1;
}

char LICENSE[] SEC("license") = "GPL";
