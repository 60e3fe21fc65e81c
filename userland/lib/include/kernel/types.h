/*
 * kernel/types.h: xv6's short type names, for xv6 programs (#include "kernel/types.h").
 */
#ifndef OSSIM_XV6_TYPES_H
#define OSSIM_XV6_TYPES_H

typedef unsigned int uint;
typedef unsigned short ushort;
typedef unsigned char uchar;

typedef unsigned char uint8;
typedef unsigned short uint16;
typedef unsigned int uint32;
typedef unsigned long long uint64;

#endif
