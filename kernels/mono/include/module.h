/*
 * module.h: the loadable-module API of the monolithic kernel — the whole face a module sees.
 *
 * A module is a host shared object (kernels/mono/modules/NAME.c, built as NAME.so) that the
 * kernel loads into itself while it runs, as Linux does with insmod. A module includes only
 * this header and defines one `struct module_info` named `ossim_module` (use OSSIM_MODULE):
 * its name, version and description, the API version it was built against, the modules it
 * depends on and the symbols it needs from them (imports), and its init and exit functions.
 * It links against nothing of the kernel: everything it may call reaches it in `struct
 * mod_api`, a table of functions the kernel hands to init and exit. That table is the
 * module API; MOD_API_VERSION changes whenever it changes, and the kernel refuses a module
 * built for another version.
 *
 * A module's state is its instance's, not the shared object's: several kernels in one
 * process (ossim compare, the tests) may each load the same NAME.so, and a static variable
 * would be shared by all of them. So a module keeps no mutable static. Its init allocates
 * its state with api->alloc and returns it in *priv; the kernel hands that pointer back to
 * every call into the module (exit, device reads and writes, the system-call hook) and frees
 * what api->alloc gave once the module is gone.
 *
 * Errors: every call that can fail returns 0 (or a count) or a negative MOD_E* code.
 *
 * The power and the danger: module code runs in the kernel, with no protection boundary.
 * A module that misbehaves takes the kernel down (the oops module shows it).
 *
 * Not for: user programs. They load and unload modules with insmod, rmmod and lsmod.
 */
#ifndef OSSIM_MODULE_H
#define OSSIM_MODULE_H

#include <stddef.h>
#include <stdint.h>

/* The version of struct mod_api. History: 1 the first; 2 adds character devices
 * (chrdev_register, chrdev_unregister); 3 adds the system-call hook; 4 gives each instance
 * its private state (init returns it, every call gets it: alloc), makes exports a call
 * (export) and adds the MOD_E* codes. */
#define MOD_API_VERSION 4

/* The error codes of the module API, the kernel's errno numbers (abi/errno.h): a module
 * returns them negated (-MOD_EINVAL). */
#define MOD_EPERM 1   /* not allowed */
#define MOD_ENOENT 2  /* no such thing */
#define MOD_EIO 5     /* an input or output error */
#define MOD_ENOMEM 12 /* out of memory */
#define MOD_EBUSY 16  /* in use */
#define MOD_EEXIST 17 /* already there */
#define MOD_EINVAL 22 /* a bad argument */

struct mod_kernel;   /* the kernel a module is loaded into (opaque to modules) */
struct sched_policy; /* kernels/lib/sched/sched.h */

/* One `key=value` parameter from `insmod NAME key=value ...`. */
struct mod_param {
  const char *key, *value;
};

/* A character device's operations (chrdev_register). The kernel calls them when a process
 * reads or writes /dev/NAME; buf is kernel memory (the kernel copies to and from the
 * process), off is the open file's offset, which the kernel advances by what they return;
 * priv is the module's state (what its init returned). Each returns a byte count (0: end
 * of file) or a negative MOD_E* code. Either may be NULL: the device then refuses that
 * direction (-MOD_EINVAL). They must not block. */
struct mod_chrdev_ops {
  int (*read)(struct mod_kernel *k, void *priv, char *buf, uint32_t n, uint32_t off);
  int (*write)(struct mod_kernel *k, void *priv, const char *buf, uint32_t n, uint32_t off);
};

/* One system call of a process, as a system-call hook sees it when the call returns. */
struct mod_syscall {
  int pid;
  const char *proc;  /* the process's name (after an exec: the new program's) */
  uint32_t num;      /* abi/syscall.h */
  const char *name;  /* "write"; NULL for a number that is no call */
  const char *kinds; /* one letter per argument: d number, x address or flags, s string */
  uint32_t args[6];
  const char *str[6]; /* for an s argument: the string when the call began, or NULL */
  int32_t result;     /* what the process gets: a value, or a negative errno */
};

