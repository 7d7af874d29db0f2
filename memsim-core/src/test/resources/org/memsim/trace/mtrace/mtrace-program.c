#include <stdlib.h>
#include <string.h>
#include <mcheck.h>
#include <stdio.h>
int main(void){ mtrace(); char *a = malloc(32); char *b = calloc(4, 25); a = realloc(a, 100); memset(a, 1, 100); free(b); void *c; posix_memalign(&c, 64, 200); free(c); free(a);
 void * volatile z = 0; size_t volatile zero = 0; void *r = realloc(z, 16); r = realloc(r, zero); void *f = malloc((size_t)-1/2); void *g = realloc(malloc(8), (size_t)-1/2); free(0);
 void *h = malloc(0); puts("hi"); muntrace(); return 0; }
