/*
 * hostio: opening the host files a user names for the machine (a disk image, an ELF image,
 * a cost file) so that a wrong kind of file is refused at once, never waited on.
 *
 * A FIFO opened for reading blocks until someone writes it, and a device such as /dev/zero
 * reads for ever: neither can be an image or a cost file. hostio_open_regular opens without
 * waiting (O_NONBLOCK), keeps the descriptor only for a regular file, and then reads and
 * writes it as usual (the flag cleared again).
 *
 * Not for: files ossim writes (--trace, --events), which may well be pipes.
 */
#ifndef OSSIM_HOSTIO_H
#define OSSIM_HOSTIO_H

/* Opens path with open(2)'s flags. Returns the descriptor, -EISDIR for a directory,
 * HOSTIO_NOT_REGULAR for any other file that is not a regular one (a FIFO, a device, a
 * socket), or another negative errno from open or fstat. */
int hostio_open_regular(const char *path, int flags);

/* What a return of hostio_open_regular (a negative errno) means, for a message. */
const char *hostio_strerror(int rc);

#define HOSTIO_NOT_REGULAR (-1000) /* not an errno: no errno says "not a regular file" */

#endif
