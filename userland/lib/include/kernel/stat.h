/*
 * kernel/stat.h: struct stat and the T_* file types, for xv6 programs; ossim's ABI header
 * has them under xv6's names.
 */
#include "abi/stat.h"
