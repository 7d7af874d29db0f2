/*
 * Only a pointer 8 bytes into a 32-byte block is kept, in a global: possibly lost.
 * expect: leak possible block=32
 */
#include <stdlib.h>

static char *inside;

int main(void) {
    char *p = malloc(32);
    p[0] = 1;
    inside = p + 8;
    return 0;
}
