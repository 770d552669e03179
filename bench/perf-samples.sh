#!/usr/bin/env bash
# Samples one check run with `perf` (cpu-clock, DWARF call graphs) and prints the samples
# (`perf script`): what bench/refcounts.sh and bench/stages.sh read.
#
# Usage: bench/perf-samples.sh NAME HZ [CORPUS] [-- CHECK ARGS...]
#   The samples are kept in bench/out/NAME/perf.data. CORPUS defaults to bench/out/corpus-1000
#   (made by bench/run.sh); the run is `stemcheck check --no-config --jobs 1 CORPUS` unless
#   CHECK ARGS are given.
# Needs: perf (linux-perf); the release binary (built here).
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=$1
HZ=$2
shift 2
CORPUS=${1:-bench/out/corpus-1000}
shift || true
[ "${1:-}" = "--" ] && shift
swift build -c release --product stemcheck --static-swift-stdlib >/dev/null
BIN=$PWD/.build/release/stemcheck
OUT=bench/out/$NAME
mkdir -p "$OUT"
if [ $# -gt 0 ]; then ARGS=("$@"); else ARGS=(check --no-config --jobs 1 "$CORPUS"); fi
perf record -q -e cpu-clock -F "$HZ" --call-graph dwarf,16384 -o "$OUT/perf.data" "$BIN" "${ARGS[@]}" >/dev/null 2>&1 || true
perf script -i "$OUT/perf.data" 2>/dev/null
