/* Refused: an out-of-bounds map access. The index is checked against 64 but the value has
 * only 16 slots. The fix: check against the array's real length. */
#include "bpf_prog.h"

struct slots {
  uint64_t n[16];
};

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, uint32_t);
  __type(value, struct slots);
} table SEC(".maps");

SEC("tracepoint/syscalls/sys_enter")
int count_nr(struct bpf_syscall_ctx *ctx) {
  uint32_t zero = 0, nr = ctx->nr;
  struct slots *s = bpf_map_lookup_elem(&table, &zero);
  if (s && nr < 64) s->n[nr]++;
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
