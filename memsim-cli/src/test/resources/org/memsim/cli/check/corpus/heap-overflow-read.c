/*
 * Reads one int just past the end of an array of 11 ints (44 bytes).
 * expect: heap-overflow read size=4 block=44 offset=44
 */
#include <stdlib.h>

int main(void) {
    int *a = malloc(11 * sizeof(int));
    for (int i = 0; i < 11; i++) a[i] = i;
    volatile int sum = 0;
    for (int i = 0; i <= 11; i++) sum += a[i]; /* i == 11 is one past the end */
    free(a);
    return 0;
}
