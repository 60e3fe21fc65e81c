/*
 * The interpreter: one hart's hot loop, readable from top to bottom.
 *
 * Speed tricks, each named where it is used:
 *  - Predecoded pages (dcache.h): an instruction is decoded once per physical page, and
 *    dispatch is a computed goto on its op (a "threaded" interpreter).
 *  - The fetch page: while execution stays in one 4 KiB page, the next instruction is the
 *    next slot (ip++); only a jump out of the page or falling off its end looks at the TLB.
 *  - The TLB fast path (mmu.h): a load or store whose page is in the TLB with the right
 *    rights goes straight to host memory through the entry's host pointer. Misalignment,
 *    devices, code pages and misses fall to the slow paths below.
 *  - Time in registers: cycles and instret live in locals and are written back (SYNC)
 *    before anything outside the loop can look at them.
 *  - One check per instruction: the loop stops when cycles reach h->stop_at. Everything that
 *    needs the loop's attention (a timer deadline, a device event, a CSR write, a trap, a
 *    power-off) lowers stop_at, so interrupts are checked between instructions exactly
 *    when something may have changed.
 */
#include "cpu.h"

#include <string.h>

#include "decode.h"
#include "machine.h"
#include "traceport.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "ossim keeps guest RAM in host byte order and needs a little-endian host"
#endif

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

void cpu_reset(struct hart *h, uint32_t entry) {
  memset(h->x, 0, sizeof h->x);
  h->x[10] = h->id; /* a0 = hart id, as QEMU's reset vector passes it */
  h->pc = entry;
  h->priv = PRIV_S;
  h->sstatus = h->sie = h->sip = h->stvec = h->sscratch = 0;
  h->sepc = h->scause = h->stval = h->satp = h->scounteren = 0;
  h->stimecmp = UINT64_MAX;
  h->resv_valid = false;
  h->wfi = false;
  h->vectored = false;
  mmu_reset(h);
  cpu_kick(h);
}

/* Why an access failed: the exception to raise. */
struct fault {
  uint32_t cause, tval;
};

static uint32_t fault_cause(enum mmu_fault r, uint32_t page_fault, uint32_t access_fault) {
  return r == MMU_PAGE_FAULT ? page_fault : access_fault;
}

/* What a device access costs on top of its instruction. The trace port is not a device of
 * the board but the simulator's probe: a mark costs the instructions that write it and no
 * bus time, so that marking a program changes its timing as little as possible. */
static uint32_t mmio_cost(const struct hart *h, uint64_t pa) {
  return pa - MACHINE_TRACE_BASE < TRACEPORT_WINDOW ? 0 : h->m->cfg.cost.mmio;
}

/* A store to RAM at pa is visible to the other harts: it breaks their reservations on that
 * word (the A extension: an SC must fail if another hart stored to its reservation set).
 * Pages with a reservation have no fast stores, so every such store comes here. */
static void break_reservations(struct hart *h, uint64_t pa) {
  struct machine *m = h->m;
  for (unsigned i = 0; i < m->nharts; i++) {
    struct hart *o = m->harts[i];
    if (o != h && o->resv_valid && o->resv_addr == (pa & ~3ull)) o->resv_valid = false;
  }
}

/*
 * Misaligned loads and stores to RAM. On real boards the firmware below S mode completes
 * them when the hardware traps (riscv-tests' ma_data expects them to work); here the host
 * plays that firmware. Like it, each byte is translated and accessed on its own, a fault on
 * a byte is raised with that byte's address, and the access costs a trap into the firmware
 * and back. An access that reaches beyond RAM (a device, or nothing) keeps the misaligned
 * fault, as do all with cfg.trap_misaligned. A store checks every byte before it writes any.
 */
static void charge_misaligned(struct hart *h) {
  h->cycles += h->m->cfg.cost.trap_entry + h->m->cfg.cost.trap_return;
  h->stats.misaligned++;
}

/* The physical address of byte va of an access that starts at `first`, or false with *f
 * set. */
static bool misaligned_byte(struct hart *h, uint32_t va, enum mmu_access a, uint32_t first,
                            uint64_t *pa, struct fault *f) {
  bool load = a == MMU_READ;
  enum mmu_fault r = mmu_translate(h, va, a, pa);
  if (r != MMU_OK) {
    *f = (struct fault){load ? fault_cause(r, CAUSE_LOAD_PAGE_FAULT, CAUSE_LOAD_ACCESS)
                             : fault_cause(r, CAUSE_STORE_PAGE_FAULT, CAUSE_STORE_ACCESS),
                        va};
    return false;
  }
  if (!bus_in_ram(&h->m->bus, *pa, 1)) {
    *f = (struct fault){load ? CAUSE_MISALIGNED_LOAD : CAUSE_MISALIGNED_STORE, first};
    return false;
  }
  return true;
}

