# Host dependencies. Each missing one is a configure error that says what to install.
find_package(PkgConfig)
set(_ossim_install_hint
    "On Debian/Ubuntu: sudo apt-get install -y cmake pkg-config check clang lld\n"
    "On macOS (Homebrew): brew install cmake pkg-config check llvm lld")

if(NOT PKG_CONFIG_FOUND)
  message(FATAL_ERROR "pkg-config was not found.\n${_ossim_install_hint}")
endif()
pkg_check_modules(CHECK IMPORTED_TARGET check)
if(NOT CHECK_FOUND)
  message(FATAL_ERROR "The Check unit-test library was not found.\n${_ossim_install_hint}")
endif()
find_package(Threads REQUIRED)
