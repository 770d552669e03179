#!/usr/bin/env bash
# What one shipped rule costs a protocol: for each RULE-ID, a pack holding that rule alone is run
# under callgrind over 100 bench protocols (seed 7, text output, --jobs 1), and the instructions
# of the empty pack's run are taken off; the difference, per protocol, is what evaluating the
# rule, reporting its result and loading it cost (loading is once per run: divide by 100).
#
# Usage: bench/rule-cost.sh RULE-ID...   (e.g. ISSCR-REGISTERED-PROSPECTIVELY REL-SPEC-COMPLETE)
# Needs: valgrind, python3 with PyYAML (the generator). Uses the release binary (`strip -g` copy).
# The twenty-first round of issue 20 found its hot spots with it (docs/performance-history.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=$ROOT/bench/out/rule-cost
mkdir -p "$OUT"
[ $# -gt 0 ] || { echo "usage: bench/rule-cost.sh RULE-ID..." >&2; exit 2; }

swift build -c release --product stemcheck --static-swift-stdlib >/dev/null
cp .build/release/stemcheck "$OUT/stemcheck" && strip -g "$OUT/stemcheck"
CORPUS=$OUT/corpus-100-seed7
[ -d "$CORPUS" ] || python3 bench/gen_corpus.py 100 "$CORPUS" --seed 7 >/dev/null

count() { # pack → instructions of `check` over the corpus (whose gate fails: exit status 1)
  (cd "$CORPUS" && SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out" \
    "$OUT/stemcheck" check --no-config --jobs 1 --rules "$1" . 2>&1 >/dev/null || true) | sed -n 's/.*refs: *//p' | tr -d ,
}

empty=$(count "$ROOT/bench/empty-pack.yaml")
for id in "$@"; do
  # The rule's block, from its `- id:` line to the next rule's, in whichever shipped pack holds it.
  python3 - "$id" "$OUT/one.yaml" <<'PY'
import glob, re, sys
rule, target = sys.argv[1], sys.argv[2]
for path in sorted(glob.glob("rules/*.yaml")):
    found = re.search(r"(  - id: " + re.escape(rule) + r"\n.*?)(?=\n  - id: |\Z)", open(path).read(), re.S)
    if found:
        open(target, "w").write('pack: {id: one, version: "1"}\nrules:\n' + found.group(1) + "\n")
        break
else:
    sys.exit(f"no shipped rule {rule}")
PY
  one=$(count "$OUT/one.yaml")
  printf '%-40s %8d instructions per protocol\n' "$id" $(( (one - empty) / 100 ))
done