static int64_t load_misaligned(struct hart *h, uint32_t va, unsigned size, struct fault *f) {
  uint32_t v = 0;
  for (unsigned i = 0; i < size; i++) {
    uint64_t pa;
    uint8_t byte;
    if (!misaligned_byte(h, va + i, MMU_READ, va, &pa, f)) return -1;
    bus_ram_read(&h->m->bus, pa, &byte, 1);
    v |= (uint32_t)byte << (8 * i);
  }
  charge_misaligned(h);
  return v;
}

static bool store_misaligned(struct hart *h, uint32_t va, unsigned size, uint32_t val,
                             struct fault *f) {
  uint64_t pa[4];
  for (unsigned i = 0; i < size; i++)
    if (!misaligned_byte(h, va + i, MMU_WRITE, va, &pa[i], f)) return false;
  for (unsigned i = 0; i < size; i++) {
    bus_write(&h->m->bus, pa[i], 1, (val >> (8 * i)) & 0xff);
    break_reservations(h, pa[i]);
  }
  charge_misaligned(h);
  return true;
}

/* The slow path of a load: misaligned, TLB miss, device, or no rights. Returns the value
 * read (zero-extended), or -1 with *f set. The value is returned rather than stored through
 * a pointer so that the fast path's value can stay in a register. */
static int64_t load_slow(struct hart *h, uint32_t va, unsigned size, struct fault *f) {
  uint64_t pa;
  uint32_t val;
  enum mmu_fault r;
  *f = (struct fault){CAUSE_LOAD_ACCESS, va};
  if (va & (size - 1)) {
    if (!h->m->cfg.trap_misaligned) return load_misaligned(h, va, size, f);
    f->cause = CAUSE_MISALIGNED_LOAD;
    return -1;
  }
  if ((r = mmu_translate(h, va, MMU_READ, &pa)) != MMU_OK) {
    f->cause = fault_cause(r, CAUSE_LOAD_PAGE_FAULT, CAUSE_LOAD_ACCESS);
    return -1;
  }
  if (!bus_in_ram(&h->m->bus, pa, size)) h->cycles += mmio_cost(h, pa);
  return bus_read(&h->m->bus, pa, size, &val) ? (int64_t)val : -1;
}

/* The slow path of a store: as for loads, plus stores into pages holding decoded code or
 * another hart's reservation. */
static bool store_slow(struct hart *h, uint32_t va, unsigned size, uint32_t val, struct fault *f) {
  uint64_t pa;
  enum mmu_fault r;
  *f = (struct fault){CAUSE_STORE_ACCESS, va};
  if (va & (size - 1)) {
    if (!h->m->cfg.trap_misaligned) return store_misaligned(h, va, size, val, f);
    f->cause = CAUSE_MISALIGNED_STORE;
    return false;
  }
  if ((r = mmu_translate(h, va, MMU_WRITE, &pa)) != MMU_OK) {
    f->cause = fault_cause(r, CAUSE_STORE_PAGE_FAULT, CAUSE_STORE_ACCESS);
    return false;
  }
  if (!bus_in_ram(&h->m->bus, pa, size)) h->cycles += mmio_cost(h, pa);
  if (!bus_write(&h->m->bus, pa, size, val)) return false;
  break_reservations(h, pa);
  mmu_store_done(h, va);
  return true;
}

/* LR, SC and the AMOs, all on naturally aligned words in RAM (the A extension, chapter 8).
 * *rd receives what the instruction writes to rd. */
