#!/usr/bin/env bash
# What `memsim capture` adds to running a program: the shim alone (buffered; with --stacks; and
# unbuffered: one write(2) per record) against the plain program and against heaptrack (another
# LD_PRELOAD allocation tracer, when installed), and --accesses (Lackey + shim) against plain
# `valgrind --tool=lackey --trace-mem=yes`. Times are the best of RUNS runs of the program itself
# (the JVM's start and the trace conversion are not included). Needs gcc; valgrind and python3
# are used when present. Usage: memsim-bench/scripts/capture-overhead.sh [CALLS] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
calls="${1:-2000000}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

gcc -shared -fPIC -O2 -std=gnu11 -w -o "$work/shim.so" "$root/native/memsim-capture.c" -ldl -pthread
cat > "$work/bench.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000000, sum = 0;
    void *keep[64] = {0};
    unsigned x = 12345;
    for (long i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        int k = x % 64;
        free(keep[k]);
        keep[k] = malloc(16 + (x >> 8) % 512);
        ((char *) keep[k])[0] = (char) i;
        sum += ((char *) keep[k])[0];
    }
    for (int k = 0; k < 64; k++) free(keep[k]);
    printf("%ld\n", sum);
    return 0;
}
C
gcc -O2 -o "$work/bench" "$work/bench.c"

# best wall time in ms of running "$@" RUNS times, output discarded
best() {
    local b=""
    for _ in $(seq "$runs"); do
        rm -rf "$work/rec" && mkdir "$work/rec"
        local t0 t1
        t0=$(date +%s%N)
        "$@" > /dev/null 2>&1 || true
        t1=$(date +%s%N)
        local ms=$(( (t1 - t0) / 1000000 ))
        if [ -z "$b" ] || [ "$ms" -lt "$b" ]; then b=$ms; fi
    done
    echo "$b"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 1; printf "%.2f", a / b }'; }

shim() { env LD_PRELOAD="$work/shim.so" MEMSIM_CAPTURE_DIR="$work/rec" "$@"; }
shim_stacks() { env LD_PRELOAD="$work/shim.so" MEMSIM_CAPTURE_DIR="$work/rec" MEMSIM_CAPTURE_STACKS=1 "$@"; }
heaptrack_run() { heaptrack -o "$work/rec/ht" "$@"; }
shim_unbuffered() { env LD_PRELOAD="$work/shim.so" MEMSIM_CAPTURE_DIR="$work/rec" MEMSIM_CAPTURE_UNBUFFERED=1 "$@"; }
lackey() { valgrind --tool=lackey --trace-mem=yes --trace-children=yes -q --log-file="$work/rec/lackey.%p.%n" "$@"; }
lackey_shim() {
    env LD_PRELOAD="$work/shim.so" MEMSIM_CAPTURE_DIR="$work/rec" MEMSIM_CAPTURE_VALGRIND=1 \
        valgrind --tool=lackey --trace-mem=yes --trace-children=yes -q --log-file="$work/rec/lackey.%p.%n" "$@"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1 /proc/loadavg)"
echo
printf '%-30s %9s %9s %9s %9s %9s   %s\n' program plain shim +stacks unbuffered heaptrack "ratios to plain: shim, +stacks, unbuffered, heaptrack"
run_calls() {
    local name="$1"; shift
    local p s k u h="-"
    p=$(best "$@"); s=$(best shim "$@"); k=$(best shim_stacks "$@"); u=$(best shim_unbuffered "$@")
    if command -v heaptrack > /dev/null; then h=$(best heaptrack_run "$@"); fi
    printf '%-30s %6s ms %6s ms %6s ms %6s ms %6s ms   %sx %sx %sx %sx\n' "$name" "$p" "$s" "$k" "$u" "$h" \
        "$(ratio "$s" "$p")" "$(ratio "$k" "$p")" "$(ratio "$u" "$p")" "$( [ "$h" = - ] && echo - || ratio "$h" "$p")"
}
run_calls "bench $calls malloc+free" "$work/bench" "$calls"
if command -v python3 > /dev/null; then
    run_calls "python3 -c (dict of 200k)" python3 -c 'd = {i: str(i) for i in range(200000)}; print(len(d))'
fi

if command -v valgrind > /dev/null; then
    small=$(( calls / 200 ))
    echo
    printf '%-34s %10s %10s %10s %8s %8s\n' "--accesses" plain lackey +shim "lk/plain" "+shim/lk"
    run_access() {
        local name="$1"; shift
        local p l s
        p=$(best "$@"); l=$(best lackey "$@"); s=$(best lackey_shim "$@")
        printf '%-34s %8s ms %7s ms %7s ms %7sx %7sx\n' "$name" "$p" "$l" "$s" "$(ratio "$l" "$p")" "$(ratio "$s" "$l")"
    }
    run_access "bench $small malloc+free" "$work/bench" "$small"
    if command -v python3 > /dev/null; then
        run_access "python3 -c 'print(1)'" python3 -c 'print(1)'
    fi
else
    echo "valgrind is not installed: --accesses not measured"
fi
