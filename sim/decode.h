/*
 * decode: RV32IMA + Zicsr + Zifencei + the supervisor instructions, from a 32-bit word to
 * a predecoded `struct insn` (dcache.h).
 *
 * Every word decodes to something: what is not a legal encoding for this machine becomes
 * OP_ILLEGAL with the word kept in imm, which the interpreter turns into an
 * illegal-instruction exception with stval = the word. Privilege checks that depend on the
 * current mode (sret in U mode, CSR rights) are made when the instruction runs, not here,
 * because one decoded page serves every mode.
 *
 * Not for: executing. The interpreter in cpu.c does that.
 */
#ifndef OSSIM_DECODE_H
#define OSSIM_DECODE_H

#include <stdint.h>

#include "dcache.h"

/* X(name): every operation the interpreter dispatches on, in one list. */
#define OP_LIST(X)                                                                          \
  X(DECODE) X(PAGE_END) X(ILLEGAL)                                                          \
  X(LUI) X(AUIPC) X(JAL) X(JALR)                                                            \
  X(BEQ) X(BNE) X(BLT) X(BGE) X(BLTU) X(BGEU)                                              \
  X(LB) X(LH) X(LW) X(LBU) X(LHU) X(SB) X(SH) X(SW)                                         \
  X(ADDI) X(SLTI) X(SLTIU) X(XORI) X(ORI) X(ANDI) X(SLLI) X(SRLI) X(SRAI)                   \
  X(ADD) X(SUB) X(SLL) X(SLT) X(SLTU) X(XOR) X(SRL) X(SRA) X(OR) X(AND)                     \
  X(MUL) X(MULH) X(MULHSU) X(MULHU) X(DIV) X(DIVU) X(REM) X(REMU)                           \
  X(LR) X(SC) X(AMOSWAP) X(AMOADD) X(AMOXOR) X(AMOAND) X(AMOOR)                             \
  X(AMOMIN) X(AMOMAX) X(AMOMINU) X(AMOMAXU)                                                 \
  X(FENCE) X(FENCE_I) X(ECALL) X(EBREAK) X(SRET) X(WFI) X(SFENCE_VMA)                       \
  X(CSRRW) X(CSRRS) X(CSRRC) X(CSRRWI) X(CSRRSI) X(CSRRCI)

enum op {
#define OP_ENUM(name) OP_##name,
  OP_LIST(OP_ENUM)
#undef OP_ENUM
  OP_COUNT
};

/* Decodes word into *out. rd = x0 becomes 32 (the write sink). */
void decode(uint32_t word, struct insn *out);
/* The name of an op as in OP_LIST ("ADDI"), for traces and tests. */
const char *decode_op_name(enum op op);

#endif
