# The guest toolchain: clang for --target=riscv32 and ld.lld, from any LLVM install.
# Homebrew's llvm is keg-only, so look there too.
set(_llvm_hints /opt/homebrew/opt/llvm/bin /usr/local/opt/llvm/bin /opt/homebrew/opt/lld/bin
                /usr/local/opt/lld/bin)
find_program(OSSIM_GUEST_CC NAMES clang clang-19 clang-18 clang-17 clang-16 clang-15 clang-14
             HINTS ${_llvm_hints})
find_program(OSSIM_GUEST_LD NAMES ld.lld ld.lld-19 ld.lld-18 ld.lld-17 ld.lld-16 ld.lld-15
             ld.lld-14 HINTS ${_llvm_hints})
if(NOT OSSIM_GUEST_CC OR NOT OSSIM_GUEST_LD)
  message(FATAL_ERROR
    "The guest toolchain (clang and ld.lld) was not found: guest programs are built with "
    "clang --target=riscv32 and linked with ld.lld.\n${_ossim_install_hint}")
endif()
execute_process(COMMAND ${OSSIM_GUEST_CC} --target=riscv32 -march=rv32ima -mabi=ilp32
                        -x c -c /dev/null -o /dev/null
                RESULT_VARIABLE _rv_ok OUTPUT_QUIET ERROR_QUIET)
if(NOT _rv_ok EQUAL 0)
  message(FATAL_ERROR "${OSSIM_GUEST_CC} cannot build for riscv32 (it lacks the RISC-V "
                      "backend).\n${_ossim_install_hint}")
endif()

set(OSSIM_GUEST_CFLAGS --target=riscv32 -march=rv32ima -mabi=ilp32 -mcmodel=medany
    -ffreestanding -fno-builtin -nostdlib -fno-pic -fno-stack-protector -O2 -g
    -std=c11 -Wall -Wextra -Werror)
set(OSSIM_GUEST_DIR ${CMAKE_BINARY_DIR}/guest)

# ossim_guest_objects(OUTVAR SOURCES... [INCLUDES dirs...]): compiles guest sources and puts
# the object paths in OUTVAR.
function(ossim_guest_objects out)
  cmake_parse_arguments(G "" "" "SOURCES;INCLUDES" ${ARGN})
  set(objdir_root ${OSSIM_GUEST_DIR}/obj)
  set(objs)
  set(incs -I${PROJECT_SOURCE_DIR}) # abi/, under all guest code (see the top CMakeLists.txt)
  foreach(i ${G_INCLUDES})
    list(APPEND incs -I${i})
  endforeach()
  foreach(src ${G_SOURCES})
    get_filename_component(abs ${src} ABSOLUTE)
    file(RELATIVE_PATH rel ${CMAKE_SOURCE_DIR} ${abs})
    set(obj ${objdir_root}/${rel}.o)
    get_filename_component(objdir ${obj} DIRECTORY)
    add_custom_command(OUTPUT ${obj}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${objdir}
      COMMAND ${OSSIM_GUEST_CC} ${OSSIM_GUEST_CFLAGS} ${incs} -MD -MF ${obj}.d -c ${abs} -o ${obj}
      DEPENDS ${abs}
      DEPFILE ${obj}.d
      COMMENT "Guest CC ${rel}"
      VERBATIM)
    list(APPEND objs ${obj})
  endforeach()
  set(${out} ${objs} PARENT_SCOPE)
endfunction()

# ossim_guest_link(NAME OBJECTS... LDSCRIPT file): links guest/NAME.elf and makes a target
# guest-NAME that builds it as part of `all`.
function(ossim_guest_link name)
  cmake_parse_arguments(G "" "LDSCRIPT" "OBJECTS" ${ARGN})
  set(elf ${OSSIM_GUEST_DIR}/${name}.elf)
  add_custom_command(OUTPUT ${elf}
    COMMAND ${OSSIM_GUEST_LD} -m elf32lriscv -T ${G_LDSCRIPT} --gc-sections -o ${elf} ${G_OBJECTS}
    DEPENDS ${G_OBJECTS} ${G_LDSCRIPT}
    COMMENT "Guest LD ${name}.elf"
    VERBATIM)
  add_custom_target(guest-${name} ALL DEPENDS ${elf})
endfunction()

# ossim_guest_library(NAME SOURCES... [INCLUDES dirs...]): a shared component built for the
# guest, compiled once: target guest-lib-NAME builds its objects. Whatever places the
# component in a guest image (a server, the library OS, a test) links it by name with
# ossim_guest_libraries, never by the objects' paths.
function(ossim_guest_library name)
  cmake_parse_arguments(L "" "" "SOURCES;INCLUDES" ${ARGN})
  ossim_guest_objects(objs SOURCES ${L_SOURCES} INCLUDES ${L_INCLUDES})
  add_custom_target(guest-lib-${name} DEPENDS ${objs})
  set_property(GLOBAL PROPERTY OSSIM_GUEST_LIB_${name} ${objs})
endfunction()

# ossim_guest_libraries(OUTVAR names...): the objects of these guest libraries in OUTVAR, and
# their targets in OUTVAR_TARGETS, on which the target that links them must depend (a custom
# command's output is known only in its own directory: the target-level dependency is what
# makes a parallel build build the objects before the link).
function(ossim_guest_libraries out)
  set(objs)
  set(targets)
  foreach(lib ${ARGN})
    if(NOT TARGET guest-lib-${lib})
      message(FATAL_ERROR "ossim_guest_libraries: no guest library named ${lib}")
    endif()
    get_property(lib_objs GLOBAL PROPERTY OSSIM_GUEST_LIB_${lib})
    list(APPEND objs ${lib_objs})
    list(APPEND targets guest-lib-${lib})
  endforeach()
  set(${out} ${objs} PARENT_SCOPE)
  set(${out}_TARGETS ${targets} PARENT_SCOPE)
endfunction()
