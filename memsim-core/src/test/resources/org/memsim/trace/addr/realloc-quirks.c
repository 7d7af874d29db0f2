#include <stdlib.h>
#include <string.h>
int main(void){ void * volatile z = 0; size_t volatile n = 40, zero = 0;
 void *a = realloc(z, n); void *b = realloc(a, zero); void *c = realloc(z, zero); 
 void *d = malloc(8); void *e = realloc(d, (size_t)-1); void *f = malloc(zero); void *big = calloc((size_t)-1, 2);
 free(c); free(d); free(f); return b != 0; }
