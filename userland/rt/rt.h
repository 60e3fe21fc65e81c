/*
 * rt: the bare-metal runtime for guest programs run with `ossim --kernel bare`.
 *
 * A program built with ossim_bare_program() (userland/CMakeLists.txt) is linked with
 * crt0.S and bare.ld: every hart enters _start in S mode with a0 = its hart id and no MMU;
 * hart 0 clears .bss and calls main(), and exit(main's return value) powers the machine
 * off through the test device. Other harts park in a wfi loop unless the program defines
 * `int hart_main(int hart)`, which they call once hart 0 has cleared .bss.
 *
 * This header is the runtime's whole API: UART output by polling (printf and friends),
 * exit through the test device, trace marks, CSR access, a trap vector that calls a C
 * handler, and the few functions clang emits calls to (memcpy, memset, memmove, memcmp,
 * strlen, and 64-bit division in divmod64.h/helpers.c). It touches only the UART and the
 * test device unless asked, and no CSR unless asked, so a program that uses only the UART
 * and exit() also runs unchanged under `qemu-system-riscv32 -M virt -bios none` (where it
 * is entered in M mode).
 *
 * Not for: programs that run under a kernel (mono, micro, uni): they use the C library in
 * userland/lib, with system calls instead of device registers. Nothing here is
 * thread-safe across harts: two harts printing at once interleave their characters.
 */
#ifndef OSSIM_RT_H
#define OSSIM_RT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "abi/memmap.h" /* the devices' addresses, the same as QEMU's virt board */

/* What bare.ld lays out: one stack of RT_STACK_SIZE bytes per hart, MACHINE_MAX_HARTS of
 * them. */
#define RT_STACK_SIZE 0x10000u

/* ---- device registers ---- */

static inline uint32_t mmio_read32(uintptr_t addr) { return *(volatile uint32_t *)addr; }
static inline void mmio_write32(uintptr_t addr, uint32_t v) { *(volatile uint32_t *)addr = v; }
static inline uint8_t mmio_read8(uintptr_t addr) { return *(volatile uint8_t *)addr; }
static inline void mmio_write8(uintptr_t addr, uint8_t v) { *(volatile uint8_t *)addr = v; }

/* ---- console (the 16550 UART, polled) ---- */

void uart_putc(char c);
/* The next received byte, or -1 when none is waiting. */
int uart_getc(void);
/* Writes s and a newline, like C's puts. Returns 0. */
int puts(const char *s);
/* Writes s as it is, without a newline. */
void rt_puts(const char *s);

/*
 * A compact printf: conversions %d %i %u %x %X %p %s %c %%, length modifiers l, ll and z,
 * flags '-' (left-justify) and '0' (zero-pad), and a width (digits or '*'). No floating
 * point and no precision. Returns the number of characters produced (for snprintf, the
 * number that would have been written, as in C).
 */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* ---- ending the run ---- */

/* Stops the machine through the test device: 0 powers off (ossim exits with status 0);
 * any other code fails with that code (status code & 0xffff, as QEMU's sifive_test). */
_Noreturn void exit(int code);

/* ---- the trace port: an EV_MARK event in ossim's event stream ---- */

static inline void trace_mark(uint32_t id, uint32_t a0, uint32_t a1, uint32_t a2) {
  mmio_write32(MACHINE_TRACE_BASE + 0x4, a0);
  mmio_write32(MACHINE_TRACE_BASE + 0x8, a1);
  mmio_write32(MACHINE_TRACE_BASE + 0xc, a2);
  mmio_write32(MACHINE_TRACE_BASE + 0x0, id); /* writing the id emits the mark */
}

/* ---- CSRs, by name (sstatus, sepc, ...) or number (0x14d) ---- */

#define RT_STR_(x) #x
#define RT_STR(x) RT_STR_(x)
#define csr_read(csr)                                                                              \
  __extension__({                                                                                  \
    uint32_t v_;                                                                                   \
    __asm__ volatile("csrr %0, " RT_STR(csr) : "=r"(v_)::"memory");                                \
    v_;                                                                                            \
  })
#define csr_write(csr, val)                                                                        \
  __asm__ volatile("csrw " RT_STR(csr) ", %0" ::"r"((uint32_t)(val)) : "memory")
#define csr_set(csr, bits)                                                                         \
  __asm__ volatile("csrs " RT_STR(csr) ", %0" ::"r"((uint32_t)(bits)) : "memory")
#define csr_clear(csr, bits)                                                                       \
  __asm__ volatile("csrc " RT_STR(csr) ", %0" ::"r"((uint32_t)(bits)) : "memory")

/* CSRs the assembler may not know by name (Sstc is newer than some LLVMs). */
#define CSR_STIMECMP 0x14d
#define CSR_STIMECMPH 0x15d

#define SSTATUS_SIE (1u << 1)
#define SSTATUS_SPIE (1u << 5)
#define SSTATUS_SPP (1u << 8)
#define SSTATUS_SUM (1u << 18)
#define SSTATUS_MXR (1u << 19)
#define SIE_SSIE (1u << 1)
#define SIE_STIE (1u << 5)
#define SIE_SEIE (1u << 9)
#define SCAUSE_INTERRUPT 0x80000000u

static inline void wfi(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void fence(void) { __asm__ volatile("fence rw, rw" ::: "memory"); }
static inline void sfence_vma(void) { __asm__ volatile("sfence.vma" ::: "memory"); }

/* The 64-bit time CSR, read consistently (high, low, high again). */
static inline uint64_t rt_time(void) {
  uint32_t hi, lo, hi2;
  do {
    hi = csr_read(timeh);
    lo = csr_read(time);
    hi2 = csr_read(timeh);
  } while (hi != hi2);
  return (uint64_t)hi << 32 | lo;
}

/* Sets stimecmp without a spurious interrupt in between (the RV32 sequence of the
 * privileged spec: high word to all ones first). */
static inline void rt_set_stimecmp(uint64_t when) {
  csr_write(CSR_STIMECMPH, 0xffffffffu);
  csr_write(CSR_STIMECMP, (uint32_t)when);
  csr_write(CSR_STIMECMPH, (uint32_t)(when >> 32));
}

/* ---- traps ---- */

/* The registers at the trap, as rt_trap_entry saved them. x[2] is sp before the trap. The
 * handler may change any of them (sepc to skip an instruction, a0 to return a value);
 * rt_trap_entry restores them all, sstatus and sepc included, and srets. */
struct rt_trapframe {
  uint32_t x[32];
  uint32_t sepc, scause, stval, sstatus;
};
typedef void (*rt_trap_handler)(struct rt_trapframe *tf);

/*
 * Points stvec (direct mode) at rt_trap_entry, which saves the registers on the current
 * stack and calls fn (shared by every hart). fn == NULL installs the default handler,
 * which prints the trap and exits with status 1. The vector and the handler are ordinary
 * text: a program that maps its text with PTE_U (which S mode may not execute) while in
 * S mode needs a vector of its own in .stext (see bench/sv32.S).
 */
void rt_trap_init(rt_trap_handler fn);
/* The entry point stvec holds (trap.S). */
void rt_trap_entry(void);

/* ---- what clang emits calls to ---- */

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);

/* ---- defined by the program ---- */

int main(void);
/* Optional: harts other than 0 run this (with their hart id) once .bss is clear; when it
 * returns, the hart parks. Without it they park at once. */
int hart_main(int hart);

/* Symbols of bare.ld, for programs that build page tables over their own image. */
extern char __image_start[], __text_end[], __stext_end[], __rodata_end[], __bss_start[],
    __bss_end[], __stack_bottom[], __stack_top[], __image_end[];

#endif
