/*
 * Branches on an int of a malloc'd block that was never written.
 * expect: uninitialized-read condition
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
