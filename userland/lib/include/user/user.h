/*
 * user/user.h: xv6's C library interface, for xv6 programs (#include "user/user.h").
 *
 * The same library as ../user.h, with xv6's error convention: a failing system call (or
 * stat) returns -1, as xv6 programs test for, and leaves the error number in errno. The
 * project's own programs include "user.h" and get the negative errno itself. Which
 * convention a program gets is decided by the header it names, which xv6 programs already
 * name: no build flag to forget, and one program cannot mix the two by accident.
 *
 * Each xv6 name is a macro for an xv6_ function (xv6.c) that calls the ossim function
 * and turns a negative result into -1; printf and fprintf print in xv6's dialect (a long
 * is 64 bits; "%l" alone prints a 64-bit number), with no format attribute, since xv6
 * programs written for a 64-bit machine pass uint64 where the 32-bit checker wants other
 * types and would fail their -Werror build.
 *
 * Also xv6's later names: pause (sleep) and sbrklazy (sbrk: every heap page is lazy here).
 */
#ifndef OSSIM_XV6_USER_H
#define OSSIM_XV6_USER_H

#include "../user.h"

#include "user/xv6.h"

#define fork() xv6_fork()
#define wait(status) xv6_wait(status)
#define pipe(fds) xv6_pipe(fds)
#define write(fd, buf, n) xv6_write(fd, buf, n)
#define read(fd, buf, n) xv6_read(fd, buf, n)
#define close(fd) xv6_close(fd)
#define kill(pid) xv6_kill(pid)
#define exec(path, argv) xv6_exec(path, argv)
#define open(path, flags) xv6_open(path, flags)
#define mknod(path, major, minor) xv6_mknod(path, major, minor)
#define unlink(path) xv6_unlink(path)
#define fstat(fd, st) xv6_fstat(fd, st)
#define link(oldpath, newpath) xv6_link(oldpath, newpath)
#define mkdir(path) xv6_mkdir(path)
#define chdir(path) xv6_chdir(path)
#define dup(fd) xv6_dup(fd)
#define sleep(ticks) xv6_sleep(ticks)
#define pause(ticks) xv6_sleep(ticks)
#define sbrklazy(n) sbrk(n)
#define stat(path, st) xv6_stat(path, st)
#define printf(...) xv6_printf(__VA_ARGS__)
#define fprintf(...) xv6_fprintf(__VA_ARGS__)

#endif