static bool atomic_op(struct hart *h, enum op op, uint32_t va, uint32_t src, uint32_t *rd,
                      struct fault *f) {
  struct bus *b = &h->m->bus;
  bool is_lr = op == OP_LR;
  uint64_t pa;
  enum mmu_fault r;
  *f = (struct fault){is_lr ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS, va};
  if (va & 3) {
    f->cause = is_lr ? CAUSE_MISALIGNED_LOAD : CAUSE_MISALIGNED_STORE;
    return false;
  }
  if ((r = mmu_translate(h, va, is_lr ? MMU_READ : MMU_WRITE, &pa)) != MMU_OK) {
    f->cause = is_lr ? fault_cause(r, CAUSE_LOAD_PAGE_FAULT, CAUSE_LOAD_ACCESS)
                     : fault_cause(r, CAUSE_STORE_PAGE_FAULT, CAUSE_STORE_ACCESS);
    return false;
  }
  if (!bus_in_ram(b, pa, 4)) return false; /* devices do not support atomics */
  uint32_t old;
  bus_read(b, pa, 4, &old);
  if (is_lr) {
    h->resv_valid = true;
    h->resv_addr = (uint32_t)pa;
    if (h->m->nharts > 1) mmu_watch_stores(h->m->harts, h->m->nharts, (uint32_t)pa & ~0xfffu);
    *rd = old;
    return true;
  }
  if (op == OP_SC) {
    bool ok = h->resv_valid && h->resv_addr == (uint32_t)pa;
    h->resv_valid = false;
    if (ok) {
      bus_write(b, pa, 4, src);
      break_reservations(h, pa);
    }
    *rd = ok ? 0 : 1;
    return true;
  }
  uint32_t v;
  switch (op) {
  case OP_AMOSWAP: v = src; break;
  case OP_AMOADD: v = old + src; break;
  case OP_AMOXOR: v = old ^ src; break;
  case OP_AMOAND: v = old & src; break;
  case OP_AMOOR: v = old | src; break;
  case OP_AMOMIN: v = (int32_t)old < (int32_t)src ? old : src; break;
  case OP_AMOMAX: v = (int32_t)old > (int32_t)src ? old : src; break;
  case OP_AMOMINU: v = old < src ? old : src; break;
  default: v = old > src ? old : src; break; /* OP_AMOMAXU */
  }
  bus_write(b, pa, 4, v);
  break_reservations(h, pa);
  *rd = old;
  return true;
}

static uint32_t div_s(uint32_t a, uint32_t b) {
  if (b == 0) return UINT32_MAX;
  if (a == 0x80000000u && b == UINT32_MAX) return a; /* overflow: the spec says INT_MIN */
  return (uint32_t)((int32_t)a / (int32_t)b);
}
static uint32_t rem_s(uint32_t a, uint32_t b) {
  if (b == 0) return a;
  if (a == 0x80000000u && b == UINT32_MAX) return 0;
  return (uint32_t)((int32_t)a % (int32_t)b);
}

/* The word an instruction was decoded from, for stval on an illegal instruction. */
static uint32_t insn_word(const struct machine *m, const struct dpage *dp, const struct insn *ip) {
  uint32_t w;
  memcpy(&w, m->bus.ram + (dp->pa - m->bus.ram_base) + (uint32_t)(ip - dp->slot) * 4, 4);
  return w;
}

/*
 * Decodes the slots from ip to the end of its run (decode_ends_run) or of the page, fuses
 * them into superinstructions and points them to their handlers. A slot already decoded
 * ends the run too: it is the next instruction of the last slot decoded, so that one may
 * still fuse with it.
 */
static void predecode(const struct machine *m, struct dpage *dp, struct insn *ip) {
  struct insn *end = ip;
  for (;;) {
    decode(insn_word(m, dp, end), end);
    if (decode_ends_run((enum op)end->op)) break;
    end++; /* the slot after the last one is OP_PAGE_END, which ends the run */
    if (end->op != OP_DECODE) break;
  }
  if (!m->dcache.plain) decode_fuse(ip, (unsigned)(end - ip) + 1);
  for (struct insn *s = ip; s <= end; s++)
    s->run = m->dcache.handlers[s->op];
}

/*
 * Runs instructions until cycles reach h->stop_at. Returns 1 when a trap must go to the
 * host (host_traps), else 0. On return h->pc, h->cycles and h->instret are up to date.
 * With h NULL, only sets *handlers to the table of handlers (cpu_handlers).
 */
