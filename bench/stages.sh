#!/usr/bin/env bash
# Where the wall time of a check run goes, stage by stage.
#
# Instruction counts (callgrind) say what the code does; they undervalue what it waits for
# (atomic reference counts, cache misses, the kernel reading files). This samples the run with
# `perf` (cpu-clock, DWARF call graphs) and charges each sample to the innermost stage on its
# stack: libyaml's parser, the node tree built from its events, the v1 → v2 migration in memory,
# the protocol-schema check, the unknown-key walk, evaluating the rules, the report, start-up
# (reading the command line, the packs and the protocol schema), and the rest. For each stage it
# prints its share of the samples and the part of that share spent inside reference counting
# and inside malloc/free.
#
# libyaml's share bounds what a target in "× floor" can reach: a run whose libyaml share is
# 40 % is at least 1 / 0.40 = 2.5 times the time libyaml takes, whatever the rest costs.
#
# Usage: bench/stages.sh [CORPUS] [-- CHECK ARGS...]
#   CORPUS defaults to bench/out/corpus-1000 (made by bench/run.sh); the run is
#   `stemcheck check --no-config --jobs 1 CORPUS` unless CHECK ARGS are given.
# Needs: perf (linux-perf), python3; the release binary (built here, by bench/perf-samples.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bench/perf-samples.sh stages 2000 "$@" | python3 -c '
import collections, sys
# Innermost first: the first frame (from the sampled one outwards) naming a stage decides.
STAGES = [
    ("libyaml", "libyaml"),
    ("TreeBuilder", "node tree"), ("JSONParser", "node tree"), ("JSONLoader", "node tree"),
    ("SchemaMigration", "v1 → v2 migration"), ("V1Moves", "v1 → v2 migration"), ("V1Field", "v1 → v2 migration"),
    ("SchemaWalker", "protocol-schema check"),
    ("FieldTrieV5visit", "unknown-key walk"),
    ("ReportVwxx", "dropping reports"), ("RuleResultV6Fields", "dropping reports"),
    ("AbsentLeaves", "rules"), ("CompareO", "rules"), ("LeafOperator", "rules"), ("RuleEvaluator", "rules"), ("EachRule", "rules"), ("Evaluator", "rules"),
    ("Adjudicator", "results and verdict"),
    ("Reporter", "report"), ("ReportOutline", "report"), ("DocumentWriter", "report"), ("BatchSpool", "report"), ("FileOutput", "report"),
    ("FileDiscovery", "finding the files"), ("InputFileV13canonicalPath", "finding the files"),
    ("RuleCatalog", "start-up"), ("SchemaCompiler", "start-up"), ("ProtocolSchemaV7shipped", "start-up"), ("StemCheckCommandV5parse", "start-up"),
    ("KnownFields", "start-up"), ("RuleOptions", "start-up"), ("_dl_", "start-up"),
    ("ProtocolReader", "reading (files, the rest)"), ("SourceFile", "reading (files, the rest)"),
    ("Checker", "check (the rest)"),
]
RC = ("swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease", "doDecrementSlow")
ALLOC = ("malloc", "_int_free", "cfree", "__libc_free", "swift_slowAlloc", "swift_slowDealloc", "tcache_")
total = 0
share = collections.Counter()
inside = collections.Counter()
for sample in sys.stdin.read().split("\n\n"):
    frames = [l.strip().split(None, 1)[1] for l in sample.strip().split("\n")[1:] if len(l.strip().split(None, 1)) > 1]
    if not frames:
        continue
    total += 1
    stage = "other"
    for frame in frames:
        hit = next((name for key, name in STAGES if key in frame), None)
        if hit:
            stage = hit
            break
    share[stage] += 1
    if any(name in frames[0] for name in RC):
        inside[(stage, "rc")] += 1
    elif any(name in frames[0] for name in ALLOC):
        inside[(stage, "alloc")] += 1
print(f"{total} samples")
print("%-28s %7s %18s %12s" % ("stage", "share", "of it: ref counts", "malloc/free"))
for stage, n in share.most_common():
    print("%-28s %6.1f%% %17.1f%% %11.1f%%" % (stage, 100 * n / total, 100 * inside[(stage, "rc")] / total, 100 * inside[(stage, "alloc")] / total))
'
