/*
 * memsim-capture.c — an LD_PRELOAD shim that records a program's allocation calls for
 * `memsim capture` (org.memsim.capture.Capturer builds it with
 * gcc -shared -fPIC -O2 -ldl -pthread and runs the program with it; docs/capture.md).
 *
 * Interposed: malloc calloc realloc free posix_memalign aligned_alloc memalign valloc pvalloc
 * mmap munmap brk sbrk exit _exit _Exit __libc_start_main (to learn main's return value).
 * Calls glibc makes through its internal aliases (__mmap for large mallocs, __sbrk of the main
 * arena) are not seen: only calls through the exported symbols are.
 *
 * Records are text lines, numbers in hex unless noted, t = CLOCK_MONOTONIC ns (merges processes):
 *   P pid ppid e|f t                 process header (e: a new image, f: a fork child)
 *   m t tid size ret site            malloc (ret 0: failed)
 *   c t tid count size ret site      calloc
 *   r t tid old size ret site        realloc
 *   a t tid align size ret site      posix_memalign, aligned_alloc, memalign, valloc, pvalloc
 *   f t tid ptr site                 free (recorded before the real free runs)
 *   M t tid addr len prot flags off ret path   mmap (path empty for anonymous)
 *   U t tid addr len ret             munmap
 *   B t tid addr ret                 brk (ret 0 success, else -1 as ffff...)
 *   S t tid increment ret            sbrk
 *   X t tid status                   exit status (decimal; -signal when a fatal signal arrived)
 *   D site frame;frame;...           call site (with MEMSIM_CAPTURE_STACKS=1), written at exit
 *   W addr value                     pointer snapshot at exit: the word at addr points into a live block;
 *                                    every snapshot ends with the word of snapshot_marker (value 0), so an
 *                                    empty snapshot is told apart from none
 *   E tid / L tid                    under Valgrind only: the hook enters / leaves (accesses between
 *                                    them are the allocator's or the shim's, not the program's)
 *
 * Natively, records go to DIR/PID-N.rec (MEMSIM_CAPTURE_DIR), through a buffer flushed when full,
 * before fork, at exit and from a handler of SIGABRT/SIGSEGV/SIGBUS/SIGILL/SIGFPE (installed only
 * where the program left the default action); MEMSIM_CAPTURE_UNBUFFERED=1 writes every record at
 * once instead. Under Valgrind (RUNNING_ON_VALGRIND) records go through the VALGRIND_PRINTF client
 * request, into the same log as Lackey's access lines and in order with them.
 *
 * Safety: dlsym's own allocations are served from a static bootstrap buffer; a thread-local flag
 * sends calls made while a hook runs straight to the real functions; one mutex orders the records
 * and the real calls (so a block freed by one thread and returned to another is recorded in the
 * order it happened); pthread_atfork takes the mutex around fork and gives the child its own file.
 * The shim allocates nothing from the program's heap: its tables are its own mmap'd memory.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <valgrind/valgrind.h>

#define HIDDEN __attribute__((visibility("hidden")))
#define TLS __thread __attribute__((tls_model("initial-exec")))

/* ------------------------------------------------------------------ real functions */

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);
static void *(*real_valloc)(size_t);
static void *(*real_pvalloc)(size_t);
static void *(*real_mmap)(void *, size_t, int, int, int, off_t);
static int (*real_munmap)(void *, size_t);
static int (*real_brk)(void *);
static void *(*real_sbrk)(intptr_t);
static void (*real_exit)(int) __attribute__((noreturn));
static void (*real__exit)(int) __attribute__((noreturn));
static void (*real__Exit)(int) __attribute__((noreturn));

/* dlsym may allocate before the real functions are known: serve it from here, never free it. */
static char bootstrap[16384] __attribute__((aligned(16)));
static size_t bootstrap_used;

static int state; /* 0 uninitialised, 1 initialising, 2 ready, 3 finished (after the exit snapshot) */
static int on_valgrind;
static int unbuffered;
static int stacks;
static int out_fd = -1;
static char out_dir[4096];
static pid_t my_pid;
static pid_t parent_pid;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static TLS int in_hook;
static TLS pid_t my_tid;

static void *bootstrap_alloc(size_t size) {
    size_t at = (bootstrap_used + 15) & ~(size_t) 15;
    if (at + size > sizeof bootstrap) {
        return NULL;
    }
    bootstrap_used = at + size;
    return bootstrap + at;
}

static int in_bootstrap(void *p) {
    return (char *) p >= bootstrap && (char *) p < bootstrap + sizeof bootstrap;
}

/* ------------------------------------------------------------------ record formatting */

#define BUF_BYTES (1 << 16)
static char buf[BUF_BYTES];
static size_t buf_used;

/*
 * A record being built. Natively it is formatted into s. Under Valgrind every instruction the shim
 * runs is a Lackey line, so the shim formats nothing there: it collects a printf format and the
 * values, and VALGRIND_PRINTF has Valgrind's core format them (raw lines format natively always).
 */
