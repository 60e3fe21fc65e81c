/* Refused: a loop nothing bounds. The counter comes from the context, so the verifier cannot
 * see the loop end; it walks it until its complexity limit and says so. The fix: bound the
 * count (if (n > 64) n = 64;). */
#include "bpf_prog.h"

SEC("tracepoint/syscalls/sys_enter")
int spin(struct bpf_syscall_ctx *ctx) {
  volatile uint64_t n = ctx->args[0], sum = 0;
  (void)sum;
  for (uint64_t i = 0; i != n; i++)
    sum += i;
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
