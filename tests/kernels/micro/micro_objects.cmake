# micro_objects.cmake: the endpoints and notifications a process makes go with it. 80
# processes in a row, typed at the shell, each make an endpoint (`ecall 16 5`: micro's
# KC_EP_CREATE into slot 5, bypassing the vDSO) and end. Were objects kept after their
# process there would not be 80 to make (the kernel has 64): every one must succeed.
# -DOSSIM=path -DWORK=dir
string(REPEAT "ecall 16 5\n" 80 typed)
file(WRITE ${WORK}/micro_objects.in "${typed}")
execute_process(COMMAND ${OSSIM} --kernel micro RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err INPUT_FILE ${WORK}/micro_objects.in TIMEOUT 120)
# Each prints 0 (the echo of what is typed ahead may come in between).
string(REGEX MATCHALL "0\n" made "${out}")
list(LENGTH made n)
if(NOT rc EQUAL 0 OR NOT n EQUAL 80 OR out MATCHES "-12")
  message(FATAL_ERROR "exit status ${rc}, ${n} of 80 made\n--- stdout:\n${out}\n--- stderr:\n${err}")
endif()
