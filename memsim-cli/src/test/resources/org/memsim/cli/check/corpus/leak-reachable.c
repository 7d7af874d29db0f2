/*
 * A block still pointed to by a global at exit: still reachable, which memcheck does not count as
 * an error.
 * expect: clean
 */
#include <stdlib.h>

static char *keep;

int main(void) {
    keep = malloc(32);
    keep[0] = 1;
    return 0;
}
