#include "uart.h"

#include <stdlib.h>

#include "machine.h"

/*
 * Register table (offsets from MACHINE_UART_BASE), byte accesses:
 *   0  RBR  R   next byte of the receive FIFO (0 when empty)     DLL when LCR.DLAB
 *      THR  W   byte to send: goes to host->put at once          DLL when LCR.DLAB
 *   1  IER  RW  bit 0 RX data, bit 1 THR empty (bits 0-3 kept)   DLM when LCR.DLAB
 *   2  IIR  R   0xC4 RX data, else 0xC2 THR empty, else 0xC1; reading 0xC2 clears it
 *      FCR  W   bit 1 empties the receive FIFO; the FIFOs are always on
 *   3  LCR  RW  bit 7 DLAB
 *   4  MCR  RW  bits 0-4 kept, no effect
 *   5  LSR  R   bit 0 data ready, bits 5 and 6 always 1
 *   6  MSR  R   0xB0: DCD, DSR, CTS; DCD drops once the host's input is over and read
 *               (the carrier is lost, as when a modem's far end hangs up), so guest code
 *               that polls the UART -- the unikernel's console -- can see the end of input
 *   7  SCR  RW
 * Offsets 8..0xFF of the window are access faults.
 */
#define NREGS 8
#define IER_MASK 0x0fu
#define MCR_MASK 0x1fu
#define MSR_VALUE 0xb0u

struct uart {
  struct machine *m;
  struct uart_host host;
  /* Guest-visible registers. */
  uint8_t ier, lcr, mcr, scr, dll, dlm;
  bool thre_pending; /* THR-empty interrupt condition, cleared by reading IIR or writing THR */
  /* Receive FIFO: a ring of `count` bytes starting at `head`. */
  uint8_t fifo[UART_FIFO_SIZE];
  unsigned head, count;
  bool input_eof; /* host->get said end of input: polling has stopped */
  bool irq;       /* the line level last given to machine_set_irq */
};

/* Drives the interrupt line from the current state, telling the machine of changes only. */
static void update_irq(struct uart *u) {
  bool level =
      ((u->ier & UART_IER_RDA) && u->count > 0) || ((u->ier & UART_IER_THRE) && u->thre_pending);
  if (level == u->irq) return;
  u->irq = level;
  machine_set_irq(u->m, MACHINE_IRQ_UART, level);
}

static uint8_t fifo_pop(struct uart *u) {
  if (u->count == 0) return 0;
  uint8_t b = u->fifo[u->head];
  u->head = (u->head + 1) % UART_FIFO_SIZE;
  u->count--;
  return b;
}

static void fifo_push(struct uart *u, uint8_t b) {
  u->fifo[(u->head + u->count) % UART_FIFO_SIZE] = b;
  u->count++;
}

/*
 * The input poll, an evq callback: moves what the host has ready into the FIFO while it has
 * room, then comes back UART_POLL_CYCLES later, unless the host reached end of input. A
 * full FIFO leaves the bytes with the host (no overrun), as flow control would.
 */
static void poll_input(void *ctx, uint64_t now) {
  struct uart *u = ctx;
  while (u->count < UART_FIFO_SIZE) {
    int c = u->host.get(u->host.ctx);
    if (c == UART_HOST_EOF) {
      u->input_eof = true;
      break;
    }
    if (c < 0) break; /* UART_HOST_NONE: nothing ready yet */
    fifo_push(u, (uint8_t)c);
  }
  update_irq(u);
  /* If scheduling fails (out of memory) input stops; there is no one to tell. */
  if (!u->input_eof) (void)machine_schedule(u->m, now + UART_POLL_CYCLES, poll_input, u);
}

static bool dlab(const struct uart *u) { return u->lcr & UART_LCR_DLAB; }

