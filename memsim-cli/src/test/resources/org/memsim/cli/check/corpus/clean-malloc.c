/*
 * A block is allocated, written, read and freed: nothing to report.
 * expect: clean
 */
#include <stdlib.h>

int main(void) {
    int *a = malloc(10 * sizeof(int));
    for (int i = 0; i < 10; i++) a[i] = i;
    int sum = 0;
    for (int i = 0; i < 10; i++) sum += a[i];
    free(a);
    return sum == 45 ? 0 : 1;
}
