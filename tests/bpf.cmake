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
