#!/usr/bin/env python3
"""Fault tests of stemcheck-server (issue 19), run against the built binary.

  crash-uploads     kill -9 the server while 8 clients upload; restart: every acknowledged
                    version is there, no submission without its checked version, audit verifies.
  crash-decisions   kill -9 while the chair signs determinations on 16 submissions; restart:
                    every acknowledged determination is there with its signature and letter,
                    no determination without them, audit verifies.
  db-down-at-start  (PostgreSQL) the server started before its database retries and serves once
                    the database is up; with nothing to reach it gives up with a clear error.
  db-down-mid-run   (PostgreSQL) the database stops under a running server: requests get 503
                    with a clear JSON error, the server stays up, and serves again once the
                    database is back.
  disk-full         (SQLite on a 3 MiB tmpfs) uploads until the disk is full: the refused upload
                    gets 507 storage_full, earlier data is intact and the audit trail verifies.
  two-servers       (PostgreSQL) two server processes on one database, the chair's two
                    determinations of one submission sent to both at once: one is recorded,
                    the other gets 409 with a reload hint.

The crash tests run on SQLite and on PostgreSQL. PostgreSQL needs STEMCHECK_TEST_POSTGRES_URL
(a server where the test may create databases) and, for the database-down tests, Debian's
postgresql (scripts/test-postgres starts a cluster of its own). Results go to
OUTPUT_DIR/faults.json and are printed.

Usage: faults_test.py SERVER_BINARY [OUTPUT_DIR]
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from support import PASSWORD, Failure, free_port

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = open(os.path.join(ROOT, "examples", "cp-ucb-phase2-us.yaml"), "rb").read()


def request(base, method, path, token=None, body=None, timeout=30):
    """(status, parsed JSON or text); status 0 when the connection failed."""
    data = None
    headers = {}
    if isinstance(body, (bytes, bytearray)):
        data = bytes(body)
        headers["Content-Type"] = "application/octet-stream"
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            text = r.read().decode()
            return r.status, (json.loads(text) if text.startswith(("{", "[")) else text)
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        try:
            return e.code, json.loads(text)
        except ValueError:
            return e.code, text
    except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
        return 0, None


class Storage:
    """A fresh database: SQLite in a temporary folder, or a new PostgreSQL database."""

    def __init__(self, kind, admin_url=None, data=None):
        self.kind = kind
        self.owns_data = data is None
        self.data = data or tempfile.mkdtemp(prefix="stemcheck-faults-")
        self.url = None
        self.admin_url = admin_url
        self.database = None
        if kind == "postgres":
            self.database = "faults_" + uuid.uuid4().hex[:10]
            psql(admin_url, f"CREATE DATABASE {self.database}")
            parts = urllib.parse.urlsplit(admin_url)
            self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.database))

    def remove(self):
        """Deletes the temporary folder and the database this storage made (after a passing test)."""
        if self.owns_data:
            shutil.rmtree(self.data, ignore_errors=True)
        if self.database:
            try:
                psql(self.admin_url, f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
            except subprocess.CalledProcessError as e:
                print(f"note: could not drop database {self.database}: {e.stderr.decode().strip()}", flush=True)

    def args(self):
        return ["--data", self.data] + (["--database", self.url] if self.url else [])


def psql(url, sql):
    parts = urllib.parse.urlsplit(url)
    base = urllib.parse.urlunsplit(parts._replace(path="/postgres", query=""))
    subprocess.run(["psql", base, "-v", "ON_ERROR_STOP=1", "-qc", sql], check=True, capture_output=True)


class Server:
    def __init__(self, binary, storage, log_dir, name, extra=()):
        self.binary = binary
        self.storage = storage
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(log_dir, name + ".log")
        self.extra = list(extra)
        self.process = None

    def env(self):
        env = dict(os.environ, STEMCHECK_PASSWORD=PASSWORD)
        env.pop("STEMCHECK_DATABASE_URL", None)
        return env

    def cli(self, *args):
        r = subprocess.run([self.binary, *args, *self.storage.args()], env=self.env(), capture_output=True, text=True)
        return r.returncode, r.stdout, r.stderr

    def start(self, wait=True):
        log = open(self.log_path, "a")
        self.process = subprocess.Popen([self.binary, "serve", "--port", str(self.port), *self.storage.args(), *self.extra],
                                        env=self.env(), stdout=log, stderr=subprocess.STDOUT)
        if wait:
            self.wait_healthy()
        return self

    def wait_healthy(self, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise Failure(f"the server exited ({self.process.returncode}); see {self.log_path}")
            status, _ = request(self.base, "GET", "/api/v1/health", timeout=2)
            if status == 200:
                return
            time.sleep(0.1)
        raise Failure(f"the server did not answer within {seconds} s; see {self.log_path}")

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)

    def log(self):
        with open(self.log_path) as f:
            return f.read()


class Faults:
    def __init__(self, binary, out):
        self.binary = os.path.abspath(binary)
        self.out = out
        self.logs = os.path.join(out, "logs")
        os.makedirs(self.logs, exist_ok=True)
        self.admin_url = os.environ.get("STEMCHECK_TEST_POSTGRES_URL")
        self.results = []
        self.failed = 0
        # The storages the running test made: removed when it passes, kept (and named) when it fails.
        self.made = []

    def check(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if not ok:
            raise Failure(what)

    def storage(self, kind, data=None):
        storage = Storage(kind, self.admin_url if kind == "postgres" else None, data=data)
        self.made.append(storage)
        return storage

    def storages(self):
        kinds = ["sqlite"] + (["postgres"] if self.admin_url else [])
        return kinds

    def accounts(self, server, *specs):
        tokens = {}
        for login, role in specs:
            code, _, err = server.cli("user", "add", login, "--name", login.title() + " Person", "--role", role)
            if code != 0:
                raise Failure(f"user add {login}: {err}")
            code, out, err = server.cli("user", "token", login)
            if code != 0:
                raise Failure(f"user token {login}: {err}")
            tokens[login] = out.strip()
        return tokens

    def audit_verify(self, server):
        code, out, err = server.cli("audit", "verify")
        self.check(code == 0, f"audit verify passes: {(out or err).strip()}")
        words = out.split()
        return int(words[words.index("verified:") + 1]) if "verified:" in words else 0

    # -- scenarios ----------------------------------------------------------------------------
    def crash_uploads(self, kind):
        storage = self.storage(kind)
        server = Server(self.binary, storage, self.logs, f"crash-uploads-{kind}")
        tokens = self.accounts(server, ("sub", "submitter"))
        server.start()
        acknowledged = []
        attempted = [0]
        interrupted = [0]
        lock = threading.Lock()
        stop = threading.Event()

        def client(n):
            i = 0
            while not stop.is_set():
                body = EXAMPLE + f"\n# client {n} upload {i}\n".encode()
                i += 1
                with lock:
                    attempted[0] += 1
                status, reply = request(server.base, "POST", f"/api/v1/submissions?title=Crash+{n}-{i}&filename=p.yaml", tokens["sub"], body)
                with lock:
                    if status == 201:
                        acknowledged.append((reply["submission_id"], reply["version"]["sha256"]))
                    elif status == 0:
                        interrupted[0] += 1
                        return

        threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
        for t in threads:
            t.start()
        deadline = time.time() + 60
        while len(acknowledged) < 40 and time.time() < deadline:
            time.sleep(0.01)
        server.kill9()
        stop.set()
        for t in threads:
            t.join(60)
        server.start()
        missing = []
        for sid, sha in acknowledged:
            status, sub = request(server.base, "GET", f"/api/v1/submissions/{sid}", tokens["sub"])
            if status != 200 or sha not in [v["sha256"] for v in sub["versions"]]:
                missing.append(sid)
        self.check(not missing, f"{kind}: all {len(acknowledged)} acknowledged uploads survived the kill (missing: {missing[:5]})")
        status, queue = request(server.base, "GET", "/api/v1/submissions", tokens["sub"])
        partial = []
        for item in queue["items"]:
            status, sub = request(server.base, "GET", f"/api/v1/submissions/{item['id']}", tokens["sub"])
            if not sub["versions"] or any(v["report_sha256"] is None and v["input_error"] is None for v in sub["versions"]):
                partial.append(item["id"])
        self.check(not partial, f"{kind}: no submission without its checked version after the kill ({len(queue['items'])} stored)")
        events = self.audit_verify(server)
        server.stop()
        self.results.append({"test": "crash-uploads", "database": kind, "requests_attempted": attempted[0],
                             "acknowledged": len(acknowledged), "interrupted_by_kill": interrupted[0],
                             "submissions_stored": len(queue["items"]), "lost": len(missing), "partial": len(partial),
                             "events_verified": events})

    def crash_decisions(self, kind):
        storage = self.storage(kind)
        server = Server(self.binary, storage, self.logs, f"crash-decisions-{kind}")
        tokens = self.accounts(server, ("sub", "submitter"), ("ana", "analyst"), ("chair", "chair"))
        server.start()
        ids = []
        for i in range(16):
            status, reply = request(server.base, "POST", f"/api/v1/submissions?title=Decide+{i}&filename=p.yaml", tokens["sub"],
                                    EXAMPLE + f"\n# {i}\n".encode())
            sid = reply["submission_id"]
            request(server.base, "POST", f"/api/v1/submissions/{sid}/submit", tokens["sub"])
            status, _ = request(server.base, "POST", f"/api/v1/submissions/{sid}/accept", tokens["ana"], {"path": "convened"})
            self.check(status == 200, f"{kind}: submission {sid} accepted for review")
            ids.append(sid)
        acknowledged = []
        lock = threading.Lock()

        def decide(chunk):
            for sid in chunk:
                status, reply = request(server.base, "POST", f"/api/v1/submissions/{sid}/determinations", tokens["chair"],
                                        {"kind": "approved", "basis": "meets the criteria", "password": PASSWORD})
                if status == 201:
                    with lock:
                        acknowledged.append(sid)
                elif status == 0:
                    return

        threads = [threading.Thread(target=decide, args=(ids[n::4],)) for n in range(4)]
        for t in threads:
            t.start()
        deadline = time.time() + 60
        while len(acknowledged) < 5 and time.time() < deadline:
            time.sleep(0.01)
        server.kill9()
        for t in threads:
            t.join(60)
        server.start()
        lost, partial, decided = [], [], 0
        for sid in ids:
            status, sub = request(server.base, "GET", f"/api/v1/submissions/{sid}", tokens["chair"])
            dets = sub["determinations"]
            if sub["state"] == "approved":
                decided += 1
                if len(dets) != 1 or not dets[0]["signature"] or not dets[0]["letter_id"]:
                    partial.append(sid)
            elif dets:
                partial.append(sid)
            if sid in acknowledged and sub["state"] != "approved":
                lost.append(sid)
        self.check(not lost, f"{kind}: all {len(acknowledged)} acknowledged determinations survived the kill")
        self.check(not partial, f"{kind}: every stored determination has its signature and letter, none half-written ({decided} of {len(ids)} decided)")
        self.check(0 < len(acknowledged) and decided < len(ids), f"{kind}: the kill came in the middle of the decisions ({len(acknowledged)} acknowledged)")
        events = self.audit_verify(server)
        server.stop()
        self.results.append({"test": "crash-decisions", "database": kind, "submissions": len(ids), "acknowledged": len(acknowledged),
                             "decided_after_restart": decided, "lost": len(lost), "partial": len(partial), "events_verified": events})

    def own_cluster(self):
        """A PostgreSQL cluster of this test's own (stopped and started at will)."""
        directory = tempfile.mkdtemp(prefix="stemcheck-pg-")
        port = free_port()
        return directory, port, f"postgres://stemcheck@127.0.0.1:{port}/stemcheck_test?sslmode=disable"

    def pg(self, action, directory, port=None):
        args = [os.path.join(ROOT, "scripts", "test-postgres"), action, directory] + ([str(port)] if port else [])
        subprocess.run(args, check=True, capture_output=True)

    def db_down_at_start(self):
        directory, port, url = self.own_cluster()
        storage = self.storage("sqlite")
        storage.url = url
        # Nothing to reach: a clear error after the wait.
        started = time.time()
        r = subprocess.run([self.binary, "serve", "--port", str(free_port()), "--wait-for-database", "3", *storage.args()],
                           capture_output=True, text=True, timeout=60, env=dict(os.environ))
        waited = time.time() - started
        self.check(r.returncode == 2 and "unavailable" in r.stderr and "hint:" in r.stderr and "retrying" in r.stderr,
                   f"with no database the server retries for 3 s, then exits 2 with a clear error (after {waited:.1f} s)")
        self.check("Fatal error" not in r.stderr and "Stack" not in r.stderr, "no crash report")
        # The database comes up after the server: it serves.
        server = Server(self.binary, storage, self.logs, "db-down-at-start", extra=["--wait-for-database", "60"]).start(wait=False)
        time.sleep(3)
        self.check(server.process.poll() is None and "retrying" in server.log(), "the server waits for the database, retrying")
        self.pg("start", directory, port)
        try:
            server.wait_healthy(60)
            self.check(True, "the server serves once the database is up")
        finally:
            server.stop()
            self.pg("stop", directory)
            shutil.rmtree(directory, ignore_errors=True)
        self.results.append({"test": "db-down-at-start", "database": "postgres", "gave_up_after_s": round(waited, 1), "exit_status": r.returncode})

    def db_down_mid_run(self):
        directory, port, url = self.own_cluster()
        self.pg("start", directory, port)
        storage = self.storage("sqlite")
        storage.url = url
        server = Server(self.binary, storage, self.logs, "db-down-mid-run")
        tokens = self.accounts(server, ("sub", "submitter"))
        server.start()
        try:
            status, _ = request(server.base, "POST", "/api/v1/submissions?title=Before&filename=p.yaml", tokens["sub"], EXAMPLE)
            self.check(status == 201, "an upload before the outage is stored")
            self.pg("stop", directory)
            during = [request(server.base, "POST", f"/api/v1/submissions?title=During{i}&filename=p.yaml", tokens["sub"], EXAMPLE + b"\n#%d\n" % i)
                      for i in range(5)]
            codes = sorted({s for s, _ in during})
            clear = all(s == 503 and isinstance(r, dict) and r["error"]["code"] == "unavailable" and r["error"].get("hint") for s, r in during)
            self.check(clear, f"during the outage every request gets 503 with a clear error (got {codes})")
            self.check(server.process.poll() is None, "the server stays up during the outage")
            self.pg("start", directory, port)
            recovered_after = None
            started = time.time()
            for attempt in range(60):
                status, _ = request(server.base, "POST", "/api/v1/submissions?title=After&filename=p.yaml", tokens["sub"], EXAMPLE + b"\n#after\n")
                if status == 201:
                    recovered_after = time.time() - started
                    break
                time.sleep(0.5)
            self.check(recovered_after is not None, f"the server serves again once the database is back ({recovered_after and round(recovered_after, 1)} s)")
            status, queue = request(server.base, "GET", "/api/v1/submissions", tokens["sub"])
            titles = sorted(i["title"] for i in queue["items"])
            self.check(titles == ["After", "Before"], f"exactly the acknowledged uploads are stored: {titles}")
            events = self.audit_verify(server)
        finally:
            server.stop()
            self.pg("stop", directory)
            shutil.rmtree(directory, ignore_errors=True)
        self.results.append({"test": "db-down-mid-run", "database": "postgres", "requests_during_outage": len(during),
                             "status_during_outage": codes, "recovered_after_s": round(recovered_after, 1), "events_verified": events})

    def disk_full(self):
        mount = tempfile.mkdtemp(prefix="stemcheck-full-")
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mount], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"SKIP disk-full: cannot mount a tmpfs here ({r.stderr.strip()}); run as root", flush=True)
            self.results.append({"test": "disk-full", "database": "sqlite", "skipped": r.stderr.strip()})
            return
        try:
            storage = self.storage("sqlite", data=os.path.join(mount, "data"))
            server = Server(self.binary, storage, self.logs, "disk-full")
            tokens = self.accounts(server, ("sub", "submitter"))
            server.start()
            stored, refused = [], None
            for i in range(200):
                status, reply = request(server.base, "POST", f"/api/v1/submissions?title=Fill+{i}&filename=p.yaml", tokens["sub"], EXAMPLE + b"\n#%d\n" % i)
                if status == 201:
                    stored.append((reply["submission_id"], reply["version"]["sha256"]))
                else:
                    refused = (status, reply)
                    break
            self.check(refused is not None and refused[0] == 507 and refused[1]["error"]["code"] == "storage_full",
                       f"after {len(stored)} uploads the full disk refuses the next with 507 storage_full: {refused and refused[1]}")
            self.check(server.process.poll() is None, "the server stays up with a full disk")
            intact = all(request(server.base, "GET", f"/api/v1/submissions/{sid}", tokens["sub"])[0] == 200 for sid, _ in stored)
            self.check(intact, f"all {len(stored)} earlier submissions are intact")
            server.stop()
            events = self.audit_verify(server)
        finally:
            subprocess.run(["umount", mount], capture_output=True)
            shutil.rmtree(mount, ignore_errors=True)
        self.results.append({"test": "disk-full", "database": "sqlite", "uploads_stored": len(stored), "refused_status": refused[0],
                             "events_verified": events})

    def two_servers(self):
        storage = self.storage("postgres")
        a = Server(self.binary, storage, self.logs, "two-servers-a")
        tokens = self.accounts(a, ("sub", "submitter"), ("ana", "analyst"), ("chair", "chair"))
        a.start()
        b = Server(self.binary, storage, self.logs, "two-servers-b").start()
        outcomes = []
        try:
            for round_ in range(5):
                status, reply = request(a.base, "POST", f"/api/v1/submissions?title=Race+{round_}&filename=p.yaml", tokens["sub"], EXAMPLE + b"\n#%d\n" % round_)
                sid = reply["submission_id"]
                request(b.base, "POST", f"/api/v1/submissions/{sid}/submit", tokens["sub"])
                request(a.base, "POST", f"/api/v1/submissions/{sid}/accept", tokens["ana"], {"path": "convened"})
                _, sub = request(b.base, "GET", f"/api/v1/submissions/{sid}", tokens["chair"])
                revision = sub["revision"]
                replies = [None, None]
                barrier = threading.Barrier(2)

                def decide(i, server, kind):
                    barrier.wait()
                    replies[i] = request(server.base, "POST", f"/api/v1/submissions/{sid}/determinations", tokens["chair"],
                                         {"kind": kind, "basis": "decided on server " + "ab"[i], "conditions": ["state the follow-up"],
                                          "password": PASSWORD, "revision": revision})

                threads = [threading.Thread(target=decide, args=(0, a, "approved")), threading.Thread(target=decide, args=(1, b, "modifications_required"))]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join(60)
                statuses = sorted(r[0] for r in replies)
                loser = next(r for r in replies if r[0] == 409) if 409 in statuses else None
                self.check(statuses == [201, 409], f"round {round_}: one determination recorded, the other 409 (got {statuses})")
                self.check("reload" in (loser[1]["error"].get("hint") or ""), f"round {round_}: the 409 says to reload ({loser[1]['error']['code']})")
                _, sub = request(a.base, "GET", f"/api/v1/submissions/{sid}", tokens["chair"])
                self.check(len(sub["determinations"]) == 1, f"round {round_}: exactly one determination stored")
                outcomes.append(loser[1]["error"]["code"])
            events = self.audit_verify(a)
        finally:
            a.stop()
            b.stop()
        self.results.append({"test": "two-servers", "database": "postgres", "rounds": 5, "recorded": 5, "refused_409": len(outcomes),
                             "refusal_codes": sorted(set(outcomes)), "events_verified": events})

    def run_all(self):
        plan = []
        for kind in self.storages():
            plan += [(f"crash-uploads ({kind})", lambda k=kind: self.crash_uploads(k)),
                     (f"crash-decisions ({kind})", lambda k=kind: self.crash_decisions(k))]
        plan.append(("disk-full (sqlite)", self.disk_full))
        if self.admin_url:
            plan += [("db-down-at-start (postgres)", self.db_down_at_start), ("db-down-mid-run (postgres)", self.db_down_mid_run),
                     ("two-servers (postgres)", self.two_servers)]
        else:
            print("SKIP the PostgreSQL fault tests: STEMCHECK_TEST_POSTGRES_URL is not set", flush=True)
        for name, test in plan:
            print(f"== {name}", flush=True)
            try:
                test()
                for storage in self.made:
                    storage.remove()
            except Failure as failure:
                self.failed += 1
                self.results.append({"test": name, "failed": str(failure)})
                for storage in self.made:
                    print(f"kept for inspection: {storage.data}" + (f", database {storage.database}" if storage.database else ""), flush=True)
            self.made = []
        with open(os.path.join(self.out, "faults.json"), "w") as f:
            json.dump(self.results, f, indent=2)
        print(json.dumps(self.results, indent=2))
        print(f"fault tests: {len(plan) - self.failed} of {len(plan)} passed")
        return 1 if self.failed else 0


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "reports", "faults")
    os.makedirs(out, exist_ok=True)
    return Faults(sys.argv[1], out).run_all()


if __name__ == "__main__":
    sys.exit(main())
