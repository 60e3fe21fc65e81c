/*
 * ecall N [ARG...]: runs the ecall instruction itself, with a7 = N and a0, a1, a2 = the ARGs
 * (0 when not given), bypassing the vDSO, and prints what comes back in a0.
 *
 * On mono that is system call N (abi/syscall.h): `ecall 2 7` ends the program with status 7,
 * as exit(7) would. On micro it is kernel call N (micro/kabi.h), which a process may make as
 * well as a server: what the kernel then lets it do is what its few caps allow. `ecall 23 7`
 * is micro's KC_EXIT, the thread's end; the kernel makes it a call to the process manager,
 * so the parent's wait learns of it as of any exit.
 */
#include "user.h"

int main(int argc, char *argv[]) {
  if (argc < 2 || argc > 5) {
    fprintf(2, "usage: ecall N [ARG...]\n");
    return 2;
  }
  long a[4] = {0};
  for (int i = 1; i < argc; i++)
    a[i - 1] = strtol(argv[i], 0, 0);
  register long a0 __asm__("a0") = a[1];
  register long a1 __asm__("a1") = a[2];
  register long a2 __asm__("a2") = a[3];
  register long a7 __asm__("a7") = a[0];
  __asm__ volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a7) : : "memory");
  printf("%ld\n", a0);
  return 0;
}
