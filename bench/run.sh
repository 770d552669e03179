#!/usr/bin/env bash
# stemcheck benchmark: one table of files, MB, the libyaml C event floor, `check --jobs 1`
# and `check` on all cores (shipped packs and the bench-peers perf pack), ratios to the floor,
# peak RSS at 1,000 and 10,000 files, and the fastest peer (Python + PyYAML's C loader).
#
# Usage: bench/run.sh [N...]   (default: 1000 10000; RUNS=5 runs each, median)
# Needs: libyaml-dev, python3, a C compiler. Writes everything under bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out
RUNS=${RUNS:-5}
SIZES=${*:-1000 10000}
PEERS=$ROOT/../shared/bench-peers
mkdir -p "$OUT"

swift build -c release >/dev/null
BIN=$ROOT/.build/release/stemcheck
cc -O2 -o "$OUT/floor" bench/floor.c -lyaml

row() { # name files mb cmd...
  local name=$1 files=$2 mb=$3 floor=$4; shift 4
  read -r med min max rss codes < <(python3 bench/measure.py "$RUNS" -- "$@")
  local ratio; ratio=$(python3 -c "print(f'{$med/$floor:.2f}')")
  local mbs; mbs=$(python3 -c "print(f'{$mb/$med:.1f}')")
  local fps; fps=$(python3 -c "print(f'{$files/$med:.0f}')")
  printf "| %-34s | %6s | %7s | %8s | %12s | %7s | %7s | %6s | %8s | %s |\n" "$name" "$files" "$mb" "$med" "$min–$max" "$fps" "$mbs" "$ratio" "$rss" "$codes"
}

echo "machine: $(nproc) cores, $(python3 -c 'import platform;print(platform.processor() or platform.machine())'), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "runs: median of $RUNS (after one warm-up), release build, JSON reports written to $OUT/reports"
echo
printf "| %-34s | %6s | %7s | %8s | %12s | %7s | %7s | %6s | %8s | %s |\n" "what" "files" "MB" "median s" "min–max s" "files/s" "MB/s" "× floor" "peak RSS MB" "exit"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for n in $SIZES; do
  corpus=$OUT/corpus-$n
  if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    python3 bench/gen_corpus.py "$n" "$corpus" --seed 42 >/dev/null
    touch "$corpus/.complete"
  fi
  mb=$(python3 -c "import os;print(f'{sum(os.path.getsize(os.path.join(\"$corpus\",f)) for f in os.listdir(\"$corpus\") if f.endswith(\".yaml\"))/1e6:.2f}')")
  read -r floor _ < <(python3 bench/measure.py "$RUNS" -- "$OUT/floor" "$corpus")
  row "floor: libyaml C event loop, 1 thread" "$n" "$mb" "$floor" "$OUT/floor" "$corpus"
  row "floor: libyaml C event loop, $(nproc) threads" "$n" "$mb" "$floor" "$OUT/floor" -j "$(nproc)" "$corpus"
  rm -rf "$OUT/reports"
  row "stemcheck shipped packs, --jobs 1" "$n" "$mb" "$floor" "$BIN" check "$corpus" --format json --output "$OUT/reports" --jobs 1
  row "stemcheck shipped packs, all cores" "$n" "$mb" "$floor" "$BIN" check "$corpus" --format json --output "$OUT/reports"
  if [ -f "$PEERS/rules/perf.yaml" ]; then
    row "stemcheck perf.yaml, --jobs 1" "$n" "$mb" "$floor" "$BIN" check "$corpus" --rules "$PEERS/rules/perf.yaml" --format json --output "$OUT/reports" --jobs 1
    row "stemcheck perf.yaml, all cores" "$n" "$mb" "$floor" "$BIN" check "$corpus" --rules "$PEERS/rules/perf.yaml" --format json --output "$OUT/reports"
    if python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
      row "peer_python (PyYAML C loader), 1 proc" "$n" "$mb" "$floor" python3 "$PEERS/peer_python.py" "$corpus" -j 1 -o "$OUT/peer-$n.json"
      # the counts must agree with stemcheck's on the same rules
      python3 "$PEERS/peer_python.py" "$corpus" -j 1 -o "$OUT/peer-$n.json" >/dev/null
      rm -rf "$OUT/reports" && "$BIN" check "$corpus" --rules "$PEERS/rules/perf.yaml" --format json --output "$OUT/reports" >/dev/null || true
      python3 "$PEERS/sum_reports.py" "$OUT/reports" > "$OUT/stemcheck-$n.json"
      if python3 "$PEERS/compare_counts.py" "$OUT/peer-$n.json" "$OUT/stemcheck-$n.json" >/dev/null; then agree=agree; else agree=DISAGREE; fi
      echo "| per-rule counts stemcheck vs peer_python ($n files) | $agree | | | | | | | | |"
    fi
  fi
done
