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

# Optional: the visualizer's terminal dashboard (ncurses) and window (SDL2). Without them
# ossim builds all the same and --tui / --viz say what to install.
pkg_check_modules(NCURSES IMPORTED_TARGET ncursesw)
if(NOT NCURSES_FOUND)
  pkg_check_modules(NCURSES IMPORTED_TARGET ncurses)
endif()
pkg_check_modules(SDL2 IMPORTED_TARGET sdl2)
set(OSSIM_HAVE_TUI ${NCURSES_FOUND})
set(OSSIM_HAVE_GUI ${SDL2_FOUND})
if(NOT NCURSES_FOUND)
  message(STATUS "ncurses not found: building without --tui (install libncurses-dev)")
endif()
if(NOT SDL2_FOUND)
  message(STATUS "SDL2 not found: building without --viz (install libsdl2-dev)")
endif()
