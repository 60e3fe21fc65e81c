/*
 * bpf_prog.h: what an eBPF program for ossim includes, written in libbpf's conventions so
 * that a program reads as it would on Linux: SEC("...") puts a function or a map in a
 * section, __uint and __type describe a map in .maps (encoded in BTF, so build with -g),
 * and each helper is a constant function pointer whose value is its Linux number -- clang
 * turns a call through it into `call N`.
 *
 *     clang -O2 -g -target bpf -I kernels/lib/bpf -I kernels/lib -c prog.c -o prog.o
 */
#ifndef OSSIM_BPF_PROG_H
#define OSSIM_BPF_PROG_H

#include "abi/bpf.h"

#define SEC(name) __attribute__((section(name), used))
/* A map member: __uint(max_entries, 64) declares `int (*max_entries)[64]`, whose array
 * length carries the number; __type(key, uint32_t) a pointer whose target gives the size. */
#define __uint(name, val) int(*name)[val]
#define __type(name, val) __typeof__(val) *name

static void *(*const bpf_map_lookup_elem)(void *map,
                                          const void *key) = (void *)BPF_FUNC_map_lookup_elem;
static long (*const bpf_map_update_elem)(void *map, const void *key, const void *value,
                                         uint64_t flags) = (void *)BPF_FUNC_map_update_elem;
static long (*const bpf_map_delete_elem)(void *map,
                                         const void *key) = (void *)BPF_FUNC_map_delete_elem;
static uint64_t (*const bpf_ktime_get_ns)(void) = (void *)BPF_FUNC_ktime_get_ns;
static uint32_t (*const bpf_get_smp_processor_id)(void) = (void *)BPF_FUNC_get_smp_processor_id;
static uint64_t (*const bpf_get_current_pid_tgid)(void) = (void *)BPF_FUNC_get_current_pid_tgid;
static long (*const bpf_get_current_comm)(void *buf,
                                          uint32_t size) = (void *)BPF_FUNC_get_current_comm;
static long (*const bpf_ringbuf_output)(void *ringbuf, void *data, uint64_t size,
                                        uint64_t flags) = (void *)BPF_FUNC_ringbuf_output;

#endif
