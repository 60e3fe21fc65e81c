/* A seccomp-style filter: the program named "rm" may not unlink (EPERM); every other call,
 * and every other program, goes through. */
#include "abi/errno.h"
#include "abi/syscall.h"
#include "bpf_prog.h"

SEC("filter")
int deny_unlink(struct bpf_syscall_ctx *ctx) {
  char comm[16];
  if (ctx->nr != SYS_unlink) return 0;
  if (bpf_get_current_comm(comm, sizeof comm) < 0) return 0;
  if (comm[0] == 'r' && comm[1] == 'm' && comm[2] == 0) return OSSIM_EPERM;
  return 0;
}

char LICENSE[] SEC("license") = "GPL";
