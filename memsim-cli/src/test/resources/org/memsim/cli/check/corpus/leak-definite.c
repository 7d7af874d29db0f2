/*
 * The only pointer to a 16-byte block is overwritten by the next malloc's result.
 * expect: leak definite block=16
 */
#include <stdlib.h>

int main(void) {
    char *p = malloc(16);
    p[0] = 1;
    p = malloc(24);
    p[0] = 2;
    free(p);
    return 0;
}
