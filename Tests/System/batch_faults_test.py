#!/usr/bin/env python3
"""Fault tests of `stemcheck check` writing whole-run documents (issue 20), on the built binary.

Each protocol's part of a whole-run document (`--format FORMAT=PATH`) is kept in an unlinked
temporary file in TMPDIR until the run ends (docs/reports.md, "Memory").

  spool-normal   a batch of the shipped examples (copied 40 times) into one JSON, SARIF and JUnit
                 document each: valid documents holding every protocol, byte-identical for
                 --jobs 1 and 2, and no temporary file left in TMPDIR.
  spool-full     TMPDIR on a 64 KiB tmpfs: the run exits 2, says what is wrong and how to fix
                 it, does not claim to have written the document, and the destination keeps
                 what it had.
  spool-missing  TMPDIR names no folder: the parts are kept in memory and the document is the
                 same as with a temporary file.

Usage: batch_faults_test.py STEMCHECK_BINARY [OUTPUT_DIR]   (spool-full needs root for the mount)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.dom.minidom

from support import Failure

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        raise Failure(what)


def corpus(folder, copies=40):
    examples = [f for f in sorted(os.listdir(os.path.join(ROOT, "examples"))) if f.endswith(".yaml")]
    for n in range(copies):
        for name in examples:
            shutil.copy(os.path.join(ROOT, "examples", name), os.path.join(folder, f"{n:03d}-{name}"))
    return copies * len(examples)


def run(binary, args, tmpdir):
    env = dict(os.environ, TMPDIR=tmpdir, SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run([binary, "check"] + args, capture_output=True, text=True, env=env)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "reports", "faults")
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="stemcheck-batch-faults-")
    results, failed = [], 0
    try:
        protocols = os.path.join(work, "protocols")
        os.makedirs(protocols)
        count = corpus(protocols)
        spool = os.path.join(work, "tmp")
        os.makedirs(spool)

        def spool_normal():
            docs = {}
            for jobs in ("1", "2"):
                dest = os.path.join(work, f"jobs{jobs}")
                os.makedirs(dest)
                r = run(binary, [protocols, "--jobs", jobs, "--format", f"json={dest}/run.json",
                                 "--format", f"sarif={dest}/run.sarif", "--format", f"junit={dest}/run.junit.xml"], spool)
                check(r.returncode in (0, 1), f"--jobs {jobs}: exit {r.returncode} (0 or 1)")
                docs[jobs] = {name: open(os.path.join(dest, name), "rb").read() for name in ("run.json", "run.sarif", "run.junit.xml")}
            report = json.loads(docs["1"]["run.json"])
            check(len(report["reports"]) == count and report["summary"]["protocols"] == count,
                  f"the JSON document holds all {count} protocols")
            sarif = json.loads(docs["1"]["run.sarif"])
            check(len(sarif["runs"][0]["artifacts"]) == count, f"the SARIF log names all {count} protocols")
            suites = xml.dom.minidom.parseString(docs["1"]["run.junit.xml"]).getElementsByTagName("testsuite")
            check(len(suites) == count, f"the JUnit document holds {count} test suites")
            check(docs["1"] == docs["2"], "the documents are byte-identical for --jobs 1 and --jobs 2")
            check(os.listdir(spool) == [], "no temporary file is left in TMPDIR")
            results.append({"test": "spool-normal", "protocols": count, "json_bytes": len(docs["1"]["run.json"])})

        def spool_full():
            tiny = os.path.join(work, "tiny")
            os.makedirs(tiny)
            m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny], capture_output=True, text=True)
            if m.returncode != 0:
                print(f"SKIP spool-full: cannot mount a tmpfs here ({m.stderr.strip()}); run as root", flush=True)
                results.append({"test": "spool-full", "skipped": m.stderr.strip()})
                return
            try:
                dest = os.path.join(work, "kept.json")
                with open(dest, "w") as f:
                    f.write("earlier report\n")
                r = run(binary, [protocols, "--jobs", "2", "--format", f"json={dest}"], tiny)
                check(r.returncode == 2, f"a full TMPDIR makes the run exit 2 (exit {r.returncode})")
                check("cannot write report" in r.stderr and "No space left on device" in r.stderr and "set TMPDIR" in r.stderr,
                      "standard error says what is wrong and how to fix it")
                check("wrote json" not in r.stderr, "the run does not claim to have written the document")
                check(open(dest).read() == "earlier report\n", "the destination keeps what it had")
                check(not [f for f in os.listdir(work) if f.startswith(".kept.json.tmp")], "no temporary file is left beside the destination")
                results.append({"test": "spool-full", "exit_status": r.returncode,
                                "message": [l for l in r.stderr.splitlines() if "cannot write report" in l][0]})
            finally:
                subprocess.run(["umount", tiny], capture_output=True)

        def spool_missing():
            normal = os.path.join(work, "normal.json")
            memory = os.path.join(work, "memory.json")
            a = run(binary, [protocols, "--format", f"json={normal}"], spool)
            b = run(binary, [protocols, "--format", f"json={memory}"], os.path.join(work, "no-such-folder"))
            check(a.returncode == b.returncode and a.returncode in (0, 1), f"both runs finish (exit {a.returncode}, {b.returncode})")
            check(open(normal, "rb").read() == open(memory, "rb").read(), "without a usable TMPDIR the document is the same")
            results.append({"test": "spool-missing", "exit_status": b.returncode})

        plan = [("spool-normal", spool_normal), ("spool-full", spool_full), ("spool-missing", spool_missing)]
        for name, test in plan:
            print(f"== {name}", flush=True)
            try:
                test()
            except Failure as failure:
                failed += 1
                results.append({"test": name, "failed": str(failure)})
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with open(os.path.join(out, "batch-faults.json"), "w") as f:
        json.dump(results, f, indent=2)
    print(json.dumps(results, indent=2))
    print(f"batch fault tests: {len(plan) - failed} of {len(plan)} passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
