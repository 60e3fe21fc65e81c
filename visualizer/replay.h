/*
 * replay: plays a saved event file (evfile.h, from --events) on a display, as if the run
 * were live: the same model, panels and keys, plus seeking. Nothing is simulated; the
 * replay's own clock says how far into the file the display has got.
 *
 * The clock moves at the speed (simulated cycles per host second; 0: all at once), with
 * the live pace's rule for quiet stretches (pace.h): a stretch with no record counts for at
 * most PACE_IDLE_CAP cycles. Seeking back rebuilds the model from the first record, since
 * a model only goes forward.
 *
 * Not for: reading the file (evfile.h) or drawing (tui.c, gui.c).
 */
#ifndef OSSIM_REPLAY_H
#define OSSIM_REPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "ui.h"

struct replay {
  const struct ev_record *recs; /* the file's records, in its order (the caller's) */
  size_t n;
  size_t pos;     /* records fed to the model so far */
  uint64_t clock; /* the replay's time: the records up to it have been fed */
};

void replay_init(struct replay *p, const struct ev_record *recs, size_t n, struct model *m);
/* The cycle of the last record. */
uint64_t replay_end(const struct replay *p);
/* Moves the clock to `to` and the model with it (rebuilt from the start if to is behind). */
void replay_seek(struct replay *p, struct model *m, uint64_t to);
/* Moves the clock on by `cycles`, a quiet stretch first shortened to PACE_IDLE_CAP. */
void replay_advance(struct replay *p, struct model *m, uint64_t cycles);
/* Feeds the next record alone (the s key), the clock to its cycle. */
void replay_step(struct replay *p, struct model *m);
/* Shows the replay on d until the user quits, or (hold false) until the last record is
 * shown. speed: the starting speed. Keys as live (ui.h), and [ ] seek back and forward by a
 * tenth of the file, forward no further than its end. */
void replay_run(const struct ui_display *d, struct replay *p, struct model *m, struct vcon *con,
                uint64_t speed, bool hold);

#endif
