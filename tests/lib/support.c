#include "support.h"

#include <check.h>
#include <string.h>

static void capture_put(void *ctx, uint8_t byte) {
  struct capture *c = ctx;
  if (c->len + 1 < sizeof c->out) c->out[c->len++] = (char)byte;
  c->out[c->len] = 0;
}

static int capture_get(void *ctx) {
  struct capture *c = ctx;
  if (!c->in) return UART_HOST_NONE;
  if (!c->in[c->in_pos]) return UART_HOST_EOF;
  return (uint8_t)c->in[c->in_pos++];
}

struct machine *test_machine(uint32_t ram, unsigned ncpus, struct capture *cap, const char *disk) {
  struct machine_config cfg;
  machine_config_default(&cfg);
  cfg.ram_size = ram ? ram : 1u << 20;
  cfg.ncpus = ncpus ? ncpus : 1;
  cfg.disk_path = disk;
  if (cap) {
    memset(cap->out, 0, sizeof cap->out);
    cap->len = 0;
    cfg.uart = (struct uart_host){capture_put, capture_get, cap};
  }
  struct machine *m = NULL;
  char err[256] = "";
  int rc = machine_create(&cfg, &m, err, sizeof err);
  ck_assert_msg(rc == 0, "machine_create: %s", err);
  return m;
}

void test_load(struct machine *m, uint32_t pa, const uint32_t *words, size_t n) {
  ck_assert(bus_ram_write(&m->bus, pa, words, n * 4));
  machine_reset_harts(m, pa);
}

int test_step(struct hart *h) { return cpu_run(h, h->cycles + 1); }

uint32_t enc_r(uint32_t opcode, unsigned rd, unsigned f3, unsigned rs1, unsigned rs2, unsigned f7) {
  return opcode | rd << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | f7 << 25;
}

uint32_t enc_i(uint32_t opcode, unsigned rd, unsigned f3, unsigned rs1, int32_t imm) {
  return opcode | rd << 7 | f3 << 12 | rs1 << 15 | ((uint32_t)imm & 0xfff) << 20;
}

uint32_t enc_s(uint32_t opcode, unsigned f3, unsigned rs1, unsigned rs2, int32_t imm) {
  uint32_t u = (uint32_t)imm;
  return opcode | (u & 0x1f) << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | ((u >> 5) & 0x7f) << 25;
}

uint32_t enc_b(unsigned f3, unsigned rs1, unsigned rs2, int32_t imm) {
  uint32_t u = (uint32_t)imm;
  return OPC_BRANCH | ((u >> 11) & 1) << 7 | ((u >> 1) & 0xf) << 8 | f3 << 12 | rs1 << 15 |
         rs2 << 20 | ((u >> 5) & 0x3f) << 25 | ((u >> 12) & 1) << 31;
}

uint32_t enc_u(uint32_t opcode, unsigned rd, uint32_t imm20) {
  return opcode | rd << 7 | (imm20 & 0xfffff) << 12;
}

uint32_t enc_j(unsigned rd, int32_t imm) {
  uint32_t u = (uint32_t)imm;
  return OPC_JAL | rd << 7 | ((u >> 12) & 0xff) << 12 | ((u >> 11) & 1) << 20 |
         ((u >> 1) & 0x3ff) << 21 | ((u >> 20) & 1) << 31;
}

void test_record(void *ctx, const struct ev_record *rec) {
  struct test_recorder *rc = ctx;
  if (rc->n < sizeof rc->r / sizeof *rc->r) rc->r[rc->n++] = *rec;
}
