/* exec.h: exec_program() — see exec.c. */
#ifndef OSSIM_MONO_EXEC_H
#define OSSIM_MONO_EXEC_H

struct mono;
struct proc;

/* Replaces p's memory with the program at path, with argv[0..argc). On success returns
 * argc and the hart (p must be running on it) starts at the program's entry; on failure a
 * negative errno, and p is as it was. */
int exec_program(struct mono *k, struct proc *p, const char *path, char **argv, int argc);

#endif
