/*
 * Frees the address of a global array: not a heap block at all. glibc aborts ("free(): invalid
 * size": the fake chunk header is the zero in g[1]).
 * expect: invalid-free free block=none
 */
#include <stdlib.h>

static long g[4];

int main(void) {
    g[0] = 1;
    free(&g[2]);
    return 0;
}
