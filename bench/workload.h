/*
 * workload: the benchmark's compute kernel, a CoreMark-like mix written for ossim (no
 * CoreMark code): linked-list processing (build, merge sort, reverse, search), an integer
 * matrix multiply, a state machine that classifies number-like tokens, and CRC-32 over
 * the results of all three. Each iteration starts from a seed derived from its index, so
 * no iteration can be skipped or hoisted, and all results fold into one checksum.
 *
 * Header-only and portable C (fixed-width types, no pointer values in any result, no
 * library calls), so that the guest images and the host reference (ref.c) compile the
 * very same code and must agree on the checksum.
 *
 * Not for: measuring anything but an interpreter's speed on ordinary integer code. It
 * makes no system calls and touches no device.
 */
#ifndef OSSIM_BENCH_WORKLOAD_H
#define OSSIM_BENCH_WORKLOAD_H

#include <stdint.h>

#define BENCH_LIST_NODES 96
#define BENCH_LIST_FINDS 24
#define BENCH_MAT_N 12
#define BENCH_TEXT_LEN 192

struct bench_node {
  struct bench_node *next;
  int32_t key;
  uint32_t value;
};

/* One run's working memory (about 4 KiB with the CRC table): callers put it on the
 * stack or in .bss; nothing is global. */
struct bench_state {
  uint32_t crc_table[256];
  uint32_t rng;
  struct bench_node nodes[BENCH_LIST_NODES];
  int32_t a[BENCH_MAT_N][BENCH_MAT_N], b[BENCH_MAT_N][BENCH_MAT_N], c[BENCH_MAT_N][BENCH_MAT_N];
  char text[BENCH_TEXT_LEN];
};

/* ---- helpers ---- */

static inline uint32_t bench_rand(struct bench_state *s) {
  s->rng = s->rng * 1664525u + 1013904223u; /* Numerical Recipes' LCG */
  return s->rng >> 8;
}

static inline void bench_crc_init(struct bench_state *s) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    s->crc_table[i] = c;
  }
}

static inline uint32_t bench_crc_byte(const struct bench_state *s, uint32_t crc, uint8_t b) {
  return s->crc_table[(crc ^ b) & 0xff] ^ (crc >> 8);
}

/* CRC-32 (IEEE, reflected) of a word's four bytes, little end first on every host. */
static inline uint32_t bench_crc_word(const struct bench_state *s, uint32_t crc, uint32_t w) {
  for (int i = 0; i < 4; i++)
    crc = bench_crc_byte(s, crc, (uint8_t)(w >> (8 * i)));
  return crc;
}

/* ---- linked list ---- */

static inline struct bench_node *bench_list_build(struct bench_state *s) {
  for (int i = 0; i < BENCH_LIST_NODES; i++) {
    s->nodes[i].key = (int32_t)(bench_rand(s) & 0xffff) - 0x8000;
    s->nodes[i].value = (uint32_t)i;
    s->nodes[i].next = i + 1 < BENCH_LIST_NODES ? &s->nodes[i + 1] : 0;
  }
  return &s->nodes[0];
}

static inline struct bench_node *bench_list_merge(struct bench_node *a, struct bench_node *b) {
  struct bench_node head = {0}, *t = &head;
  while (a && b) {
    /* Stable: equal keys keep their order, ties broken by value for determinism. */
    if (a->key < b->key || (a->key == b->key && a->value <= b->value)) {
      t->next = a;
      a = a->next;
    } else {
      t->next = b;
      b = b->next;
    }
    t = t->next;
  }
  t->next = a ? a : b;
  return head.next;
}

/* Bottom-up merge sort by key: runs of width 1, 2, 4, ... merged pairwise. */
static inline struct bench_node *bench_list_sort(struct bench_node *list) {
  for (int width = 1;; width *= 2) {
    struct bench_node *rest = list, head = {0}, *tail = &head;
    int merges = 0;
    while (rest) {
      struct bench_node *a = rest, *b, *end = a;
      for (int i = 1; i < width && end->next; i++)
        end = end->next;
      b = end->next;
      end->next = 0;
      end = b;
      for (int i = 1; i < width && end && end->next; i++)
        end = end->next;
      if (end) {
        rest = end->next;
        end->next = 0;
      } else {
        rest = 0;
      }
      tail->next = bench_list_merge(a, b);
      while (tail->next)
        tail = tail->next;
      merges++;
    }
    list = head.next;
    if (merges <= 1) return list;
  }
}

static inline struct bench_node *bench_list_reverse(struct bench_node *list) {
  struct bench_node *prev = 0;
  while (list) {
    struct bench_node *next = list->next;
    list->next = prev;
    prev = list;
    list = next;
  }
  return prev;
}

