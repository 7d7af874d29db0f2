/*
 * Writes an int of a 32-byte block after freeing it (offset 20, clear of glibc's tcache links).
 * expect: use-after-free write size=4 block=32 offset=20
 */
#include <stdlib.h>

int main(void) {
    int *p = malloc(8 * sizeof(int));
    for (int i = 0; i < 8; i++) p[i] = i;
    free(p);
    p[5] = 42;
    return 0;
}
