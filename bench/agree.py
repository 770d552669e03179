#!/usr/bin/env python3
"""Compares stemcheck's decisions with the bench-peers' Python peer, protocol by protocol and
rule by rule, for the perf pack.

    agree.py PEER_DIR BATCH_REPORT.json

The peers keep SPEC v1's two-valued logic (a missing value makes a leaf false); stemcheck follows
SPEC v2 (a missing value is `unknown`, SPEC 3.2). So the decisions are compared as SPEC v2 says
they may differ, and nothing else may:
  - equal: the same status;
  - unknown: stemcheck says `unknown` where the peer says `fail` or `not_applicable` (the
    protocol does not state what the rule needs, or whether it applies);
  - pass under undecided applicability: stemcheck says `pass` where the peer says
    `not_applicable` (SPEC 3.2: a check that holds whichever way applicability falls passes);
  - contradiction: anything else (a pass against a fail, a fail against a not-applicable, ...).
Prints one line with the four counts and exits 1 when there is any contradiction (the first
few are printed to standard error). The built-in SCHEMA results have no peer rule and are skipped.
"""
import importlib.util
import json
import os
import sys

import yaml

peer_dir, batch = sys.argv[1], sys.argv[2]
sys.path.insert(0, peer_dir)
spec = importlib.util.spec_from_file_location("peer_python", os.path.join(peer_dir, "peer_python.py"))
peer = importlib.util.module_from_spec(spec)
saved, sys.argv = sys.argv, ["peer_python.py"]
spec.loader.exec_module(peer)
sys.argv = saved
rules = dict(peer.RULES)
names = {peer.PASS: "pass", peer.FAIL: "fail", peer.NA: "not_applicable"}

counts = {"equal": 0, "unknown": 0, "pass under undecided applicability": 0, "contradiction": 0}
contradictions = []
for report in json.load(open(batch))["reports"]:
    path = report["protocol"]["path"]
    with open(path) as f:
        document = yaml.load(f, Loader=yaml.CSafeLoader)
    for result in report["results"]:
        rule = result["rule"]
        if rule not in rules:
            continue
        theirs, ours = names[rules[rule](document)], result["status"]
        if ours == theirs:
            kind = "equal"
        elif ours == "unknown" and theirs in ("fail", "not_applicable"):
            kind = "unknown"
        elif ours == "pass" and theirs == "not_applicable":
            kind = "pass under undecided applicability"
        else:
            kind = "contradiction"
            contradictions.append("%s %s: stemcheck %s, peer %s" % (os.path.basename(path), rule, ours, theirs))
        counts[kind] += 1
print(", ".join("%d %s" % (n, kind) for kind, n in counts.items()))
for line in contradictions[:20]:
    print(line, file=sys.stderr)
sys.exit(1 if contradictions else 0)
