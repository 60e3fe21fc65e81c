/* replay_cmd: the `ossim replay` command (the player is visualizer/replay.h). */
#ifndef OSSIM_REPLAY_CMD_H
#define OSSIM_REPLAY_CMD_H

/* Runs `ossim replay ARGS`; argv[0] is "replay". Returns the exit status. */
int replay_main(int argc, char **argv);

#endif
