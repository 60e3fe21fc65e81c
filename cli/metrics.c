#include "metrics.h"

#include <stdlib.h>
#include <string.h>

#include "machine.h"

/* Boot ends with the unikernel library OS's boot mark (written just before main), or else
 * with the first system call: a process of the user's has run. */
#include "abi/kevents.h"
#include "abi/marks.h"

void metrics_init(struct metrics *mx) {
  memset(mx, 0, sizeof *mx);
  for (int i = 0; i < METRIC_COUNT; i++)
    mx->known[i] = true;
  mx->known[METRIC_boot_cycles] = false;
  mx->known[METRIC_memory_pages] = false;
  mx->known[METRIC_image_bytes] = false;
}

/* Records that pid owns pages now, and the peak of the total. */
static void note_memory(struct metrics *mx, uint32_t pid, uint32_t pages) {
  if (pid >= mx->mem_pids) {
    uint32_t n = mx->mem_pids ? mx->mem_pids : 64;
    while (n <= pid && n < (1u << 20))
      n *= 2;
    if (pid >= n) return; /* an absurd pid: not worth the memory */
    uint32_t *grown = realloc(mx->mem_by_pid, n * sizeof *grown);
    if (!grown) return;
    memset(grown + mx->mem_pids, 0, (n - mx->mem_pids) * sizeof *grown);
    mx->mem_by_pid = grown;
    mx->mem_pids = n;
  }
  mx->mem_now = mx->mem_now - mx->mem_by_pid[pid] + pages;
  mx->mem_by_pid[pid] = pages;
  mx->known[METRIC_memory_pages] = true;
  if (mx->mem_now > mx->v[METRIC_memory_pages]) mx->v[METRIC_memory_pages] = mx->mem_now;
}

static void note_boot(struct metrics *mx, uint64_t cycle) {
  if (mx->known[METRIC_boot_cycles]) return;
  mx->known[METRIC_boot_cycles] = true;
  mx->v[METRIC_boot_cycles] = cycle;
}

void metrics_sink(void *ctx, const struct ev_record *r) {
  struct metrics *mx = ctx;
  uint64_t *v = mx->v;
  switch (r->type) {
  case EV_EXCEPTION:
  case EV_INTERRUPT: v[METRIC_traps]++; break;
  case EV_SYSCALL_ENTER:
    v[METRIC_syscalls]++;
    note_boot(mx, r->cycle);
    break;
  case EV_SCHED_SWITCH:
    /* A switch to a process other than the one the hart ran last; idle in between, or the
     * scheduler picking the same process again, is not a context switch. */
    if (r->a[0] != 0 && r->hart < MACHINE_MAX_HARTS && r->a[0] != mx->last_pid[r->hart]) {
      v[METRIC_switches]++;
      mx->last_pid[r->hart] = r->a[0];
    }
    break;
  case EV_SATP: v[METRIC_as_switches]++; break;
  case EV_IPC_SEND:
  case EV_IPC_REPLY:
    v[METRIC_ipc_messages]++;
    v[METRIC_ipc_bytes] += r->a[3];
    break;
  case EV_TLB_FLUSH: v[METRIC_tlb_flushes]++; break;
  case EV_PAGE_FAULT: v[METRIC_page_faults]++; break;
  case EV_DISK_REQUEST: v[METRIC_disk_requests]++; break;
  case EV_MARK:
    if (r->a[0] == MARK_UNI_BOOT) note_boot(mx, r->cycle);
    /* A call of the user API in the unikernel is a function call; its library OS marks it. */
    if (r->a[0] >= MARK_UNI_CALL(0) && r->a[0] < MARK_UNI_CALL(256) && r->a[1] == MARK_ENTER)
      v[METRIC_syscalls]++;
    break;
  case EV_PROC_MEM: note_memory(mx, r->a[0], r->a[1]); break;
  default: break;
  }
}

void metrics_finish(struct metrics *mx, const struct kernel *k) {
  const struct machine *m = k->m;
  uint64_t cycles = 0, misses = 0;
  for (unsigned i = 0; i < m->nharts; i++) {
    if (m->harts[i]->cycles > cycles) cycles = m->harts[i]->cycles;
    misses += m->harts[i]->tlb.misses;
  }
  mx->v[METRIC_cycles] = cycles;
  mx->v[METRIC_instructions] = machine_instret(m);
  mx->v[METRIC_tlb_misses] = misses;
  mx->known[METRIC_image_bytes] = k->image_bytes != 0;
  mx->v[METRIC_image_bytes] = k->image_bytes;
  if (!k->image_bytes)
    mx->why[METRIC_image_bytes] = "no one image: the kernel is host code, and programs (and "
                                  "servers) load from the disk as files of their own";
}

void metrics_free(struct metrics *mx) {
  free(mx->mem_by_pid);
  mx->mem_by_pid = NULL;
  mx->mem_pids = 0;
}

static const char *const keys[METRIC_COUNT] = {
#define METRIC_KEY(f, label, what) #f,
    METRIC_FIELDS(METRIC_KEY)
#undef METRIC_KEY
};
static const char *const labels[METRIC_COUNT] = {
#define METRIC_LABEL(f, label, what) label,
    METRIC_FIELDS(METRIC_LABEL)
#undef METRIC_LABEL
};
static const char *const abouts[METRIC_COUNT] = {
#define METRIC_ABOUT(f, label, what) what,
    METRIC_FIELDS(METRIC_ABOUT)
#undef METRIC_ABOUT
};

const char *metric_key(enum metric i) { return keys[i]; }
const char *metric_label(enum metric i) { return labels[i]; }
const char *metric_about(enum metric i) { return abouts[i]; }
