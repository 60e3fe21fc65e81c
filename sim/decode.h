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

#include <stdbool.h>
#include <stdint.h>

#include "dcache.h"

/* X(name): every operation the interpreter dispatches on, in one list. (clang-format 14
 * reflows such a list differently at each run: it is left as laid out, a group a line.) */
// clang-format off
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

/*
 * Superinstructions. X(first, next) is the op OP_first_next: the instruction `first`, whose
 * next slot holds an instruction of op `next` (an op above, or itself a superinstruction,
 * which makes a triple). The interpreter runs `first`, counts it as usual, and goes on to
 * the next slot by a direct jump to `next`'s handler instead of a dispatch: each fused pair
 * saves one indirect jump, which is most of what an instruction costs the host. Counting,
 * the budget check, traps and interrupts stay per instruction, so fusion is invisible.
 *
 * The list comes from measured profiles of which op follows which (the bench-sv32 image,
 * systest under mono and under micro, and the build-like pipeline of workloads.txt, each
 * weighed by its share): first of plain ops, for the pairs and triples, then of what was
 * left after fusing those, for longer chains and pairs that begin with a branch (fused for
 * the branch not taken), and last of the dispatches that were left (which op's handler
 * dispatches to which), for whole loop bodies: the word and byte copy loops that IPC and
 * the file server run, a list walk of the bench. Only ops with a body macro in cpu.c
 * (DO_name) can come first.
 */
#define FUSED_LIST(X)                                                                       \
  X(ADDI, ADDI) X(ADDI, BLTU) X(ADDI, BNE) X(ADDI, BEQ) X(ADDI, LW) X(ADDI, SB) X(ADDI, SW)  \
  X(SW, ADDI) X(SB, ADDI) X(LW, SW) X(LW, ADDI) X(LW, BEQ) X(LW, BNE) X(LW, LW) X(LW, MUL)   \
  X(ADD, SRLI) X(ADD, LW) X(ADD, ADDI) X(ADD, LBU) X(ADD, SB) X(SRLI, ADD) X(SRLI, XOR)      \
  X(SUB, SRLI) X(MULHU, SUB) X(MUL, ADD) X(ANDI, BNE)                                      \
  X(ADDI, ADDI_ADDI) X(ADDI, ADDI_BLTU) X(ADDI, ADDI_BNE) X(SW, ADDI_ADDI) X(LW, SW_ADDI)   \
  X(SUB, SRLI_ADD) X(MULHU, SUB_SRLI)                                                      \
  X(ADDI, ADDI_ADDI_BLTU) X(ADDI, LW_SW_ADDI) X(ADDI, ADDI_ADDI_BNE) X(ADDI, MULHU_SUB_SRLI) \
  X(SRLI, ADD_SRLI) X(BNE, ADDI_ADDI) X(SB, ADDI_ADDI) X(SRLI, ADD_LBU) X(ADDI, LW_BEQ)     \
  X(BEQ, LW) X(LW, ADDI_BNE) X(ADD, ANDI_BNE) X(ADDI, ADDI_SB) X(SRLI, ADD_SB)              \
  X(SB, ADDI_BNE) X(LBU, SRLI_ADD) X(LB, ADDI_ADDI) X(BEQ, LB) X(AUIPC, JALR) X(XOR, ANDI)  \
  X(LBU, BEQ) X(ADDI, AUIPC) X(SW, SW) X(ADDI, ADDI_BEQ) X(BEQ, LBU) X(ADDI, JALR)          \
  X(BEQ, ADDI) X(ADDI, ANDI_BNE) X(LBU, ADD_ADDI) X(SLLI, ADD_LW) X(LW, MUL_ADD)           \
  X(ANDI, SLLI) X(ADDI, JAL) X(LW, SRLI_XOR) X(ADDI, LW_BNE) X(SW, LW) X(XOR, SRLI_XOR)     \
  X(ADD, LW_MUL) X(SRLI, ANDI) X(LW, ADDI_ADDI) X(ADD, SW) X(AND, BEQ) X(SLTU, AND)         \
  X(SLTU, SLTU) X(BEQ, LW_LW) X(ADDI, SLTU) X(LW, BLT) X(BEQ, ADDI_ADDI_BNE) X(MUL, ADD_LW)     \
  X(SW, ADDI_ADDI_ADDI_BLTU) X(LW, SW_ADDI_ADDI_ADDI_BLTU) X(SW, ADDI_ADDI_BLTU)             \
  X(LW, SW_ADDI_ADDI_BLTU)                                                                  \
  X(ADDI, SB_ADDI_BNE) X(ADDI, ADDI_SB_ADDI_BNE) X(ADDI, ADDI_ADDI_SB_ADDI_BNE)              \
  X(LB, ADDI_ADDI_ADDI_SB_ADDI_BNE) X(BEQ, LW_BNE) X(LBU, BEQ_LW_BNE) X(BEQ, LBU_BEQ_LW_BNE) \
  X(ADDI, BEQ_LBU_BEQ_LW_BNE) X(ADDI, ADDI_BEQ_LBU_BEQ_LW_BNE) X(BEQ, LW_ADDI_BNE)          \
  X(LW, BEQ_LW_ADDI_BNE) X(SW, LW_ADDI) X(LW, LW_BLT) X(BEQ, LW_LW_BLT)                     \
  X(AND, BEQ_LW_LW_BLT) X(SLTU, AND_BEQ_LW_LW_BLT)
// clang-format on

enum op {
#define OP_ENUM(name) OP_##name,
  OP_LIST(OP_ENUM)
#undef OP_ENUM
#define OP_FUSED_ENUM(first, next) OP_##first##_##next,
      FUSED_LIST(OP_FUSED_ENUM)
#undef OP_FUSED_ENUM
          OP_COUNT
};

/* Decodes word into *out. rd = x0 becomes 32 (the write sink). */
void decode(uint32_t word, struct insn *out);
/*
 * Fuses the n freshly decoded slots from `slot` into superinstructions where the list above
 * has them. Slots are fused from the last to the first, each with the op its next slot holds
 * by then, so that OP_first_next always has `next` in the next slot; slot[n - 1] itself is
 * left as it is. Every slot but the last must hold a plain op on entry.
 */
void decode_fuse(struct insn *slot, unsigned n);
/* Whether the instruction after op is seldom the one that runs next (a jump, a trap, a
 * change of mode): where a run of slots to fuse ends. */
bool decode_ends_run(enum op op);
/* The name of an op as in OP_LIST ("ADDI"), or of a superinstruction ("ADDI_BNE"). */
const char *decode_op_name(enum op op);

#endif
