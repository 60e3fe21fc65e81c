# explore.cmake: races reproduced by seed. With -DOSSIM and -DWORK (ossim_script_test).
#  - the same seed gives the same run (output and event stream) twice; another seed another
#    one (race, threads on 2 harts);
#  - ossim explore finds seeds of a fixed set under which racefile loses updates, and some
#    under which it does not; the same set twice gives the same report;
#  - the replay command it prints fails the same way.
include(${CMAKE_CURRENT_LIST_DIR}/../lib/checks.cmake)
require_defines(OSSIM WORK)
set(run --kernel mono --cpus 2 -c racefile)

# One run of race (threads on 2 harts) under a seed: what it printed and its event stream.
function(events seed out)
  execute_process(COMMAND ${OSSIM} --kernel mono --cpus 2 -c race --seed ${seed} --events ${WORK}/ev-${out}
                  INPUT_FILE /dev/null OUTPUT_VARIABLE said ERROR_QUIET)
  file(READ ${WORK}/ev-${out} text)
  set(${out} "${said}${text}" PARENT_SCOPE)
endfunction()
events(1 first)
events(1 again)
events(2 other)
if(first STREQUAL "")
  message(FATAL_ERROR "--events wrote nothing")
endif()
if(NOT first STREQUAL again)
  message(FATAL_ERROR "seed 1 gave two different runs (${WORK}/ev-first, ev-again)")
endif()
if(first STREQUAL other)
  message(FATAL_ERROR "seeds 1 and 2 gave the same run on 2 harts")
endif()

function(explore out)
  execute_process(COMMAND ${OSSIM} explore --seeds 1-16 -j 2 ${run}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE err)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "explore: exit status ${rc}, not 1 (some seeds fail)\n${text}${err}")
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()
explore(report)
explore(report_again)
if(NOT report STREQUAL report_again)
  message(FATAL_ERROR "the same seeds gave two reports:\n${report}\n---\n${report_again}")
endif()
if(NOT report MATCHES "explore: ([0-9]+) of 16 seeds failed")
  message(FATAL_ERROR "no summary line:\n${report}")
endif()
set(failed ${CMAKE_MATCH_1})
if(failed EQUAL 0 OR failed EQUAL 16)
  message(FATAL_ERROR "${failed} of 16 seeds failed: the race should depend on the seed\n${report}")
endif()
string(REGEX MATCHALL "\nseed [0-9]+: exit status 1: racefile: [0-9]+ updates lost" lines "\n${report}")
list(LENGTH lines nlines)
if(NOT nlines EQUAL failed)
  message(FATAL_ERROR "${failed} failures counted, ${nlines} listed with how:\n${report}")
endif()

# The replay, run as the user would paste it into a shell.
if(NOT report MATCHES "\nreplay: ossim ([^\n]*)")
  message(FATAL_ERROR "no replay command:\n${report}")
endif()
execute_process(COMMAND sh -c "'${OSSIM}' ${CMAKE_MATCH_1}" RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 1 OR NOT out MATCHES "updates lost")
  message(FATAL_ERROR "the replay did not fail as explore said: status ${rc}\n${out}")
endif()