typedef struct {
    char s[2048];
    int n;
    int raw;
    char fmt[96];
    int nf;
    unsigned long v[10];
    int nv;
} line_t;

static void line_start(line_t *l, int raw) {
    l->n = 0;
    l->nf = 0;
    l->nv = 0;
    l->raw = raw;
}

static int vg(line_t *l) {
    return on_valgrind && !l->raw;
}

static void fmt_add(line_t *l, const char *f) {
    while (*f && l->nf < (int) sizeof l->fmt - 2) {
        l->fmt[l->nf++] = *f++;
    }
}

static void fmt_value(line_t *l, const char *f, unsigned long v) {
    if (l->nv < 10) {
        fmt_add(l, f);
        l->v[l->nv++] = v;
    }
}

static void put_char(line_t *l, char c) {
    if (vg(l)) {
        char f[3] = {c, c == '%' ? '%' : 0, 0};
        fmt_add(l, f);
        return;
    }
    if (l->n < (int) sizeof l->s - 1) {
        l->s[l->n++] = c;
    }
}

static void put_hex(line_t *l, unsigned long v) {
    if (vg(l)) {
        fmt_value(l, " %lx", v);
        return;
    }
    int digits = v ? (64 - __builtin_clzl(v) + 3) / 4 : 1;
    if (l->n + 1 + digits >= (int) sizeof l->s) {
        return;
    }
    char *p = l->s + l->n;
    *p++ = ' ';
    for (int i = digits - 1; i >= 0; i--) {
        p[i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    }
    l->n += 1 + digits;
}

static void put_dec(line_t *l, long v) {
    if (vg(l)) {
        fmt_value(l, " %ld", (unsigned long) v);
        return;
    }
    char tmp[24];
    int k = 0;
    unsigned long u = v < 0 ? -(unsigned long) v : (unsigned long) v;
    put_char(l, ' ');
    if (v < 0) {
        put_char(l, '-');
    }
    do {
        tmp[k++] = (char) ('0' + u % 10);
        u /= 10;
    } while (u);
    while (k) {
        put_char(l, tmp[--k]);
    }
}

/* Under Valgrind s must stay valid until the line is emitted. */
static void put_str(line_t *l, const char *s) {
    if (vg(l)) {
        fmt_value(l, "%s", (unsigned long) s);
        return;
    }
    for (; *s; s++) {
        put_char(l, *s == '\n' ? '?' : *s);
    }
}

static pid_t tid(void) {
    if (!my_tid) {
        my_tid = (pid_t) syscall(SYS_gettid);
    }
    return my_tid;
}

static unsigned long now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long) ts.tv_sec * 1000000000UL + (unsigned long) ts.tv_nsec;
}

/* Starts a timed record: op, time, thread. */
static void begin(line_t *l, char op) {
    line_start(l, 0);
    put_char(l, op);
    put_hex(l, now());
    put_hex(l, (unsigned long) tid());
}

static void write_all(int fd, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            return; /* the descriptor is gone (the program closed it): records are lost, the program is not disturbed */
        }
        p += w;
        n -= (size_t) w;
    }
}

static void flush(void) {
    if (buf_used > 0 && out_fd >= 0) {
        write_all(out_fd, buf, buf_used);
    }
    buf_used = 0;
}

/* Emits a finished line (caller holds the lock, or is alone). */
static void emit(line_t *l) {
    if (l->n >= (int) sizeof l->s - 1) {
        l->n = (int) sizeof l->s - 2; /* a line cut short still ends */
    }
    if (vg(l)) {
        fmt_add(l, "\n");
        l->fmt[l->nf] = 0;
        unsigned long *v = l->v;
        VALGRIND_PRINTF(l->fmt, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
        return;
    }
    put_char(l, '\n');
    if (out_fd < 0) {
        return;
    }
    if (unbuffered) {
        write_all(out_fd, l->s, (size_t) l->n);
        return;
    }
    if (buf_used + (size_t) l->n > BUF_BYTES) {
        flush();
    }
    memcpy(buf + buf_used, l->s, (size_t) l->n);
    buf_used += (size_t) l->n;
}

static void marker(char op) {
    if (on_valgrind) {
        VALGRIND_PRINTF("%c %x\n", op, (unsigned) tid());
    }
}

/* ------------------------------------------------------------------ live blocks (for the exit snapshot) */

/* Open addressing over mmap'd memory: address -> size; deletion shifts the probe chain back. */
static uintptr_t *tab_key;
static size_t *tab_size;
static size_t tab_cap, tab_count;

static size_t slot_of(uintptr_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdUL;
    k ^= k >> 33;
    return (size_t) k & (tab_cap - 1);
}

/* The shim's own anonymous mappings, so the exit snapshot never takes its tables for the program's bss. */
#define OWN_MAX 64
static uintptr_t own_lo[OWN_MAX], own_hi[OWN_MAX];
static int own_n;

static void *raw_map(size_t bytes) {
    void *p = real_mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        return NULL;
    }
    if (own_n < OWN_MAX) {
        own_lo[own_n] = (uintptr_t) p;
        own_hi[own_n] = (uintptr_t) p + bytes;
        own_n++;
    }
    return p;
}

