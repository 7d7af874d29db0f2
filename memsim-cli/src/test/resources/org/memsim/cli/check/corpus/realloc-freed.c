/*
 * Reallocs a block that was already freed. memcheck refuses (returns NULL); glibc 2.36 grows the
 * freed chunk, still in its tcache bin, into the top chunk and returns it.
 * expect: double-free realloc block=24 offset=0
 */
#include <stdlib.h>

int main(void) {
    char *p = malloc(24);
    p[0] = 1;
    free(p);
    char *volatile q = realloc(p, 64);
    (void) q;
    return 0;
}
