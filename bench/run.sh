#!/usr/bin/env bash
# stemcheck benchmark: one table of files, MB, the libyaml C event floor, `check --jobs 1`
# and `check` on all cores (shipped packs: text, one batch JSON, JSON per protocol; the
# bench-peers perf pack: text), ratios to the floor, peak RSS at 1,000 and 10,000 files, and
# the fastest peer (Python + PyYAML's C loader) with its decisions compared (bench/agree.py).
#
# Ratios are paired (bench/measure.py --floor): every timed run of a row comes right after a run
# of the one-thread floor over the same files. "× floor" is the median of the runs' ratios,
# "× floor, fastest" the row's fastest run over the floor's fastest run beside it. A machine
# whose speed drifts during the table (this VM's floor has read 0.65 s and 1.05 s on one day)
# then moves both sides of each ratio.
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

# The binary scripts/install installs: the Swift runtime linked in (twenty-second round).
swift build -c release --product stemcheck --static-swift-stdlib >/dev/null
BIN=$ROOT/.build/release/stemcheck
cc -O2 -o "$OUT/floor" bench/floor.c -lyaml

# The floor each row is paired with: the one-thread libyaml event loop over the row's files.
FLOOR=()

measure() { # cmd... → sets MED MIN MAX RSS CODES RATIO FASTEST (paired with FLOOR when set)
  local paired=()
  [ ${#FLOOR[@]} -eq 0 ] || paired=(--floor "${FLOOR[@]}")
  read -r MED MIN MAX RSS CODES RATIO FASTEST < <(python3 bench/measure.py "$RUNS" "${paired[@]}" -- "$@")
}

print_row() { # name files mb
  local name=$1 files=$2 mb=$3
  local mbs fps
  mbs=$(python3 -c "print(f'{$mb/$MED:.1f}')")
  fps=$(python3 -c "print(f'{$files/$MED:.0f}')")
  printf "| %-40s | %6s | %6s | %8s | %13s | %7s | %6s | %7s | %7s | %11s | %s |\n" "$name" "$files" "$mb" "$MED" "$MIN–$MAX" "$fps" "$mbs" "$RATIO" "$FASTEST" "$RSS" "$CODES"
}

row() { # name files mb cmd...
  local name=$1 files=$2 mb=$3; shift 3
  measure "$@"
  print_row "$name" "$files" "$mb"
}

folder_mb() { # dir extension → the MB of the folder's files with that extension
  python3 -c "import os,sys;d,e=sys.argv[1:];print(f'{sum(os.path.getsize(os.path.join(d,f)) for f in os.listdir(d) if f.endswith(e))/1e6:.2f}')" "$1" "$2"
}

floor_row() { # name files mb input: the one-thread floor alone (its ratios are 1 by definition)
  local name=$1 files=$2 mb=$3 input=$4
  FLOOR=()
  measure "$OUT/floor" "$input"
  RATIO=1.00 FASTEST=1.00
  print_row "$name" "$files" "$mb"
  FLOOR=("$OUT/floor" "$input")
}

echo "machine: $(nproc) cores, $(python3 -c 'import platform;print(platform.processor() or platform.machine())'), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "runs: median of $RUNS (after one warm-up), release build, reports written under $OUT"
echo
printf "| %-40s | %6s | %6s | %8s | %13s | %7s | %6s | %7s | %7s | %11s | %s |\n" "what" "files" "MB" "median s" "min–max s" "files/s" "MB/s" "× floor" "× floor, fastest" "peak RSS MB" "exit"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for n in $SIZES; do
  corpus=$OUT/corpus-$n
  if [ ! -f "$corpus/.complete" ]; then
    rm -rf "$corpus"
    python3 bench/gen_corpus.py "$n" "$corpus" --seed 42 >/dev/null
    touch "$corpus/.complete"
  fi
  mb=$(folder_mb "$corpus" .yaml)
  floor_row "floor: libyaml C event loop, 1 thread" "$n" "$mb" "$corpus"
  row "floor: libyaml C event loop, $(nproc) threads" "$n" "$mb" "$OUT/floor" -j "$(nproc)" "$corpus"
  row "stemcheck load only (empty pack), --jobs 1" "$n" "$mb" "$BIN" check "$corpus" --rules bench/empty-pack.yaml --jobs 1
  # The shipped packs (every rule, profile chosen per protocol), text to a discarded stdout.
  row "stemcheck shipped packs, text, --jobs 1" "$n" "$mb" "$BIN" check "$corpus" --jobs 1
  row "stemcheck shipped packs, text, all cores" "$n" "$mb" "$BIN" check "$corpus"
  # The same protocols written in schema v2 (`stemcheck migrate --in-place` on a copy), as a
  # board's new protocols are: `check` then reads them without migrating them in memory. Paired
  # with the floor over these files; not a target row (the targets and the peers read the v1 corpus).
  v2=$OUT/corpus-v2-$n
  if [ ! -f "$v2/.complete" ]; then
    rm -rf "$v2" && mkdir -p "$v2"
    cp "$corpus"/*.yaml "$v2"/
    (cd "$v2" && "$BIN" migrate ./*.yaml --in-place 2>/dev/null)
    touch "$v2/.complete"
  fi
  v2mb=$(folder_mb "$v2" .yaml)
  FLOOR=("$OUT/floor" "$v2")
  row "stemcheck shipped packs, text, --jobs 1, the corpus in schema v2" "$n" "$v2mb" "$BIN" check "$v2" --jobs 1
  FLOOR=("$OUT/floor" "$corpus")
  # One JSON document for the whole run (streamed from a spool file).
  row "stemcheck shipped packs, one batch JSON, --jobs 1" "$n" "$mb" "$BIN" check "$corpus" --format json="$OUT/batch-$n.json" --jobs 1
  # One JSON report file per protocol, as SPEC 5's default for file formats.
  rm -rf "$OUT/reports"
  row "stemcheck shipped packs, JSON per protocol, all cores" "$n" "$mb" "$BIN" check "$corpus" --format json --output "$OUT/reports"
  if [ -f "$PEERS/rules/perf.yaml" ]; then
    # No report files, like the peers (bench-peers' own "--format text" row): text to a discarded stdout.
    row "stemcheck perf.yaml, text, --jobs 1" "$n" "$mb" "$BIN" check "$corpus" --rules "$PEERS/rules/perf.yaml" --jobs 1
    row "stemcheck perf.yaml, text, all cores" "$n" "$mb" "$BIN" check "$corpus" --rules "$PEERS/rules/perf.yaml"
    if python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
      row "peer_python (PyYAML C loader), 1 proc" "$n" "$mb" python3 "$PEERS/peer_python.py" "$corpus" -j 1 -o "$OUT/peer-$n.json"
      row "peer_python (PyYAML C loader), $(nproc) procs" "$n" "$mb" python3 "$PEERS/peer_python.py" "$corpus" -j "$(nproc)" -o "$OUT/peer-$n.json"
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
      echo "| decisions stemcheck vs peer_python ($n files): $agree | | | | | | | | | | |"
    fi
  fi
done

# The largest real input: a 1.6 MB CDISC USDM protocol (JSON), loaded by the floor, by `show`
# (load + JSON output) and by `import usdm` (load + import + YAML output).
USDM=$ROOT/../shared/usdm/EliLilly_NCT03421379_Diabetes.json
if [ -f "$USDM" ]; then
  mb=$(python3 -c "import os;print(f'{os.path.getsize(\"$USDM\")/1e6:.2f}')")
  floor_row "floor: libyaml C event loop, USDM file" 1 "$mb" "$USDM"
  row "stemcheck show (load + JSON out)" 1 "$mb" "$BIN" show "$USDM"
  row "stemcheck import usdm" 1 "$mb" "$BIN" import usdm "$USDM"
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
mb=$(folder_mb "$records" .json)
floor_row "floor: libyaml C event loop, CT.gov JSON" "$REGISTRY_FILES" "$mb" "$records"
row "stemcheck CT.gov records, text, --jobs 1" "$REGISTRY_FILES" "$mb" "$BIN" check "$records" --jobs 1
row "stemcheck CT.gov records, text, all cores" "$REGISTRY_FILES" "$mb" "$BIN" check "$records"
