#!/usr/bin/env bash
# Complaints: (1) public report submissions over HTTP, each durable (committed,
# synchronous=FULL by default) before its 201, checked against what the database holds;
# (2) with a large number of reports in one instansi, the verifier's queue, the overdue
# list and the public statistics, one connection each, p50 and p99.
#   bench/complaint_bench.sh [seconds] [connections] [reports]   (defaults 15, 64, 2000000)
# Needs a release build in build/, wrk and sqlite3 (scripts/install-deps --bench).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
conns=${2:-64}
reports=${3:-2000000}
source bench/lib.sh
port=$(free_port)
key="$work/harmoni.key"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"

# (1) Submissions.
db="sqlite:$work/submit.db"
build/harmoni demo --db "$db" --responses 0 --password-cost test --secret-key-file "$key" > /dev/null
start_harmoni "$db" "$port" --trust-proxy --worker-threads "${WORKERS:-64}" \
  --sqlite-synchronous "${SYNC:-FULL}" --secret-key-file "$key"
before=$(sqlite3 "$work/submit.db" "SELECT count(*) FROM complaints")
echo "submissions: wrk -t2 -c$conns -d${secs}s; SQLite synchronous=${SYNC:-FULL}; ${WORKERS:-64} workers"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/complaint_post.lua "http://127.0.0.1:$port" \
  > "$work/wrk.out"
grep -E "Requests/sec|99%|50%|non-201|Socket errors" "$work/wrk.out" || true
total=$(awk '/requests in/ {print $1}' "$work/wrk.out")
kill "$hpid"; wait "$hpid" 2>/dev/null || true; hpid=
after=$(sqlite3 "$work/submit.db" "SELECT count(*) FROM complaints")
echo "reports stored: $((after - before)) (requests completed by wrk: $total)"

# (2) Reading with many reports.
db="sqlite:$work/volume.db"
started=$(date +%s)
build/harmoni demo --db "$db" --responses 0 --password-cost test --secret-key-file "$key" \
  --complaints "$reports" > /dev/null
echo "$(sqlite3 "$work/volume.db" "SELECT count(*) FROM complaints") reports built in $(( $(date +%s) - started )) s;" \
  "open: $(sqlite3 "$work/volume.db" "SELECT count(*) FROM complaints WHERE status IN ('received', 'waiting_reporter', 'disposed', 'drafted')")"
token=$(build/harmoni token create --db "$db" --email penanganan.kasus@harmoni.demo --name bench 2>/dev/null)
start_harmoni "$db" "$port" --secret-key-file "$key"
year=$(date +%Y)
wrk_latency "verifier's queue (first page)" "/api/v1/complaints?list=verify" "$token"
wrk_latency "overdue list (first page)" "/api/v1/complaints?list=overdue" "$token"
wrk_latency "public statistics, instansi-year" "/api/v1/complaints/statistics?instansi=KAB-SAMBAS&year=$year" "$token"
wrk_latency "staff queue page (HTML)" "/complaints?list=verify" "$token"
