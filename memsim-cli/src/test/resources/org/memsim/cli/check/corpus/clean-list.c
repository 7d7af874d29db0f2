/*
 * A linked list of 5 nodes is built, walked and freed node by node.
 * expect: clean
 */
#include <stdlib.h>

struct node { struct node *next; int value; };

int main(void) {
    struct node *head = NULL;
    for (int i = 0; i < 5; i++) {
        struct node *n = malloc(sizeof *n);
        n->value = i;
        n->next = head;
        head = n;
    }
    int sum = 0;
    for (struct node *n = head; n != NULL; n = n->next) sum += n->value;
    while (head != NULL) {
        struct node *next = head->next;
        free(head);
        head = next;
    }
    return sum == 10 ? 0 : 1;
}
