#!/usr/bin/env bash
# Survey submissions over HTTP, each durable (committed, synchronous=FULL by default)
# before its 201 is sent: wrk POSTs paper-form responses through the staff API.
# Checks afterwards that the database holds exactly as many responses as were acknowledged.
#   bench/survey_bench.sh [seconds] [connections]
# Needs a release build in build/ and wrk (scripts/install-deps --bench).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
conns=${2:-64}
source bench/lib.sh
port=$(free_port)
db="sqlite:$work/bench.db"
build/harmoni demo --db "$db" --responses 0 --password-cost test > /dev/null
token=$(build/harmoni token create --db "$db" --email kepala.dukcapil@harmoni.demo --name bench 2>/dev/null)
start_harmoni "$db" "$port" --worker-threads "${WORKERS:-64}" --sqlite-synchronous "${SYNC:-FULL}"
unit=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/units" |
  python3 -c 'import json,sys; print(next(u["id"] for u in json.load(sys.stdin)["items"] if u["code"] == "DUKCAPIL" and u["instansi"] == "KAB-SAMBAS"))')
before=$(sqlite3 "$work/bench.db" "SELECT count(*) FROM skm_responses")
echo "machine: $(nproc) cores; wrk -t2 -c$conns -d${secs}s; SQLite synchronous=${SYNC:-FULL}; ${WORKERS:-64} workers"
TOKEN=$token UNIT=$unit wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/survey_post.lua \
  "http://127.0.0.1:$port" > "$work/wrk.out"
grep -E "Requests/sec|99%|50%|non-201|Socket errors" "$work/wrk.out" || true
total=$(awk '/requests in/ {print $1}' "$work/wrk.out")
kill "$hpid"; wait "$hpid" 2>/dev/null || true; hpid=
after=$(sqlite3 "$work/bench.db" "SELECT count(*) FROM skm_responses")
echo "responses stored: $((after - before)) (requests completed by wrk: $total)"