static int interpret(struct hart *h, const void *const **handlers) {
  static const void *const labels[OP_COUNT] = {
#define OP_LABEL(name) [OP_##name] = &&op_##name,
      OP_LIST(OP_LABEL)
#undef OP_LABEL
#define OP_FUSED_LABEL(first, next) [OP_##first##_##next] = &&op_##first##_##next,
          FUSED_LIST(OP_FUSED_LABEL)
#undef OP_FUSED_LABEL
  };
  if (!h) {
    *handlers = labels;
    return 0;
  }
  struct machine *const m = h->m;
  const struct cost_model *const cost = &m->cfg.cost;
  uint32_t *const x = h->x;
  uint64_t cycles = h->cycles, instret = h->instret, stop = h->stop_at;
  uint32_t pc = h->pc, vbase = 0;
  /* TLB hits are counted here and added to the TLB's counter by SYNC(). */
  uint64_t hits = 0;
  struct dpage *dp = NULL;
  struct insn *ip = NULL;
  struct fault f;

#define PC() (vbase + (uint32_t)((ip - dp->slot) << 2))
#define SYNC_COUNTERS()                                                                            \
  do {                                                                                             \
    h->cycles = cycles;                                                                            \
    h->instret = instret;                                                                          \
    h->cur->hits += hits;                                                                          \
    hits = 0;                                                                                      \
  } while (0)
#define SYNC()                                                                                     \
  do {                                                                                             \
    SYNC_COUNTERS();                                                                               \
    h->pc = PC();                                                                                  \
  } while (0)
#define RELOAD()                                                                                   \
  do {                                                                                             \
    cycles = h->cycles;                                                                            \
    instret = h->instret;                                                                          \
    stop = h->stop_at;                                                                             \
  } while (0)
#define DISPATCH()                                                                                 \
  do {                                                                                             \
    if (unlikely(cycles >= stop)) goto out;                                                        \
    goto * ip->run;                                                                                \
  } while (0)
#define RETIRE(c)                                                                                  \
  do {                                                                                             \
    instret++;                                                                                     \
    cycles += (c);                                                                                 \
  } while (0)
#define NEXT(c)                                                                                    \
  do {                                                                                             \
    ip++;                                                                                          \
    RETIRE(c);                                                                                     \
    DISPATCH();                                                                                    \
  } while (0)
/* How a handler body (DO_name below) ends: k(c, to) is NEXT_K, on to whatever the next slot
 * holds through the dispatch, or THEN, the first half of a superinstruction (decode.h): on
 * to the next slot, which holds op `to`, by a direct jump. Both count the instruction and
 * check the budget before the next one. */
#define NEXT_K(c, to) NEXT(c)
#define THEN(c, to)                                                                                \
  do {                                                                                             \
    ip++;                                                                                          \
    RETIRE(c);                                                                                     \
    if (unlikely(cycles >= stop)) goto out;                                                        \
    goto to;                                                                                       \
  } while (0)
/* NEXT after a slow path, which may have made the TLB evict the fetch page's entry
 * (fetch_evicted, cpu.h): then the next instruction is fetched through the TLB. */
#define NEXT_SLOW(c)                                                                               \
  do {                                                                                             \
    if (unlikely(h->fetch_evicted)) {                                                              \
      ip++;                                                                                        \
      RETIRE(c);                                                                                   \
      pc = PC();                                                                                   \
      if (cycles >= stop) goto out;                                                                \
      goto fetch;                                                                                  \
    }                                                                                              \
    NEXT(c);                                                                                       \
  } while (0)
#define RAISE(cause_, tval_)                                                                       \
  do {                                                                                             \
    f.cause = (cause_);                                                                            \
    f.tval = (tval_);                                                                              \
    pc = PC();                                                                                     \
    goto trap;                                                                                     \
  } while (0)
/* A taken jump or branch to t_, already checked for alignment. */
#define TAKE(t_)                                                                                   \
  do {                                                                                             \
    uint32_t to_ = (t_);                                                                           \
    RETIRE(cost->branch_taken);                                                                    \
    if (likely((to_ ^ vbase) < 4096)) {                                                            \
      ip = dp->slot + ((to_ & 0xfffu) >> 2);                                                       \
      DISPATCH();                                                                                  \
    }                                                                                              \
    pc = to_;                                                                                      \
    goto fetch;                                                                                    \
  } while (0)
#define BRANCH_K(cond, k, to)                                                                      \
  do {                                                                                             \
    if (cond) {                                                                                    \
      uint32_t t_ = PC() + (uint32_t)ip->imm;                                                      \
      if (unlikely(t_ & 3)) RAISE(CAUSE_MISALIGNED_FETCH, t_);                                     \
      TAKE(t_);                                                                                    \
    }                                                                                              \
    k(cost->alu, to);                                                                              \
  } while (0)
#define BRANCH(cond) BRANCH_K(cond, NEXT_K, 0)
/* The TLB fast path: one compare with the host cache's tag for this access (mmu.h), which
 * folds in the rights and natural alignment. */
#define TLB_HIT(e_, va_, size_, access_)                                                           \
  (((e_) = &h->cache.e[((va_) >> 12) & (TLB_CACHE_SIZE - 1)]),                                     \
   likely((e_)->tag[access_] == ((va_) & (0xfffff000u | ((size_)-1)))))
/* A slow path (a miss, a device) may have rewritten decoded code, the next slot's
 * included, so it always goes on through the dispatch, never by k. */
#define LOAD_K(type, size, k, to)                                                                  \
  do {                                                                                             \
    uint32_t va_ = x[ip->rs1] + (uint32_t)ip->imm;                                                 \
    struct tlb_fast *e_;                                                                           \
    if (TLB_HIT(e_, va_, size, MMU_READ)) {                                                        \
      type t_;                                                                                     \
      memcpy(&t_, (const void *)(uintptr_t)(va_ + e_->addend), size);                              \
      hits++;                                                                                      \
      x[ip->rd] = (uint32_t)(int32_t)t_;                                                           \
      k(cost->load, to);                                                                           \
    }                                                                                              \
    SYNC();                                                                                        \
    int64_t v_ = load_slow(h, va_, size, &f);                                                      \
    RELOAD();                                                                                      \
    if (v_ < 0) {                                                                                  \
      pc = PC();                                                                                   \
      goto trap;                                                                                   \
    }                                                                                              \
    x[ip->rd] = (uint32_t)(int32_t)(type)v_;                                                       \
    NEXT_SLOW(cost->load);                                                                         \
  } while (0)
#define LOAD(type, size) LOAD_K(type, size, NEXT_K, 0)
#define STORE_K(size, k, to)                                                                       \
  do {                                                                                             \
    uint32_t va_ = x[ip->rs1] + (uint32_t)ip->imm, v_ = x[ip->rs2];                                \
    struct tlb_fast *e_;                                                                           \
    if (TLB_HIT(e_, va_, size, MMU_WRITE)) {                                                       \
      memcpy((void *)(uintptr_t)(va_ + e_->addend), &v_, size);                                    \
      hits++;                                                                                      \
      k(cost->store, to);                                                                          \
    }                                                                                              \
    SYNC();                                                                                        \
    bool ok_ = store_slow(h, va_, size, v_, &f);                                                   \
    RELOAD();                                                                                      \
    if (!ok_) {                                                                                    \
      pc = PC();                                                                                   \
      goto trap;                                                                                   \
    }                                                                                              \
    NEXT_SLOW(cost->store);                                                                        \
  } while (0)
#define STORE(size) STORE_K(size, NEXT_K, 0)
#define ALU_K(expr, c, k, to)                                                                      \
  do {                                                                                             \
    uint32_t a = x[ip->rs1];                                                                       \
    uint32_t b = x[ip->rs2];                                                                       \
    uint32_t imm = (uint32_t)ip->imm;                                                              \
    (void)a;                                                                                       \
    (void)b;                                                                                       \
    (void)imm;                                                                                     \
    x[ip->rd] = (expr);                                                                            \
    k(c, to);                                                                                      \
  } while (0)
#define ALU(expr) ALU_K(expr, cost->alu, NEXT_K, 0)
#define MULDIV(expr, c) ALU_K(expr, c, NEXT_K, 0)
/* The bodies of the ops that can begin a superinstruction (FUSED_LIST in decode.h). */
#define DO_AUIPC(k, to) ALU_K(PC() + imm, cost->alu, k, to)
#define DO_ADDI(k, to) ALU_K(a + imm, cost->alu, k, to)
#define DO_SLLI(k, to) ALU_K(a << imm, cost->alu, k, to)
#define DO_XOR(k, to) ALU_K(a ^ b, cost->alu, k, to)
#define DO_AND(k, to) ALU_K(a &b, cost->alu, k, to)
#define DO_SLTU(k, to) ALU_K(a < b, cost->alu, k, to)
#define DO_BEQ(k, to) BRANCH_K(x[ip->rs1] == x[ip->rs2], k, to)
#define DO_BNE(k, to) BRANCH_K(x[ip->rs1] != x[ip->rs2], k, to)
#define DO_LB(k, to) LOAD_K(int8_t, 1, k, to)
#define DO_LBU(k, to) LOAD_K(uint8_t, 1, k, to)
#define DO_ADD(k, to) ALU_K(a + b, cost->alu, k, to)
#define DO_SUB(k, to) ALU_K(a - b, cost->alu, k, to)
#define DO_ANDI(k, to) ALU_K(a &imm, cost->alu, k, to)
#define DO_SRLI(k, to) ALU_K(a >> imm, cost->alu, k, to)
#define DO_MUL(k, to) ALU_K(a *b, cost->mul, k, to)
#define DO_MULHU(k, to) ALU_K((uint32_t)(((uint64_t)a * b) >> 32), cost->mul, k, to)
#define DO_LW(k, to) LOAD_K(int32_t, 4, k, to)
#define DO_SB(k, to) STORE_K(1, k, to)
#define DO_SW(k, to) STORE_K(4, k, to)

fetch : {
  /* Find the decoded page for pc: through the TLB's exec rights, then the decode cache. */
  struct tlb_fast *e;
  uint32_t pa_page;
  /* The budget is judged before the fetch: a TLB miss's walk is charged to the instruction
   * it fetches, and must not stop that instruction from running. */
  uint64_t before_fetch = cycles;
  if (unlikely(pc & 3)) {
    f = (struct fault){CAUSE_MISALIGNED_FETCH, pc};
    goto trap;
  }
  if (TLB_HIT(e, pc, 1, MMU_EXEC)) {
    hits++;
    pa_page = e->pa_page;
  } else {
    uint64_t pa;
    SYNC_COUNTERS();
    enum mmu_fault r = mmu_translate(h, pc, MMU_EXEC, &pa);
    RELOAD();
    if (r != MMU_OK || !bus_in_ram(&m->bus, pa, 4)) {
      f = (struct fault){fault_cause(r, CAUSE_FETCH_PAGE_FAULT, CAUSE_FETCH_ACCESS), pc};
      if (h->vectored && instret == h->vector_instret && pc == h->vector_pc) {
        /* The trap handler itself cannot be fetched: every trap would lead to another, and
         * the hart would spin forever without running an instruction. Stop the machine. */
        SYNC_COUNTERS();
        h->pc = pc;
        machine_power(m, MACHINE_TRAP_LOOP, f.cause);
        return 0;
      }
      goto trap;
    }
    pa_page = (uint32_t)pa & ~0xfffu;
  }
  uint32_t idx = (pa_page - m->bus.ram_base) >> 12;
  dp = m->dcache.is_code[idx] ? m->dcache.pages[idx] : dcache_page(&m->dcache, pa_page);
  if (unlikely(!dp)) { /* the host is out of memory: report it as the guest's fault */
    f = (struct fault){CAUSE_FETCH_ACCESS, pc};
    goto trap;
  }
  vbase = pc & ~0xfffu;
  h->fetch_vpage = vbase;
  h->fetch_evicted = false;
  ip = &dp->slot[(pc & 0xfffu) >> 2];
  if (unlikely(before_fetch >= stop)) goto out;
  goto * ip->run;
}

trap:
  /* pc is the faulting instruction's address. */
  SYNC_COUNTERS();
  h->pc = pc;
  cpu_take_trap(h, f.cause, f.tval);
  /* Back to cpu_run, which looks for interrupts and the cycle budget before going on at
   * the trap vector. */
  return h->host_traps;

out:
  SYNC();
  return 0;

op_DECODE:
  predecode(m, dp, ip);
  goto * ip->run;
op_PAGE_END:
  pc = vbase + 4096;
  goto fetch;
op_ILLEGAL:
  RAISE(CAUSE_ILLEGAL_INSTRUCTION, (uint32_t)ip->imm);

op_LUI:
  ALU(imm);
op_AUIPC:
  DO_AUIPC(NEXT_K, 0);
op_JAL : {
  uint32_t t = PC() + (uint32_t)ip->imm;
  if (unlikely(t & 3)) RAISE(CAUSE_MISALIGNED_FETCH, t);
  x[ip->rd] = PC() + 4;
  TAKE(t);
}
op_JALR : {
  uint32_t t = (x[ip->rs1] + (uint32_t)ip->imm) & ~1u;
  if (unlikely(t & 3)) RAISE(CAUSE_MISALIGNED_FETCH, t);
  x[ip->rd] = PC() + 4;
  TAKE(t);
}
op_BEQ:
  DO_BEQ(NEXT_K, 0);
op_BNE:
  DO_BNE(NEXT_K, 0);
op_BLT:
  BRANCH((int32_t)x[ip->rs1] < (int32_t)x[ip->rs2]);
op_BGE:
  BRANCH((int32_t)x[ip->rs1] >= (int32_t)x[ip->rs2]);
op_BLTU:
  BRANCH(x[ip->rs1] < x[ip->rs2]);
op_BGEU:
  BRANCH(x[ip->rs1] >= x[ip->rs2]);

op_LB:
  DO_LB(NEXT_K, 0);
op_LH:
  LOAD(int16_t, 2);
op_LW:
  DO_LW(NEXT_K, 0);
op_LBU:
  DO_LBU(NEXT_K, 0);
op_LHU:
  LOAD(uint16_t, 2);
op_SB:
  DO_SB(NEXT_K, 0);
op_SH:
  STORE(2);
op_SW:
  DO_SW(NEXT_K, 0);

op_ADDI:
  DO_ADDI(NEXT_K, 0);
op_SLTI:
  ALU((int32_t)a < (int32_t)imm);
op_SLTIU:
  ALU(a < imm);
op_XORI:
  ALU(a ^ imm);
op_ORI:
  ALU(a | imm);
op_ANDI:
  DO_ANDI(NEXT_K, 0);
op_SLLI:
  DO_SLLI(NEXT_K, 0);
op_SRLI:
  DO_SRLI(NEXT_K, 0);
op_SRAI:
  ALU((uint32_t)((int32_t)a >> imm));
op_ADD:
  DO_ADD(NEXT_K, 0);
op_SUB:
  DO_SUB(NEXT_K, 0);
op_SLL:
  ALU(a << (b & 31));
op_SLT:
  ALU((int32_t)a < (int32_t)b);
op_SLTU:
  DO_SLTU(NEXT_K, 0);
op_XOR:
  DO_XOR(NEXT_K, 0);
op_SRL:
  ALU(a >> (b & 31));
op_SRA:
  ALU((uint32_t)((int32_t)a >> (b & 31)));
op_OR:
  ALU(a | b);
op_AND:
  DO_AND(NEXT_K, 0);

op_MUL:
  DO_MUL(NEXT_K, 0);
op_MULH:
  MULDIV((uint32_t)((uint64_t)((int64_t)(int32_t)a * (int32_t)b) >> 32), cost->mul);
op_MULHSU:
  MULDIV((uint32_t)(((uint64_t)(int64_t)(int32_t)a * b) >> 32), cost->mul);
op_MULHU:
  DO_MULHU(NEXT_K, 0);
op_DIV:
  MULDIV(div_s(a, b), cost->div);
op_DIVU:
  MULDIV(b ? a / b : UINT32_MAX, cost->div);
op_REM:
  MULDIV(rem_s(a, b), cost->div);
op_REMU:
  MULDIV(b ? a % b : a, cost->div);

#define OP_FUSED_HANDLER(first, next) op_##first##_##next : DO_##first(THEN, op_##next);
  FUSED_LIST(OP_FUSED_HANDLER)
#undef OP_FUSED_HANDLER

op_LR:
op_SC:
op_AMOSWAP:
op_AMOADD:
op_AMOXOR:
op_AMOAND:
op_AMOOR:
op_AMOMIN:
op_AMOMAX:
op_AMOMINU:
op_AMOMAXU : {
  uint32_t old;
  unsigned rd = ip->rd; /* the store may rewrite this very slot (see dcache.h) */
  SYNC();
  bool ok = atomic_op(h, (enum op)ip->op, x[ip->rs1], x[ip->rs2], &old, &f);
  RELOAD();
  if (!ok) {
    pc = PC();
    goto trap;
  }
  x[rd] = old;
  NEXT_SLOW(cost->amo);
}

op_FENCE:
  NEXT(cost->fence);
op_FENCE_I:
  /* Stores already keep decoded pages in step with RAM; fence.i drops them all anyway,
   * as the spec allows a hart to rely on it and nothing else. */
  dcache_invalidate_all(&m->dcache);
  NEXT(cost->fence);
op_ECALL:
  RAISE(h->priv == PRIV_U ? CAUSE_ECALL_U : CAUSE_ECALL_S, 0);
op_EBREAK:
  RAISE(CAUSE_BREAKPOINT, PC());
op_SRET:
  if (h->priv == PRIV_U) RAISE(CAUSE_ILLEGAL_INSTRUCTION, insn_word(m, dp, ip));
  RETIRE(cost->alu);
  SYNC();
  cpu_sret(h);
  RELOAD();
  pc = h->pc;
  goto fetch;
op_WFI:
  /* U-mode wfi is illegal when S mode exists (privileged spec 3.3.3: no bounded wait). */
  if (h->priv == PRIV_U) RAISE(CAUSE_ILLEGAL_INSTRUCTION, insn_word(m, dp, ip));
  ip++;
  RETIRE(cost->alu);
  SYNC();
  h->wfi = true;
  machine_emit(m, EV_WFI, h->pc, 0, 0, 0);
  goto out;
op_SFENCE_VMA:
  if (h->priv == PRIV_U) RAISE(CAUSE_ILLEGAL_INSTRUCTION, insn_word(m, dp, ip));
  ip++;
  RETIRE(cost->fence + cost->tlb_flush);
  SYNC();
  mmu_sfence(h, ip[-1].rs1 != 0, x[ip[-1].rs1], ip[-1].rs2 != 0, x[ip[-1].rs2]);
  goto out; /* the fetch page may be gone: cpu_run comes back and looks it up again */

op_CSRRW:
op_CSRRS:
op_CSRRC:
op_CSRRWI:
op_CSRRSI:
op_CSRRCI : {
  unsigned funct3 = (unsigned)(ip->op - OP_CSRRW) + 1 + (ip->op >= OP_CSRRWI);
  uint32_t operand = ip->op >= OP_CSRRWI ? ip->rs1 : x[ip->rs1], old;
  SYNC();
  bool ok = csr_insn(h, funct3, (uint32_t)ip->imm & 0xfff, ip->rs1, operand, ip->rd == 32, &old);
  RELOAD();
  if (!ok) RAISE(CAUSE_ILLEGAL_INSTRUCTION, insn_word(m, dp, ip));
  x[ip->rd] = old;
  NEXT(cost->csr);
}
#undef PC
#undef SYNC
#undef SYNC_COUNTERS
#undef RELOAD
#undef DISPATCH
#undef RETIRE
#undef NEXT
#undef RAISE
#undef TAKE
#undef BRANCH
#undef TLB_HIT
#undef NEXT_K
#undef THEN
#undef LOAD_K
#undef LOAD
#undef STORE_K
#undef STORE
#undef ALU_K
#undef ALU
#undef MULDIV
#undef BRANCH_K
#undef DO_AUIPC
#undef DO_SLLI
#undef DO_XOR
#undef DO_AND
#undef DO_SLTU
#undef DO_BEQ
#undef DO_BNE
#undef DO_LB
#undef DO_LBU
#undef DO_ADDI
#undef DO_ADD
#undef DO_SUB
#undef DO_ANDI
#undef DO_SRLI
#undef DO_MUL
#undef DO_MULHU
#undef DO_LW
#undef DO_SB
#undef DO_SW
}

