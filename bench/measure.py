#!/usr/bin/env python3
"""Times commands: median wall time of N runs and the peak RSS of one process (os.wait4).

Usage: measure.py RUNS [--floor FLOOR ARGS...] -- CMD ARGS...
prints: median_s min_s max_s peak_rss_mb exit_code ratio_median ratio_fastest

With --floor, every run of CMD comes right after a run of FLOOR (the libyaml event loop over
the same files), and the ratios are taken run by run: ratio_median is the median of the RUNS
ratios CMD/FLOOR, ratio_fastest the fastest CMD run over the fastest FLOOR run. A machine whose
speed drifts during a benchmark (a shared VM) then moves both sides of each ratio, where a floor
timed once at the start of a table would not. Without --floor both ratios print as "-".
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
    rest = sys.argv[2:]
    split = rest.index("--")
    floor = rest[1:split] if rest[:1] == ["--floor"] else None
    cmd = rest[split + 1:]
    # Warm-up: page cache, first-run costs.
    if floor:
        run_once(floor)
    run_once(cmd)
    times, floors, rss, codes = [], [], [], set()
    for _ in range(runs):
        if floor:
            floors.append(run_once(floor)[0])
        t, r, c = run_once(cmd)
        times.append(t)
        rss.append(r)
        codes.add(c)
    if floors:
        ratios = f"{statistics.median(t / f for t, f in zip(times, floors)):.2f} {min(times) / min(floors):.2f}"
    else:
        ratios = "- -"
    print(f"{statistics.median(times):.3f} {min(times):.3f} {max(times):.3f} {max(rss):.1f} {','.join(map(str, sorted(codes)))} {ratios}")


if __name__ == "__main__":
    main()
