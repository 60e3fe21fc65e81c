/*
 * abi/traceport.h: the trace port's registers (at MACHINE_TRACE_BASE, abi/memmap.h): store
 * the arguments, then write an id to emit one EV_MARK record. The device is
 * sim/traceport.c; the ids of ossim's own marks are in abi/marks.h.
 */
#ifndef OSSIM_ABI_TRACEPORT_H
#define OSSIM_ABI_TRACEPORT_H

#define TRACEPORT_WINDOW 0x1000u
/* Register offsets from MACHINE_TRACE_BASE. */
#define TRACEPORT_ID 0x0u   /* W: emit EV_MARK(id, arg0, arg1, arg2) */
#define TRACEPORT_ARG0 0x4u /* W */
#define TRACEPORT_ARG1 0x8u /* W */
#define TRACEPORT_ARG2 0xcu /* W */

#endif
