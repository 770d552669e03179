#!/usr/bin/env bash
# stemcheck benchmark: one table of files, MB, the libyaml C event floor, `check --jobs 1`
# and `check` on all cores (shipped packs: text, one batch JSON, JSON per protocol; the
# bench-peers perf pack: text), ratios to the floor, peak RSS at 1,000 and 10,000 files, and
# the fastest peer (Python + PyYAML's C loader) with its decisions compared (bench/agree.py).
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

swift build -c release --product stemcheck >/dev/null
BIN=$ROOT/.build/release/stemcheck
cc -O2 -o "$OUT/floor" bench/floor.c -lyaml

measure() { # cmd... → sets MED MIN MAX RSS CODES
  read -r MED MIN MAX RSS CODES < <(python3 bench/measure.py "$RUNS" -- "$@")
}

print_row() { # name files mb floor
  local name=$1 files=$2 mb=$3 floor=$4
  local ratio mbs fps
  ratio=$(python3 -c "print(f'{$MED/$floor:.2f}')")
  mbs=$(python3 -c "print(f'{$mb/$MED:.1f}')")
  fps=$(python3 -c "print(f'{$files/$MED:.0f}')")
  printf "| %-40s | %6s | %6s | %8s | %13s | %7s | %6s | %7s | %11s | %s |\n" "$name" "$files" "$mb" "$MED" "$MIN–$MAX" "$fps" "$mbs" "$ratio" "$RSS" "$CODES"
}

row() { # name files mb floor cmd...
  local name=$1 files=$2 mb=$3 floor=$4; shift 4
  measure "$@"
  print_row "$name" "$files" "$mb" "$floor"
}

echo "machine: $(nproc) cores, $(python3 -c 'import platform;print(platform.processor() or platform.machine())'), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "runs: median of $RUNS (after one warm-up), release build, reports written under $OUT"
echo
printf "| %-40s | %6s | %6s | %8s | %13s | %7s | %6s | %7s | %11s | %s |\n" "what" "files" "MB" "median s" "min–max s" "files/s" "MB/s" "× floor" "peak RSS MB" "exit"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for n in $SIZES; do
  corpus=$OUT/corpus-$n
  if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    python3 bench/gen_corpus.py "$n" "$corpus" --seed 42 >/dev/null
    touch "$corpus/.complete"
  fi
  mb=$(python3 -c "import os;print(f'{sum(os.path.getsize(os.path.join(\"$corpus\",f)) for f in os.listdir(\"$corpus\") if f.endswith(\".yaml\"))/1e6:.2f}')")
  measure "$OUT/floor" "$corpus"
  floor=$MED
  print_row "floor: libyaml C event loop, 1 thread" "$n" "$mb" "$floor"
  row "floor: libyaml C event loop, $(nproc) threads" "$n" "$mb" "$floor" "$OUT/floor" -j "$(nproc)" "$corpus"
  row "stemcheck load only (empty pack), --jobs 1" "$n" "$mb" "$floor" "$BIN" check "$corpus" --rules bench/empty-pack.yaml --jobs 1
  # The shipped packs (every rule, profile chosen per protocol), text to a discarded stdout.
  row "stemcheck shipped packs, text, --jobs 1" "$n" "$mb" "$floor" "$BIN" check "$corpus" --jobs 1
  row "stemcheck shipped packs, text, all cores" "$n" "$mb" "$floor" "$BIN" check "$corpus"
  # One JSON document for the whole run (streamed from a spool file).
  row "stemcheck shipped packs, one batch JSON, --jobs 1" "$n" "$mb" "$floor" "$BIN" check "$corpus" --format json="$OUT/batch-$n.json" --jobs 1
  # One JSON report file per protocol, as SPEC 5's default for file formats.
  rm -rf "$OUT/reports"
  row "stemcheck shipped packs, JSON per protocol, all cores" "$n" "$mb" "$floor" "$BIN" check "$corpus" --format json --output "$OUT/reports"
  if [ -f "$PEERS/rules/perf.yaml" ]; then
    # No report files, like the peers (bench-peers' own "--format text" row): text to a discarded stdout.
    row "stemcheck perf.yaml, text, --jobs 1" "$n" "$mb" "$floor" "$BIN" check "$corpus" --rules "$PEERS/rules/perf.yaml" --jobs 1
    row "stemcheck perf.yaml, text, all cores" "$n" "$mb" "$floor" "$BIN" check "$corpus" --rules "$PEERS/rules/perf.yaml"
    if python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
      row "peer_python (PyYAML C loader), 1 proc" "$n" "$mb" "$floor" python3 "$PEERS/peer_python.py" "$corpus" -j 1 -o "$OUT/peer-$n.json"
      row "peer_python (PyYAML C loader), $(nproc) procs" "$n" "$mb" "$floor" python3 "$PEERS/peer_python.py" "$corpus" -j "$(nproc)" -o "$OUT/peer-$n.json"
      # The decisions must agree with the peer's, protocol by protocol and rule by rule, where
      # SPEC v2 does not say otherwise (bench/agree.py: a missing value is `unknown` for stemcheck,
      # `fail` for the peers' two-valued logic). A full batch report holds every result.
      rm -rf "$OUT/agree" && mkdir -p "$OUT/agree"
      "$BIN" check "$corpus" --rules "$PEERS/rules/perf.yaml" --format json="$OUT/agree/batch.json" --detail full >/dev/null 2>&1 || true
      if agree=$(python3 bench/agree.py "$PEERS" "$OUT/agree/batch.json" 2>"$OUT/agree/contradictions.txt"); then
        agree="agree: $agree"
      else
        agree="DISAGREE: $agree (see $OUT/agree/contradictions.txt)"
      fi
      echo "| decisions stemcheck vs peer_python ($n files): $agree | | | | | | | | | |"
    fi
  fi
