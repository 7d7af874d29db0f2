/*
 * An aligned 16-byte vector load from a 7-byte block, the way glibc's SSE/AVX string functions
 * read (an aligned load never crosses a page, so the bytes past the end are safe to read and are
 * ignored). memcheck (--partial-loads-ok=yes, the default) accepts naturally aligned loads of 4,
 * 8, 16 and 32 bytes that are partly inside a block and marks the outside bytes undefined; the
 * program only stores the vector, never uses its undefined lanes.
 * expect: clean
 */
#include <emmintrin.h>
#include <stdlib.h>

int main(void) {
    char *s = malloc(7);
    for (int i = 0; i < 7; i++) s[i] = 'a';
    volatile __m128i sink = _mm_load_si128((const __m128i *) s);
    (void) sink;
    free(s);
    return 0;
}
