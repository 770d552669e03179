#!/usr/bin/env python3
"""Times commands: median wall time of N runs and the peak RSS of one process (os.wait4).

Usage: measure.py RUNS -- CMD ARGS...   prints: median_s min_s max_s peak_rss_mb exit_code
"""
import os
import statistics
import subprocess
import sys
import time


def run_once(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024.0, code


def main():
    runs = int(sys.argv[1])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    run_once(cmd)  # warm-up: page cache, first-run costs
    times, rss, codes = [], [], set()
    for _ in range(runs):
        t, r, c = run_once(cmd)
        times.append(t)
        rss.append(r)
        codes.add(c)
    print(f"{statistics.median(times):.3f} {min(times):.3f} {max(times):.3f} {max(rss):.1f} {','.join(map(str, sorted(codes)))}")


if __name__ == "__main__":
    main()
