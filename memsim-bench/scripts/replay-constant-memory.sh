#!/usr/bin/env bash
# End-to-end check that replay memory is constant in trace length: writes request-loop traces of
# 10 million and 100 million events as .msb.zst, replays each under a 256 MiB Java heap, and prints
# wall time, the JVM's peak heap after GC and the process's peak RSS.
# Usage: memsim-bench/scripts/replay-constant-memory.sh [WORKDIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
"$root/memsim" --version >/dev/null   # builds the jar if needed
jar="$root/memsim-cli/target/memsim.jar"

for requests in 3333334 33333334; do
  events=$((requests * 3))
  trace="$work/request-loop-$events.msb.zst"
  [ -f "$trace" ] || java -jar "$jar" generate request-loop -p requests=$requests -o "$trace" >/dev/null
  gclog="$work/gc-$events.log"
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss-$events" \
    java -Xmx256m -Xlog:gc:file="$gclog" -jar "$jar" replay "$trace" --json > "$work/result-$events.json"
  end=$(date +%s.%N)
  peak_after_gc=$( (grep -o '[0-9]*M->[0-9]*M' "$gclog" || true) | sed 's/.*->//; s/M//' | sort -n | tail -1)
  gcs=$( (grep -c 'Pause' "$gclog" || true) )
  printf '%12s events  %6.1f s  %10.1f M events/s  %s GCs, heap after GC <= %s MiB  peak RSS %s MiB  file %s\n' \
    "$(grep -o '"events":[0-9]*' "$work/result-$events.json" | head -1 | cut -d: -f2)" \
    "$(echo "$end - $start" | bc)" "$(echo "$events / ($end - $start) / 1000000" | bc -l)" \
    "$gcs" "${peak_after_gc:-0}" "$(( $(cat "$work/rss-$events") / 1024 ))" "$(du -h "$trace" | cut -f1)"
done
