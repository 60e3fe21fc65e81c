/*
 * kernel/syscall.h: the SYS_* numbers, for xv6 programs; ossim's are xv6's, in xv6's order,
 * plus its own (abi/syscall.h).
 */
#include "abi/syscall.h"
