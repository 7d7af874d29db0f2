/*
 * An unaligned 16-byte SSE load that starts 8 bytes into a 16-byte block and runs 8 bytes past its
 * end (glibc's chunk has slack there, so the real allocator survives it). Unlike the aligned load
 * of partial-vector-load, memcheck's partial-loads rule does not cover it: memcheck reports the
 * access at its start address ("8 bytes inside a block of size 16"), which runs past the end.
 * expect: heap-overflow read size=16 block=16 offset=8
 */
#include <emmintrin.h>
#include <stdlib.h>

int main(void) {
    char *s = malloc(16);
    for (int i = 0; i < 16; i++) s[i] = 'a';
    volatile __m128i sink = _mm_loadu_si128((const __m128i *) (s + 8));
    (void) sink;
    free(s);
    return 0;
}
