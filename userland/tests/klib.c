/*
 * klib: the shared kernel components (kernels/lib) built for the guest and run on it — the
 * file system on a RAM disk, every scheduling policy, and the UART driver over mapped
 * registers — as the microkernel's servers and the unikernel's library OS will run them.
 */
#include "abi/errno.h"
#include "abi/stat.h"
#include "abi/uart.h"
#include "devbus_mmio.h"
#include "fs/fs.h"
#include "rt.h"
#include "sched/sched.h"
#include "uartdrv.h"

#define DISK_BLOCKS 512u

static uint8_t disk[DISK_BLOCKS][FS_BSIZE];
static struct fs fs;

static int ram_read(void *ctx, uint32_t block, void *buf) {
  (void)ctx;
  if (block >= DISK_BLOCKS) return -OSSIM_EIO;
  memcpy(buf, disk[block], FS_BSIZE);
  return 0;
}

static int ram_write(void *ctx, uint32_t block, const void *buf) {
  (void)ctx;
  if (block >= DISK_BLOCKS) return -OSSIM_EIO;
  memcpy(disk[block], buf, FS_BSIZE);
  return 0;
}

static void report(void *ctx, const char *msg) {
  (void)ctx;
  printf("fsck: %s\n", msg);
}

static int check(const char *what, int got, int want) {
  printf("%s: %s\n", what, got == want ? "ok" : "FAILED");
  if (got != want) printf("  got %d, want %d\n", got, want);
  return got != want;
}

static int test_fs(void) {
  static char data[3000], back[3000];
  struct fs_disk d = {.ctx = 0, .read = ram_read, .write = ram_write};
  uint32_t inum, found;
  int bad = check("fs format", fs_format(&d, DISK_BLOCKS, 64), 0);
  bad |= check("fs mount", fs_mount(&fs, &d), 0);
  bad |= check("fs mkdir", fs_create(&fs, FS_ROOTINO, "/d", T_DIR, 0, 0, &inum), 0);
  bad |= check("fs create", fs_create(&fs, FS_ROOTINO, "/d/f", T_FILE, 0, 0, &inum), 0);
  for (unsigned i = 0; i < sizeof data; i++)
    data[i] = (char)(i * 7 + 3);
  bad |= check("fs write", fs_write(&fs, inum, 0, data, sizeof data), (int)sizeof data);
  bad |= check("fs lookup", fs_lookup(&fs, FS_ROOTINO, "d/./f", &found), 0);
  bad |= check("fs same inode", (int)found, (int)inum);
  bad |= check("fs read", fs_read(&fs, found, 0, back, sizeof back), (int)sizeof back);
  bad |= check("fs data", memcmp(data, back, sizeof data), 0);
  bad |= check("fs unlink non-empty", fs_unlink(&fs, FS_ROOTINO, "/d"), -OSSIM_ENOTEMPTY);
  bad |= check("fs check", fs_check(&d, report, 0), 0);
  return bad;
}

/* Every policy keeps every entity: n queued, n picked, none twice. */
static int test_sched(void) {
  static struct sched s;
  static struct sched_entity e[5];
  int bad = 0;
  for (const struct sched_policy *const *p = sched_policies(); *p; p++) {
    sched_init(&s, *p, 42);
    for (int i = 0; i < 5; i++) {
      sched_entity_init(&e[i], i + 1);
      sched_enqueue(&s, &e[i]);
    }
    unsigned seen = 0, picks = 0;
    for (struct sched_entity *x; (x = sched_pick_next(&s)) != 0; picks++)
      seen |= 1u << x->id;
    printf("sched %s: ", (*p)->name);
    bad |= check("all picked once", (int)(picks * 100 + seen), 5 * 100 + 0x3e);
  }
  return bad;
}

int main(void) {
  struct devbus bus = devbus_mmio();
  struct uartdrv u;
  uartdrv_init(&u, &bus, MACHINE_UART_BASE, 0, 0);
  const char *hello = "uart driver: ok\n";
  for (const char *c = hello; *c; c++)
    uartdrv_putc(&u, (uint8_t)*c);
  int bad = test_fs() | test_sched();
  printf("klib: %s\n", bad ? "FAILED" : "ok");
  return bad;
}
