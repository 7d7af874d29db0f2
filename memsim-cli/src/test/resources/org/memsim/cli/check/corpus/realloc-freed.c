/*
 * Reallocs a block that was already freed, then frees what realloc returned. memcheck refuses the
 * realloc (returns NULL, so the free is free(NULL)); glibc 2.36 grows the freed chunk, still in its
 * 32-byte tcache bin, into the top chunk and returns it, and the free files it in the 80-byte bin
 * (its tcache double-free check only searches the bin of the chunk's new size): no abort, no leak.
 * expect: double-free realloc block=24 offset=0
 */
#include <stdlib.h>

int main(void) {
    char *p = malloc(24);
    p[0] = 1;
    free(p);
    char *q = realloc(p, 64);
    free(q);
    return 0;
}
