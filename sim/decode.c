#include "decode.h"

/* Field extraction, unprivileged spec chapter 2.2-2.3. */
static uint32_t bits(uint32_t w, unsigned hi, unsigned lo) {
  return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}
/* Sign-extends the low n bits of v (without shifting a negative value, which C leaves undefined).
 */
static int32_t sext(uint32_t v, unsigned n) {
  uint32_t sign = 1u << (n - 1);
  return (int32_t)((v ^ sign) - sign);
}
static int32_t imm_i(uint32_t w) { return sext(w >> 20, 12); }
static int32_t imm_s(uint32_t w) { return sext(bits(w, 31, 25) << 5 | bits(w, 11, 7), 12); }
static int32_t imm_b(uint32_t w) {
  return sext(
      bits(w, 31, 31) << 12 | bits(w, 7, 7) << 11 | bits(w, 30, 25) << 5 | bits(w, 11, 8) << 1, 13);
}
static int32_t imm_u(uint32_t w) { return (int32_t)(w & 0xfffff000u); }
static int32_t imm_j(uint32_t w) {
  return sext(bits(w, 31, 31) << 20 | bits(w, 19, 12) << 12 | bits(w, 20, 20) << 11 |
                  bits(w, 30, 21) << 1,
              21);
}

static enum op decode_load(unsigned f3) {
  static const enum op ops[8] = {OP_LB,  OP_LH,  OP_LW,      OP_ILLEGAL,
                                 OP_LBU, OP_LHU, OP_ILLEGAL, OP_ILLEGAL};
  return ops[f3];
}

static enum op decode_store(unsigned f3) { return f3 <= 2 ? (enum op)(OP_SB + f3) : OP_ILLEGAL; }

static enum op decode_branch(unsigned f3) {
  static const enum op ops[8] = {OP_BEQ, OP_BNE, OP_ILLEGAL, OP_ILLEGAL,
                                 OP_BLT, OP_BGE, OP_BLTU,    OP_BGEU};
  return ops[f3];
}

static enum op decode_op_imm(uint32_t w, unsigned f3) {
  unsigned f7 = bits(w, 31, 25);
  switch (f3) {
  case 0: return OP_ADDI;
  case 1: return f7 == 0 ? OP_SLLI : OP_ILLEGAL; /* shamt[5] set is illegal on RV32 */
  case 2: return OP_SLTI;
  case 3: return OP_SLTIU;
  case 4: return OP_XORI;
  case 5: return f7 == 0 ? OP_SRLI : f7 == 0x20 ? OP_SRAI : OP_ILLEGAL;
  case 6: return OP_ORI;
  default: return OP_ANDI;
  }
}

static enum op decode_op(uint32_t w, unsigned f3) {
  static const enum op base[8] = {OP_ADD, OP_SLL, OP_SLT, OP_SLTU, OP_XOR, OP_SRL, OP_OR, OP_AND};
  static const enum op muldiv[8] = {OP_MUL, OP_MULH, OP_MULHSU, OP_MULHU,
                                    OP_DIV, OP_DIVU, OP_REM,    OP_REMU};
  switch (bits(w, 31, 25)) {
  case 0x00: return base[f3];
  case 0x01: return muldiv[f3];
  case 0x20: return f3 == 0 ? OP_SUB : f3 == 5 ? OP_SRA : OP_ILLEGAL;
  default: return OP_ILLEGAL;
  }
}

static enum op decode_amo(uint32_t w, unsigned f3) {
  if (f3 != 2) return OP_ILLEGAL; /* only the .W forms on RV32 */
  switch (bits(w, 31, 27)) {
  case 0x02: return bits(w, 24, 20) == 0 ? OP_LR : OP_ILLEGAL;
  case 0x03: return OP_SC;
  case 0x01: return OP_AMOSWAP;
  case 0x00: return OP_AMOADD;
  case 0x04: return OP_AMOXOR;
  case 0x0c: return OP_AMOAND;
  case 0x08: return OP_AMOOR;
  case 0x10: return OP_AMOMIN;
  case 0x14: return OP_AMOMAX;
  case 0x18: return OP_AMOMINU;
  case 0x1c: return OP_AMOMAXU;
  default: return OP_ILLEGAL;
  }
}

