#include "context.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "context_switch.h"

#if defined(__SANITIZE_ADDRESS__)
#define OSSIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OSSIM_ASAN 1
#endif
#endif

#ifdef OSSIM_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

#define KSTACK_SIZE (256u << 10) /* host C with a little recursion: generous */

/* Called on the new side of every switch: tells the sanitizer the switch is complete,
 * and records the bounds of the host's own stack when that is where we came from. */
static void arrived(struct context *self, void *fake_stack) {
#ifdef OSSIM_ASAN
  const void *bottom;
  size_t size;
  __sanitizer_finish_switch_fiber(fake_stack, &bottom, &size);
  struct context *from = self->came_from;
  if (from && !from->stack) {
    from->asan_bottom = bottom;
    from->asan_size = size;
  }
#else
  (void)self;
  (void)fake_stack;
#endif
}

void context_entry(struct context *self) {
  arrived(self, NULL);
  self->fn(self->arg);
  abort(); /* a context's function never returns: it switches away for good */
}

int context_init(struct context *ctx, void (*fn)(void *), void *arg) {
  memset(ctx, 0, sizeof *ctx);
  ctx->stack = malloc(KSTACK_SIZE);
  if (!ctx->stack) return -ENOMEM;
  ctx->stack_size = KSTACK_SIZE;
  ctx->asan_bottom = ctx->stack;
  ctx->asan_size = KSTACK_SIZE;
  ctx->fn = fn;
  ctx->arg = arg;
  int rc = context_switch_prepare(ctx);
  if (rc < 0) context_free(ctx);
  return rc;
}

void context_free(struct context *ctx) {
  free(ctx->stack);
  ctx->stack = NULL;
}

void swtch(struct context *from, struct context *to) {
  void *fake_stack = NULL;
  to->came_from = from;
#ifdef OSSIM_ASAN
  __sanitizer_start_switch_fiber(&fake_stack, to->asan_bottom, to->asan_size);
#endif
  context_switch(from, to);
  arrived(from, fake_stack); /* back in `from`, switched to by from->came_from */
}
