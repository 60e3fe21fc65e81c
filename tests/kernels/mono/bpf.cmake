# eBPF on mono (--bpf): the example programs of userland/bpf at the system-call hooks, and a
# refusal at boot. Their maps are printed at power-off.
if(NOT TARGET fs-image)
  return()
endif()
set(B ${OSSIM_BPF_OBJ_DIR})
ossim_cli_test(mono_bpf_count_syscalls STATUS 0 ARGS --kernel mono --bpf ${B}/count_syscalls.o
  -c "echo hi" STDOUT "hi\nbpf: map calls:( [0-9]+=[0-9]+)+\n")
ossim_cli_test(mono_bpf_read_latency STATUS 0 ARGS --kernel mono --bpf ${B}/read_latency.o
  -c "echo hi | cat" STDOUT "bpf: map latency:( [0-9]+=[0-9]+)+\n")
ossim_cli_test(mono_bpf_deny_unlink STATUS 1 ARGS --kernel mono --bpf ${B}/deny_unlink.o
  -c "echo x > f%3B rm f" STDOUT "^rm: f: [Oo]peration not permitted\n$")
ossim_cli_test(mono_bpf_refused STATUS 1 ARGS --kernel mono --bpf ${B}/refuse_null.o -c true
  STDERR "refuse_null.o: no_check refused by the verifier:\n.*R0 invalid mem access 'map_value_or_null'")
# The guest's bpf tool (userland/bin/bpf.c) through bpf(2): load, a filter at work, list,
# a map dump, detach (the filter gone, rm works), a refusal with its log, a bad id (whose
# failure is the status the shell ends with at the end of its input).
ossim_cli_test(mono_bpf_tool STATUS 1 ARGS --kernel mono INPUT ${CMAKE_CURRENT_SOURCE_DIR}/bpf_tool.in
  STDOUT "loaded /bpf/count_syscalls.o as 0\n.*loaded /bpf/deny_unlink.o as 1\n.*rm: f: operation not permitted\n.*0 /bpf/count_syscalls.o count_calls@sys_enter\n1 /bpf/deny_unlink.o deny_unlink@filter\n.*map calls:( [0-9]+=[0-9]+)+\n\\$ \\$ \\$ 0 /bpf/count_syscalls.o count_calls@sys_enter\n.*refused by the verifier:\n.*invalid indirect read from stack R2 off -4\\+0 size 4.*bpf: detach 7: no such file")
# A process's own filter (bpf run, BPF_LOAD_SELF): its children inherit it (sh -c's rm is
# refused), it cannot detach it, and an unrelated process (the outer shell's rm) is not
# filtered; once its last process has exited the object is gone from the list.
ossim_cli_test(mono_bpf_own_filter STATUS 0 ARGS --kernel mono INPUT ${CMAKE_CURRENT_SOURCE_DIR}/bpf_own.in
  STDOUT "\\$ 0 /bpf/deny_unlink.o deny_unlink@filter \\(own: 2 processes\\)\nbpf: detach 0: operation not permitted\nrm: f: operation not permitted\n\\$ \\$ \\$ $")