static void raw_unmap(void *p, size_t bytes) {
    for (int i = 0; i < own_n; i++) {
        if (own_lo[i] == (uintptr_t) p) {
            own_lo[i] = own_lo[own_n - 1];
            own_hi[i] = own_hi[own_n - 1];
            own_n--;
            break;
        }
    }
    real_munmap(p, bytes);
}

static void tab_put(uintptr_t k, size_t size);

static int tab_grow(void) {
    size_t old_cap = tab_cap;
    uintptr_t *ok = tab_key;
    size_t *os = tab_size;
    size_t cap = old_cap ? old_cap * 2 : 4096;
    uintptr_t *nk = raw_map(cap * sizeof *nk);
    size_t *ns = raw_map(cap * sizeof *ns);
    if (!nk || !ns) {
        return 0;
    }
    tab_key = nk;
    tab_size = ns;
    tab_cap = cap;
    tab_count = 0;
    for (size_t i = 0; i < old_cap; i++) {
        if (ok[i]) {
            tab_put(ok[i], os[i]);
        }
    }
    if (ok) {
        raw_unmap(ok, old_cap * sizeof *ok);
        raw_unmap(os, old_cap * sizeof *os);
    }
    return 1;
}

static void tab_put(uintptr_t k, size_t size) {
    if (!k) {
        return;
    }
    if ((tab_count + 1) * 2 > tab_cap && !tab_grow()) {
        return;
    }
    size_t i = slot_of(k);
    while (tab_key[i] && tab_key[i] != k) {
        i = (i + 1) & (tab_cap - 1);
    }
    if (!tab_key[i]) {
        tab_count++;
    }
    tab_key[i] = k;
    tab_size[i] = size;
}

static void tab_remove(uintptr_t k) {
    if (!k || !tab_cap) {
        return;
    }
    size_t i = slot_of(k);
    while (tab_key[i] != k) {
        if (!tab_key[i]) {
            return;
        }
        i = (i + 1) & (tab_cap - 1);
    }
    tab_key[i] = 0;
    tab_count--;
    for (size_t j = (i + 1) & (tab_cap - 1); tab_key[j]; j = (j + 1) & (tab_cap - 1)) {
        size_t home = slot_of(tab_key[j]);
        /* move j back to i if its home is not cyclically within (i, j] */
        if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
            tab_key[i] = tab_key[j];
            tab_size[i] = tab_size[j];
            tab_key[j] = 0;
            i = j;
        }
    }
}

/* ------------------------------------------------------------------ call sites */

#define MAX_FRAMES 8
#define SKIP_FRAMES 2 /* the hook and site() */
#define SITE_CAP 8192
static void **site_frames;  /* SITE_CAP * MAX_FRAMES, mmap'd */
static int *site_depth;
static int *site_table;     /* SITE_CAP*2 slots of site numbers (open addressing on the frames' hash) */
static int site_count;

__attribute__((noinline)) static int site(void) {
    if (!stacks || !site_frames) {
        return 0;
    }
    void *f[MAX_FRAMES + SKIP_FRAMES];
    int n = backtrace(f, MAX_FRAMES + SKIP_FRAMES) - SKIP_FRAMES;
    if (n <= 0) {
        return 0;
    }
    uintptr_t h = 1469598103934665603UL;
    for (int i = 0; i < n; i++) {
        h = (h ^ (uintptr_t) f[i + SKIP_FRAMES]) * 1099511628211UL;
    }
    size_t mask = SITE_CAP * 2 - 1;
    for (size_t i = (size_t) h & mask;; i = (i + 1) & mask) {
        int s = site_table[i];
        if (s == 0) {
            if (site_count >= SITE_CAP) {
                return 0;
            }
            s = ++site_count;
            site_table[i] = s;
            site_depth[s - 1] = n;
            memcpy(site_frames + (size_t) (s - 1) * MAX_FRAMES, f + SKIP_FRAMES, (size_t) n * sizeof(void *));
            return s;
        }
        if (site_depth[s - 1] == n && memcmp(site_frames + (size_t) (s - 1) * MAX_FRAMES, f + SKIP_FRAMES, (size_t) n * sizeof(void *)) == 0) {
            return s;
        }
    }
}

