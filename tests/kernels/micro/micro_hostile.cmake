# micro_hostile.cmake: the hostile client of micro's servers (kernels/micro/servers/hostile.c,
# a boot module beside them) sends every server malformed messages, badges of nobody, bad
# slots and caps of the wrong type; every call must be refused, and a command run after the
# attack (it takes about 6 ms of simulated time: the sleep) must still give its output.
# -DOSSIM=path -DCPUS=n. (A script, not ossim_cli_test: the command holds a ';'.)
execute_process(COMMAND ${OSSIM} --kernel micro --cpus ${CPUS} --module +hostile
                        -c "sleep 20; echo one two | wc"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err INPUT_FILE /dev/null
                TIMEOUT 120)
if(NOT rc EQUAL 0 OR NOT out MATCHES
   "^hostile: [0-9]+ calls to [0-9]+ servers, every one refused\n1 2 8 *\n$")
  message(FATAL_ERROR "exit status ${rc}\n--- stdout:\n${out}\n--- stderr:\n${err}")
endif()
message(STATUS "${out}")
