/* Refused: a kernel pointer leaked to user space. The program stores the address of a map
 * value into the map, where the bpf tool (user space) can read it. The fix: store numbers,
 * never pointers. */
#include "bpf_prog.h"

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 1);
  __type(key, uint32_t);
  __type(value, uint64_t);
} box SEC(".maps");

SEC("tracepoint/syscalls/sys_enter")
int leak(struct bpf_syscall_ctx *ctx) {
  uint32_t zero = 0;
  uint64_t *v = bpf_map_lookup_elem(&box, &zero);
  (void)ctx;
  if (v) *v = (uint64_t)v;
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
