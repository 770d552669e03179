#!/usr/bin/env bash
# Where the wall time of a check run goes to reference counting, and who asks for it.
#
# Swift's retain and release are atomic: on this machine they were a third of the samples of a
# shipped-pack run while callgrind counted them at about a tenth of its instructions, so
# instruction counts alone undervalue removing them (docs/performance-history.md, fourteenth round).
# This samples the run with `perf` (cpu-clock, DWARF call graphs), prints the share of samples
# inside the runtime's retain/release functions, and charges each such sample to the first
# function of ours on its stack.
#
# Usage: bench/refcounts.sh [CORPUS] [-- CHECK ARGS...]
#   CORPUS defaults to bench/out/corpus-1000 (made by bench/run.sh); the run is
#   `stemcheck check --no-config --jobs 1 CORPUS` unless CHECK ARGS are given.
# Needs: perf (linux-perf), python3; the release binary (built here, by bench/perf-samples.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bench/perf-samples.sh refcounts 4000 "$@" | python3 -c '
import collections, re, sys
RUNTIME = ("swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease", "doDecrementSlow")
samples = sys.stdin.read().split("\n\n")
total = counted = 0
callers = collections.Counter()
for sample in samples:
    frames = [l.strip().split(None, 1)[1] for l in sample.strip().split("\n")[1:] if len(l.strip().split(None, 1)) > 1]
    if not frames:
        continue
    total += 1
    if not any(name in frames[0] for name in RUNTIME):
        continue
    counted += 1
    for frame in frames[1:]:
        if "libswiftCore" in frame or any(name in frame for name in RUNTIME):
            continue
        callers[re.sub(r"\+0x[0-9a-f]+.*", "", frame)] += 1
        break
print(f"{total} samples, {counted} in reference counting ({counted / max(total, 1):.1%})")
print("share of all samples, by the first function of ours that asked:")
for name, n in callers.most_common(25):
    print(f"{n / total:7.2%}  {name}")
' | { if command -v swift >/dev/null; then swift demangle --simplified; else cat; fi; } | cut -c1-180
