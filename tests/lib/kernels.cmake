# ossim_kernels(OUT [SKIP K1 K2...]): every kernel of the build, as kernels/CMakeLists.txt
# found them in their folders, but the ones named after SKIP. A test that runs on each
# kernel loops over this, and says at the call why it skips the kernels it skips.
function(ossim_kernels out)
  cmake_parse_arguments(K "" "" "SKIP" ${ARGN})
  get_property(kernels GLOBAL PROPERTY OSSIM_KERNELS)
  if(K_SKIP)
    list(REMOVE_ITEM kernels ${K_SKIP})
  endif()
  set(${out} ${kernels} PARENT_SCOPE)
endfunction()
