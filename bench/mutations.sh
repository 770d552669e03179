#!/usr/bin/env bash
# Mutated protocols through the debug and the release binary (issue 20, sixteenth round).
#
# The debug build asserts that every `unknown` finding made without tracing (the lean walk,
# `AbsentLeaves`) is the one the traced evaluation makes, and that every decision of the lean
# walk is the untraced evaluation's: the optimisations of issue 20 rest on both. This runs
# protocols made from the bench corpus, the examples and the fixtures by random edits
# (bench/mutate.py) through the debug binary in text, batch JSON with --detail full, SARIF and
# Markdown, fails on any assertion or crash, and fails when the release binary's output differs
# from the debug binary's in any byte.
#
# Usage: bench/mutations.sh [SEED...]   (default seeds 12-17; 800 protocols each)
# Needs: python3 with PyYAML. Takes about 3 minutes per seed on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=("$@"); [ ${#SEEDS[@]} -gt 0 ] || SEEDS=(12 13 14 15 16 17)
OUT=bench/out/mutations
swift build --product stemcheck >/dev/null
swift build -c release --product stemcheck --static-swift-stdlib >/dev/null
root=$PWD DEBUG=$PWD/.build/debug/stemcheck RELEASE=$PWD/.build/release/stemcheck
sources=bench/out/mutation-sources
if [ ! -f "$sources/.complete" ]; then
  rm -rf "$sources"; python3 bench/gen_corpus.py 40 "$sources" --seed 7 >/dev/null 2>&1; touch "$sources/.complete"
fi
export SOURCE_DATE_EPOCH=1780358400
failed=0
for seed in "${SEEDS[@]}"; do
  dir=$OUT/seed-$seed
  rm -rf "$dir" && mkdir -p "$dir"
  # Every protocol-like YAML file of the examples and fixtures (mutate.py skips what is not a mapping).
  find "$sources" examples Tests/Fixtures -name '*.yaml' -print0 | xargs -0 python3 bench/mutate.py "$dir/in" "$seed" 800
  for build in debug release; do
    bin=$DEBUG; [ "$build" = release ] && bin=$RELEASE
    mkdir -p "$dir/$build"
    for format in text json sarif markdown; do
      # Run from the build's folder with relative paths, so both builds print the same messages.
      set +e
      if [ "$format" = text ]; then
        (cd "$dir/$build" && "$bin" check --no-config --jobs "$(nproc)" ../in > out.txt 2> text.err)
      else
        # (SARIF names its base folder: the repository's, the same for both builds.)
        extra=(--source-root "$root"); [ "$format" = json ] && extra+=(--detail full)
        (cd "$dir/$build" && "$bin" check --no-config --jobs "$(nproc)" "${extra[@]}" --format "$format=all.$format" ../in > /dev/null 2> "$format.err")
      fi
      status=$?
      set -e
      # 0: passed, 1: the gate failed, 2: some protocols could not be checked; anything else is a crash.
      if [ "$status" -gt 2 ]; then echo "seed $seed: $build $format exited $status"; failed=1; fi
      if grep -q -i "assertion failed\|fatal error" "$dir/$build/$format.err" "$dir/$build/text.err" 2>/dev/null; then
        echo "seed $seed: $build $format: assertion or fatal error (see $dir/$build)"; failed=1
      fi
    done
  done
  if ! diff -r -q "$dir/debug" "$dir/release" > /dev/null; then echo "seed $seed: debug and release outputs differ"; failed=1; fi
  echo "seed $seed: $(grep -h '^checked' "$dir/release/text.err" | head -1)"
done
[ "$failed" = 0 ] && echo "mutations: no assertion, no crash, debug and release identical (seeds ${SEEDS[*]})" || exit 1
