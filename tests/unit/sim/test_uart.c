/* The UART: 16550 registers, output, polled input through the FIFO, and its interrupt. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "plic.h"
#include "support.h"
#include "uart.h"

static void wr(struct machine *m, uint32_t off, uint8_t val) {
  ck_assert_msg(bus_write(&m->bus, MACHINE_UART_BASE + off, 1, val), "write %u", off);
}

static uint8_t rd(struct machine *m, uint32_t off) {
  uint32_t v = 0xdeadbeef;
  ck_assert_msg(bus_read(&m->bus, MACHINE_UART_BASE + off, 1, &v), "read %u", off);
  ck_assert_uint_le(v, 0xff);
  return (uint8_t)v;
}

/* The UART's line as the PLIC sees it. */
static bool irq(struct machine *m) {
  uint32_t v = 0;
  ck_assert(bus_read(&m->bus, MACHINE_PLIC_BASE + PLIC_PENDING, 4, &v));
  return v >> MACHINE_IRQ_UART & 1;
}

START_TEST(output_goes_to_host) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  wr(m, UART_THR, 'o');
  wr(m, UART_THR, 'k');
  ck_assert_uint_eq(cap.len, 2);
  ck_assert_str_eq(cap.out, "ok");
  /* A word store to THR sends its low byte. */
  ck_assert(bus_write(&m->bus, MACHINE_UART_BASE, 4, 0x12345621));
  ck_assert_str_eq(cap.out, "ok!");
  ck_assert_uint_eq(rd(m, UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
  machine_destroy(m);
}
END_TEST

START_TEST(plain_registers) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  ck_assert_uint_eq(rd(m, UART_IIR), UART_IIR_NONE);
  ck_assert_uint_eq(rd(m, UART_IER), 0);
  wr(m, UART_SCR, 0xa5);
  ck_assert_uint_eq(rd(m, UART_SCR), 0xa5);
  wr(m, UART_MCR, 0xff);
  ck_assert_uint_eq(rd(m, UART_MCR), 0x1f);
  ck_assert_uint_eq(rd(m, UART_MSR), 0xb0);
  wr(m, UART_LCR, 0x03);
  ck_assert_uint_eq(rd(m, UART_LCR), 0x03);
  wr(m, UART_IER, 0xff);
  ck_assert_uint_eq(rd(m, UART_IER), 0x0f);
  wr(m, UART_IER, 0);
  wr(m, UART_LSR, 0); /* read-only */
  ck_assert_uint_eq(rd(m, UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
  machine_destroy(m);
}
END_TEST

START_TEST(divisor_latch) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  wr(m, UART_IER, UART_IER_RDA);
  wr(m, UART_LCR, UART_LCR_DLAB | 0x03);
  wr(m, UART_DLL, 0x01);
  wr(m, UART_DLM, 0x02);
  ck_assert_uint_eq(rd(m, UART_DLL), 0x01);
  ck_assert_uint_eq(rd(m, UART_DLM), 0x02);
  ck_assert_uint_eq(cap.len, 0); /* DLL writes are not output */
  wr(m, UART_LCR, 0x03);
  ck_assert_uint_eq(rd(m, UART_IER), UART_IER_RDA); /* untouched by DLM */
  wr(m, UART_LCR, UART_LCR_DLAB);
  ck_assert_uint_eq(rd(m, UART_DLL), 0x01);
  ck_assert_uint_eq(rd(m, UART_DLM), 0x02);
  machine_destroy(m);
}
END_TEST

START_TEST(access_sizes) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  uint32_t v;
  ck_assert(!bus_read(&m->bus, MACHINE_UART_BASE + UART_LSR, 4, &v));
  ck_assert(!bus_read(&m->bus, MACHINE_UART_BASE + 4, 4, &v));
  ck_assert(!bus_write(&m->bus, MACHINE_UART_BASE + 2, 2, 0));
  ck_assert(!bus_read(&m->bus, MACHINE_UART_BASE + 8, 1, &v));
  ck_assert(!bus_write(&m->bus, MACHINE_UART_BASE + UART_WINDOW - 1, 1, 0));
  ck_assert(bus_read(&m->bus, MACHINE_UART_BASE, 4, &v));
  ck_assert_uint_eq(v, 0); /* empty FIFO */
  machine_destroy(m);
}
END_TEST

