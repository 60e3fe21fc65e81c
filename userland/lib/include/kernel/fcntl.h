/*
 * kernel/fcntl.h: the O_* open flags, for xv6 programs; ossim's ABI keeps them in
 * abi/stat.h under xv6's names and values (plus O_APPEND).
 */
#include "abi/stat.h"
