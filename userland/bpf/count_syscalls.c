/* Counts system calls per process: a hash map from pid to count, updated at every entry.
 * `bpf map dump` shows it. */
#include "bpf_prog.h"

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 64);
  __type(key, uint32_t);
  __type(value, uint64_t);
} calls SEC(".maps");

SEC("tracepoint/syscalls/sys_enter")
int count_calls(struct bpf_syscall_ctx *ctx) {
  uint32_t pid = ctx->pid;
  uint64_t one = 1;
  uint64_t *n = bpf_map_lookup_elem(&calls, &pid);
  if (n)
    __sync_fetch_and_add(n, 1);
  else
    bpf_map_update_elem(&calls, &pid, &one, BPF_NOEXIST);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
