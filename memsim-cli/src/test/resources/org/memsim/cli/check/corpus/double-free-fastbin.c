/*
 * Fills the 24-byte tcache bin with 7 frees, then frees a, b, a: the chunks go to a fastbin, whose
 * check only compares with the bin's top, so glibc 2.36 does not notice the second free of a.
 * expect: double-free free block=24 offset=0
 */
#include <stdlib.h>

int main(void) {
    void *t[7];
    for (int i = 0; i < 7; i++) t[i] = malloc(24);
    void *a = malloc(24);
    void *b = malloc(24);
    for (int i = 0; i < 7; i++) free(t[i]);
    free(a);
    free(b);
    free(a);
    return 0;
}
