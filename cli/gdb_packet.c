#include "gdb_packet.h"

#include <string.h>

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void gdb_reader_init(struct gdb_reader *r) { memset(r, 0, sizeof *r); }

static void put(struct gdb_reader *r, uint8_t byte) {
  if (r->len == GDB_PACKET_MAX)
    r->overflow = true;
  else
    r->data[r->len++] = (char)byte;
}

enum gdb_rx gdb_reader_feed(struct gdb_reader *r, uint8_t byte) {
  int v;
  switch (r->st) {
  case RD_IDLE:
    if (byte == 0x03) return GDB_RX_INTERRUPT;
    if (byte == '$') {
      r->st = RD_DATA;
      r->len = 0;
      r->sum = 0;
      r->overflow = false;
    }
    return GDB_RX_MORE; /* acks and noise between packets */
  case RD_DATA:
  case RD_ESC:
    if (byte == '$') { /* a new packet starts: the one before was cut short */
      r->len = 0;
      r->sum = 0;
      r->st = RD_DATA;
      return GDB_RX_BAD;
    }
    if (byte == '#' && r->st == RD_DATA) {
      r->st = RD_SUM1;
      return GDB_RX_MORE;
    }
    r->sum += byte;
    if (r->st == RD_ESC) {
      put(r, byte ^ 0x20);
      r->st = RD_DATA;
    } else if (byte == '}') {
      r->st = RD_ESC;
    } else {
      put(r, byte);
    }
    return GDB_RX_MORE;
  case RD_SUM1:
    if ((v = hexval(byte)) < 0) break;
    r->given = (uint8_t)(v << 4);
    r->st = RD_SUM2;
    return GDB_RX_MORE;
  case RD_SUM2:
    if ((v = hexval(byte)) < 0) break;
    r->given |= (uint8_t)v;
    r->st = RD_IDLE;
    r->data[r->len] = 0;
    return r->given == r->sum && !r->overflow ? GDB_RX_PACKET : GDB_RX_BAD;
  }
  r->st = RD_IDLE;
  return GDB_RX_BAD;
}

size_t gdb_frame(const char *data, size_t len, char *out, size_t outlen) {
  static const char digits[] = "0123456789abcdef";
  size_t o = 0;
  uint8_t sum = 0;
  if (outlen < 4) return 0;
  out[o++] = '$';
  for (size_t i = 0; i < len; i++) {
    uint8_t c = (uint8_t)data[i];
    bool esc = c == '$' || c == '#' || c == '}' || c == '*';
    if (o + 2 + 3 >= outlen) return 0;
    if (esc) {
      out[o++] = '}';
      sum += '}';
      c ^= 0x20;
    }
    out[o++] = (char)c;
    sum += c;
  }
  out[o++] = '#';
  out[o++] = digits[sum >> 4];
  out[o++] = digits[sum & 15];
  return o;
}

bool gdb_hex_u32(const char **s, uint32_t *out) {
  uint32_t v = 0;
  int n = 0, d;
  while (n < 8 && (d = hexval((unsigned char)(*s)[n])) >= 0) {
    v = v << 4 | (uint32_t)d;
    n++;
  }
  if (n == 0 || hexval((unsigned char)(*s)[n]) >= 0) return false; /* none, or too long */
  *s += n;
  *out = v;
  return true;
}

void gdb_hex_encode(const void *bytes, size_t n, char *out) {
  static const char digits[] = "0123456789abcdef";
  const uint8_t *b = bytes;
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = digits[b[i] >> 4];
    out[2 * i + 1] = digits[b[i] & 15];
  }
  out[2 * n] = 0;
}

bool gdb_hex_decode(const char *hex, size_t n, void *bytes) {
  uint8_t *b = bytes;
  for (size_t i = 0; i < n; i++) {
    int hi = hexval((unsigned char)hex[2 * i]),
        lo = hi < 0 ? -1 : hexval((unsigned char)hex[2 * i + 1]);
    if (lo < 0) return false;
    b[i] = (uint8_t)(hi << 4 | lo);
  }
  return true;
}

void gdb_hex_le32(uint32_t v, char *out) {
  uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  gdb_hex_encode(b, 4, out);
}

bool gdb_unhex_le32(const char *s, uint32_t *v) {
  uint8_t b[4];
  if (!gdb_hex_decode(s, 4, b)) return false;
  *v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
  return true;
}
