/* Refused: the value bpf_map_lookup_elem returns is used without checking it against NULL
 * (the key may be absent). The fix: if (!n) return 0; */
#include "bpf_prog.h"

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 64);
  __type(key, uint32_t);
  __type(value, uint64_t);
} calls SEC(".maps");

SEC("tracepoint/syscalls/sys_enter")
int no_check(struct bpf_syscall_ctx *ctx) {
  uint32_t pid = ctx->pid;
  uint64_t *n = bpf_map_lookup_elem(&calls, &pid);
  *n += 1;
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
