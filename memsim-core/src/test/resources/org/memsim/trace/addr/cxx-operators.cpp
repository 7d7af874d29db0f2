#include <stdlib.h>
#include <malloc.h>
#include <new>
#include <unistd.h>
#include <sys/wait.h>
#include <stdio.h>
int main() {
  void *a = realloc(NULL, 40);
  a = realloc(a, 0);
  void *b = malloc(10);
  printf("%zu\n", malloc_usable_size(b));
  void *c = valloc(100);
  void *d = aligned_alloc(64, 128);
  void *e = memalign(32, 50);
  void *f = malloc((size_t)-1 / 2);
  void *g = calloc(3, 7);
  void *p = 0; int r = posix_memalign(&p, 3, 10);
  int *i = new int; delete i;
  int *j = new int[10]; delete[] j;
  struct alignas(64) S { char x[64]; };
  S *s = new S; delete s;
  S *t = new S[2]; delete[] t;
  int *k = new (std::nothrow) int; delete k;
  pid_t pid = fork();
  if (pid == 0) { void *q = malloc(77); free(q); _exit(0); }
  waitpid(pid, 0, 0);
  free(b); free(c); free(d); free(e); free(f); free(g); free(p); free(0);
  (void)r;
  return 0;
}
