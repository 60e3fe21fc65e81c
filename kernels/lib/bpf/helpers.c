/*
 * The helper functions a program may call, with Linux's numbers and argument types. The
 * verifier checks each call against the prototype (bpf_helper.args); the interpreter calls
 * fn, which checks its pointers again with bpf_vm_mem_ok so that a verifier bug cannot
 * make a helper touch the host's memory.
 */
#include "bpf_impl.h"

static void *ptr(uint64_t v) { return (void *)(uintptr_t)v; }

static uint64_t map_lookup_elem(struct bpf_vm *vm, const uint64_t a[5], int *fault) {
  struct bpf_map *m = bpf_vm_map(vm, a[0]);
  if (!m || !bpf_vm_mem_ok(vm, a[1], m->def.key_size, 0)) {
    *fault = 1;
    return 0;
  }
  return (uint64_t)(uintptr_t)bpf_map_lookup(m, ptr(a[1]), bpf_vm_env(vm)->hart);
}

static uint64_t map_update_elem(struct bpf_vm *vm, const uint64_t a[5], int *fault) {
  struct bpf_map *m = bpf_vm_map(vm, a[0]);
  if (!m || !bpf_vm_mem_ok(vm, a[1], m->def.key_size, 0) ||
      !bpf_vm_mem_ok(vm, a[2], m->def.value_size, 0)) {
    *fault = 1;
    return 0;
  }
  return (uint64_t)(int64_t)bpf_map_update(m, ptr(a[1]), ptr(a[2]), a[3], bpf_vm_env(vm)->hart);
}

static uint64_t map_delete_elem(struct bpf_vm *vm, const uint64_t a[5], int *fault) {
  struct bpf_map *m = bpf_vm_map(vm, a[0]);
  if (!m || !bpf_vm_mem_ok(vm, a[1], m->def.key_size, 0)) {
    *fault = 1;
    return 0;
  }
  return (uint64_t)(int64_t)bpf_map_delete(m, ptr(a[1]));
}

static uint64_t ktime_get_ns(struct bpf_vm *vm, const uint64_t a[5], int *fault) {
  const struct bpf_env *e = bpf_vm_env(vm);
  (void)a, (void)fault;
  return e->ktime_ns ? e->ktime_ns(e->arg) : 0;
}

static uint64_t get_smp_processor_id(struct bpf_vm *vm, const uint64_t a[5], int *fault) {
  (void)a, (void)fault;
  return bpf_vm_env(vm)->hart;
}

static uint64_t get_current_pid_tgid(struct bpf_vm *vm, const uint64_t a[5], int *fault) {
  const struct bpf_env *e = bpf_vm_env(vm);
  (void)a, (void)fault;
  return e->pid_tgid ? e->pid_tgid(e->arg) : 0;
}

static uint64_t get_current_comm(struct bpf_vm *vm, const uint64_t a[5], int *fault) {
  const struct bpf_env *e = bpf_vm_env(vm);
  if (a[1] == 0 || a[1] > BPF_STACK_SIZE || !bpf_vm_mem_ok(vm, a[0], a[1], 1)) {
    *fault = 1;
    return 0;
  }
  memset(ptr(a[0]), 0, (size_t)a[1]);
  if (!e->comm) return (uint64_t)(int64_t)-OSSIM_ENOSYS;
  return (uint64_t)(int64_t)e->comm(e->arg, ptr(a[0]), (uint32_t)a[1]);
}

static uint64_t ringbuf_output(struct bpf_vm *vm, const uint64_t a[5], int *fault) {
  struct bpf_map *m = bpf_vm_map(vm, a[0]);
  if (!m || a[2] == 0 || a[2] > BPF_MAP_VALUE_MAX || !bpf_vm_mem_ok(vm, a[1], a[2], 0)) {
    *fault = 1;
    return 0;
  }
  return (uint64_t)(int64_t)bpf_ringbuf_output(m, ptr(a[1]), a[2]);
}

static const struct bpf_helper helpers[] = {
    {BPF_FUNC_map_lookup_elem,
     "bpf_map_lookup_elem",
     RET_MAP_VALUE_OR_NULL,
     {ARG_MAP, ARG_MAP_KEY},
     MAP_ANY_BUT_RING,
     map_lookup_elem},
    {BPF_FUNC_map_update_elem,
     "bpf_map_update_elem",
     RET_INTEGER,
     {ARG_MAP, ARG_MAP_KEY, ARG_MAP_VALUE, ARG_ANYTHING},
     MAP_ANY_BUT_RING,
     map_update_elem},
    {BPF_FUNC_map_delete_elem,
     "bpf_map_delete_elem",
     RET_INTEGER,
     {ARG_MAP, ARG_MAP_KEY},
     MAP_ANY_BUT_RING,
     map_delete_elem},
    {BPF_FUNC_ktime_get_ns, "bpf_ktime_get_ns", RET_INTEGER, {0}, 0, ktime_get_ns},
    {BPF_FUNC_get_smp_processor_id,
     "bpf_get_smp_processor_id",
     RET_INTEGER,
     {0},
     0,
     get_smp_processor_id},
    {BPF_FUNC_get_current_pid_tgid,
     "bpf_get_current_pid_tgid",
     RET_INTEGER,
     {0},
     0,
     get_current_pid_tgid},
    {BPF_FUNC_get_current_comm,
     "bpf_get_current_comm",
     RET_INTEGER,
     {ARG_UNINIT_MEM, ARG_SIZE},
     0,
     get_current_comm},
    {BPF_FUNC_ringbuf_output,
     "bpf_ringbuf_output",
     RET_INTEGER,
     {ARG_MAP, ARG_MEM, ARG_SIZE, ARG_ANYTHING},
     MAP_RING_ONLY,
     ringbuf_output},
};

const struct bpf_helper *bpf_helper_find(int32_t id) {
  for (size_t i = 0; i < sizeof helpers / sizeof helpers[0]; i++)
    if (helpers[i].id == id) return &helpers[i];
  return NULL;
}

const char *bpf_helper_name(int32_t id) {
  const struct bpf_helper *h = bpf_helper_find(id);
  return h ? h->name : NULL;
}
