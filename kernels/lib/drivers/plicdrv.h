/*
 * plicdrv: the interrupt-controller driver, for one hart's supervisor context of a PLIC laid
 * out as on QEMU's `virt` board (abi/plic.h has the register map).
 *
 * Each hart that takes device interrupts owns one struct plicdrv for its S context (context
 * 2h+1 on hart h). A kernel's external-interrupt handler is:
 *
 *     uint32_t src = plicdrv_claim(&plic);      // which device, 0 if none
 *     if (src == BLK_IRQ) blkdrv_intr(&disk);   // the device drops its line
 *     ...
 *     if (src) plicdrv_complete(&plic, src);    // the PLIC may raise src again
 *
 * A claimed source is not offered again, to any hart, until it is completed; the devices'
 * lines are level-triggered, so a device still asking when it is completed is claimed again.
 *
 * Not for: timer and software interrupts (the hart's own CSRs), or which hart serves which
 * device (the kernel decides, by whom it enables a source for).
 */
#ifndef OSSIM_PLICDRV_H
#define OSSIM_PLICDRV_H

#include <stdint.h>

#include "devbus.h"

/* Set by plicdrv_init and read-only afterwards; used only by the hart it was set up for. */
struct plicdrv {
  const struct devbus *bus;
  uint32_t base; /* the PLIC's register window */
  uint32_t ctx;  /* the hart's S context, 2h+1 */
};

/* Sets p up for hart `hart`'s S context: every source disabled for it, threshold 0 (any
 * source of priority 1 or more may interrupt). bus must outlive p. */
void plicdrv_init(struct plicdrv *p, const struct devbus *bus, uint32_t base, unsigned hart);
/* Lets `source` (1..PLIC_NSOURCES-1) interrupt this hart, at `priority` (1..7; the priority
 * is one per source, shared by every hart). 0, or -EINVAL for a bad source or priority. */
int plicdrv_enable(struct plicdrv *p, unsigned source, unsigned priority);
/* Stops `source` interrupting this hart. 0, or -EINVAL for a bad source. */
int plicdrv_disable(struct plicdrv *p, unsigned source);
/* Claims the best pending source for this hart: its number, or 0 when there is none (another
 * hart claimed it first, or the device dropped its line). */
uint32_t plicdrv_claim(struct plicdrv *p);
/* Tells the PLIC that the handler of a claimed source is done. */
void plicdrv_complete(struct plicdrv *p, uint32_t source);

#endif
