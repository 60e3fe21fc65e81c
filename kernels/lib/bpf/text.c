/* A bounded text writer for the verifier's log and the disassembler. */
#include "bpf_impl.h"

void text_init(struct bpf_text *t, char *buf, size_t size) {
  t->buf = buf;
  t->size = size;
  t->len = 0;
  t->cut = 0;
  t->limit = size ? size - 1 : 0;
  if (size) buf[0] = 0;
}

void text_str(struct bpf_text *t, const char *s) {
  if (t->cut || t->size == 0) return;
  for (; *s; s++) {
    if (t->len >= t->limit) {
      /* Out of room: end in "..." so that a reader sees the text is cut. */
      size_t dots = t->len < 3 ? t->len : 3;
      for (size_t i = 0; i < dots; i++)
        t->buf[t->len - dots + i] = '.';
      t->cut = 1;
      return;
    }
    t->buf[t->len++] = *s;
    t->buf[t->len] = 0;
  }
}

void text_udec(struct bpf_text *t, uint64_t v) {
  char digits[24];
  int n = sizeof digits - 1;
  digits[n] = 0;
  do {
    digits[--n] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  text_str(t, &digits[n]);
}

void text_dec(struct bpf_text *t, int64_t v) {
  if (v < 0) {
    text_str(t, "-");
    text_udec(t, 0 - (uint64_t)v);
  } else {
    text_udec(t, (uint64_t)v);
  }
}

void text_hex(struct bpf_text *t, uint64_t v) {
  char digits[20];
  int n = sizeof digits - 1;
  digits[n] = 0;
  do {
    digits[--n] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v);
  text_str(t, "0x");
  text_str(t, &digits[n]);
}
