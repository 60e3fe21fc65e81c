/*
 * gdb_packet: the framing of GDB's remote serial protocol — `$data#cs` packets with a
 * two-digit checksum, `}` escapes, `+`/`-` acknowledgements, and the lone 0x03 byte that
 * is Ctrl-C — and the hex helpers every command uses.
 *
 * The reader is fed bytes one at a time and never trusts them: a packet too long, a bad
 * checksum or a bad escape is dropped whole and answered with `-`, as the protocol says.
 *
 * Not for: what packets mean (gdb_cmd.c).
 */
#ifndef OSSIM_GDB_PACKET_H
#define OSSIM_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GDB_PACKET_MAX 16384

enum gdb_rx {
  GDB_RX_MORE,      /* nothing complete yet */
  GDB_RX_PACKET,    /* a packet is in data/len: acknowledge it with + */
  GDB_RX_BAD,       /* a damaged packet was dropped: answer - */
  GDB_RX_INTERRUPT, /* Ctrl-C outside a packet */
};

struct gdb_reader {
  enum { RD_IDLE, RD_DATA, RD_ESC, RD_SUM1, RD_SUM2 } st;
  uint8_t sum, given;
  bool overflow;
  size_t len;
  char data[GDB_PACKET_MAX + 1]; /* NUL-terminated; may hold NULs of its own (binary) */
};

void gdb_reader_init(struct gdb_reader *r);
enum gdb_rx gdb_reader_feed(struct gdb_reader *r, uint8_t byte);

/* Frames data as `$...#cs` into out (escaping what must be), returns its length, or 0 if
 * out is too small. */
size_t gdb_frame(const char *data, size_t len, char *out, size_t outlen);

/* Hex: a value from up to 8 digits at *s (advanced past them): false if none. */
bool gdb_hex_u32(const char **s, uint32_t *out);
/* n bytes as 2n hex digits into out (which holds 2n+1); from hex, false if malformed. */
void gdb_hex_encode(const void *bytes, size_t n, char *out);
bool gdb_hex_decode(const char *hex, size_t n, void *bytes);
/* A 32-bit register in gdb's target byte order (little-endian) as 8 hex digits. */
void gdb_hex_le32(uint32_t v, char *out);
bool gdb_unhex_le32(const char *s, uint32_t *v);

#endif
