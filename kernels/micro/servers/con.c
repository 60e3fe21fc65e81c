/*
 * con: the console driver, a system server. It runs the shared UART driver
 * (kernels/lib/drivers/uartdrv) over the UART's register page, mapped into its address
 * space, with the UART's interrupt a notification bound to its thread; and the console's
 * line discipline (kernels/lib/file/cons.h, as mono's kernel runs it: echo, backspace, ^U,
 * ^D, ^C) with the typed lines it buffers.
 * Its one client is the file server (micro/proto.h, CON_*), which keeps the console *file*:
 * descriptors 0-2, what a read or write on them means, readers that wait.
 *
 * Why the line discipline is here and not in the file server (Minix puts its tty in a
 * driver of its own too): a keystroke must be echoed, and a ^C must reach the process
 * manager, when it is typed — also while the file server is busy with the disk, or stuck.
 * Here a typed byte is handled without a single IPC; only a finished line (or the end of
 * the input) is news for the file server, and it comes as a signal, never a call: this
 * driver calls nobody, so it can never wait for a server that waits for it.
 *
 * Output goes out at once (the UART's transmitter is polled, uartdrv_putc). Input waits
 * here, a line at a time, until the file server asks for it (CON_READ); when the buffer is
 * full the UART's interrupt is not acknowledged, so further bytes wait in the UART and on the
 * host instead of being dropped.
 *
 * A console driver that dies loses the lines typed and not yet read, never output: the file
 * server sends a write again when its call comes back -EPIPE (a driver that died holding
 * it), to the driver restarted on the same endpoint.
 *
 * The reincarnation server pings it on a heartbeat, as the disk driver, and kills it when it
 * hangs. A thread has one bound notification, and both the UART and the pings must end this
 * one's receive: so the UART's interrupt signals the ping notification too, through a copy
 * of its cap badged CON_NOTE_UART, and a signal's word says which came (either or both).
 * One word rather than a second thread to wait for pings: a second thread would answer them
 * while this one hangs, and the heartbeat would see nothing. The notification is the
 * kernel's, made at boot, so the interrupt stays bound to it while the driver is dead and
 * the next instance finds what came meanwhile.
 */
#include <stdbool.h>

#include "abi/errno.h"
#include "devbus_mmio.h"
#include "file/cons.h"
#include "micro/proto.h"
#include "srv.h"
#include "uartdrv.h"

#define BUF ((char *)BOOT_IPC_BUF)
#define SLOT_UART_NTFN BOOT_SLOT_SRV /* the ping notification, badged CON_NOTE_UART */

/* Typed input, and what the driver knows of it beyond the line discipline. */
static struct cons cons;
static bool throttled; /* the UART's interrupt is not acknowledged until there is room */
static bool over;      /* the host's input ended, and the file server was told */
static struct uartdrv uart;
static struct devbus bus;

static void put(char c) { uartdrv_putc(&uart, (uint8_t)c); }

static void echo(void *ctx, const char *s, uint32_t n) {
  (void)ctx;
  for (uint32_t i = 0; i < n; i++)
    put(s[i]);
}

/* ^C is the process manager's to act on: a signal. */
static void interrupt(void *ctx) {
  (void)ctx;
  srv_kcall(KC_SIGNAL, BOOT_SLOT_PM_NTFN, 0, 0, 0);
}

static bool has_room(void) { return cons_room(&cons) > 0; }

/* True when the host's input is over and nothing of it is left to read. */
static bool input_over(void) {
  return cons_drained(&cons) && srv_kcall(KC_INPUT_DONE, BOOT_SLOT_DEBUG, 0, 0, 0) == 1;
}

/* The UART interrupted (or the input ended): its bytes to the line discipline while there is
 * room, then news for the file server if a line (or the end) became readable. A byte at a
 * time, not uartdrv_intr: bytes without room must wait in the UART, not be dropped; the
 * interrupt is acknowledged when a read makes room. */
static void intr(void) {
  const struct cons_ops ops = {.echo = echo, .interrupt = interrupt};
  bool news = false;
  int c;
  while (has_room() && (c = uartdrv_getc_poll(&uart)) >= 0)
    news |= cons_input(&cons, (uint8_t)c, &ops);
  if (has_room())
    srv_kcall(KC_IRQ_ACK, BOOT_SLOT_UART_IRQ, 0, 0, 0);
  else
    throttled = true;
  bool ended = !over && input_over();
  over |= ended;
  if (news || ended) srv_kcall(KC_SIGNAL, BOOT_SLOT_FS_NTFN, 0, 0, 0);
}

/* CON_READ: up to n bytes of the lines typed, up to a newline or ^D, into the buffer. */
static int take(uint32_t n) {
  int got = cons_read(&cons, BUF, n);
  if (got == -OSSIM_EAGAIN) return input_over() ? 0 : -OSSIM_EAGAIN;
  if (throttled && has_room()) {
    throttled = false;
    srv_kcall(KC_IRQ_ACK, BOOT_SLOT_UART_IRQ, 0, 0, 0);
  }
  return got;
}

static int request(struct srv_msg *m) {
  uint32_t n = m->len;
  m->len = 0;
  if (srv_pinged(m)) {
    if (m->w[0] & CON_NOTE_UART) intr();
    return SRV_LATER; /* a notification: nobody to answer */
  }
  if (m->badge != 0) return -OSSIM_EPERM; /* a badged cap: not the file server's */
  switch (m->label) {
  case CON_WRITE:
    for (uint32_t i = 0; i < n; i++)
      put(BUF[i]);
    return (int)n;
  case CON_READ: {
    int r = take(m->w[0] < MSG_BUF_MAX ? m->w[0] : MSG_BUF_MAX);
    m->len = r > 0 ? (uint32_t)r : 0;
    return r;
  }
  default: return -OSSIM_ENOSYS;
  }
}

int main(void) {
  bus = devbus_mmio();
  int regs = srv_kcall(KC_FRAME_MAP, BOOT_SLOT_UART, BOOT_SLOT_ASPACE, 0, 0);
  int rc = regs < 0 ? regs
                    : srv_kcall(KC_CAP_MINT, BOOT_SLOT_PING, SLOT_UART_NTFN, CAP_W, CON_NOTE_UART);
  if (rc == 0) rc = srv_kcall(KC_NTFN_BIND, BOOT_SLOT_PING, 0, 0, 0);
  if (rc == 0) rc = srv_kcall(KC_IRQ_BIND, BOOT_SLOT_UART_IRQ, SLOT_UART_NTFN, 0, 0);
  if (rc < 0) {
    srv_printf("con: no UART: error %d\n", rc);
    srv_kcall(KC_POWEROFF, BOOT_SLOT_SYSTEM, 1, 0, 0);
  }
  /* The kernel set the UART up at boot (its debug print uses it), and typed-ahead bytes may
   * wait in its FIFO already: uartdrv_init would empty it, so the driver only takes over.
   * An instance before this one may have died with an interrupt taken but not acknowledged,
   * or throttled: take what waits, and acknowledge. */
  uart = (struct uartdrv){.bus = &bus, .base = (uint32_t)regs << 12};
  intr();
  srv_serve(BOOT_SLOT_CON, request);
}
