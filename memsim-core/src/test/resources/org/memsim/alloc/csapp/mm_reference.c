/*
 * An independent C build of the CS:APP 3rd ed. section 9.9.12 allocator (implicit free list,
 * 4-byte boundary tags, 8-byte alignment, prologue and epilogue, CHUNKSIZE 4096, split when at
 * least 16 bytes remain, immediate coalescing, naive realloc), with first, next (a rover, as in
 * the solution to practice problem 9.9's variant) and best fit. Written for memsim's
 * CsappReferenceTest from the textbook's description; it replays a malloc-lab trace (.rep) the
 * way mdriver does and prints, per request, the returned offset from the heap's first byte, then
 * the heap size and the peak payload (mdriver's utilization numerator and denominator).
 *
 *   cc -O1 -o mm_reference mm_reference.c && ./mm_reference first trace.rep
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef unsigned int word_t;

enum { W = 4, D = 8, CHUNK = 1 << 12 };
enum fit { FIRST, NEXT, BEST };

static char arena[64 << 20] __attribute__((aligned(4096)));
static char *brk_at = arena;
static char *list_start;   /* the prologue block's payload */
static char *rover;
static enum fit policy;

static void *grow(size_t n) {              /* mem_sbrk */
    if (brk_at + n > arena + sizeof arena) return NULL;
    char *old = brk_at;
    brk_at += n;
    return old;
}

static word_t tag(size_t size, int used) { return (word_t) size | (word_t) used; }
static word_t rd(const char *p) { word_t v; memcpy(&v, p, W); return v; }
static void wr(char *p, word_t v) { memcpy(p, &v, W); }
static size_t size_at(const char *p) { return rd(p) & ~(word_t) 7; }
static int used_at(const char *p) { return rd(p) & 1; }
static char *hdr(char *bp) { return bp - W; }
static char *ftr(char *bp) { return bp + size_at(hdr(bp)) - D; }
static char *next_block(char *bp) { return bp + size_at(bp - W); }
static char *prev_block(char *bp) { return bp - size_at(bp - D); }

static char *merge(char *bp) {
    int prev_used = used_at(ftr(prev_block(bp)));
    int next_used = used_at(hdr(next_block(bp)));
    size_t size = size_at(hdr(bp));
    if (prev_used && !next_used) {
        size += size_at(hdr(next_block(bp)));
        wr(hdr(bp), tag(size, 0));
        wr(ftr(bp), tag(size, 0));
    } else if (!prev_used && next_used) {
        size += size_at(hdr(prev_block(bp)));
        wr(ftr(bp), tag(size, 0));
        wr(hdr(prev_block(bp)), tag(size, 0));
        bp = prev_block(bp);
    } else if (!prev_used && !next_used) {
        size += size_at(hdr(prev_block(bp))) + size_at(ftr(next_block(bp)));
        wr(hdr(prev_block(bp)), tag(size, 0));
        wr(ftr(next_block(bp)), tag(size, 0));
        bp = prev_block(bp);
    }
    if (policy == NEXT && rover > bp && rover < next_block(bp)) rover = bp;
    return bp;
}

static char *extend(size_t words) {
    size_t size = (words % 2) ? (words + 1) * W : words * W;
    char *bp = grow(size);
    if (bp == NULL) return NULL;
    wr(hdr(bp), tag(size, 0));
    wr(ftr(bp), tag(size, 0));
    wr(hdr(next_block(bp)), tag(0, 1));
    return merge(bp);
}

static int init(void) {
    char *p = grow(4 * W);
    if (p == NULL) return -1;
    wr(p, 0);
    wr(p + W, tag(D, 1));
    wr(p + 2 * W, tag(D, 1));
    wr(p + 3 * W, tag(0, 1));
    list_start = p + 2 * W;
    rover = list_start;
    return extend(CHUNK / W) == NULL ? -1 : 0;
}

static int fits(char *bp, size_t asize) { return !used_at(hdr(bp)) && asize <= size_at(hdr(bp)); }