/* Names every site with backtrace_symbols (its allocations run with in_hook set: unrecorded). */
static void write_sites(void) {
    for (int s = 1; s <= site_count; s++) {
        int n = site_depth[s - 1];
        char **names = backtrace_symbols(site_frames + (size_t) (s - 1) * MAX_FRAMES, n);
        line_t f; /* the frames, formatted here in both modes */
        line_start(&f, 1);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                put_char(&f, ';');
            }
            if (names) {
                put_str(&f, names[i]);
            } else {
                put_hex(&f, (unsigned long) site_frames[(size_t) (s - 1) * MAX_FRAMES + i]);
            }
        }
        f.s[f.n] = 0;
        for (int i = 0; i < f.n; i++) {
            if (f.s[i] == ' ') {
                f.s[i] = '_'; /* the frames are one field */
            }
        }
        line_t l;
        line_start(&l, 0);
        put_char(&l, 'D');
        put_hex(&l, (unsigned long) s);
        put_char(&l, ' ');
        put_str(&l, f.s);
        emit(&l);
        if (names) {
            real_free(names);
        }
    }
}

/* ------------------------------------------------------------------ process start, fork, signals */

static void header(char kind) {
    line_t l;
    line_start(&l, 0);
    put_char(&l, 'P');
    put_hex(&l, (unsigned long) my_pid);
    put_hex(&l, (unsigned long) parent_pid);
    put_char(&l, ' ');
    put_char(&l, kind);
    put_hex(&l, now());
    emit(&l);
}

static void open_output(void) {
    if (on_valgrind || !out_dir[0]) {
        return;
    }
    char path[4200];
    for (int n = 1; n < 1000; n++) {
        line_t l;
        line_start(&l, 1);
        put_str(&l, out_dir);
        put_char(&l, '/');
        put_dec(&l, my_pid);
        put_char(&l, '-');
        put_dec(&l, n);
        put_str(&l, ".rec");
        l.s[l.n] = 0;
        /* put_dec writes a leading blank: drop those */
        int k = 0;
        for (int i = 0; i <= l.n; i++) {
            if (l.s[i] != ' ') {
                path[k++] = l.s[i];
            }
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0) {
            /* keep low descriptor numbers free for the program */
            int high = fcntl(fd, F_DUPFD_CLOEXEC, 500);
            if (high >= 0) {
                close(fd);
                fd = high;
            }
            out_fd = fd;
            return;
        }
        if (errno != EEXIST) {
            return;
        }
    }
}

static void exit_record(long status) {
    line_t l;
    begin(&l, 'X');
    put_dec(&l, status);
    emit(&l);
}

static void snapshot(void);

