# The library OS (guest code) and the unikernel images, read at the end of the top directory
# (see ../CMakeLists.txt), so every name here starts with _uni or ossim_uni: for each user program
# defined with UNI (a program that needs no second process), build/uni/NAME.elf is the program's own objects -- the same
# ones that go into the disk image -- linked with the C library minus usys.o (the vDSO
# calls), plus the library OS, which defines the same functions as plain calls. The link
# keeps only what the program uses (--gc-sections); uni-sizes then reports each image's
# size and writes build/uni/sizes.txt.

set(_uni_dir ${CMAKE_CURRENT_LIST_DIR})
set(_uni_lib ${PROJECT_SOURCE_DIR}/kernels/lib)
ossim_guest_objects(_uni_own
  SOURCES ${_uni_dir}/start.S ${_uni_dir}/boot.c ${_uni_dir}/dev.c ${_uni_dir}/mem.c
          ${_uni_dir}/trap.c ${_uni_dir}/files.c ${_uni_dir}/api.c
  INCLUDES ${_uni_dir} ${_uni_dir}/.. ${_uni_lib} ${_uni_lib}/drivers
           ${OSSIM_RT_DIR}/include ${OSSIM_ULIB_CORE_INCLUDES} ${OSSIM_ULIB_INCLUDES})
# The shared components the library OS links into the program.
ossim_guest_libraries(_uni_shared file fs drivers)
set(_uni_libos ${_uni_own} ${_uni_shared})

# The C library without its start (the library OS starts the program) and without usys;
# the bare runtime's trap vector, which trap.c's handler sits behind.
get_property(_uni_ulib GLOBAL PROPERTY OSSIM_ULIB_OBJECTS)
list(FILTER _uni_ulib EXCLUDE REGEX "/lib/(crt0\\.S|usys\\.c)\\.o$")
get_property(_uni_rt GLOBAL PROPERTY OSSIM_RT_OBJECTS)
list(FILTER _uni_rt INCLUDE REGEX "/rt/trap\\.S\\.o$")
set(_uni_ldscript ${OSSIM_RT_DIR}/bare.ld)

# ossim_uni_image(ELF OBJECTS...): links one image from a program's objects.
function(ossim_uni_image elf)
  get_filename_component(dir ${elf} DIRECTORY)
  get_filename_component(name ${elf} NAME)
  add_custom_command(OUTPUT ${elf}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${OSSIM_GUEST_LD} -m elf32lriscv -T ${_uni_ldscript} --gc-sections -o ${elf}
            ${ARGN} ${_uni_libos} ${_uni_ulib} ${_uni_rt}
    DEPENDS ${ARGN} ${_uni_libos} ${_uni_ulib} ${_uni_rt} ${_uni_ldscript}
    COMMENT "Guest LD uni/${name}"
    VERBATIM)
endfunction()

# The apps: the user programs defined with UNI (ossim_user_program).
get_property(_uni_apps GLOBAL PROPERTY OSSIM_UNI_APPS)
set(_uni_images)
foreach(app ${_uni_apps})
  get_property(objs GLOBAL PROPERTY OSSIM_USER_OBJECTS_${app})
  ossim_uni_image(${OSSIM_UNI_DIR}/${app}.elf ${objs})
  list(APPEND _uni_images ${OSSIM_UNI_DIR}/${app}.elf)
endforeach()

set(_uni_sizes ${OSSIM_UNI_DIR}/sizes.txt)
add_custom_command(OUTPUT ${_uni_sizes}
  COMMAND $<TARGET_FILE:uni-sizes> ${OSSIM_UNI_DIR} ${_uni_sizes}
  DEPENDS uni-sizes ${_uni_images}
  COMMENT "uni: image sizes (build/uni/sizes.txt)"
  VERBATIM)
add_custom_target(uni-images ALL DEPENDS ${_uni_sizes})
# The programs' objects are made by their user-NAME targets, in other directories: a
# Makefile build knows no rule for them here, so those targets must come first.
list(TRANSFORM _uni_apps PREPEND user- OUTPUT_VARIABLE _uni_app_targets)
add_dependencies(uni-images guest-ulib guest-rt ${_uni_shared_TARGETS} ${_uni_app_targets})

# Test images, booted with --image (tests/uni.cmake): not apps, so not in build/uni.
ossim_guest_objects(_uni_nosys SOURCES ${_uni_dir}/../tests/nosys.c INCLUDES ${OSSIM_ULIB_INCLUDES})
ossim_uni_image(${OSSIM_GUEST_DIR}/uni-tests/nosys.elf ${_uni_nosys})
add_custom_target(uni-test-images ALL DEPENDS ${OSSIM_GUEST_DIR}/uni-tests/nosys.elf)
add_dependencies(uni-test-images guest-ulib guest-rt ${_uni_shared_TARGETS})
