#!/usr/bin/env bash
# The ptmalloc model's speed against real glibc replaying the same trace natively, as a ratio in
# one run (needs gcc). Usage: memsim-bench/scripts/ptmalloc-speed.sh [OPS] [GENERATOR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
[ -f memsim-bench/target/memsim-bench.jar ] || ./mvnw -q package -DskipTests -pl memsim-core,memsim-bench
exec java -Xmx4g -cp memsim-bench/target/memsim-bench.jar org.memsim.bench.PtmallocSpeed "$@"
