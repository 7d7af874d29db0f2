#include <stdlib.h>
#include <stdio.h>
int main(void) {
    char *p = malloc(40);
    char *q = malloc(40);
    free(p);
    free(q);
    free(p);             /* fastbin? no: tcache double free, glibc aborts */
    puts("not reached");
    return 0;
}
