/*
 * A three-node list whose head pointer is dropped: the head is definitely lost, the two nodes it
 * reaches are indirectly lost.
 * expect: leak definite block=16
 * expect: leak indirect block=16 count=2
 */
#include <stdlib.h>

struct node { struct node *next; long value; };

static struct node *build(void) {
    struct node *head = NULL;
    for (int i = 0; i < 3; i++) {
        struct node *n = malloc(sizeof *n);
        n->value = i;
        n->next = head;
        head = n;
    }
    return head;
}

int main(void) {
    struct node *volatile head = build();
    head = NULL;
    return 0;
}