/* What the kernel offers modules. */
struct mod_api {
  uint32_t version; /* MOD_API_VERSION */
  /* Prints to the console, as the kernel's own messages do. */
  void (*printk)(struct mod_kernel *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
  /* size zeroed bytes for this instance's state, or NULL when there is no memory. The
   * kernel frees them when the module is gone (after exit, or when init fails). */
  void *(*alloc)(struct mod_kernel *k, size_t size);
  /* From init: offers addr to the modules that depend on this one, as name (a plain word).
   * 0, -MOD_EINVAL (not from init, or a bad name), -MOD_EEXIST, -MOD_ENOMEM (too many). */
  int (*export)(struct mod_kernel *k, const char *name, void *addr);
  /* The address a dependency exported as name (declared in this module's `imports`), or
   * NULL. */
  void *(*symbol)(struct mod_kernel *k, const char *name);
  /* The simulated time, in cycles. */
  uint64_t (*now)(struct mod_kernel *k);
  /* Makes p the kernel's scheduling policy from now on (every runnable process moves to it);
   * unregistering it returns to the policy that was in force before. While p is in force
   * the scheduler holds a reference on the module (lsmod counts it), but unlike the others
   * this one does not make rmmod refuse: rmmod of the policy in force switches back to the
   * one before and drops the reference as it does, so that `rmmod sched_lottery` undoes
   * `insmod sched_lottery` — a student's experiment is one command to reverse. (Linux would
   * refuse; here nothing can be left running the module's code, because the switch moves
   * every process to the old policy before the module's code goes.) A policy that is not
   * in force may go too: one loaded after it then falls back to the policy before it. */
  int (*sched_register)(struct mod_kernel *k, const struct sched_policy *p);
  void (*sched_unregister)(struct mod_kernel *k, const struct sched_policy *p);
  /* From init: a character device /dev/NAME (a plain word of up to 15 characters) with a
   * major number the kernel assigns; insmod creates the device file once init has returned.
   * Every open file on it holds a reference on the module, so rmmod waits for the last
   * close (-MOD_EBUSY). 0, -MOD_EINVAL (bad name, or not called from init), -MOD_EEXIST,
   * -MOD_ENOMEM. */
  int (*chrdev_register)(struct mod_kernel *k, const char *name, const struct mod_chrdev_ops *ops);
  /* From exit (optional: rmmod removes what a module leaves registered). rmmod removes the
   * device file after exit has returned. */
  void (*chrdev_unregister)(struct mod_kernel *k, const char *name);
  /* Makes fn see every system call of every process as it returns (exit, which does not
   * return, is not seen), with the module's state as priv. One hook at a time: -MOD_EBUSY
   * when another module has it. fn runs in the process's system call and must not block. */
  int (*syscall_hook_register)(struct mod_kernel *k,
                               void (*fn)(struct mod_kernel *k, const struct mod_api *api,
                                          void *priv, const struct mod_syscall *sc));
  /* From exit (optional: rmmod removes a hook a module leaves). */
  void (*syscall_hook_unregister)(struct mod_kernel *k);
};

struct module_info {
  uint32_t api_version;
  const char *name;
  const char *version;
  const char *description;
  const char *const *depends; /* NULL-terminated; may be NULL */
  const char *const *imports; /* NULL-terminated; may be NULL */
  /* Sets *priv to the instance's state (from api->alloc; NULL, as the kernel starts it, if
   * it has none) and returns 0, or returns a negative MOD_E* code: then the module is not
   * loaded and insmod reports the code. */
  int (*init)(struct mod_kernel *k, const struct mod_api *api, const struct mod_param *params,
              int nparams, void **priv);
  void (*exit)(struct mod_kernel *k, const struct mod_api *api, void *priv);
};

/* Defines this module's `ossim_module`, the one symbol the kernel looks for. */
#define OSSIM_MODULE(...)                                                                          \
  __attribute__((visibility("default")))                                                           \
  const struct module_info ossim_module = {.api_version = MOD_API_VERSION, __VA_ARGS__}

#endif
