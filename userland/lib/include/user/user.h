/*
 * user/user.h: the C library, for xv6 programs that include it by xv6's path
 * (#include "user/user.h"). See ../user.h.
 */
#include "../user.h"
