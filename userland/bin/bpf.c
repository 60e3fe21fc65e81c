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
 *   bpf map keys ID MAP               every KEY=VALUE of map number MAP, one a line
 *   bpf map lookup ID MAP KEY         KEY's value (one per hart in a per-hart array)
 *   bpf map update ID MAP KEY VALUE [any|noexist|exist]
 *                                     set KEY (every hart's copy in a per-hart array)
 *   bpf map delete ID MAP KEY         take KEY out of a hash map
 * Keys and values are numbers here: the MAP_* commands take maps whose keys and values are
 * 4 or 8 bytes.
 */
#include "abi/bpf.h"
#include "user.h"

static char text[16384];

static int usage(void) {
  fprintf(
      2,
      "usage: bpf load FILE.o | bpf run FILE.o CMD [ARG...] | bpf list | bpf detach ID\n"
      "       bpf map dump ID | bpf map keys ID MAP | bpf map lookup ID MAP KEY\n"
      "       bpf map update ID MAP KEY VALUE [any|noexist|exist] | bpf map delete ID MAP KEY\n");
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

#define COPIES_MAX 64 /* harts of a per-hart array the tool shows */

/* One map of one object, with what MAP_INFO said of it. */
struct map_ref {
  struct bpf_attr at;
  struct bpf_map_info info;
  uint64_t key, value[COPIES_MAX]; /* little-endian: a 4-byte number is the low half */
};

/* Fills r for map argv[1] of object argv[0]; 0, or 1 after saying why not. */
static int map_open(struct map_ref *r, char **argv) {
  memset(r, 0, sizeof *r);
  r->at.id = (uint32_t)atoi(argv[0]);
  r->at.map = (uint32_t)atoi(argv[1]);
  r->at.key = (uint32_t)(uintptr_t)&r->key;
  r->at.value = (uint32_t)(uintptr_t)&r->info;
  int rc = bpf(BPF_CMD_MAP_INFO, &r->at);
  if (rc < 0) {
    fprintf(2, "bpf: map %s of %s: %s\n", argv[1], argv[0], strerror(rc));
    return 1;
  }
  uint32_t ks = r->info.key_size, vs = r->info.value_size;
  if ((ks != 4 && ks != 8) || (vs != 4 && vs != 8) || r->info.copies > COPIES_MAX) {
    fprintf(2, "bpf: map %s: its keys or values are not numbers\n", r->info.name);
    return 1;
  }
  r->at.value = (uint32_t)(uintptr_t)r->value;
  return 0;
}

/* The copies of the value just looked up, as numbers. */
static void print_value(const struct map_ref *r) {
  const uint8_t *v = (const uint8_t *)r->value;
  for (uint32_t h = 0; h < r->info.copies; h++) {
    uint64_t n = 0;
    memcpy(&n, v + h * r->info.value_size, r->info.value_size);
    printf(h ? " %d" : "%d", (int)n);
  }
  printf("\n");
}

/* The flag named name (BPF_ANY, BPF_NOEXIST, BPF_EXIST), or 3, which the kernel refuses. */
static uint32_t update_flag(const char *name) {
  static const char *const names[] = {"any", "noexist", "exist"};
  for (uint32_t f = 0; f < 3; f++)
    if (!strcmp(name, names[f])) return f;
  return 3;
}

/* bpf map keys|lookup|update|delete ID MAP ...: argv[0] is the command. */
static int map_cmd(int argc, char **argv) {
  struct map_ref r;
  const char *cmd = argv[0];
  if (map_open(&r, argv + 1)) return 1;
  if (argc >= 4) r.key = (uint64_t)atoi(argv[3]);
  int rc;
  if (!strcmp(cmd, "keys") && argc == 3) {
    for (r.at.key = 0; (rc = bpf(BPF_CMD_MAP_NEXT_KEY, &r.at)) == 0;) {
      memcpy(&r.key, r.value, r.info.key_size);
      r.at.key = (uint32_t)(uintptr_t)&r.key;
      if ((rc = bpf(BPF_CMD_MAP_LOOKUP, &r.at)) < 0) break;
      printf("%d=", (int)r.key);
      print_value(&r);
    }
    if (rc == -ENOENT) rc = 0; /* no more keys */
  } else if (!strcmp(cmd, "lookup") && argc == 4) {
    if ((rc = bpf(BPF_CMD_MAP_LOOKUP, &r.at)) == 0) print_value(&r);
  } else if (!strcmp(cmd, "delete") && argc == 4) {
    rc = bpf(BPF_CMD_MAP_DELETE, &r.at);
  } else if (!strcmp(cmd, "update") && (argc == 5 || argc == 6)) {
    uint64_t n = (uint64_t)atoi(argv[4]);
    for (uint32_t h = 0; h < r.info.copies; h++)
      memcpy((uint8_t *)r.value + h * r.info.value_size, &n, r.info.value_size);
    r.at.flags = argc == 6 ? update_flag(argv[5]) : BPF_ANY;
    rc = bpf(BPF_CMD_MAP_UPDATE, &r.at);
  } else {
    return usage();
  }
  if (rc < 0) fprintf(2, "bpf: map %s %s: %s\n", cmd, r.info.name, strerror(rc));
  return rc < 0;
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
  if (argc >= 5 && !strcmp(argv[1], "map")) return map_cmd(argc - 2, argv + 2);
  if (argc == 3 && !strcmp(argv[1], "detach")) {
    struct bpf_attr at = {0};
    at.id = (uint32_t)atoi(argv[2]);
    int rc = bpf(BPF_CMD_DETACH, &at);
    if (rc < 0) fprintf(2, "bpf: detach %s: %s\n", argv[2], strerror(rc));
    return rc < 0;
  }
  return usage();
}
