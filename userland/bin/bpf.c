/*
 * bpf: eBPF objects in the running kernel (mono), through the bpf(2) call.
 *
 *   bpf load FILE.o     load an object built with clang -target bpf; its programs attach
 *                       at the hooks their sections name (sys_enter, sys_exit, filter).
 *                       A refusal prints the verifier's log.
 *   bpf run FILE.o CMD [ARG...]
 *                       load FILE.o for this process alone (BPF_LOAD_SELF), then become CMD:
 *                       its programs see CMD and what it forks, no other process, and
 *                       cannot be detached (seccomp's rule: a filter is kept for good).
 *   bpf list            the loaded objects: ID FILE PROGRAM@HOOK ...
 *   bpf detach ID       unload object ID and its maps
 *   bpf map dump ID     object ID's maps: map NAME: KEY=VALUE ...
 */
#include "abi/bpf.h"
#include "user.h"

static char text[16384];

static int usage(void) {
  fprintf(2, "usage: bpf load FILE.o | bpf run FILE.o CMD [ARG...] | bpf list | bpf detach ID | "
             "bpf map dump ID\n");
  return 2;
}

/* The whole of path in a buffer from malloc; *len gets its size. */
static char *read_all(const char *path, uint32_t *len) {
  struct stat st;
  int fd = open(path, O_RDONLY);
  if (fd < 0 || fstat(fd, &st) < 0) return NULL;
  char *buf = malloc(st.size ? st.size : 1);
  int n = buf ? read(fd, buf, st.size) : -1;
  close(fd);
  if (n != (int)st.size) return NULL;
  *len = st.size;
  return buf;
}

/* Loads path with flags: its id, or -1 after saying why. */
static int load(const char *path, uint32_t flags) {
  struct bpf_attr at = {0};
  at.buf = (uint32_t)(uintptr_t)read_all(path, &at.len);
  if (!at.buf) {
    fprintf(2, "bpf: %s: cannot read it\n", path);
    return -1;
  }
  at.name = (uint32_t)(uintptr_t)path;
  at.log = (uint32_t)(uintptr_t)text;
  at.log_len = sizeof text;
  at.flags = flags;
  int id = bpf(BPF_CMD_LOAD, &at);
  if (id < 0) {
    if (id == -EACCES)
      fprintf(2, "bpf: %s: refused by the verifier:\n%s", path, text);
    else
      fprintf(2, "bpf: %s: %s\n%s\n", path, strerror(id), text);
    return -1;
  }
  return id;
}

/* Runs argv[0] as the shell does: /bin/NAME for a name without '/'. Returns only on error. */
static int run(char **argv) {
  static char path[128];
  int r = -ENOENT;
  if (!strchr(argv[0], '/')) {
    snprintf(path, sizeof path, "/bin/%s", argv[0]);
    r = exec(path, argv);
  }
  if (r == -ENOENT) r = exec(argv[0], argv);
  fprintf(2, "bpf: %s: %s\n", argv[0], strerror(r));
  return r == -ENOENT ? 127 : 126;
}

/* A command whose answer is text in buf. */
static int show(int cmd, int id) {
  struct bpf_attr at = {0};
  at.id = (uint32_t)id;
  at.buf = (uint32_t)(uintptr_t)text;
  at.len = sizeof text;
  int n = bpf(cmd, &at);
  if (n < 0) {
    fprintf(2, "bpf: %s\n", strerror(n));
    return 1;
  }
  write(1, text, n);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 3 && !strcmp(argv[1], "load")) {
    int id = load(argv[2], 0);
    if (id >= 0) printf("loaded %s as %d\n", argv[2], id);
    return id < 0;
  }
  if (argc >= 4 && !strcmp(argv[1], "run"))
    return load(argv[2], BPF_LOAD_SELF) < 0 ? 1 : run(argv + 3);
  if (argc == 2 && !strcmp(argv[1], "list")) return show(BPF_CMD_LIST, 0);
  if (argc == 4 && !strcmp(argv[1], "map") && !strcmp(argv[2], "dump"))
    return show(BPF_CMD_MAP_DUMP, atoi(argv[3]));
  if (argc == 3 && !strcmp(argv[1], "detach")) {
    struct bpf_attr at = {0};
    at.id = (uint32_t)atoi(argv[2]);
    int rc = bpf(BPF_CMD_DETACH, &at);
    if (rc < 0) fprintf(2, "bpf: detach %s: %s\n", argv[2], strerror(rc));
    return rc < 0;
  }
  return usage();
}
