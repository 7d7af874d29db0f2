/*
 * memsim-replay: replays an allocation trace through the real allocator of this process
 * (glibc's malloc, or jemalloc/tcmalloc/mimalloc when LD_PRELOADed) and reports what it did.
 *
 * memsim (org.memsim.real.NativeReplayer) compiles this file with gcc on first use and runs
 *     memsim-replay INPUT OUTPUT FLAGS
 *
 * The driver must not disturb the heap it measures: it uses no stdio and no malloc of its own.
 * Input is read with read(2) into a static buffer, the slot table (slot -> pointer) lives in
 * memory mapped with mmap(2), results are written with write(2) from a static buffer, and all of
 * that happens outside the timed part of the loop.
 *
 * INPUT (binary, little-endian):
 *   header, 32 bytes:  "MSIMRPL1"  u64 slots  u64 ops  u64 reserved (0)
 *   ops, 16 bytes each: u8 code, u8 align_log2, u16 0, u32 slot, u64 size
 *     code 1 malloc(size)                 slots[slot] = result
 *     code 2 calloc(1, size)              size is count*size, saturated to 2^64-1 on overflow
 *     code 3 realloc(slots[slot], size)   slots[slot] NULL: malloc(size); size 0: free, NULL
 *                                         (glibc's REALLOC_ZERO_BYTES_FREES, for every allocator);
 *                                         on failure the old block stays in the slot
 *     code 4 free(slots[slot])            slot becomes NULL (free(NULL) is a no-op)
 *     code 5 memalign(1 << align_log2, size)
 *   Slots are dense numbers < slots; memsim reuses the slot of a freed block.
 *
 * FLAGS: bit 0: glibc chunk headers may be read to size mmapped chunks (prev_size + size);
 *        bit 1: malloc_usable_size() (rounded up to pages) sizes blocks outside the brk heap.
 *
 * OUTPUT (binary, little-endian): one u64 per op, the pointer the call returned (0 for free,
 * for a failed call, and for realloc to 0 bytes), then a trailer of 12 u64:
 *   "MSIMRES1", ops, initial break (sbrk(0) before the first op), final break,
 *   brk high-water (bytes above the initial break), peak footprint (brk bytes + bytes of live
 *   blocks outside the brk heap, at its peak), peak bytes outside the heap, peak RSS before the
 *   replay and after it (KiB, VmHWM of /proc/self/status), minor faults during the timed loop
 *   (getrusage ru_minflt), nanoseconds in the timed loop (CLOCK_MONOTONIC), ops that returned NULL.
 * A block is in the brk heap when initial break <= pointer < the break after the call.
 *
 * Exit status 0 on success; 2 with a message on stderr for bad arguments or input.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

extern void *__curbrk; /* glibc's cached program break (exported; sbrk(0) returns it) */

#define CHUNK_OPS 65536
#define OP_MALLOC 1
#define OP_CALLOC 2
#define OP_REALLOC 3
#define OP_FREE 4
#define OP_MEMALIGN 5

struct op {
    uint8_t code;
    uint8_t align_log2;
    uint16_t pad;
    uint32_t slot;
    uint64_t size;
};

static struct op ops[CHUNK_OPS];
static uint64_t results[CHUNK_OPS];

static void say(const char *a, const char *b) {
    if (write(2, "memsim-replay: ", 15) < 0) return;
    if (write(2, a, strlen(a)) < 0) return;
    if (b && write(2, b, strlen(b)) < 0) return;
    if (write(2, "\n", 1) < 0) return;
}

static void die(const char *a, const char *b) {
    say(a, b);
    _exit(2);
}

static void read_fully(int fd, void *buf, size_t n, const char *what) {
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) die("input ends early: expected ", what);
        p += r;
        n -= (size_t) r;
    }
}

static void write_fully(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) die("cannot write the output file", 0);
        p += w;
        n -= (size_t) w;
    }
}

/* Bytes a block outside the brk heap holds: glibc's mmapped chunk is prev_size (the offset from
   the mapping's start) + chunksize; other allocators: the usable size rounded up to pages. */
static uint64_t outside_bytes(const void *p, int glibc_headers) {
    if (glibc_headers) {
        const uint64_t *h = (const uint64_t *) ((uintptr_t) p - 16);
        return (h[1] & ~(uint64_t) 7) + h[0];
    }
    return (malloc_usable_size((void *) p) + 4095) & ~(uint64_t) 4095;
}

static uint64_t nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

static uint64_t minflt(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (uint64_t) u.ru_minflt;
}

static char status[8192];

/* Peak RSS of this process image in KiB: VmHWM of /proc/self/status (getrusage's ru_maxrss would
   include the RSS of the parent this process was forked from, a JVM), read with read(2). */
static uint64_t maxrss(void) {
    int fd = open("/proc/self/status", O_RDONLY);
    if (fd >= 0) {
        ssize_t n = read(fd, status, sizeof status - 1);
        close(fd);
        if (n > 0) {
            status[n] = 0;
            char *p = strstr(status, "VmHWM:");
            if (p) {
                p += 6;
                while (*p == ' ' || *p == '\t') p++;
                uint64_t v = 0;
                while (*p >= '0' && *p <= '9') v = v * 10 + (uint64_t) (*p++ - '0');
                return v;
            }
        }
    }
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (uint64_t) u.ru_maxrss;
}

