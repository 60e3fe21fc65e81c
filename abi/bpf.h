/*
 * abi/bpf.h: what eBPF programs and the kernels agree on, in plain C with no code, so that
 * a program built with clang -target bpf includes it as the kernel does: map types, helper
 * ids (both numbered as Linux numbers them), and each hook's context.
 */
#ifndef OSSIM_ABI_BPF_H
#define OSSIM_ABI_BPF_H

#include <stdint.h>

/* Map types, numbered as Linux numbers them. */
#define BPF_MAP_TYPE_HASH 1
#define BPF_MAP_TYPE_ARRAY 2
#define BPF_MAP_TYPE_PERCPU_ARRAY 6 /* one value per hart ("per-CPU" in Linux) */
#define BPF_MAP_TYPE_RINGBUF 27     /* records from programs to user space; max_entries bytes */

/* bpf_map_update flags. */
#define BPF_ANY 0     /* create or replace */
#define BPF_NOEXIST 1 /* create only */
#define BPF_EXIST 2   /* replace only */

/* Helper functions, numbered as Linux numbers them. */
#define BPF_FUNC_map_lookup_elem 1
#define BPF_FUNC_map_update_elem 2
#define BPF_FUNC_map_delete_elem 3
#define BPF_FUNC_ktime_get_ns 5
#define BPF_FUNC_get_smp_processor_id 8
#define BPF_FUNC_get_current_pid_tgid 14
#define BPF_FUNC_get_current_comm 16
#define BPF_FUNC_ringbuf_output 130
#define BPF_FUNC_MAX 131 /* ids are below this */

/* The hooks every kernel offers, and their contexts (what r1 points to). */
struct bpf_syscall_ctx { /* sys_enter and filter: the call as the task made it */
  uint32_t nr;           /* system-call number (abi/syscall.h) */
  uint32_t pid;
  uint64_t args[6];
};
struct bpf_syscall_exit_ctx { /* sys_exit */
  uint32_t nr;
  uint32_t pid;
  int64_t ret; /* what the call returns: a negative errno on failure */
};
/* The bpf(cmd, attr) system call: its commands, and what attr points to (guest addresses
 * are 32 bits). Each command that fills buf returns the bytes it wrote. */
#define BPF_CMD_LOAD 1     /* obj (len bytes of an ELF object) -> its id; a refusal fills log */
#define BPF_CMD_LIST 2     /* -> the loaded objects as text in buf */
#define BPF_CMD_DETACH 3   /* id: unload the object and its maps */
#define BPF_CMD_MAP_DUMP 4 /* id -> the object's maps as text in buf */
/* One key at a time in map number map of object id (Linux's BPF_MAP_* commands). A value
 * of a per-hart array is one copy per hart, hart 0's first, as a per-CPU value is in Linux. */
#define BPF_CMD_MAP_INFO 5     /* -> a struct bpf_map_info at value */
#define BPF_CMD_MAP_LOOKUP 6   /* key -> its value at value; -ENOENT: no such key */
#define BPF_CMD_MAP_UPDATE 7   /* key's value from value; flags BPF_ANY, BPF_NOEXIST, BPF_EXIST */
#define BPF_CMD_MAP_DELETE 8   /* key out of a hash map */
#define BPF_CMD_MAP_NEXT_KEY 9 /* the key after key (key 0: the first) at value; -ENOENT: last */
struct bpf_map_info {
  uint32_t type, key_size, value_size, max_entries;
  uint32_t copies; /* values per key: the harts for a per-hart array, else 1 */
  char name[16];
};
struct bpf_attr {
  uint32_t id;
  uint32_t buf, len;     /* LOAD: the object; LIST, MAP_DUMP: where the text goes */
  uint32_t log, log_len; /* LOAD: where the verifier's log goes on a refusal (0: nowhere) */
  uint32_t name;         /* LOAD: the object's name for list and messages (a string), or 0 */
  uint32_t flags;        /* LOAD: BPF_LOAD_SELF, or 0 for programs that see every process;
                            MAP_UPDATE: BPF_ANY, BPF_NOEXIST or BPF_EXIST */
  uint32_t map;          /* MAP_*: the map's number in the object (as MAP_DUMP lists them) */
  uint32_t key, value;   /* MAP_*: where the key is and where the value is or goes */
};
/* LOAD for the caller alone (seccomp's rule): the object's programs run only for the calling
 * process and the processes it forks from then on; exec keeps them, and no process can
 * detach them: the object goes when the last process it applies to has exited. */
#define BPF_LOAD_SELF 1

#endif
