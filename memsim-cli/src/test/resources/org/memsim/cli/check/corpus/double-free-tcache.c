/*
 * Frees a 24-byte block twice in a row. glibc 2.36's tcache notices ("free(): double free
 * detected in tcache 2") and aborts; memcheck's own free does not, so it runs to the end.
 * expect: double-free free block=24 offset=0
 */
#include <stdlib.h>

int main(void) {
    char *p = malloc(24);
    p[0] = 1;
    free(p);
    free(p);
    return 0;
}