START_TEST(input_arrives_on_poll) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  cap.in = "hi";
  machine_advance(m, UART_POLL_CYCLES - 1);
  ck_assert_uint_eq(rd(m, UART_LSR) & UART_LSR_DR, 0);
  machine_advance(m, UART_POLL_CYCLES);
  ck_assert_uint_eq(rd(m, UART_LSR) & UART_LSR_DR, UART_LSR_DR);
  ck_assert_uint_eq(rd(m, UART_RBR), 'h');
  ck_assert_uint_eq(rd(m, UART_LSR) & UART_LSR_DR, UART_LSR_DR);
  ck_assert_uint_eq(rd(m, UART_RBR), 'i');
  ck_assert_uint_eq(rd(m, UART_LSR) & UART_LSR_DR, 0);
  ck_assert_uint_eq(rd(m, UART_RBR), 0);
  machine_destroy(m);
}
END_TEST

/* The FIFO holds 16 bytes; the rest waits with the host for later polls, in order. */
START_TEST(fifo_limit_and_order) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  const char *text = "abcdefghijklmnopqrstuvwxyz0123456789ABCD"; /* 40 bytes */
  cap.in = text;
  machine_advance(m, UART_POLL_CYCLES);
  ck_assert_uint_eq(cap.in_pos, UART_FIFO_SIZE);
  for (unsigned i = 0; i < 10; i++)
    ck_assert_uint_eq(rd(m, UART_RBR), (uint8_t)text[i]);
  machine_advance(m, 2 * UART_POLL_CYCLES); /* refills to 16: the ring wraps */
  ck_assert_uint_eq(cap.in_pos, 26);
  size_t got = 10;
  for (unsigned poll = 3; got < 40; poll++) {
    while (rd(m, UART_LSR) & UART_LSR_DR) {
      ck_assert_uint_lt(got, 40);
      ck_assert_uint_eq(rd(m, UART_RBR), (uint8_t)text[got++]);
    }
    machine_advance(m, poll * UART_POLL_CYCLES);
  }
  ck_assert_uint_eq(rd(m, UART_LSR) & UART_LSR_DR, 0);
  machine_destroy(m);
}
END_TEST

START_TEST(polling_continues_until_eof) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  cap.in = NULL; /* nothing ready yet */
  machine_advance(m, 3 * UART_POLL_CYCLES);
  ck_assert_uint_eq(rd(m, UART_LSR) & UART_LSR_DR, 0);
  cap.in = "x"; /* the host types something */
  machine_advance(m, 4 * UART_POLL_CYCLES);
  ck_assert_uint_eq(rd(m, UART_RBR), 'x');
  /* That poll also reached end of input (the string ended): the UART never asks again. */
  cap.in = "y";
  cap.in_pos = 0;
  machine_advance(m, 10 * UART_POLL_CYCLES);
  ck_assert_uint_eq(rd(m, UART_LSR) & UART_LSR_DR, 0);
  ck_assert_uint_eq(cap.in_pos, 0);
  machine_destroy(m);
}
END_TEST

/* The carrier (MSR.DCD) drops when the host's input is over and all of it has been read. */
START_TEST(carrier_drops_at_end_of_input) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  ck_assert_uint_eq(rd(m, UART_MSR) & UART_MSR_DCD, UART_MSR_DCD);
  cap.in = "z";
  machine_advance(m, UART_POLL_CYCLES); /* the poll takes 'z' and reaches the end */
  ck_assert_uint_eq(rd(m, UART_MSR) & UART_MSR_DCD, UART_MSR_DCD); /* 'z' is unread */
  ck_assert_uint_eq(rd(m, UART_RBR), 'z');
  ck_assert_uint_eq(rd(m, UART_MSR), 0xb0 & ~UART_MSR_DCD);
  machine_destroy(m);
}
END_TEST

START_TEST(fcr_clears_fifo) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  cap.in = "abc";
  machine_advance(m, UART_POLL_CYCLES);
  wr(m, UART_FCR, 0x01); /* enable only: keeps the data */
  ck_assert_uint_eq(rd(m, UART_LSR) & UART_LSR_DR, UART_LSR_DR);
  wr(m, UART_FCR, 0x01 | UART_FCR_CLEAR_RX);
  ck_assert_uint_eq(rd(m, UART_LSR) & UART_LSR_DR, 0);
  ck_assert_uint_eq(rd(m, UART_RBR), 0);
  machine_destroy(m);
}
END_TEST