/* IIR, with the 16550's side effect: reading it while it reports THR empty clears that. */
static uint8_t read_iir(struct uart *u) {
  if ((u->ier & UART_IER_RDA) && u->count > 0) return UART_IIR_RDA;
  if ((u->ier & UART_IER_THRE) && u->thre_pending) {
    u->thre_pending = false;
    update_irq(u);
    return UART_IIR_THRE;
  }
  return UART_IIR_NONE;
}

static uint8_t read_reg(struct uart *u, uint32_t off) {
  switch (off) {
  case UART_RBR: {
    if (dlab(u)) return u->dll;
    uint8_t b = fifo_pop(u);
    update_irq(u);
    return b;
  }
  case UART_IER: return dlab(u) ? u->dlm : u->ier;
  case UART_IIR: return read_iir(u);
  case UART_LCR: return u->lcr;
  case UART_MCR: return u->mcr;
  case UART_LSR: return (u->count ? UART_LSR_DR : 0) | UART_LSR_THRE | UART_LSR_TEMT;
  case UART_MSR: return uart_input_done(u) ? MSR_VALUE & ~UART_MSR_DCD : MSR_VALUE;
  default: return u->scr;
  }
}

static void write_thr(struct uart *u, uint8_t b) {
  if (u->host.put) u->host.put(u->host.ctx, b);
  /* The byte left at once, so the holding register is empty again: on a 16550 writing THR
   * clears the THR-empty condition and the end of transmission sets it. */
  u->thre_pending = true;
  update_irq(u);
}

/* Enabling the THR-empty interrupt while THR is empty raises it, as on a 16550 (and QEMU):
 * drivers enable it to be called back when they may send. */
static void write_ier(struct uart *u, uint8_t v) {
  bool rising = (v & UART_IER_THRE) && !(u->ier & UART_IER_THRE);
  u->ier = v & IER_MASK;
  if (rising) u->thre_pending = true;
  update_irq(u);
}

static void write_reg(struct uart *u, uint32_t off, uint8_t v) {
  switch (off) {
  case UART_THR:
    if (dlab(u))
      u->dll = v;
    else
      write_thr(u, v);
    break;
  case UART_IER:
    if (dlab(u))
      u->dlm = v;
    else
      write_ier(u, v);
    break;
  case UART_FCR:
    if (v & UART_FCR_CLEAR_RX) u->head = u->count = 0;
    update_irq(u);
    break;
  case UART_LCR: u->lcr = v; break;
  case UART_MCR: u->mcr = v & MCR_MASK; break;
  case UART_SCR: u->scr = v; break;
  default: break; /* LSR and MSR are read-only */
  }
}

static bool valid(uint32_t off, unsigned size) { return size == 1 ? off < NREGS : off == 0; }

static bool uart_read(void *dev, uint32_t off, unsigned size, uint32_t *val) {
  if (!valid(off, size)) return false;
  *val = read_reg(dev, off);
  return true;
}

static bool uart_write(void *dev, uint32_t off, unsigned size, uint32_t val) {
  if (!valid(off, size)) return false;
  write_reg(dev, off, (uint8_t)val);
  return true;
}

static const struct bus_ops uart_ops = {uart_read, uart_write};

struct uart *uart_create(struct machine *m, const struct uart_host *host) {
  struct uart *u = calloc(1, sizeof *u);
  if (!u) return NULL;
  u->m = m;
  if (host) u->host = *host;
  u->input_eof = !u->host.get;
  if (!u->input_eof && machine_schedule(m, machine_now(m) + UART_POLL_CYCLES, poll_input, u) < 0) {
    free(u);
    return NULL;
  }
  if (bus_map(&m->bus, MACHINE_UART_BASE, UART_WINDOW, "uart", &uart_ops, u) < 0) {
    uart_destroy(u);
    return NULL;
  }
  return u;
}

void uart_destroy(struct uart *u) {
  if (!u) return;
  evq_cancel(&u->m->evq, poll_input, u);
  free(u);
}

bool uart_input_done(const struct uart *u) { return u->input_eof && u->count == 0; }
