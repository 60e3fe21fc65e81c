/*
 * bpf_asm: eBPF instructions written by hand, for the tests of kernels/lib/bpf, in the
 * spirit of Linux's filter.h macros (BPF_MOV64_IMM and so on) under shorter names.
 */
#ifndef OSSIM_TEST_BPF_ASM_H
#define OSSIM_TEST_BPF_ASM_H

#include "bpf/bpf.h"

#define INSN(c, d, s, o, i)                                                                        \
  ((struct bpf_insn){(uint8_t)(c), (uint8_t)((d) | (s) << 4), (int16_t)(o), (int32_t)(i)})
#define ALU64_IMM(op, d, imm) INSN(BPF_ALU64 | BPF_K | (op), d, 0, 0, imm)
#define ALU64_REG(op, d, s) INSN(BPF_ALU64 | BPF_X | (op), d, s, 0, 0)
#define ALU32_IMM(op, d, imm) INSN(BPF_ALU | BPF_K | (op), d, 0, 0, imm)
#define ALU32_REG(op, d, s) INSN(BPF_ALU | BPF_X | (op), d, s, 0, 0)
#define MOV64_IMM(d, imm) ALU64_IMM(BPF_MOV, d, imm)
#define MOV64_REG(d, s) ALU64_REG(BPF_MOV, d, s)
#define ENDIAN(src, d, bits) INSN(BPF_ALU | BPF_END | (src), d, 0, 0, bits)
#define LDX(size, d, s, off) INSN(BPF_LDX | BPF_MEM | (size), d, s, off, 0)
#define STX(size, d, s, off) INSN(BPF_STX | BPF_MEM | (size), d, s, off, 0)
#define ST(size, d, off, imm) INSN(BPF_ST | BPF_MEM | (size), d, 0, off, imm)
#define ATOMIC(size, d, s, off, op) INSN(BPF_STX | BPF_ATOMIC | (size), d, s, off, op)
#define JMP_IMM(op, d, imm, off) INSN(BPF_JMP | BPF_K | (op), d, 0, off, imm)
#define JMP_REG(op, d, s, off) INSN(BPF_JMP | BPF_X | (op), d, s, off, 0)
#define JMP32_IMM(op, d, imm, off) INSN(BPF_JMP32 | BPF_K | (op), d, 0, off, imm)
#define JMP32_REG(op, d, s, off) INSN(BPF_JMP32 | BPF_X | (op), d, s, off, 0)
#define JA(off) INSN(BPF_JMP | BPF_JA, 0, 0, off, 0)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define LDDW(d, v)                                                                                 \
  INSN(BPF_LD | BPF_IMM | BPF_DW, d, 0, 0, (uint32_t)(uint64_t)(v)),                               \
      INSN(0, 0, 0, 0, (uint32_t)((uint64_t)(v) >> 32))
#define LD_MAP(d, index)                                                                           \
  INSN(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_MAP_FD, 0, index), INSN(0, 0, 0, 0, 0)

#endif
