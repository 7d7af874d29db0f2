/*
 * Frees a pointer 8 bytes into a 32-byte block. glibc aborts ("free(): invalid pointer"); the block
 * itself stays reachable from a global, so memcheck reports no leak for it.
 * expect: invalid-free free block=32 offset=8
 */
#include <stdlib.h>

static char *keep;

int main(void) {
    keep = malloc(32);
    keep[0] = 1;
    free(keep + 8);
    return 0;
}
