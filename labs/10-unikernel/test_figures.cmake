# answers.txt's figures against the grader's own measures: F1 and F2, the cycles from
# power-on to sysfuzz's first instruction on uni and on mono; F3 and F4, the bytes the uni
# image loads (build/uni/sizes.txt) and /bin/sysfuzz loads on mono.
include(${CMAKE_CURRENT_LIST_DIR}/check_uni.cmake)
lab_uni_boot(uni_boot)
lab_mono_boot(mono_boot)
lab_uni_size(uni_size)
lab_mono_size(mono_size)
message(STATUS "boot: uni ${uni_boot}, mono ${mono_boot}; bytes: uni ${uni_size}, mono ${mono_size}")
lab_figure(1 ${uni_boot} "uni: power-on to MARK_UNI_BOOT")
lab_figure(2 ${mono_boot} "mono: power-on to sysfuzz's exec")
lab_figure(3 ${uni_size} "the uni image, bytes loaded")
lab_figure(4 ${mono_size} "/bin/sysfuzz, bytes loaded")
