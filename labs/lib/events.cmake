# labs/lib/events.cmake: reading the event file of lab_run (--events: one record a line,
# `CYCLE HART TYPE A0 A1 A2 A3`, sim/events.h says what each type's words are). A test does
#     include(${CMAKE_CURRENT_LIST_DIR}/../lib/events.cmake)
# which includes lab.cmake too.
include(${CMAKE_CURRENT_LIST_DIR}/lab.cmake)

# The four words of a record, each `0x...` or `0`.
set(LAB_WORDS "(0x[0-9a-f]+|0) (0x[0-9a-f]+|0) (0x[0-9a-f]+|0) (0x[0-9a-f]+|0)")

# lab_event_name(OUT W1 W2 W3): the name packed into event words (up to 12 bytes,
# little-endian, ending at the first zero byte), as proc-name and module-load carry it.
function(lab_event_name out)
  set(name "")
  set(done FALSE)
  foreach(w IN LISTS ARGN)
    math(EXPR v "${w}")
    foreach(shift 0 8 16 24)
      math(EXPR c "(${v} >> ${shift}) & 255")
      if(c EQUAL 0)
        set(done TRUE)
      endif()
      if(done)
        break()
      endif()
      string(ASCII ${c} ch)
      string(APPEND name "${ch}")
    endforeach()
    if(done)
      break()
    endif()
  endforeach()
  set(${out} "${name}" PARENT_SCOPE)
endfunction()

# lab_proc_events(OUT EVENTS PROGRAM TYPE): the records of TYPE, a kernel event whose a0 is
# a pid (syscall-exit, proc-exit...), that processes made while they ran PROGRAM (their last
# proc-name; `*`: any process), in order. Each item of OUT is `CYCLE PID A1 A2 A3`, the
# words as signed decimal numbers.
function(lab_proc_events out events program type)
  file(STRINGS ${events} lines REGEX " (proc-name|${type}) ")
  set(items)
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^([0-9]+) [^ ]+ (proc-name|${type}) ${LAB_WORDS}")
      continue()
    endif()
    set(cycle ${CMAKE_MATCH_1})
    set(kind ${CMAKE_MATCH_2})
    set(words ${CMAKE_MATCH_4} ${CMAKE_MATCH_5} ${CMAKE_MATCH_6})
    lab_hex(pid ${CMAKE_MATCH_3})
    if(kind STREQUAL "proc-name")
      lab_event_name(_name_${pid} ${words})
    elseif(program STREQUAL "*" OR "${_name_${pid}}" STREQUAL program)
      set(item "${cycle} ${pid}")
      foreach(w IN LISTS words)
        lab_hex(v ${w})
        string(APPEND item " ${v}")
      endforeach()
      list(APPEND items "${item}")
    endif()
  endforeach()
  set(${out} "${items}" PARENT_SCOPE)
endfunction()

# lab_calls(OUT EVENTS PROGRAM NUM): the results of system call NUM, in the order they
# returned, made by processes while they ran PROGRAM (as lab_proc_events). Sets OUT,
# OUT_pids and OUT_cycles (the same length).
function(lab_calls out events program num)
  lab_proc_events(exits ${events} ${program} syscall-exit)
  set(results)
  set(pids)
  set(cycles)
  foreach(item IN LISTS exits)
    string(REPLACE " " ";" f "${item}")
    list(GET f 2 n)
    if(n EQUAL num)
      list(GET f 0 cycle)
      list(GET f 1 pid)
      list(GET f 3 r)
      list(APPEND results ${r})
      list(APPEND pids ${pid})
      list(APPEND cycles ${cycle})
    endif()
  endforeach()
  set(${out} ${results} PARENT_SCOPE)
  set(${out}_pids ${pids} PARENT_SCOPE)
  set(${out}_cycles ${cycles} PARENT_SCOPE)
endfunction()

# lab_expect_calls(RUN PROGRAM NUM WHAT EXPECTED...): the results of system call NUM that
# PROGRAM got in lab_run(RUN ...) are EXPECTED, where `fd` stands for any result >= 0 (a
# descriptor), or the test fails naming WHAT it checks.
function(lab_expect_calls run program num what)
  lab_calls(results ${${run}_events} ${program} ${num})
  set(got)
  set(i 0)
  foreach(r IN LISTS results)
    list(LENGTH ARGN n)
    set(want "")
    if(i LESS n)
      list(GET ARGN ${i} want)
    endif()
    if(want STREQUAL "fd" AND r GREATER_EQUAL 0)
      set(r fd)
    endif()
    list(APPEND got ${r})
    math(EXPR i "${i} + 1")
  endforeach()
  if(NOT "${got}" STREQUAL "${ARGN}")
    string(JOIN ", " g ${got})
    string(JOIN ", " e ${ARGN})
    lab_fail("${program}'s ${what} returned [${g}] (by the kernel's syscall-exit events); "
             "expected [${e}]:\n${${run}}")
  endif()
endfunction()

# lab_module_events(OUT EVENTS): the module events in order, each `load NAME`,
# `unload NAME` or `fail NAME ERRNO`. Sets OUT and OUT_cycles.
function(lab_module_events out events)
  file(STRINGS ${events} lines REGEX " module-(load|unload|fail) ")
  set(items)
  set(cycles)
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^([0-9]+) [^ ]+ module-(load|unload|fail) ${LAB_WORDS}")
      continue()
    endif()
    list(APPEND cycles ${CMAKE_MATCH_1})
    set(kind ${CMAKE_MATCH_2})
    lab_hex(a0 ${CMAKE_MATCH_3})
    lab_event_name(name ${CMAKE_MATCH_4} ${CMAKE_MATCH_5} ${CMAKE_MATCH_6})
    if(kind STREQUAL "fail")
      list(APPEND items "fail ${name} ${a0}")
    else()
      list(APPEND items "${kind} ${name}")
    endif()
  endforeach()
  set(${out} ${items} PARENT_SCOPE)
  set(${out}_cycles ${cycles} PARENT_SCOPE)
endfunction()

# lab_exits(OUT EVENTS PROGRAM): the cycles at which processes running PROGRAM exited.
function(lab_exits out events program)
  lab_proc_events(exits ${events} ${program} proc-exit)
  set(cycles)
  foreach(item IN LISTS exits)
    string(REGEX MATCH "^[0-9]+" c "${item}")
    list(APPEND cycles ${c})
  endforeach()
  set(${out} ${cycles} PARENT_SCOPE)
endfunction()

# lab_captures(OUT REGEX ITEMS...): what REGEX's first group captures in each item, in
# order (items it does not match are left out).
function(lab_captures out regex)
  set(got)
  foreach(item IN LISTS ARGN)
    if(item MATCHES "${regex}")
      list(APPEND got "${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${out} "${got}" PARENT_SCOPE)
endfunction()

# lab_fsck(IMAGE WHEN): fsck (build/tools/fsck) finds IMAGE clean, or the test fails
# saying what it found WHEN.
function(lab_fsck image when)
  execute_process(COMMAND ${LAB_JAIL} ${BUILD}/tools/fsck ${image} RESULT_VARIABLE rc OUTPUT_VARIABLE o
                  ERROR_VARIABLE e TIMEOUT 60)
  if(NOT rc EQUAL 0)
    lab_fail("${when}, fsck finds:\n${o}${e}")
  endif()
endfunction()
