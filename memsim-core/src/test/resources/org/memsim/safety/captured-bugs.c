#include <stdlib.h>
#include <string.h>
#include <stdio.h>
struct node { struct node *next; int v; };
int main(int argc, char **argv) {
    char *a = malloc(24);
    strcpy(a, "hello");
    a[24] = 'x';                 /* overflow by one */
    char *b = malloc(64);
    free(b);
    int y = b[3];                /* use after free (read) */
    int *u = malloc(16);
    if (u[1] > 3) puts("big");   /* uninitialised */
    struct node *n1 = malloc(sizeof *n1);
    n1->next = malloc(sizeof *n1);
    n1->next->next = NULL;
    n1 = NULL;                   /* leak: definitely + indirectly */
    char *s = malloc(100);
    strcpy(s, "short");
    printf("%zu %d\n", strlen(s), y);
    free(s);
    free(a);
    free(u);
    return 0;
}
