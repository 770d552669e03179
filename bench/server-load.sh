#!/usr/bin/env bash
# Load benchmark of stemcheck-server (docs/server.md, "Load"): 50 concurrent submitters upload
# the shipped examples for 60 s on loopback, on SQLite (one server) and on PostgreSQL (two server
# processes sharing one database, requests spread over both); then `audit verify` on each store.
# A benchmark, not a test: run it by hand, on an otherwise idle machine.
#   bench/server-load.sh [sqlite|postgres|both] [SUBMITTERS] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}; n=${2:-50}; seconds=${3:-60}
swift build -c release --product stemcheck-server >&2
bin=$(swift build -c release --show-bin-path)/stemcheck-server
work=$(mktemp -d)
chmod 755 "$work"  # the PostgreSQL cluster inside runs as the postgres user
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/pg/PG_VERSION" ] && scripts/test-postgres stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT
export STEMCHECK_PASSWORD=load-test-password

accounts() {  # storage options...
  : > "$work/tokens"
  for i in $(seq 1 "$n"); do
    "$bin" user add "load$i" --name "Load Submitter $i" --role submitter "$@" >/dev/null
    "$bin" user token "load$i" "$@" >> "$work/tokens"
  done
}
wait_up() { for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$1/api/v1/health" >/dev/null && return; sleep 0.1; done; echo "server on $1 did not start" >&2; exit 1; }

if [ "$which" = sqlite ] || [ "$which" = both ]; then
  accounts --data "$work/sqlite"
  "$bin" serve --data "$work/sqlite" --port 18181 2>"$work/sqlite.log" & pids+=($!)
  wait_up 18181
  echo "== SQLite, one server, $n submitters, ${seconds}s" >&2
  python3 bench/server-load.py --tokens "$work/tokens" --url http://127.0.0.1:18181 --duration "$seconds" || status=$?
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  "$bin" audit verify --data "$work/sqlite"
  du -sh "$work/sqlite" >&2
fi
if [ "$which" = postgres ] || [ "$which" = both ]; then
  url=$(scripts/test-postgres start "$work/pg" 54330)
  accounts --database "$url"
  "$bin" serve --database "$url" --port 18182 2>"$work/pg1.log" & pids+=($!)
  "$bin" serve --database "$url" --port 18183 2>"$work/pg2.log" & pids+=($!)
  wait_up 18182; wait_up 18183
  echo "== PostgreSQL, two servers, $n submitters, ${seconds}s" >&2
  python3 bench/server-load.py --tokens "$work/tokens" --url http://127.0.0.1:18182 --url http://127.0.0.1:18183 --duration "$seconds" || status=$?
  kill "${pids[-1]}" "${pids[-2]}"; wait 2>/dev/null || true
  "$bin" audit verify --database "$url"
fi
exit "${status:-0}"
