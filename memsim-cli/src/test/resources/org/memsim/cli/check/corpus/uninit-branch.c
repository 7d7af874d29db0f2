/*
 * Branches on an int of a malloc'd block that was never written.
 * expect: uninitialized-read condition
 * memcheck reports the conditional jump, with no address: it tracks definedness through registers
 * and complains only when an undefined value decides control flow (or reaches a syscall or an
 * address). A trace has no values, only accesses, so memsim reports the load of the never-written
 * bytes itself: 4 bytes at offset 8 of the 16-byte block.
 * expect-memsim: uninitialized-read read size=4 block=16 offset=8
 */
#include <stdlib.h>

int main(void) {
    int *p = malloc(4 * sizeof(int));
    p[0] = 1;
    p[1] = 2;
    volatile int r = 0;
    if (p[2] == 42) r = 1; /* p[2] was never written */
    free(p);
    return 0;
}
