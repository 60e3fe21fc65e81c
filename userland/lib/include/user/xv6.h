/*
 * user/xv6.h: the functions behind user/user.h's xv6 names (xv6.c, and libc.c for printf),
 * under their own names, for the library to define them without user/user.h's macros.
 */
#ifndef OSSIM_XV6_FUNCTIONS_H
#define OSSIM_XV6_FUNCTIONS_H

#include "abi/stat.h"

int xv6_fork(void);
int xv6_wait(int *status);
int xv6_pipe(int *fds);
int xv6_write(int fd, const void *buf, int n);
int xv6_read(int fd, void *buf, int n);
int xv6_close(int fd);
int xv6_kill(int pid);
int xv6_exec(const char *path, char **argv);
int xv6_open(const char *path, int flags);
int xv6_mknod(const char *path, short major, short minor);
int xv6_unlink(const char *path);
int xv6_fstat(int fd, struct stat *st);
int xv6_link(const char *oldpath, const char *newpath);
int xv6_mkdir(const char *path);
int xv6_chdir(const char *path);
int xv6_dup(int fd);
int xv6_sleep(int ticks);
int xv6_stat(const char *path, struct stat *st);
void xv6_printf(const char *fmt, ...);
void xv6_fprintf(int fd, const char *fmt, ...);

#endif
