#!/usr/bin/env python3
"""Load benchmark of stemcheck-server (issue 18): N concurrent submitters upload the shipped
example protocols for D seconds through one or more servers (round robin), then every
submission is read back to check that no version was lost or duplicated.

A bounded client (one thread and one connection per submitter, no retries): every request is
counted, a failure is any transport error or any status other than the one expected (201 for a
new version, 200 for the same bytes again). Prints one JSON object with the figures.

usage: server-load.py --tokens FILE --url http://127.0.0.1:8080 [--url ...] [--duration 60]
"""
import argparse, glob, http.client, json, os, sys, threading, time, urllib.parse

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tokens", required=True, help="one API token per line, one per submitter")
    p.add_argument("--url", action="append", required=True, help="a server; several are used round robin")
    p.add_argument("--duration", type=float, default=60)
    p.add_argument("--examples", default=os.path.join(os.path.dirname(__file__), "..", "examples"))
    args = p.parse_args()
    tokens = [t.strip() for t in open(args.tokens) if t.strip()]
    files = sorted(glob.glob(os.path.join(args.examples, "*.yaml")) + glob.glob(os.path.join(args.examples, "jurisdictions", "*", "*.yaml")))
    examples = [open(f, "rb").read() for f in files]
    servers = [urllib.parse.urlsplit(u) for u in args.url]
    lock = threading.Lock()
    latencies, failures, created, repeated = [], [], {}, {}

    def worker(n, token):
        server = servers[n % len(servers)]
        conn = http.client.HTTPConnection(server.hostname, server.port, timeout=120)
        headers = {"Authorization": "Bearer " + token, "Content-Type": "application/yaml"}
        def post(path, body, expect):
            start = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                r = conn.getresponse()
                data = r.read()
                status = r.status
            except Exception as e:  # a transport failure is a failure
                status, data = 0, str(e).encode()
                conn.close()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if status != expect:
                    failures.append({"worker": n, "path": path, "status": status, "body": data[:300].decode("utf-8", "replace")})
            return status, data
        status, data = post("/api/v1/submissions?title=load+%d&filename=p.yaml" % n, examples[n % len(examples)] + b"\n# load %d start\n" % n, 201)
        if status != 201:
            return
        sid = json.loads(data)["submission_id"]
        created[n], repeated[n] = (sid, 1), 0
        deadline = time.monotonic() + args.duration
        i, previous = 0, None
        while time.monotonic() < deadline:
            i += 1
            if previous is not None and i % 10 == 0:
                status, _ = post("/api/v1/submissions/%d/versions?filename=p.yaml" % sid, previous, 200)
                repeated[n] += status == 200
                continue
            body = examples[i % len(examples)] + b"\n# load %d %d\n" % (n, i)
            status, _ = post("/api/v1/submissions/%d/versions?filename=p.yaml" % sid, body, 201)
            if status == 201:
                created[n] = (sid, created[n][1] + 1)
                previous = body

    threads = [threading.Thread(target=worker, args=(n, t)) for n, t in enumerate(tokens)]
    began = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    wall = time.perf_counter() - began

    # Read every submission back: the versions are exactly the ones answered 201, numbered 1..n.
    lost, duplicated = 0, 0
    for n, (sid, expected) in sorted(created.items()):
        server = servers[(n + 1) % len(servers)]
        conn = http.client.HTTPConnection(server.hostname, server.port, timeout=120)
        conn.request("GET", "/api/v1/submissions/%d" % sid, headers={"Authorization": "Bearer " + tokens[n]})
        versions = json.loads(conn.getresponse().read())["versions"]
        seqs = [v["seq"] for v in versions]
        shas = [v["sha256"] for v in versions]
        lost += max(0, expected - len(versions))
        duplicated += max(0, len(versions) - expected) + (len(shas) - len(set(shas)))
        if seqs != list(range(1, len(seqs) + 1)):
            duplicated += 1
    latencies.sort()
    def pct(q): return round(latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000, 1) if latencies else None
    print(json.dumps({
        "servers": args.url, "submitters": len(tokens), "duration_s": args.duration, "wall_s": round(wall, 1),
        "requests": len(latencies), "failed": len(failures), "requests_per_s": round(len(latencies) / wall, 1),
        "versions_created": sum(c for _, c in created.values()), "same_bytes_again": sum(repeated.values()),
        "lost_versions": lost, "duplicated_versions": duplicated,
        "latency_ms": {"p50": pct(0.50), "p95": pct(0.95), "p99": pct(0.99), "max": pct(1.0)},
        "first_failures": failures[:3],
    }, indent=2))
    return 1 if failures or lost or duplicated else 0

if __name__ == "__main__":
    sys.exit(main())
