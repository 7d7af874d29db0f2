/*
 * clean-strdup with the copy at 16 mod 32 (a 40-byte block before it): glibc's AVX2 strlen then
 * starts with an unaligned 32-byte load that runs 25 bytes past the 7-byte block. memcheck never sees
 * that load (it replaces strlen with a byte-exact one); a capture runs the real strlen, so this
 * program keeps a checker from flagging the C library's read-ahead as the program's overflow.
 * expect: clean
 */
#include <stdlib.h>
#include <string.h>

int main(void) {
    char *before = malloc(40);
    before[0] = 0;
    char *s = strdup("memory");
    size_t n = strlen(s);
    int ok = n == 6 && s[5] == 'y';
    free(s);
    free(before);
    return ok ? 0 : 1;
}