static void on_fatal(int sig) {
    /* best effort, no lock: the crashing thread may hold it */
    in_hook = 1;
    exit_record(-(long) sig);
    if (sig == SIGABRT) {
        snapshot(); /* glibc's abort on a heap error: memcheck still reports leaks at such an exit */
    }
    flush();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void fork_prepare(void) {
    if (state != 2) {
        return;
    }
    in_hook++;
    pthread_mutex_lock(&lock);
    flush();
}

static void fork_parent(void) {
    if (state != 2) {
        return;
    }
    pthread_mutex_unlock(&lock);
    in_hook--;
}

static void fork_child(void) {
    if (state != 2) {
        return;
    }
    pthread_mutex_init(&lock, NULL);
    in_hook--;
    my_tid = 0;
    parent_pid = my_pid;
    my_pid = getpid();
    buf_used = 0;
    unbuffered = 1; /* a child often execs or _exits soon, through paths the shim cannot see */
    if (out_fd >= 0) {
        close(out_fd);
        out_fd = -1;
    }
    open_output();
    header('f');
}

static void *sym(const char *name) {
    return dlsym(RTLD_NEXT, name);
}

static void init(void) {
    if (state != 0) {
        return;
    }
    state = 1;
    in_hook++;
    real_malloc = sym("malloc");
    real_calloc = sym("calloc");
    real_realloc = sym("realloc");
    real_free = sym("free");
    real_posix_memalign = sym("posix_memalign");
    real_aligned_alloc = sym("aligned_alloc");
    real_memalign = sym("memalign");
    real_valloc = sym("valloc");
    real_pvalloc = sym("pvalloc");
    real_mmap = sym("mmap");
    real_munmap = sym("munmap");
    real_brk = sym("brk");
    real_sbrk = sym("sbrk");
    real_exit = sym("exit");
    real__exit = sym("_exit");
    real__Exit = sym("_Exit");
    on_valgrind = RUNNING_ON_VALGRIND ? 1 : 0;
    const char *d = getenv("MEMSIM_CAPTURE_DIR");
    if (d && strlen(d) < sizeof out_dir) {
        strcpy(out_dir, d);
    }
    const char *u = getenv("MEMSIM_CAPTURE_UNBUFFERED");
    unbuffered = u && u[0] == '1';
    const char *s = getenv("MEMSIM_CAPTURE_STACKS");
    stacks = s && s[0] == '1';
    my_pid = getpid();
    parent_pid = getppid();
    const char *v = getenv("MEMSIM_CAPTURE_VALGRIND");
    if (v && v[0] == '1' && !on_valgrind) {
        out_dir[0] = 0; /* Valgrind's launcher chain (its wrapper script, valgrind.bin): not the program */
    }
    open_output();
    if (stacks) {
        site_frames = raw_map((size_t) SITE_CAP * MAX_FRAMES * sizeof(void *));
        site_depth = raw_map(SITE_CAP * sizeof(int));
        site_table = raw_map(SITE_CAP * 2 * sizeof(int));
        void *prime[2];
        backtrace(prime, 2); /* loads libgcc_s now, while its allocations are the shim's */
    }
    tab_grow();
    pthread_atfork(fork_prepare, fork_parent, fork_child);
    int fatal[] = {SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        struct sigaction old;
        if (sigaction(fatal[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL && !(old.sa_flags & SA_SIGINFO)) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_fatal;
            sigemptyset(&sa.sa_mask);
            sigaction(fatal[i], &sa, NULL);
        }
    }
    header('e');
    in_hook--;
    state = 2;
}

/* ------------------------------------------------------------------ hook bracket */

/* Enters a recorded call: true if this call is to be recorded (then the lock is held). */
static int enter(void) {
    if (state != 2 || in_hook) {
        if (state == 0) {
            init();
        }
        if (state != 2 || in_hook) {
            return 0;
        }
    }
    in_hook = 1;
    marker('E');
    pthread_mutex_lock(&lock);
    return 1;
}

static void leave(void) {
    pthread_mutex_unlock(&lock);
    marker('L');
    in_hook = 0;
}

/* ------------------------------------------------------------------ the allocation family */

/*
 * A timed record of n (2 to 4) hex fields. Under Valgrind the format strings are constants, so
 * the shim runs almost no instructions of its own for Lackey to trace (Valgrind formats them).
 */
static void rec(char op, int n, unsigned long a, unsigned long b, unsigned long c, unsigned long d) {
    if (on_valgrind) {
        unsigned long t = now(), id = (unsigned long) tid();
        if (n == 2) {
            VALGRIND_PRINTF("%c %lx %lx %lx %lx\n", op, t, id, a, b);
        } else if (n == 3) {
            VALGRIND_PRINTF("%c %lx %lx %lx %lx %lx\n", op, t, id, a, b, c);
        } else {
            VALGRIND_PRINTF("%c %lx %lx %lx %lx %lx %lx\n", op, t, id, a, b, c, d);
        }
        return;
    }
    line_t l;
    begin(&l, op);
    put_hex(&l, a);
    put_hex(&l, b);
    if (n > 2) {
        put_hex(&l, c);
    }
    if (n > 3) {
        put_hex(&l, d);
    }
    emit(&l);
}

static void alloc_record(char op, unsigned long a, unsigned long b, void *ret, int s, int counted) {
    if (counted) {
        rec(op, 4, a, b, (unsigned long) ret, (unsigned long) s);
    } else {
        rec(op, 3, b, (unsigned long) ret, (unsigned long) s, 0);
    }
}

void *malloc(size_t size) {
    if (!real_malloc) {
        if (state == 1) {
            return bootstrap_alloc(size);
        }
        init();
    }
    if (!enter()) {
        return real_malloc(size);
    }
    int s = site();
    void *p = real_malloc(size);
    tab_put((uintptr_t) p, size);
    alloc_record('m', 0, size, p, s, 0);
    leave();
    return p;
}

void *calloc(size_t n, size_t size) {
    if (!real_calloc) {
        if (state == 1) {
            void *p = bootstrap_alloc(n * size);
            if (p) {
                memset(p, 0, n * size);
            }
            return p;
        }
        init();
    }
    if (!enter()) {
        return real_calloc(n, size);
    }
    int s = site();
    void *p = real_calloc(n, size);
    tab_put((uintptr_t) p, n * size);
    alloc_record('c', n, size, p, s, 1);
    leave();
    return p;
}

void *realloc(void *old, size_t size) {
    if (in_bootstrap(old)) {
        void *p = malloc(size);
        if (p) {
            memcpy(p, old, size);
        }
        return p;
    }
    if (!real_realloc) {
        init();
    }
    if (!enter()) {
        return real_realloc(old, size);
    }
    int s = site();
    void *p = real_realloc(old, size);
    if (p || size == 0) {
        tab_remove((uintptr_t) old);
    }
    tab_put((uintptr_t) p, size);
    alloc_record('r', (unsigned long) old, size, p, s, 1);
    leave();
    return p;
}

void free(void *p) {
    if (in_bootstrap(p)) {
        return;
    }
    if (!real_free) {
        init();
    }
    if (!enter()) {
        real_free(p);
        return;
    }
    int s = site();
    rec('f', 2, (unsigned long) p, (unsigned long) s, 0, 0);
    tab_remove((uintptr_t) p);
    if (unbuffered) {
        /* glibc may abort inside free: the record is out already */
    }
    real_free(p);
    leave();
}

static inline __attribute__((always_inline)) void *aligned(char kind, size_t align, size_t size, void *(*call)(size_t, size_t), void *(*call1)(size_t)) {
    (void) kind;
    int s = site();
    void *p = call ? call(align, size) : call1(size);
    tab_put((uintptr_t) p, size);
    alloc_record('a', align, size, p, s, 1);
    return p;
}

int posix_memalign(void **out, size_t align, size_t size) {
    if (!real_posix_memalign) {
        init();
    }
    if (!enter()) {
        return real_posix_memalign(out, align, size);
    }
    int s = site();
    void *p = NULL;
    int rc = real_posix_memalign(&p, align, size);
    if (rc == 0) {
        *out = p;
    }
    tab_put((uintptr_t) p, size);
    alloc_record('a', align, size, rc == 0 ? p : NULL, s, 1);
    leave();
    return rc;
}

void *aligned_alloc(size_t align, size_t size) {
    if (!real_aligned_alloc) {
        init();
    }
    if (!enter()) {
        return real_aligned_alloc(align, size);
    }
    void *p = aligned('a', align, size, real_aligned_alloc, NULL);
    leave();
    return p;
}

void *memalign(size_t align, size_t size) {
    if (!real_memalign) {
        init();
    }
    if (!enter()) {
        return real_memalign(align, size);
    }
    void *p = aligned('a', align, size, real_memalign, NULL);
    leave();
    return p;
}

void *valloc(size_t size) {
    if (!real_valloc) {
        init();
    }
    if (!enter()) {
        return real_valloc(size);
    }
    void *p = aligned('a', (size_t) sysconf(_SC_PAGESIZE), size, NULL, real_valloc);
    leave();
    return p;
}

void *pvalloc(size_t size) {
    if (!real_pvalloc) {
        init();
    }
    if (!enter()) {
        return real_pvalloc(size);
    }
    size_t page = (size_t) sysconf(_SC_PAGESIZE);
    void *p = aligned('a', page, (size + page - 1) & ~(page - 1), NULL, real_pvalloc);
    leave();
    return p;
}

/* ------------------------------------------------------------------ kernel calls seen through libc's symbols */

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    if (!real_mmap) {
        if (state == 1) {
            return (void *) syscall(SYS_mmap, addr, len, prot, flags, fd, off);
        }
        init();
    }
    if (!enter()) {
        return real_mmap(addr, len, prot, flags, fd, off);
    }
    void *p = real_mmap(addr, len, prot, flags, fd, off);
    int saved = errno;
    line_t l;
    begin(&l, 'M');
    put_hex(&l, (unsigned long) addr);
    put_hex(&l, len);
    put_hex(&l, (unsigned long) prot);
    put_hex(&l, (unsigned long) flags);
    put_hex(&l, (unsigned long) off);
    put_hex(&l, (unsigned long) p);
    put_char(&l, ' ');
    if (fd >= 0 && !(flags & MAP_ANONYMOUS)) {
        char link[64], path[300];
        line_t q;
        line_start(&q, 1);
        put_str(&q, "/proc/self/fd/");
        put_dec(&q, fd);
        q.s[q.n] = 0;
        int k = 0;
        for (int i = 0; i <= q.n; i++) {
            if (q.s[i] != ' ') {
                link[k++] = q.s[i];
            }
        }
        ssize_t n = readlink(link, path, sizeof path - 1);
        if (n > 0) {
            path[n] = 0;
            put_str(&l, path);
        }
    }
    emit(&l);
    leave();
    errno = saved;
    return p;
}

int munmap(void *addr, size_t len) {
    if (!real_munmap) {
        init();
    }
    if (!enter()) {
        return real_munmap(addr, len);
    }
    int rc = real_munmap(addr, len);
    int saved = errno;
    rec('U', 3, (unsigned long) addr, len, (unsigned long) (long) rc, 0);
    leave();
    errno = saved;
    return rc;
}

int brk(void *addr) {
    if (!real_brk) {
        init();
    }
    if (!enter()) {
        return real_brk(addr);
    }
    int rc = real_brk(addr);
    int saved = errno;
    rec('B', 2, (unsigned long) addr, (unsigned long) (long) rc, 0, 0);
    leave();
    errno = saved;
    return rc;
}

void *sbrk(intptr_t increment) {
    if (!real_sbrk) {
        init();
    }
    if (!enter()) {
        return real_sbrk(increment);
    }
    void *p = real_sbrk(increment);
    int saved = errno;
    rec('S', 2, (unsigned long) increment, (unsigned long) p, 0, 0);
    leave();
    errno = saved;
    return p;
}

/* ------------------------------------------------------------------ exit: status, pointer snapshot */

static int exit_recorded;

static void record_exit(long status) {
    if (state != 2 || exit_recorded) {
        return;
    }
    in_hook++;
    pthread_mutex_lock(&lock);
    exit_record(status);
    exit_recorded = 1;
    pthread_mutex_unlock(&lock);
    in_hook--;
}

void exit(int status) {
    if (!real_exit) {
        init();
    }
    record_exit(status);
    real_exit(status);
}

void _exit(int status) {
    if (!real__exit) {
        init();
    }
    record_exit(status);
    if (state == 2 && !on_valgrind) {
        pthread_mutex_lock(&lock);
        flush();
        pthread_mutex_unlock(&lock);
    }
    real__exit(status);
}

void _Exit(int status) {
    if (!real__Exit) {
        init();
    }
    record_exit(status);
    if (state == 2 && !on_valgrind) {
        pthread_mutex_lock(&lock);
        flush();
        pthread_mutex_unlock(&lock);
    }
    real__Exit(status);
}

/* exec replaces the image: records still in the buffer go out first (execl* and glibc-internal
   execs such as system() are not interposed; a forked child writes unbuffered, see fork_child). */
static void flush_before_exec(void) {
    if (state == 2 && !on_valgrind) {
        in_hook++;
        pthread_mutex_lock(&lock);
        flush();
        pthread_mutex_unlock(&lock);
        in_hook--;
    }
}

int execve(const char *path, char *const argv[], char *const envp[]) {
    static int (*real)(const char *, char *const[], char *const[]);
    if (!real) {
        real = sym("execve");
    }
    flush_before_exec();
    return real(path, argv, envp);
}

int execv(const char *path, char *const argv[]) {
    static int (*real)(const char *, char *const[]);
    if (!real) {
        real = sym("execv");
    }
    flush_before_exec();
    return real(path, argv);
}

int execvp(const char *file, char *const argv[]) {
    static int (*real)(const char *, char *const[]);
    if (!real) {
        real = sym("execvp");
    }
    flush_before_exec();
    return real(file, argv);
}

int execvpe(const char *file, char *const argv[], char *const envp[]) {
    static int (*real)(const char *, char *const[], char *const[]);
    if (!real) {
        real = sym("execvpe");
    }
    flush_before_exec();
    return real(file, argv, envp);
}

static int (*real_main)(int, char **, char **);

/* Where the root scan of the stack starts once main has returned: the frames below are dead. */
static uintptr_t stack_scan_from;

static int main_wrapper(int argc, char **argv, char **envp) {
    int rc = real_main(argc, argv, envp);
    stack_scan_from = (uintptr_t) __builtin_frame_address(0);
    record_exit(rc);
    return rc;
}

int __libc_start_main(int (*main)(int, char **, char **), int argc, char **argv, void (*init_fn)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end) {
    int (*real_start)(int (*)(int, char **, char **), int, char **, void (*)(void), void (*)(void), void (*)(void), void *)
        = dlsym(RTLD_NEXT, "__libc_start_main");
    real_main = main;
    return real_start(main_wrapper, argc, argv, init_fn, fini, rtld_fini, stack_end);
}

/* Sorted copy of the live blocks for the snapshot: parallel arrays, heapsort (no libc qsort: it may allocate). */
static uintptr_t *live_start;
static size_t *live_len;
static size_t live_n;

static void sift(size_t i, size_t n) {
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n) {
            return;
        }
        if (c + 1 < n && live_start[c + 1] > live_start[c]) {
            c++;
        }
        if (live_start[i] >= live_start[c]) {
            return;
        }
        uintptr_t k = live_start[i];
        live_start[i] = live_start[c];
        live_start[c] = k;
        size_t s = live_len[i];
        live_len[i] = live_len[c];
        live_len[c] = s;
        i = c;
    }
}

