/*
 * calloc's zeroes are initialised memory: reading them (and branching on them) is fine.
 * expect: clean
 */
#include <stdlib.h>

int main(void) {
    int *a = calloc(8, sizeof(int));
    int zeros = 0;
    for (int i = 0; i < 8; i++) {
        if (a[i] == 0) zeros++;
    }
    free(a);
    return zeros == 8 ? 0 : 1;
}
