/*
 * Reads through a dangling pointer after the allocator has handed the same memory to a new block:
 * p is freed, q = malloc(32) gets p's chunk back from glibc's tcache, and p[5] reads q[5].
 * expect: use-after-free read size=4 block=32 offset=20
 * memcheck's own allocator keeps freed blocks out of circulation (--freelist-vol, 20 MB), so p's
 * block is still "free'd" when p[5] is read. The captured trace holds glibc's real addresses: the
 * load is at an address inside q, a live, written block, and an address trace carries no pointer
 * provenance to say the program reached it through p. memsim cannot report it; no tool working from
 * the real allocator's addresses can (AddressSanitizer needs its own quarantining allocator too).
 * expect-memsim: clean
 */
#include <stdlib.h>

int main(void) {
    int *p = malloc(8 * sizeof(int));
    for (int i = 0; i < 8; i++) p[i] = i;
    free(p);
    int *q = malloc(8 * sizeof(int));
    for (int i = 0; i < 8; i++) q[i] = -i;
    volatile int x = p[5]; /* p == q under glibc, not under memcheck */
    (void) x;
    free(q);
    return 0;
}
