/*
 * A buffer grows by realloc from 16 to 4096 bytes, written after every step; realloc's own copying
 * is the allocator's work, not the program's: nothing to report.
 * expect: clean
 */
#include <stdlib.h>

int main(void) {
    size_t n = 16;
    char *buf = malloc(n);
    for (size_t i = 0; i < n; i++) buf[i] = (char) i;
    while (n < 4096) {
        n *= 2;
        buf = realloc(buf, n);
        for (size_t i = n / 2; i < n; i++) buf[i] = (char) i;
    }
    int ok = buf[4095] == (char) 4095 && buf[3] == 3;
    free(buf);
    return ok ? 0 : 1;
}
