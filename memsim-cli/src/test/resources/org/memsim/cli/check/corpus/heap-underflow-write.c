/*
 * Writes the byte just before a 16-byte block (in glibc, the top byte of the chunk's size field,
 * which is already zero, so the real allocator survives it).
 * expect: heap-underflow write size=1 block=16 offset=-1
 */
#include <stdlib.h>

int main(void) {
    char *p = malloc(16);
    for (int i = 0; i < 16; i++) p[i] = 'a';
    p[-1] = 0;
    free(p);
    return 0;
}
