#!/usr/bin/env python3
"""Compares two stemcheck binaries side by side on the same corpus, runs interleaved (A, B, A, B …)
so that machine noise hits both alike. Prints the median wall time of each and the ratio B/A.

Usage: bench/compare.py BEFORE_BIN AFTER_BIN CORPUS [RUNS]
Rows: the text-output rows of bench/run.sh (perf pack and shipped packs, --jobs 1 and all cores),
plus the shipped packs with JSON reports written. Needs ../shared/bench-peers/rules/perf.yaml for
the perf-pack rows (skipped when absent).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, proc.returncode


def main():
    before, after, corpus = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    perf = os.path.join(root, "..", "shared", "bench-peers", "rules", "perf.yaml")
    out = tempfile.mkdtemp(prefix="stemcheck-compare-")
    rows = []
    if os.path.exists(perf):
        rows += [("perf pack, text, --jobs 1", ["--rules", perf, "--jobs", "1"]),
                 ("perf pack, text, all cores", ["--rules", perf])]
    rows += [("shipped packs, text, --jobs 1", ["--jobs", "1"]),
             ("shipped packs, text, all cores", []),
             ("shipped packs, JSON reports, --jobs 1", ["--format", "json", "--output", out, "--jobs", "1"])]
    print(f"| row | before s | after s | after/before | exit |")
    print(f"|---|---:|---:|---:|---|")
    for name, args in rows:
        times = {before: [], after: []}
        codes = set()
        for binary in (before, after):  # warm-up
            run([binary, "check", corpus] + args)
        for _ in range(runs):
            for binary in (before, after):
                t, code = run([binary, "check", corpus] + args)
                times[binary].append(t)
                codes.add(code)
        b, a = statistics.median(times[before]), statistics.median(times[after])
        print(f"| {name} | {b:.3f} | {a:.3f} | {a / b:.3f} | {','.join(map(str, sorted(codes)))} |", flush=True)
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
