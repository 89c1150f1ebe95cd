#!/usr/bin/env bash
# The survey index over HTTP on a database with many responses, side by side with a
# plain SQL aggregate over the raw answers of the same database, in one run.
#   bench/ikm_bench.sh DB_FILE   (a SQLite file built with: harmoni demo --responses N)
# Needs a release build in build/, wrk and sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?sqlite database file}
db="sqlite:$file"
source bench/lib.sh
port=$(free_port)
token=$(build/harmoni token create --db "$db" --email admin.sambas@harmoni.demo --name "ikm-bench-$$" 2>/dev/null)
start_harmoni "$db" "$port"
responses=$(sqlite3 "$file" "SELECT count(*) FROM skm_responses")
instansi=$(sqlite3 "$file" "SELECT id FROM instansi WHERE code = 'KAB-SAMBAS'")
unit=$(sqlite3 "$file" "SELECT id FROM units WHERE instansi_id = $instansi AND code = 'DUKCAPIL'")
year=$(date +%Y)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $responses responses stored"

curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/ikm?instansi=KAB-SAMBAS&from=$year-01-01&to=$year-12-31" > "$work/year.json"
echo "instansi-year answer: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["respondents"], "respondents, score", d["score"])' "$work/year.json")"
wrk_latency "HTTP index: unit, quarter (Q3)" "/api/v1/ikm?unit=$unit&from=$year-07-01&to=$year-09-30" "$token"
wrk_latency "HTTP index: unit, ragged range" "/api/v1/ikm?unit=$unit&from=$year-02-14&to=$year-08-20" "$token"
wrk_latency "HTTP index: instansi, year" "/api/v1/ikm?instansi=KAB-SAMBAS&from=$year-01-01&to=$year-12-31" "$token"

# The same instansi-year counts from the raw answers.
sums="COUNT(*)"
for e in 1 2 3 4 5 6 7 8 9; do for a in 1 2 3 4; do sums="$sums, SUM(CASE WHEN r.u$e = $a THEN 1 ELSE 0 END)"; done; done
raw="SELECT $sums FROM skm_responses r JOIN units un ON un.id = r.unit_id WHERE un.instansi_id = $instansi AND r.day >= '$year-01-01' AND r.day <= '$year-12-31';"
start=$(date +%s.%N)
count=$(sqlite3 "$file" "$raw" | cut -d'|' -f1)
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$count" 'BEGIN { printf "plain SQL aggregate over raw answers (sqlite3): %.0f ms for %d respondents\n", (e - s) * 1000, n }'
