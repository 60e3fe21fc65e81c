/* The hooks: their contexts' sizes, what may be written, the helpers allowed, and what a
 * program may return. */
#include "bpf_impl.h"

/* Tracing may use every helper; a filter decides from the call and the task, and keeps no
 * record (no ring buffer, no clock), as seccomp's filters see only the call. */
static const uint16_t tracing_helpers[] = {
    BPF_FUNC_map_lookup_elem,  BPF_FUNC_map_update_elem,      BPF_FUNC_map_delete_elem,
    BPF_FUNC_ktime_get_ns,     BPF_FUNC_get_smp_processor_id, BPF_FUNC_get_current_pid_tgid,
    BPF_FUNC_get_current_comm, BPF_FUNC_ringbuf_output,       0};
static const uint16_t filter_helpers[] = {BPF_FUNC_map_lookup_elem, BPF_FUNC_map_update_elem,
                                          BPF_FUNC_get_current_pid_tgid, BPF_FUNC_get_current_comm,
                                          0};

const struct bpf_hook bpf_hook_sys_enter = {
    "sys_enter", sizeof(struct bpf_syscall_ctx), 0, 0, tracing_helpers, INT64_MIN, INT64_MAX};
const struct bpf_hook bpf_hook_sys_exit = {
    "sys_exit", sizeof(struct bpf_syscall_exit_ctx), 0, 0, tracing_helpers, INT64_MIN, INT64_MAX};
const struct bpf_hook bpf_hook_filter = {
    "filter", sizeof(struct bpf_syscall_ctx), 0, 0, filter_helpers, 0, 4095};

const struct bpf_hook *bpf_hook_for_section(const char *section) {
  const char *last = section;
  for (const char *s = section; *s; s++)
    if (*s == '/') last = s + 1;
  if (strcmp(last, "sys_enter") == 0) return &bpf_hook_sys_enter;
  if (strcmp(last, "sys_exit") == 0) return &bpf_hook_sys_exit;
  if (strcmp(last, "filter") == 0 || strcmp(last, "seccomp") == 0) return &bpf_hook_filter;
  return NULL;
}