static void sort_live(void) {
    live_n = 0;
    if (!tab_count) {
        return;
    }
    live_start = raw_map(tab_count * sizeof *live_start);
    live_len = raw_map(tab_count * sizeof *live_len);
    if (!live_start || !live_len) {
        return;
    }
    for (size_t i = 0; i < tab_cap; i++) {
        if (tab_key[i]) {
            live_start[live_n] = tab_key[i];
            live_len[live_n] = tab_size[i];
            live_n++;
        }
    }
    for (size_t i = live_n / 2; i-- > 0;) {
        sift(i, live_n);
    }
    for (size_t n = live_n; n > 1; n--) {
        uintptr_t k = live_start[0];
        live_start[0] = live_start[n - 1];
        live_start[n - 1] = k;
        size_t s = live_len[0];
        live_len[0] = live_len[n - 1];
        live_len[n - 1] = s;
        sift(0, n - 1);
    }
}

/* True if v points into a live block (its start, or inside it; a zero-size block only at its start). */
static int points_into_live(uintptr_t v) {
    size_t lo = 0, hi = live_n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (live_start[mid] <= v) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo == 0) {
        return 0;
    }
    uintptr_t s = live_start[lo - 1];
    size_t n = live_len[lo - 1];
    return v == s || v < s + n;
}