static enum op decode_system(uint32_t w, unsigned f3) {
  static const enum op csr[8] = {OP_ILLEGAL, OP_CSRRW,  OP_CSRRS,  OP_CSRRC,
                                 OP_ILLEGAL, OP_CSRRWI, OP_CSRRSI, OP_CSRRCI};
  if (f3 != 0) return csr[f3];
  if (bits(w, 11, 7) != 0) return OP_ILLEGAL;
  if (bits(w, 31, 25) == 0x09) return OP_SFENCE_VMA;
  if (bits(w, 19, 15) != 0) return OP_ILLEGAL;
  switch (bits(w, 31, 20)) {
  case 0x000: return OP_ECALL;
  case 0x001: return OP_EBREAK;
  case 0x102: return OP_SRET;
  case 0x105: return OP_WFI;
  default: return OP_ILLEGAL;
  }
}

void decode(uint32_t w, struct insn *out) {
  unsigned rd = bits(w, 11, 7), f3 = bits(w, 14, 12);
  enum op op = OP_ILLEGAL;
  int32_t imm = 0;
  switch (w & 0x7f) {
  case 0x37:
    op = OP_LUI;
    imm = imm_u(w);
    break;
  case 0x17:
    op = OP_AUIPC;
    imm = imm_u(w);
    break;
  case 0x6f:
    op = OP_JAL;
    imm = imm_j(w);
    break;
  case 0x67:
    op = f3 == 0 ? OP_JALR : OP_ILLEGAL;
    imm = imm_i(w);
    break;
  case 0x63:
    op = decode_branch(f3);
    imm = imm_b(w);
    break;
  case 0x03:
    op = decode_load(f3);
    imm = imm_i(w);
    break;
  case 0x23:
    op = decode_store(f3);
    imm = imm_s(w);
    break;
  case 0x13:
    op = decode_op_imm(w, f3);
    imm = imm_i(w);
    break;
  case 0x33: op = decode_op(w, f3); break;
  case 0x2f: op = decode_amo(w, f3); break;
  /* FENCE ignores its unused fields and FENCE.I its immediate, rs1 and rd, as the
   * unprivileged spec asks of base implementations; other MISC-MEM encodings are illegal. */
  case 0x0f: op = f3 == 0 ? OP_FENCE : f3 == 1 ? OP_FENCE_I : OP_ILLEGAL; break;
  case 0x73:
    op = decode_system(w, f3);
    imm = (int32_t)bits(w, 31, 20);
    break;
  default: break;
  }
  if (op == OP_SLLI || op == OP_SRLI || op == OP_SRAI) imm &= 0x1f;
  if (op == OP_ILLEGAL) imm = (int32_t)w;
  *out = (struct insn){
      .op = (uint8_t)op,
      .rd = (uint8_t)(rd ? rd : 32),
      .rs1 = (uint8_t)bits(w, 19, 15),
      .rs2 = (uint8_t)bits(w, 24, 20),
      .imm = imm,
  };
}

void decode_fuse(struct insn *slot, unsigned n) {
  static const struct {
    uint8_t first, next, fused;
  } pairs[] = {
#define PAIR(first, next) {OP_##first, OP_##next, OP_##first##_##next},
      FUSED_LIST(PAIR)
#undef PAIR
  };
  for (unsigned i = n - 1; i-- > 0;)
    for (unsigned k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
      if (pairs[k].first == slot[i].op && pairs[k].next == slot[i + 1].op) {
        slot[i].op = pairs[k].fused;
        break;
      }
}

bool decode_ends_run(enum op op) {
  /* A conditional branch does not end a run: it may be fused for when it falls through. */
  return op == OP_JAL || op == OP_JALR || (op >= OP_FENCE_I && op <= OP_CSRRCI) ||
         op == OP_ILLEGAL || op == OP_PAGE_END || op == OP_DECODE;
}

const char *decode_op_name(enum op op) {
  static const char *const names[OP_COUNT] = {
#define OP_NAME(name) #name,
      OP_LIST(OP_NAME)
#undef OP_NAME
#define OP_FUSED_NAME(first, next) #first "_" #next,
          FUSED_LIST(OP_FUSED_NAME)
#undef OP_FUSED_NAME
  };
  return op < OP_COUNT ? names[op] : "?";
}