int main(int argc, char **argv) {
    if (argc != 4) die("usage: memsim-replay INPUT OUTPUT FLAGS", 0);
    int in = open(argv[1], O_RDONLY);
    if (in < 0) die("cannot open input ", argv[1]);
    int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) die("cannot create output ", argv[2]);
    uint64_t flags = (uint64_t) strtoull(argv[3], 0, 10);
    int glibc_headers = (flags & 1) != 0;
    int usable = (flags & 2) != 0;

    uint64_t header[4];
    read_fully(in, header, sizeof header, "a 32-byte header");
    if (memcmp(header, "MSIMRPL1", 8) != 0) die("not a memsim replay input (bad magic)", 0);
    uint64_t nslots = header[1], nops = header[2];
    if (nslots > (1ull << 36)) die("too many slots", 0);

    void **slots = 0;
    if (nslots > 0) {
        slots = mmap(0, nslots * sizeof(void *), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (slots == MAP_FAILED) die("cannot map the slot table", 0);
    }
    memset(results, 0, sizeof results);
    memset(ops, 0, sizeof ops);

    char *initial = sbrk(0);
    if (initial == (char *) -1) die("sbrk(0) failed", 0);
    uint64_t rss_before = maxrss();
    uint64_t brk_high = 0, footprint_peak = 0, mapped = 0, mapped_peak = 0, failed = 0;
    uint64_t loop_ns = 0, faults = 0;
    uint64_t done = 0;

    while (done < nops) {
        size_t n = nops - done > CHUNK_OPS ? CHUNK_OPS : (size_t) (nops - done);
        read_fully(in, ops, n * sizeof(struct op), "more ops");
        for (size_t i = 0; i < n; i++) {
            if (ops[i].code < OP_MALLOC || ops[i].code > OP_MEMALIGN) die("unknown op code in input", 0);
            if (ops[i].slot >= nslots) die("slot number out of range in input", 0);
            if (ops[i].code == OP_MEMALIGN && ops[i].align_log2 > 40) die("alignment out of range in input", 0);
        }
        uint64_t f0 = minflt();
        uint64_t t0 = nanos();
        for (size_t i = 0; i < n; i++) {
            const struct op *o = &ops[i];
            void *old = slots[o->slot];
            void *p = 0;
            uint64_t old_mapped = 0;
            int wants_block = 1;
            if (old && (glibc_headers | usable) && (o->code == OP_FREE || o->code == OP_REALLOC)
                && ((char *) old < initial || (char *) old >= (char *) __curbrk)) {
                old_mapped = outside_bytes(old, glibc_headers);
                mapped -= old_mapped;
            }
            switch (o->code) {
            case OP_MALLOC:
                p = malloc(o->size);
                slots[o->slot] = p;
                break;
            case OP_CALLOC:
                p = calloc(1, o->size);
                slots[o->slot] = p;
                break;
            case OP_REALLOC:
                if (!old) {
                    p = malloc(o->size);
                    slots[o->slot] = p;
                } else if (o->size == 0) {
                    free(old);
                    slots[o->slot] = 0;
                    wants_block = 0;
                } else {
                    p = realloc(old, o->size);
                    if (p) {
                        slots[o->slot] = p;
                    } else {
                        mapped += old_mapped; /* the old block stays live */
                    }
                }
                break;
            case OP_FREE:
                free(old);
                slots[o->slot] = 0;
                wants_block = 0;
                break;
            default:
                p = memalign((size_t) 1 << o->align_log2, o->size);
                slots[o->slot] = p;
                break;
            }
            char *brk = __curbrk;
            if (p && (glibc_headers | usable) && ((char *) p < initial || (char *) p >= brk)) {
                mapped += outside_bytes(p, glibc_headers);
                if (mapped > mapped_peak) mapped_peak = mapped;
            }
            results[i] = (uint64_t) (uintptr_t) p;
            if (!p && wants_block) failed++;
            uint64_t above = (uint64_t) (brk - initial);
            if (above > brk_high) brk_high = above;
            if (above + mapped > footprint_peak) footprint_peak = above + mapped;
        }
        loop_ns += nanos() - t0;
        faults += minflt() - f0;
        write_fully(out, results, n * sizeof(uint64_t));
        done += n;
    }
    uint64_t trailer[12];
    memcpy(&trailer[0], "MSIMRES1", 8);
    trailer[1] = nops;
    trailer[2] = (uint64_t) (uintptr_t) initial;
    trailer[3] = (uint64_t) (uintptr_t) __curbrk;
    trailer[4] = brk_high;
    trailer[5] = footprint_peak;
    trailer[6] = mapped_peak;
    trailer[7] = rss_before;
    trailer[8] = maxrss();
    trailer[9] = faults;
    trailer[10] = loop_ns;
    trailer[11] = failed;
    write_fully(out, trailer, sizeof trailer);
    if (close(out) != 0) die("cannot close the output file", 0);
    return 0;
}
