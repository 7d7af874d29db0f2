#!/usr/bin/env bash
# Every allocator configuration alone on StrategyBenchmark's 10-million-op trace, per CPU-second
# (best and median of ROUNDS rounds), each in its own JVM: the fits and list orders of freelist, the
# csapp and segfit variants, and the other strategies' keys. Issue 3's target is >= 10 M for each.
# With --whole, each configuration replays TraceReplayBenchmark's trace instead (gen:sizes, 10 M ops,
# seed 1, written once as .msb) through the whole stack: reader, runtime, allocator, kernel, MMU
# (ReplayCpuRate, per CPU-second of the replaying thread).
# Usage: memsim-bench/scripts/strategy-matrix.sh [--whole] [ROUNDS] [SPEC...]   (default: 5 rounds, all below)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="${JAR:-$root/memsim-bench/target/memsim-bench.jar}"   # JAR=... measures another build
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -DskipTests package)
whole=""
if [ "${1:-}" = "--whole" ]; then
  shift
  whole="$(mktemp -d)/sizes10m.msb"
  trap 'rm -rf "$(dirname "$whole")"' EXIT
  "$root/memsim" generate sizes:ops=10000000 --seed 1 -o "$whole" > /dev/null
fi
rounds="${1:-5}"
shift || true
specs=("$@")
if [ ${#specs[@]} -eq 0 ]; then
  for fit in first next best worst; do
    for order in address size-asc size-desc lifo fifo; do specs+=("freelist:fit=$fit,order=$order"); done
  done
  specs+=("freelist:coalesce=false" "freelist:fit=best,coalesce=false")
  for fit in first next best; do
    specs+=("csapp:fit=$fit")
    for order in lifo fifo address; do specs+=("csapp:fit=$fit,list=explicit,order=$order"); done
  done
  for order in lifo fifo address; do
    specs+=("csapp:list=segregated,order=$order" "csapp:fit=best,list=segregated,order=$order")
  done
  specs+=("csapp:realloc=inplace" "segfit" "segfit:fit=best" "segfit:classes=pow2" "segfit:order=fifo"
          "segfit:order=address" "segfit:realloc=naive" "ptmalloc" "slab" "slab:sizes=pow2" "buddy" "buddy:hint=false"
          "buddy:memmap=0" "bump" "bump:source=mmap" "pool" "pool:fallback=csapp" "pool:fallback=ptmalloc"
          "pool:fallback=freelist:fit=best")
fi
printf '%-45s %8s %8s\n' "spec" "best" "median"
for spec in "${specs[@]}"; do
  if [ -n "$whole" ]; then
    java -Xmx3g -cp "$jar" org.memsim.bench.ReplayCpuRate "$whole" "$rounds" "$spec" | tail -1 \
      | awk -v s="$spec" '{ printf "%-45s %8s %8s\n", s, $(NF-3), $(NF-2) }'
  else
    java -Xmx2g -cp "$jar" org.memsim.bench.StrategyCpuRate "$rounds" "$spec" | cut -c1-63
  fi
done
