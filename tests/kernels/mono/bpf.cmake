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
# Maps from user space one key at a time (bpf map ..., the MAP_* commands of bpf(2)): a
# create-only update, its refusal the second time, a replace, delete, and each error: an
# unknown flag, a missing key, a delete on an array, an index past its end, no such map.
ossim_cli_test(mono_bpf_map_keys STATUS 1 ARGS --kernel mono INPUT ${CMAKE_CURRENT_SOURCE_DIR}/bpf_map.in
  STDOUT "4242\n.*update calls: file exists\n.*4343\n.*update calls: invalid argument\n.*lookup calls: no such file or directory\n.*delete calls: no such file or directory\n.*update calls: no such file or directory\n.*\n[0-9]+=[0-9]+\n.*map 5 of 0: no such file or directory\n.*4545\n.*delete latency: invalid argument\n.*update latency: argument list too long\n")
# --bpf-log: the log of an accepted program, at level 1 (the walk's cost) and 2 (every
# instruction walked, the registers after it); a level it does not know is a usage error.
ossim_cli_test(mono_bpf_log_accepted STATUS 0 ARGS --kernel mono --bpf ${B}/count_syscalls.o
  --bpf-log 1 -c true STDOUT "^bpf: count_calls: 0: \\(61\\) r1 = .*bpf: count_calls: processed [0-9]+ insns \\(limit [0-9]+\\)")
ossim_cli_test(mono_bpf_log_verbose STATUS 0 ARGS --kernel mono --bpf ${B}/count_syscalls.o
  --bpf-log 2 -c true STDOUT "^bpf: count_calls: 0: \\(61\\) r1 = \\*\\(u32 \\*\\)\\(r1 \\+ 4\\)\nbpf: count_calls:     R1=scalar")
ossim_cli_test(mono_bpf_log_level STATUS 2 ARGS --kernel mono --bpf-log 3 -c true
  STDERR "--bpf-log '3': need a level, 1 or 2")
