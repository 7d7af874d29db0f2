/*
 * Frees the address of a local array: not a heap block at all. glibc aborts ("free(): invalid
 * size": the fake chunk header is the zero in s[1]).
 * expect: invalid-free free block=none
 */
#include <stdlib.h>

int main(void) {
    long s[4] = {1, 0, 0, 0};
    free(&s[2]);
    return (int) s[0] - 1;
}