static void scan(uintptr_t from, uintptr_t to) {
    from = (from + 7) & ~(uintptr_t) 7;
    for (uintptr_t a = from; a + 8 <= to; a += 8) {
        uintptr_t v = *(volatile uintptr_t *) a;
        if (v && points_into_live(v)) {
            if (on_valgrind) {
                VALGRIND_PRINTF("W %lx %lx\n", (unsigned long) a, (unsigned long) v);
                continue;
            }
            line_t l;
            line_start(&l, 0);
            put_char(&l, 'W');
            put_hex(&l, a);
            put_hex(&l, v);
            emit(&l);
        }
    }
}

/* Scans [from, to) for roots, leaving out the shim's own mappings inside it. */
static void scan_root(uintptr_t from, uintptr_t to) {
    for (int i = 0; i < own_n; i++) {
        if (own_lo[i] < to && own_hi[i] > from) {
            if (own_lo[i] > from) {
                scan_root(from, own_lo[i]);
            }
            if (own_hi[i] < to) {
                scan_root(own_hi[i], to);
            }
            return;
        }
    }
    scan(from, to);
}

static unsigned long parse_hex(const char **p) {
    unsigned long v = 0;
    for (;; (*p)++) {
        char c = **p;
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) {
            return v;
        }
        v = v * 16 + (unsigned long) d;
    }
}

