/*
 * strace: a system-call tracer. `insmod strace pid=N` prints each system call of process N
 * as it returns, `insmod strace name=sh` those of every process running the program sh
 * (both: either matches):
 *
 *     [strace] 3 write(1, 0x4010, 6) -> 6
 *
 * pid, the call, its arguments (numbers, addresses in hex, strings in quotes) and what the
 * process got back (a negative errno on failure). `rmmod strace` stops it.
 *
 * What it shows: the kernel's system-call dispatch has one hook; a module that sets it sees
 * every call of every process, with no protection boundary: the power of a loaded module.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"

/* Which processes it traces (either matches). */
struct strace {
  int pid;       /* 0: none */
  char name[16]; /* "": none */
};

/* Appends to the line being built, as far as it has room. */
static void put(char *line, size_t size, size_t *n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (*n < size) *n += (size_t)vsnprintf(line + *n, size - *n, fmt, ap);
  va_end(ap);
}

static void trace_call(struct mod_kernel *k, const struct mod_api *api, void *priv,
                       const struct mod_syscall *sc) {
  const struct strace *st = priv;
  if (sc->pid != st->pid && strcmp(sc->proc, st->name) != 0) return;
  char line[200];
  size_t n = 0;
  if (sc->name)
    put(line, sizeof line, &n, "%s(", sc->name);
  else
    put(line, sizeof line, &n, "syscall_%u(", sc->num);
  for (int i = 0; i < 6 && sc->kinds[i]; i++) {
    const char *sep = i > 0 ? ", " : "";
    if (sc->kinds[i] == 's' && sc->str[i])
      put(line, sizeof line, &n, "%s\"%s\"", sep, sc->str[i]);
    else if (sc->kinds[i] == 'd')
      put(line, sizeof line, &n, "%s%d", sep, (int)sc->args[i]);
    else
      put(line, sizeof line, &n, "%s%#x", sep, sc->args[i]);
  }
  api->printk(k, "%d %s) -> %d\n", sc->pid, line, (int)sc->result);
}

static int strace_init(struct mod_kernel *k, const struct mod_api *api,
                       const struct mod_param *params, int nparams, void **priv) {
  struct strace *st = api->alloc(k, sizeof *st);
  if (!st) return -MOD_ENOMEM;
  *priv = st;
  for (int i = 0; i < nparams; i++) {
    if (strcmp(params[i].key, "pid") == 0) st->pid = atoi(params[i].value);
    if (strcmp(params[i].key, "name") == 0)
      snprintf(st->name, sizeof st->name, "%s", params[i].value);
  }
  if (st->pid <= 0 && !st->name[0]) {
    api->printk(k, "say which processes: pid=N or name=PROGRAM\n");
    return -MOD_EINVAL;
  }
  return api->syscall_hook_register(k, trace_call);
}

static void strace_exit(struct mod_kernel *k, const struct mod_api *api, void *priv) {
  (void)priv;
  api->syscall_hook_unregister(k);
}

OSSIM_MODULE(.name = "strace", .version = "1.0",
             .description = "prints the system calls of chosen processes", .init = strace_init,
             .exit = strace_exit);
