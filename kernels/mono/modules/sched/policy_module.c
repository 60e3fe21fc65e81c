/*
 * A scheduling policy of the shared library (kernels/lib/sched) packaged as a module:
 * `insmod sched_lottery` makes the running system schedule by lottery from that moment, and
 * `rmmod sched_lottery` returns to the policy before. The build makes one module per policy
 * from this file, with POLICY naming the policy (sched_rr, sched_lottery, ...); the policy's
 * own source and the library's common code are compiled into the module, which calls the
 * kernel only through the module API.
 */
#include "module.h"
#include "sched/sched.h"

#define STR2(x) #x
#define STR(x) STR2(x)

/* The policy's state is the scheduler's (struct sched), so the module has none of its own. */
static int policy_init(struct mod_kernel *k, const struct mod_api *api,
                       const struct mod_param *params, int nparams, void **priv) {
  (void)params, (void)nparams, (void)priv;
  api->printk(k, "scheduling by %s from now on\n", POLICY.name);
  return api->sched_register(k, &POLICY);
}

static void policy_exit(struct mod_kernel *k, const struct mod_api *api, void *priv) {
  (void)priv;
  api->sched_unregister(k, &POLICY);
  api->printk(k, "%s no longer schedules\n", POLICY.name);
}

OSSIM_MODULE(.name = STR(POLICY), .version = "1.0",
             .description = "a scheduling policy from kernels/lib/sched, loaded live",
             .init = policy_init, .exit = policy_exit);