/*
 * Scans the writable mappings a leak checker treats as roots: file-backed rw mappings (data) of
 * everything but the shim and Valgrind, the anonymous mapping right after one (bss), and the
 * calling thread's stack from sp up. Heap mappings are not scanned wholesale: live blocks are.
 */
static void scan_roots(void) {
    static char maps[1 << 16];
    int fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return;
    }
    size_t n = 0;
    for (;;) {
        ssize_t r = read(fd, maps + n, sizeof maps - 1 - n);
        if (r <= 0) {
            break;
        }
        n += (size_t) r;
        if (n >= sizeof maps - 1) {
            break;
        }
    }
    close(fd);
    maps[n] = 0;
    uintptr_t sp = (uintptr_t) __builtin_frame_address(0);
    uintptr_t prev_file_end = 0;
    if (stack_scan_from > sp) {
        sp = stack_scan_from; /* main returned: what lies below its caller's frame is dead, as at memcheck's exit */
    }
    for (const char *p = maps; *p;) {
        const char *line = p;
        uintptr_t lo = parse_hex(&p);
        p++;
        uintptr_t hi = parse_hex(&p);
        p++;
        /* data and bss are rw-p exactly: shared or executable mappings (Valgrind's own) are no roots */
        int data = p[0] == 'r' && p[1] == 'w' && p[2] == '-' && p[3] == 'p';
        const char *path = NULL;
        for (int field = 0; *p && *p != '\n'; p++) {
            if (*p == ' ') {
                field++;
                if (field == 4) {
                    while (*p == ' ') {
                        p++;
                    }
                    path = p;
                    break;
                }
            }
        }
        while (*p && *p != '\n') {
            p++;
        }
        const char *path_end = p;
        if (*p) {
            p++;
        }
        (void) line;
        int has_path = path && path < path_end && *path != '\n';
        int named_file = has_path && path[0] == '/';
        int own = 0;
        if (named_file) {
            for (const char *q = path; q + 6 < path_end; q++) {
                if (strncmp(q, "memsim-capture", 14) == 0 || strncmp(q, "/valgrind/", 10) == 0) {
                    own = 1;
                    break;
                }
            }
        }
        if (data) {
            if (sp >= lo && sp < hi) {
                scan_root(sp, hi);
            } else if (named_file && !own) {
                scan_root(lo, hi);
            } else if (!has_path && lo == prev_file_end) {
                scan_root(lo, hi); /* bss (and anything the kernel placed right after it) */
            }
        }
        prev_file_end = data && named_file && !own ? hi : 0;
    }
}

static volatile uintptr_t snapshot_marker;
static int snapshot_taken;

/* The exit snapshot: pointers into live blocks from live blocks and from the roots, then the marker word. */
static void snapshot(void) {
    if (snapshot_taken) {
        return;
    }
    snapshot_taken = 1;
    sort_live();
    for (size_t i = 0; i < live_n; i++) {
        scan(live_start[i], live_start[i] + live_len[i]);
    }
    scan_roots();
    uintptr_t at = (uintptr_t) &snapshot_marker;
    if (on_valgrind) {
        VALGRIND_PRINTF("W %lx %lx\n", (unsigned long) at, 0UL);
        return;
    }
    line_t l;
    line_start(&l, 0);
    put_char(&l, 'W');
    put_hex(&l, at);
    put_hex(&l, 0);
    emit(&l);
}

__attribute__((constructor)) static void shim_start(void) {
    init();
}

__attribute__((destructor)) static void shim_end(void) {
    if (state != 2) {
        return;
    }
    in_hook++;
    marker('E');
    pthread_mutex_lock(&lock);
    snapshot();
    write_sites();
    flush();
    unbuffered = 1; /* later records (other destructors' frees) go out one by one */
    pthread_mutex_unlock(&lock);
    marker('L');
    in_hook--;
}
