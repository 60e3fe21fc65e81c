/*
 * support: what the unit tests share — a small machine with a captured UART, and an
 * encoder for RV32 instructions so tests can write guest code without a toolchain.
 */
#ifndef OSSIM_TEST_SUPPORT_H
#define OSSIM_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "machine.h"
#include "runner.h"

/* UART output captured in memory, and input fed from a string. */
struct capture {
  char out[65536];
  size_t len;
  const char *in; /* NULL: no input ready; "" reaches EOF */
  size_t in_pos;
};

/* A machine with `ram` bytes (0: 1 MiB), `ncpus` harts, the UART wired to cap (may be
 * NULL), optional disk. Fails the test on error. */
struct machine *test_machine(uint32_t ram, unsigned ncpus, struct capture *cap, const char *disk);
/* Copies words into RAM at pa and resets every hart to start there in S mode. */
void test_load(struct machine *m, uint32_t pa, const uint32_t *words, size_t n);
/* Runs hart 0 for exactly one instruction (or until its trap is taken); returns cpu_run's result.
 */
int test_step(struct hart *h);

/* The first events of a run, kept in memory: ev_set_sink(&m->ev, test_record, rc). */
struct test_recorder {
  struct ev_record r[4096];
  size_t n;
};
void test_record(void *ctx, const struct ev_record *rec);

/* Encoders (unprivileged spec, chapter 2 and 24). */
uint32_t enc_r(uint32_t opcode, unsigned rd, unsigned f3, unsigned rs1, unsigned rs2, unsigned f7);
uint32_t enc_i(uint32_t opcode, unsigned rd, unsigned f3, unsigned rs1, int32_t imm);
uint32_t enc_s(uint32_t opcode, unsigned f3, unsigned rs1, unsigned rs2, int32_t imm);
uint32_t enc_b(unsigned f3, unsigned rs1, unsigned rs2, int32_t imm);
uint32_t enc_u(uint32_t opcode, unsigned rd, uint32_t imm20);
uint32_t enc_j(unsigned rd, int32_t imm);

#define OPC_LOAD 0x03
#define OPC_MISC_MEM 0x0f
#define OPC_OP_IMM 0x13
#define OPC_AUIPC 0x17
#define OPC_STORE 0x23
#define OPC_AMO 0x2f
#define OPC_OP 0x33
#define OPC_LUI 0x37
#define OPC_BRANCH 0x63
#define OPC_JALR 0x67
#define OPC_JAL 0x6f
#define OPC_SYSTEM 0x73

#define ADDI(rd, rs1, imm) enc_i(OPC_OP_IMM, rd, 0, rs1, imm)
#define LI(rd, imm) ADDI(rd, 0, imm)
#define ADD(rd, rs1, rs2) enc_r(OPC_OP, rd, 0, rs1, rs2, 0)
#define LW(rd, rs1, imm) enc_i(OPC_LOAD, rd, 2, rs1, imm)
#define SW(rs2, rs1, imm) enc_s(OPC_STORE, 2, rs1, rs2, imm)
#define LUI(rd, imm20) enc_u(OPC_LUI, rd, imm20)
#define CSRRW(rd, csr, rs1) enc_i(OPC_SYSTEM, rd, 1, rs1, (int32_t)(csr))
#define CSRRS(rd, csr, rs1) enc_i(OPC_SYSTEM, rd, 2, rs1, (int32_t)(csr))
#define ECALL 0x00000073u
#define EBREAK 0x00100073u
#define SRET 0x10200073u
#define WFI 0x10500073u
#define FENCE_I 0x0000100fu
#define SFENCE_VMA(rs1, rs2) enc_r(OPC_SYSTEM, 0, 0, rs1, rs2, 0x09)

#endif
