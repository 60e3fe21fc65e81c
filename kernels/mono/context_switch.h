/*
 * context_switch: the part of a context switch that depends on the host's processor — the
 * registers saved and the stack changed. context.c builds contexts and swtch() on it.
 */
#ifndef OSSIM_MONO_CONTEXT_SWITCH_H
#define OSSIM_MONO_CONTEXT_SWITCH_H

#include "context.h"

/* Lays out ctx's fresh stack (ctx->stack, ctx->stack_size) so that the first switch to it
 * calls context_entry(ctx). Returns 0 or a negative errno. */
int context_switch_prepare(struct context *ctx);
/* Saves the host's registers in from and loads to's; returns when a switch resumes from. */
void context_switch(struct context *from, struct context *to);

/* Where every new context starts (context.c); never returns. */
void context_entry(struct context *self);

#endif
