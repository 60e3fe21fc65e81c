/*
 * session: a run with the live visualizer (--tui, --viz). The simulation runs on a thread
 * of its own; this thread runs the display (SDL wants the main thread). Event records and
 * the guest's output reach the display through lock-free queues (visualizer/spsc.h), and
 * keys typed in the display reach the guest through a third.
 *
 * Not for: what the display shows (visualizer/ui.h, tui.h, gui.h).
 */
#ifndef OSSIM_SESSION_H
#define OSSIM_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "kernel.h"
#include "options.h"
#include "run.h"
#include "ui.h"

/* False, with a message, if o asks for a display this build has not got. */
bool session_available(const struct options *o, char *err, size_t errlen);
/* Runs the kernel with the display o asks for; returns the exit status. */
int session_run(struct run *r, const struct kernel_ops *ops);
/* Opens the display o asks for (--tui, --viz) into d, for another view than a live run
 * (`ossim compare --viz`). Returns 0, or -1 with a message. */
int session_open_display(const struct options *o, struct ui_display *d, char *err, size_t errlen);
void session_close_display(const struct options *o, struct ui_display *d);

#endif
