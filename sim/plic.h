/*
 * plic: the platform-level interrupt controller, laid out as on QEMU's `virt` board.
 *
 * Devices drive level-triggered lines into it (through machine_set_irq, which calls
 * plic_set_irq); it decides which hart's supervisor external interrupt (sip.SEIP) is raised.
 * A source is pending while its line is high and it is not being serviced. Each context
 * has an enable bit per source and a priority threshold; a context's output is high while
 * some source is pending, enabled for it and of priority above its threshold. The guest
 * claims the best such source (highest priority, lowest id on a tie), which takes it out of
 * pending until the guest writes its id back to complete it.
 *
 * Contexts are numbered as on QEMU `virt`: context 2h is hart h's M mode and 2h+1 its S mode.
 * The M contexts exist in the register map (so code written for QEMU can program them) but
 * never interrupt anything: there is no M mode here. All registers are 32 bits wide; any
 * other access, or one to an offset that no register occupies, is an access fault.
 *
 * Not for: timer or software interrupts (stimecmp and sip.SSIP belong to the hart).
 */
#ifndef OSSIM_PLIC_H
#define OSSIM_PLIC_H

#include <stdbool.h>

#include "abi/plic.h"

struct machine;
struct plic;

/* Maps the controller at MACHINE_PLIC_BASE, every source disabled and at priority 0. It
 * serves m->nharts harts (read at each access, so the harts may be created after it). NULL
 * on out of memory (or if the window is taken, which only a machine-construction bug can
 * cause). */
struct plic *plic_create(struct machine *m);
void plic_destroy(struct plic *p);

/* Sets the level of interrupt line `source` (1..PLIC_NSOURCES-1; others are ignored) and
 * updates every hart's SEIP through machine_set_seip when it changes. */
void plic_set_irq(struct plic *p, unsigned source, bool level);

#endif