const void *const *cpu_handlers(void) {
  const void *const *handlers;
  interpret(NULL, &handlers);
  return handlers;
}

enum cpu_exit cpu_run(struct hart *h, uint64_t until) {
  struct machine *m = h->m;
  for (;;) {
    if (m->state != MACHINE_RUNNING) return CPU_EXIT_HALT;
    cpu_set_pending(h, SIP_STIP, h->cycles >= h->stimecmp);
    uint32_t irq = cpu_pending_interrupt(h);
    if (irq) {
      h->wfi = false;
      cpu_take_trap(h, irq, 0);
      if (h->host_traps) return CPU_EXIT_TRAP;
    }
    if (h->cycles >= until) return CPU_EXIT_BUDGET;
    if (h->wfi) {
      if (h->sip & h->sie) {
        h->wfi = false; /* pending but masked by sstatus.SIE: wfi still completes */
      } else {
        /* Sleep until the timer can wake us, or to the end of the slice. */
        bool timer_wakes = (h->sie & SIP_STIP) && h->stimecmp > h->cycles;
        h->cycles = timer_wakes && h->stimecmp < until ? h->stimecmp : until;
        if (h->cycles >= until) return CPU_EXIT_IDLE;
        continue;
      }
    }
    h->stop_at = h->stimecmp > h->cycles && h->stimecmp < until ? h->stimecmp : until;
    if (interpret(h, NULL)) return CPU_EXIT_TRAP;
  }
}