done

# The largest real input: a 1.6 MB CDISC USDM protocol (JSON), loaded by the floor, by `show`
# (load + JSON output) and by `import usdm` (load + import + YAML output).
USDM=$ROOT/../shared/usdm/EliLilly_NCT03421379_Diabetes.json
if [ -f "$USDM" ]; then
  mb=$(python3 -c "import os;print(f'{os.path.getsize(\"$USDM\")/1e6:.2f}')")
  measure "$OUT/floor" "$USDM"
  floor=$MED
  print_row "floor: libyaml C event loop, USDM file" 1 "$mb" "$floor"
  row "stemcheck show (load + JSON out)" 1 "$mb" "$floor" "$BIN" show "$USDM"
  row "stemcheck import usdm" 1 "$mb" "$floor" "$BIN" import usdm "$USDM"
fi

# Registry records (issue 20's registry sweep): the five real ClinicalTrials.gov records of
# Tests/Fixtures/ctgov (cell-therapy trials, 4–6 KB of JSON each), copied to REGISTRY_FILES
# files, imported and checked with the shipped packs (text to a discarded stdout). The floor is
# libyaml's event loop over the same JSON (which YAML reads).
REGISTRY_FILES=${REGISTRY_FILES:-1000}
records=$OUT/ctgov-$REGISTRY_FILES
if [ ! -f "$records/.complete" ]; then
  rm -rf "$records" && mkdir -p "$records"
  python3 - "$records" "$REGISTRY_FILES" <<'PY'
import os, shutil, sys
out, n = sys.argv[1], int(sys.argv[2])
src = "Tests/Fixtures/ctgov"
names = sorted(f for f in os.listdir(src) if f.endswith(".json") and "illustrative" not in f and os.path.getsize(os.path.join(src, f)) < 100_000)
for i in range(n):
    name = names[i % len(names)]
    shutil.copyfile(os.path.join(src, name), os.path.join(out, f"{i:06d}-{name}"))
PY
  touch "$records/.complete"
fi
mb=$(python3 -c "import os;print(f'{sum(os.path.getsize(os.path.join(\"$records\",f)) for f in os.listdir(\"$records\") if f.endswith(\".json\"))/1e6:.2f}')")
measure "$OUT/floor" "$records"
floor=$MED
print_row "floor: libyaml C event loop, CT.gov JSON" "$REGISTRY_FILES" "$mb" "$floor"
row "stemcheck CT.gov records, text, --jobs 1" "$REGISTRY_FILES" "$mb" "$floor" "$BIN" check "$records" --jobs 1
row "stemcheck CT.gov records, text, all cores" "$REGISTRY_FILES" "$mb" "$floor" "$BIN" check "$records"
