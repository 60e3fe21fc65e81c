# The visualizer end to end: --stats summary, --trace files checked by trace_check.py
# (every flow has both ends, time never goes backwards on a track), and --tui / --viz.
find_package(Python3 COMPONENTS Interpreter)
set(_vw ${CMAKE_CURRENT_BINARY_DIR}/viz)
file(MAKE_DIRECTORY ${_vw})

ossim_cli_test(viz_stats_summary STATUS 0 ARGS --kernel mono -c "echo hi" --stats
  STDERR "interrupts: [0-9]+\nmisaligned accesses completed: [0-9]+\nevents: [1-9][0-9]*\n(event [a-z-]+: [0-9]+\n)+system calls: [1-9][0-9]*\ncontext switches: [1-9][0-9]*\nipc messages: 0\npage faults: [0-9]+\n")
ossim_cli_test(viz_tui_and_viz STATUS 2 ARGS --tui --viz STDERR "--tui and --viz: choose one")
if(NOT OSSIM_HAVE_GUI)
  ossim_cli_test(viz_gui_missing STATUS 1 ARGS --viz STDERR "--viz: this ossim was built without SDL2")
endif()
if(NOT OSSIM_HAVE_TUI)
  ossim_cli_test(viz_tui_missing STATUS 1 ARGS --tui STDERR "--tui: this ossim was built without ncurses")
endif()
ossim_cli_test(viz_bad_speed STATUS 2 ARGS --speed fast STDERR "--speed 'fast'")
# --speed paces the run at each event record (visualizer/pace.h), and changes nothing it
# computes: the same trace as without it.
add_test(NAME viz_speed_same_trace COMMAND sh -c
  "'$<TARGET_FILE:ossim>' --kernel mono --cpus 2 -c 'echo a | wc' --trace '${_vw}/fast.json' &&
   '$<TARGET_FILE:ossim>' --kernel mono --cpus 2 -c 'echo a | wc' --speed 500M --trace '${_vw}/paced.json' &&
   cmp '${_vw}/fast.json' '${_vw}/paced.json'")
# The trace is deterministic run to run, like the event stream.
ossim_cli_test(viz_trace_deterministic STATUS 0 ARGS --kernel mono --cpus 2 -c "echo a | wc" --trace ${_vw}/det.json
  SAME_FILE ${_vw}/det.json)

if(Python3_FOUND)
  set(_check ${CMAKE_CURRENT_SOURCE_DIR}/viz_trace.sh $<TARGET_FILE:ossim> ${Python3_EXECUTABLE}
             ${CMAKE_CURRENT_SOURCE_DIR}/trace_check.py)
  # The synthetic sequence's trace, written by test_trace: it has IPC flows.
  set_tests_properties(test_trace PROPERTIES ENVIRONMENT "CK_FORK=no;VIZ_TRACE_OUT=${_vw}-demo.json"
                       FIXTURES_SETUP viz_demo_trace)
  add_test(NAME viz_trace_demo_checks
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/trace_check.py ${_vw}-demo.json
                   --min-flows 2 --name init --name sh)
  set_tests_properties(viz_trace_demo_checks PROPERTIES FIXTURES_REQUIRED viz_demo_trace)
  # A real run: the shell's processes on two harts, slices and system calls.
  # With SDL2: the same run again with --viz (dummy video driver) must write the same trace.
  set(_viz "")
  if(OSSIM_HAVE_GUI)
    set(_viz --viz)
  endif()
  add_test(NAME viz_trace_mono
           COMMAND ${_check} ${_vw}/mono ${_viz} -- --kernel mono --cpus 2 -c "echo one two | wc"
                   -- --min-slices 10 --name init --name sh --name wc)
  # The microkernel: the servers' IPC becomes flows, with both ends, between their tracks;
  # the vDSO's marks make system-call slices (16: write).
  add_test(NAME viz_trace_micro
           COMMAND ${_check} ${_vw}/micro ${_viz} -- --kernel micro -c "echo hi | wc"
                   -- --min-flows 50 --min-slices 10 --name pm --name fs --name wc
                   --name "syscall 16")
  add_test(NAME viz_trace_systest
           COMMAND ${_check} ${_vw}/systest ${_viz} -- --kernel mono -c systest
                   -- --min-slices 1000 --name systest)
endif()

# The terminal dashboard, driven in tmux (send-keys, capture-pane).
find_program(TMUX tmux)
if(OSSIM_HAVE_TUI AND TMUX)
  add_test(NAME viz_tui_tmux COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/viz_tui.sh $<TARGET_FILE:ossim> ${_vw}/tui)
  # The microkernel in the dashboard: servers, their messages, the IPC count.
  add_test(NAME viz_tui_micro COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/viz_tui_micro.sh
                                      $<TARGET_FILE:ossim> ${_vw}/tui-micro)
  # `ossim compare --tui`: the bars follow the ratios, a lane per kernel.
  add_test(NAME viz_compare_tui COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/viz_compare_tui.sh
                                        $<TARGET_FILE:ossim> ${_vw}/compare-tui)
endif()
# `ossim compare --viz` with SDL's dummy driver: one frame (no terminal), the table printed,
# the picture saved; --profiles does not combine with it.
if(OSSIM_HAVE_GUI)
  add_test(NAME viz_compare_window
           COMMAND ${CMAKE_COMMAND} -E env SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
                   OSSIM_VIZ_SCREENSHOT=${_vw}/compare.bmp
                   $<TARGET_FILE:ossim> compare --workload syscall --kernels uni,mono --viz)
  set_tests_properties(viz_compare_window PROPERTIES
                       PASS_REGULAR_EXPRESSION "ratio to uni.*image size \\(bytes\\) +1.00 +n/a")
endif()
ossim_cli_test(viz_compare_not_with_profiles STATUS 2 ARGS compare --workload syscall --profiles --tui
  STDERR "--viz and --tui show one profile's runs")

# Module reference counts reach the model (EV_MODULE_REF): a file held open on /dev/counter
# (by a background job still running at power-off) and the lottery policy in force each
# hold one, as lsmod says; --stats lists the model's counts.
ossim_cli_test(viz_module_refs STATUS 0 ARGS --kernel mono --stats
  INPUT ${CMAKE_CURRENT_SOURCE_DIR}/data/module_refs.in
  STDOUT "counter +[0-9]+ +1 live.*sched_lottery +[0-9]+ +1 live +\\[scheduling\\]"
  STDERR "module counter: unloaded, [0-9]+ bytes, refs 1 when it went\nmodule sched_lotter: unloaded, [0-9]+ bytes, refs 1 when it went")
