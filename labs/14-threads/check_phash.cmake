# check_phash.cmake: lab 14's judge of phash. A run is `phash -t N` on mono with N harts, one
# thread a hart, under a seed that fixes where the harts take turns (docs/concurrency.md).
include(${CMAKE_CURRENT_LIST_DIR}/../lib/lab.cmake)

# lab_phash(OUT HARTS SEED): runs phash, fails unless it printed that no key was lost, and
# sets ${OUT}_cycles to the cycles its inserts took (from its marks 1 and 2).
function(lab_phash out harts seed)
  set(cmd "phash -t ${harts}")
  lab_run(run "${cmd}" --cpus ${harts} --seed ${seed})
  if(NOT run MATCHES "phash: ${harts} threads, [0-9]+ keys, 0 lost")
    lab_fail("`${cmd}` on ${harts} harts lost keys under seed ${seed}: replay it with\n"
             "  ossim --kernel mono --cpus ${harts} --seed ${seed} -c '${cmd}'\n${run}")
  endif()
  lab_marks(run)
  list(GET run_pids 0 pid)
  if(NOT DEFINED run_${pid}_1_cycle OR NOT DEFINED run_${pid}_2_cycle)
    lab_fail("`${cmd}` wrote no marks 1 and 2 around its inserts:\n${run}")
  endif()
  math(EXPR cycles "${run_${pid}_2_cycle} - ${run_${pid}_1_cycle}")
  set(${out}_cycles ${cycles} PARENT_SCOPE)
endfunction()