/* Builds, sorts, checks the order, reverses and searches a list; returns its CRC. */
static inline uint32_t bench_list(struct bench_state *s, uint32_t crc) {
  struct bench_node *list = bench_list_sort(bench_list_build(s));
  uint32_t inversions = 0;
  for (struct bench_node *n = list; n && n->next; n = n->next)
    if (n->key > n->next->key) inversions++;
  list = bench_list_reverse(list);
  for (struct bench_node *n = list; n; n = n->next)
    crc = bench_crc_word(s, crc, (uint32_t)n->key ^ (n->value << 16));
  for (int f = 0; f < BENCH_LIST_FINDS; f++) {
    /* Half the searches look for a key that is there, half for a random one. */
    int32_t want = (f & 1) ? s->nodes[bench_rand(s) % BENCH_LIST_NODES].key
                           : (int32_t)(bench_rand(s) & 0xffff) - 0x8000;
    uint32_t pos = 0;
    struct bench_node *n = list;
    while (n && n->key != want)
      n = n->next, pos++;
    crc = bench_crc_word(s, crc, n ? pos : 0xffffffffu);
  }
  return bench_crc_word(s, crc, inversions);
}

/* ---- matrix multiply ---- */

static inline uint32_t bench_matrix(struct bench_state *s, uint32_t crc) {
  for (int i = 0; i < BENCH_MAT_N; i++)
    for (int j = 0; j < BENCH_MAT_N; j++) {
      s->a[i][j] = (int32_t)(bench_rand(s) & 0x3ff) - 0x200;
      s->b[i][j] = (int32_t)(bench_rand(s) & 0x3ff) - 0x200;
    }
  for (int i = 0; i < BENCH_MAT_N; i++)
    for (int j = 0; j < BENCH_MAT_N; j++) {
      int32_t sum = 0; /* |sum| < 12 * 512 * 512: no overflow */
      for (int k = 0; k < BENCH_MAT_N; k++)
        sum += s->a[i][k] * s->b[k][j];
      s->c[i][j] = sum + s->a[j][i];
    }
  for (int i = 0; i < BENCH_MAT_N; i++)
    for (int j = 0; j < BENCH_MAT_N; j++)
      crc = bench_crc_word(s, crc, (uint32_t)s->c[i][j]);
  return crc;
}

/* ---- state machine ---- */

enum bench_token { TOK_INT, TOK_FRAC, TOK_EXP, TOK_BAD, TOK_KINDS };
enum bench_st { ST_START, ST_SIGN, ST_INT, ST_DOT, ST_FRAC, ST_E, ST_ESIGN, ST_EXP, ST_BAD };

/* The next state of a number recogniser ([+-]digits[.digits][(e|E)[+-]digits]). */
static inline enum bench_st bench_step(enum bench_st st, char c) {
  int digit = c >= '0' && c <= '9';
  switch (st) {
  case ST_START: return digit ? ST_INT : (c == '+' || c == '-') ? ST_SIGN : ST_BAD;
  case ST_SIGN: return digit ? ST_INT : ST_BAD;
  case ST_INT: return digit ? ST_INT : c == '.' ? ST_DOT : (c == 'e' || c == 'E') ? ST_E : ST_BAD;
  case ST_DOT: return digit ? ST_FRAC : ST_BAD;
  case ST_FRAC: return digit ? ST_FRAC : (c == 'e' || c == 'E') ? ST_E : ST_BAD;
  case ST_E: return digit ? ST_EXP : (c == '+' || c == '-') ? ST_ESIGN : ST_BAD;
  case ST_ESIGN:
  case ST_EXP: return digit ? ST_EXP : ST_BAD;
  default: return ST_BAD;
  }
}

static inline enum bench_token bench_classify(enum bench_st st) {
  return st == ST_INT ? TOK_INT : st == ST_FRAC ? TOK_FRAC : st == ST_EXP ? TOK_EXP : TOK_BAD;
}

/* Generates number-like text, splits it at ',' and ' ' and classifies every token. */
static inline uint32_t bench_states(struct bench_state *s, uint32_t crc) {
  static const char alphabet[] = "0123456789012345678901234567+-.eE, ";
  for (int i = 0; i < BENCH_TEXT_LEN; i++)
    s->text[i] = alphabet[bench_rand(s) % (sizeof alphabet - 1)];
  uint32_t counts[TOK_KINDS] = {0}, transitions = 0;
  enum bench_st st = ST_START;
  int in_token = 0;
  for (int i = 0; i <= BENCH_TEXT_LEN; i++) {
    char c = i < BENCH_TEXT_LEN ? s->text[i] : ',';
    if (c == ',' || c == ' ') {
      if (in_token) counts[bench_classify(st)]++;
      st = ST_START;
      in_token = 0;
      continue;
    }
    enum bench_st next = bench_step(st, c);
    transitions += next != st;
    st = next;
    in_token = 1;
  }
  for (int k = 0; k < TOK_KINDS; k++)
    crc = bench_crc_word(s, crc, counts[k]);
  return bench_crc_word(s, crc, transitions);
}

/* ---- the whole workload ---- */

/* Runs `iterations` iterations and returns the checksum of all of them. */
static inline uint32_t bench_workload(struct bench_state *s, uint32_t iterations) {
  bench_crc_init(s);
  uint32_t total = 0xffffffffu;
  for (uint32_t it = 0; it < iterations; it++) {
    s->rng = 0x12345678u ^ (it * 0x9e3779b9u);
    uint32_t crc = 0xffffffffu;
    crc = bench_list(s, crc);
    crc = bench_matrix(s, crc);
    crc = bench_states(s, crc);
    total = bench_crc_word(s, total, ~crc);
  }
  return ~total;
}

#endif
