#!/usr/bin/env bash
# Checks that a parallel batch writes byte-identical reports to a one-job batch (issue 7):
# the 10,000-file bench corpus, `--jobs 1` against `--jobs <cores>`, JSON + SARIF + JUnit + text.
# Usage: bench/determinism.sh [N] [--rules PATH]   (default N=10000, the shipped packs)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}; shift || true
OUT=bench/out/determinism
corpus=bench/out/corpus-$N
[ -f "$corpus/.complete" ] || { rm -rf "$corpus"; python3 bench/gen_corpus.py "$N" "$corpus" --seed 42 >/dev/null; touch "$corpus/.complete"; }
swift build -c release >/dev/null
BIN=.build/release/stemcheck
rm -rf "$OUT" && mkdir -p "$OUT"
export SOURCE_DATE_EPOCH=1780358400
for jobs in 1 "$(nproc)"; do
  set +e
  "$BIN" check "$corpus" "$@" --format json --format sarif --format junit --format text \
    --output "$OUT/jobs-$jobs" --jobs "$jobs" > "$OUT/stdout-$jobs.txt" 2> "$OUT/stderr-$jobs.txt"
  echo "$?" > "$OUT/exit-$jobs.txt"
  set -e
done
diff -r "$OUT/jobs-1" "$OUT/jobs-$(nproc)" >/dev/null && diff "$OUT/stdout-1.txt" "$OUT/stdout-$(nproc).txt" >/dev/null \
  && diff "$OUT/exit-1.txt" "$OUT/exit-$(nproc).txt" >/dev/null \
  && echo "identical: $(ls "$OUT/jobs-1" | wc -l) report files and stdout, --jobs 1 vs --jobs $(nproc), $N protocols" \
  || { echo "DIFFERENT outputs between --jobs 1 and --jobs $(nproc)"; exit 1; }
