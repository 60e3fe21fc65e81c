/* A histogram of read's latency, in simulated nanoseconds: entry stores the time per
 * process, exit adds the elapsed time to slot log2(elapsed) of an array. */
#include "abi/syscall.h"
#include "bpf_prog.h"

#define SLOTS 32

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 64);
  __type(key, uint32_t);
  __type(value, uint64_t);
} started SEC(".maps");

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, SLOTS);
  __type(key, uint32_t);
  __type(value, uint64_t);
} latency SEC(".maps");

SEC("tracepoint/syscalls/sys_enter")
int read_enter(struct bpf_syscall_ctx *ctx) {
  uint32_t pid = ctx->pid;
  uint64_t now = bpf_ktime_get_ns();
  if (ctx->nr == SYS_read) bpf_map_update_elem(&started, &pid, &now, BPF_ANY);
  return 0;
}

SEC("tracepoint/syscalls/sys_exit")
int read_exit(struct bpf_syscall_exit_ctx *ctx) {
  uint32_t pid = ctx->pid, slot = 0;
  if (ctx->nr != SYS_read) return 0;
  uint64_t *start = bpf_map_lookup_elem(&started, &pid);
  if (!start) return 0;
  uint64_t elapsed = bpf_ktime_get_ns() - *start;
  bpf_map_delete_elem(&started, &pid);
  /* A bounded loop: the verifier walks it round by round. */
  for (int i = 0; i < SLOTS - 1 && elapsed > 1; i++) {
    elapsed >>= 1;
    slot++;
  }
  uint64_t *count = bpf_map_lookup_elem(&latency, &slot);
  if (count) __sync_fetch_and_add(count, 1);
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
