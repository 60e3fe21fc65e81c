# checks.cmake: what the `cmake -P` test scripts share. A script includes it by its place
# beside the script, e.g. include(${CMAKE_CURRENT_LIST_DIR}/../../lib/checks.cmake).

# require_defines(VAR...): stops, naming the script, unless every -DVAR was given.
function(require_defines)
  set(missing "")
  foreach(v ${ARGN})
    if(NOT DEFINED ${v} OR "${${v}}" STREQUAL "")
      string(APPEND missing " -D${v}")
    endif()
  endforeach()
  if(missing)
    get_filename_component(script "${CMAKE_SCRIPT_MODE_FILE}" NAME)
    message(FATAL_ERROR "${script} needs${missing}")
  endif()
endfunction()

# fresh_dir(DIR): DIR, empty (a run's scratch folder).
function(fresh_dir dir)
  file(REMOVE_RECURSE ${dir})
  file(MAKE_DIRECTORY ${dir})
endfunction()

# expect_fsck_clean(FSCK IMAGE WHEN): fsck must call IMAGE clean; WHEN says which image
# it was, for the message, which also says where the image is kept for a look.
function(expect_fsck_clean fsck img when)
  execute_process(COMMAND ${fsck} ${img} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fsck ${when}: exit status ${rc}\n${out}${err}(the image is kept in ${img})")
  endif()
endfunction()

# event_cycles(FILE REGEX VAR): the cycles, in order, of the event lines of FILE (an
# --events stream) that match REGEX.
function(event_cycles file regex var)
  file(STRINGS ${file} lines REGEX "${regex}")
  set(cycles "")
  foreach(line IN LISTS lines)
    string(REGEX MATCH "^[0-9]+" c "${line}")
    list(APPEND cycles ${c})
  endforeach()
  set(${var} "${cycles}" PARENT_SCOPE)
endfunction()

# middle_event_cycle(FILE REGEX COUNT_VAR CYCLE_VAR): how many event lines of FILE match
# REGEX, and the cycle of the middle one (where a test injects a fault "half way").
function(middle_event_cycle file regex count_var cycle_var)
  event_cycles(${file} "${regex}" cycles)
  list(LENGTH cycles n)
  set(${count_var} ${n} PARENT_SCOPE)
  if(n GREATER 0)
    math(EXPR mid "${n} / 2")
    list(GET cycles ${mid} c)
    set(${cycle_var} ${c} PARENT_SCOPE)
  endif()
endfunction()

# csv_figures(CSV KEYS_VAR VALUES_VAR): the header and the first row of `ossim compare
# --format csv` output, as two lists.
function(csv_figures csv keys_var vals_var)
  string(REPLACE "\n" ";" rows "${csv}")
  list(GET rows 0 header)
  list(GET rows 1 figures)
  string(REPLACE "," ";" keys "${header}")
  string(REPLACE "," ";" vals "${figures}")
  set(${keys_var} "${keys}" PARENT_SCOPE)
  set(${vals_var} "${vals}" PARENT_SCOPE)
endfunction()