static char *find(size_t asize) {
    char *bp;
    if (policy == FIRST) {
        for (bp = list_start; size_at(hdr(bp)) > 0; bp = next_block(bp))
            if (fits(bp, asize)) return bp;
        return NULL;
    }
    if (policy == NEXT) {
        char *old = rover;
        for (; size_at(hdr(rover)) > 0; rover = next_block(rover))
            if (fits(rover, asize)) return rover;
        for (rover = list_start; rover < old; rover = next_block(rover))
            if (fits(rover, asize)) return rover;
        return NULL;
    }
    char *best = NULL;
    for (bp = list_start; size_at(hdr(bp)) > 0; bp = next_block(bp))
        if (fits(bp, asize) && (best == NULL || size_at(hdr(bp)) < size_at(hdr(best)))) best = bp;
    return best;
}

static void place(char *bp, size_t asize) {
    size_t have = size_at(hdr(bp));
    if (have - asize >= 2 * D) {
        wr(hdr(bp), tag(asize, 1));
        wr(ftr(bp), tag(asize, 1));
        bp = next_block(bp);
        wr(hdr(bp), tag(have - asize, 0));
        wr(ftr(bp), tag(have - asize, 0));
    } else {
        wr(hdr(bp), tag(have, 1));
        wr(ftr(bp), tag(have, 1));
    }
}

static void *my_malloc(size_t size) {
    if (size == 0) return NULL;
    size_t asize = size <= D ? 2 * D : D * ((size + D + (D - 1)) / D);
    char *bp = find(asize);
    if (bp == NULL) {
        size_t ext = asize > CHUNK ? asize : CHUNK;
        if ((bp = extend(ext / W)) == NULL) return NULL;
    }
    place(bp, asize);
    return bp;
}

static void my_free(void *p) {
    if (p == NULL) return;
    char *bp = p;
    size_t size = size_at(hdr(bp));
    wr(hdr(bp), tag(size, 0));
    wr(ftr(bp), tag(size, 0));
    merge(bp);
}

static void *my_realloc(void *p, size_t size) {
    if (size == 0) { my_free(p); return NULL; }
    if (p == NULL) return my_malloc(size);
    void *q = my_malloc(size);
    if (q == NULL) return NULL;
    size_t payload = size_at(hdr(p)) - D;
    memcpy(q, p, size < payload ? size : payload);
    my_free(p);
    return q;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s first|next|best trace.rep\n", argv[0]); return 2; }
    policy = strcmp(argv[1], "next") == 0 ? NEXT : strcmp(argv[1], "best") == 0 ? BEST : FIRST;
    FILE *f = fopen(argv[2], "r");
    if (!f) { perror(argv[2]); return 2; }
    int heap_hint, ids, ops, weight;
    if (fscanf(f, "%d %d %d %d", &heap_hint, &ids, &ops, &weight) != 4) return 2;
    char **ptr = calloc(ids, sizeof *ptr);
    size_t *len = calloc(ids, sizeof *len);
    if (init() != 0) return 3;
    size_t live = 0, peak = 0;
    char op[8];
    for (int i = 0; i < ops && fscanf(f, "%7s", op) == 1; i++) {
        unsigned id, size;
        if (op[0] == 'f') {
            if (fscanf(f, "%u", &id) != 1) return 2;
            my_free(ptr[id]);
            live -= len[id];
            len[id] = 0;
            ptr[id] = NULL;
            printf("f %u\n", id);
            continue;
        }
        if (fscanf(f, "%u %u", &id, &size) != 2) return 2;
        char *p = op[0] == 'a' ? my_malloc(size) : my_realloc(ptr[id], size);
        live = live - len[id] + (p ? size : 0);
        if (live > peak) peak = live;
        len[id] = p ? size : 0;
        ptr[id] = p;
        printf("%c %u %ld\n", op[0], id, p ? (long) (p - arena) : -1L);
    }
    printf("heap %ld peak %zu\n", (long) (brk_at - arena), peak);
    return 0;
}
