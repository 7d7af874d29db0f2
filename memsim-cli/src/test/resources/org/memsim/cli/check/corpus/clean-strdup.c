/*
 * strdup (which calls malloc inside the C library) and strlen on the copy, then free.
 * expect: clean
 */
#include <stdlib.h>
#include <string.h>

int main(void) {
    char *s = strdup("memory");
    size_t n = strlen(s);
    s[0] = 'M';
    int ok = n == 6 && s[0] == 'M';
    free(s);
    return ok ? 0 : 1;
}