START_TEST(rx_interrupt) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  cap.in = "ab";
  machine_advance(m, UART_POLL_CYCLES);
  ck_assert(!irq(m)); /* IER.RDA off */
  ck_assert_uint_eq(rd(m, UART_IIR), UART_IIR_NONE);
  wr(m, UART_IER, UART_IER_RDA);
  ck_assert(irq(m));
  ck_assert_uint_eq(rd(m, UART_IIR), UART_IIR_RDA);
  ck_assert(irq(m)); /* reading IIR does not clear RX data */
  ck_assert_uint_eq(rd(m, UART_RBR), 'a');
  ck_assert(irq(m));
  ck_assert_uint_eq(rd(m, UART_RBR), 'b');
  ck_assert(!irq(m));
  ck_assert_uint_eq(rd(m, UART_IIR), UART_IIR_NONE);
  machine_destroy(m);
}
END_TEST

/* Wired through the PLIC to hart 0's SEIP, with the byte arriving by itself. */
START_TEST(rx_interrupt_reaches_hart) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  ck_assert(bus_write(&m->bus, MACHINE_PLIC_BASE + PLIC_PRIORITY(MACHINE_IRQ_UART), 4, 1));
  ck_assert(bus_write(&m->bus, MACHINE_PLIC_BASE + PLIC_ENABLE(PLIC_CTX_S(0)), 4,
                      1u << MACHINE_IRQ_UART));
  wr(m, UART_IER, UART_IER_RDA);
  cap.in = "z";
  ck_assert(!(m->harts[0]->sip & SIP_SEIP));
  machine_advance(m, UART_POLL_CYCLES);
  ck_assert(m->harts[0]->sip & SIP_SEIP);
  ck_assert_uint_eq(rd(m, UART_RBR), 'z');
  ck_assert(!(m->harts[0]->sip & SIP_SEIP));
  machine_destroy(m);
}
END_TEST

START_TEST(thre_interrupt) {
  struct capture cap = {0};
  struct machine *m = test_machine(0, 1, &cap, NULL);
  ck_assert(!irq(m));
  wr(m, UART_IER, UART_IER_THRE); /* enabling it while THR is empty raises it */
  ck_assert(irq(m));
  ck_assert_uint_eq(rd(m, UART_IIR), UART_IIR_THRE);
  ck_assert(!irq(m)); /* reading IIR that showed THR empty clears the condition */
  ck_assert_uint_eq(rd(m, UART_IIR), UART_IIR_NONE);
  wr(m, UART_THR, '.'); /* the byte leaves at once: THR empty again */
  ck_assert(irq(m));
  wr(m, UART_IER, 0);
  ck_assert(!irq(m));
  wr(m, UART_IER, UART_IER_THRE); /* pending condition still there: raised again */
  ck_assert(irq(m));
  /* RX data outranks THR empty in IIR, and reading IIR then leaves THR empty pending. */
  cap.in = "q";
  wr(m, UART_IER, UART_IER_THRE | UART_IER_RDA);
  machine_advance(m, UART_POLL_CYCLES);
  ck_assert_uint_eq(rd(m, UART_IIR), UART_IIR_RDA);
  ck_assert_uint_eq(rd(m, UART_RBR), 'q');
  ck_assert(irq(m));
  ck_assert_uint_eq(rd(m, UART_IIR), UART_IIR_THRE);
  ck_assert(!irq(m));
  machine_destroy(m);
}
END_TEST

START_TEST(no_host) {
  struct machine *m = test_machine(0, 1, NULL, NULL);
  wr(m, UART_THR, 'x'); /* goes nowhere, harmlessly */
  machine_advance(m, 3 * UART_POLL_CYCLES);
  ck_assert_uint_eq(rd(m, UART_LSR), UART_LSR_THRE | UART_LSR_TEMT);
  machine_destroy(m);
}
END_TEST

Suite *test_suite(void) {
  Suite *s = suite_create("uart");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, output_goes_to_host);
  tcase_add_test(tc, plain_registers);
  tcase_add_test(tc, divisor_latch);
  tcase_add_test(tc, access_sizes);
  tcase_add_test(tc, input_arrives_on_poll);
  tcase_add_test(tc, fifo_limit_and_order);
  tcase_add_test(tc, polling_continues_until_eof);
  tcase_add_test(tc, carrier_drops_at_end_of_input);
  tcase_add_test(tc, fcr_clears_fifo);
  tcase_add_test(tc, rx_interrupt);
  tcase_add_test(tc, rx_interrupt_reaches_hart);
  tcase_add_test(tc, thre_interrupt);
  tcase_add_test(tc, no_host);
  suite_add_tcase(s, tc);
  return s;
}
