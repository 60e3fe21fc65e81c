/*
 * uni-sizes DIR OUT: writes the size of every unikernel image in DIR (uni_list) to OUT and
 * to standard output. The build runs it once the images are linked, so that each image's
 * size is in front of the student who built them, and in build/uni/sizes.txt.
 */
#include <stdio.h>
#include <string.h>

#include "uni.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: uni-sizes DIR OUT\n");
    return 2;
  }
  static char text[1 << 16];
  int n = uni_list(argv[1], true, text, sizeof text);
  if (n < 0) {
    fprintf(stderr, "uni-sizes: %s: %s\n", argv[1], strerror(-n));
    return 1;
  }
  FILE *out = fopen(argv[2], "w");
  if (!out) {
    perror(argv[2]);
    return 1;
  }
  static const char head[] =
      "unikernel images (program + library OS, linked with --gc-sections):\n";
  fputs(head, out);
  fputs(text, out);
  fputs(head, stdout);
  fputs(text, stdout);
  return fclose(out) == 0 ? 0 : 1;
}
