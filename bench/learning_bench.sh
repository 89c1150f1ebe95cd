#!/usr/bin/env bash
# The JP ledger at national scale: 1,000,000 ASN (`harmoni demo --scale 1000`) and
# 20,000,000 learning records. 19 million are written straight into the database as
# a fixture (19 a person over two years, with the yearly totals rebuilt from them); the
# last million arrive the way production gets them, through the LMS import over HTTP
# (rate and the server's peak RSS), and once more to show the import is idempotent.
# Then, over HTTP with one connection: the compliance view of the whole instansi (HR),
# of one unit (its head), and the follow-up list of one unit.
#   bench/learning_bench.sh [lms-rows]      (SQLite; a release build in build/)
# FIXTURE=PATH keeps the database with the fixture at PATH (built there once, copied for
# each run), for repeated runs.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
source bench/lib.sh
file="$work/bench.db"
db="sqlite:$file"
year=$(date +%Y)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
elapsed() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f s", e - s}'; }
build_fixture() {
  t0=$(date +%s.%N)
  build/harmoni demo --db "$db" --scale 1000 --responses 0 --password-cost test > /dev/null
  echo "demo (1,000,000 ASN) built in $(elapsed "$t0")"

  # The fixture: minutes vary by person and course so that some people meet the 20 JP and
  # some do not; source_ref ascends with (asn, course) so the unique index is appended to.
  t0=$(date +%s.%N)
  sqlite3 "$file" > /dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE course(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM course WHERE n < 19)
INSERT INTO learning_records (asn_id, year, source, source_ref, verb, title, activity_type, completed_on, minutes,
                              jp_e2, score, passed, recorded_at)
  SELECT a.id, $year - (course.n % 2), 'lms', printf('lms:fixture:%09d:%02d', a.id, course.n), 'completed',
         'Kursus daring ' || course.n, 'lms',
         printf('%04d-%02d-%02d', $year - (course.n % 2), 1 + course.n % 10, 1 + a.id % 28),
         15 + (a.id * 7 + course.n * 13) % 90, ((15 + (a.id * 7 + course.n * 13) % 90) * 200 + 45) / 90, NULL, NULL, 0
  FROM asn a CROSS JOIN course;
DELETE FROM jp_totals;
INSERT INTO jp_totals (asn_id, year, instansi_id, unit_id, active, jp_e2, records)
  SELECT r.asn_id, r.year, a.instansi_id, a.unit_id, a.active, SUM(r.jp_e2), COUNT(*)
  FROM learning_records r JOIN asn a ON a.id = r.asn_id GROUP BY r.asn_id, r.year;
COMMIT;
PRAGMA journal_mode = WAL;
ANALYZE;
SQL
  echo "fixture: $(sqlite3 "$file" "SELECT COUNT(*) FROM learning_records") learning records in $(elapsed "$t0"); database $(du -h "$file" | cut -f1)"
}
if [ -n "${FIXTURE:-}" ]; then
  [ -f "$FIXTURE" ] || { build_fixture; cp "$file" "$FIXTURE"; }
  cp "$FIXTURE" "$file"
else
  build_fixture
fi

# The LMS file: courses of Kabupaten Sambas's people, about three a person, this year.
sqlite3 "$file" "SELECT a.nip FROM asn a JOIN instansi i ON i.id = a.instansi_id WHERE i.code = 'KAB-SAMBAS' ORDER BY a.id" \
  > "$work/nips.txt"
awk -v n="$rows" -v year="$year" '
  { nip[NR] = $1 }
  END {
    print "nip,id_kursus,judul,tanggal_selesai,menit,nilai,lulus"
    for (i = 0; i < n; i++) {
      person = nip[i % NR + 1]; course = int(i / NR)
      printf "%s,LMS-%04d,Pelayanan Prima Modul %d,%d-%02d-%02d,%d,%d,ya\n", person, course, course + 1, year,
             1 + i % 11, 1 + i % 28, 45 + i % 4 * 30, 70 + i % 31
    }
  }' "$work/nips.txt" > "$work/lms.csv"
echo "LMS file: $rows rows for $(wc -l < "$work/nips.txt") people, $(du -h "$work/lms.csv" | cut -f1)"

hr=$(build/harmoni token create --db "$db" --email sdm.bkpsdm@harmoni.demo --name bench 2>/dev/null)
head=$(build/harmoni token create --db "$db" --email kepala.dukcapil@harmoni.demo --name bench 2>/dev/null)
port=$(free_port)
start_harmoni "$db" "$port"
api="http://127.0.0.1:$port/api/v1"
for run in first again; do
  rss_before=$(awk '/VmHWM/ {print $2}' "/proc/$hpid/status")
  secs=$(curl -s -o "$work/import.json" -w '%{time_total}' -H "Authorization: Bearer $hr" -H 'Content-Type: text/csv' \
    --data-binary @"$work/lms.csv" "$api/learning/lms-import?provider=bench")
  echo "$run LMS import over HTTP: $secs s, $(awk -v n="$rows" -v s="$secs" 'BEGIN {printf "%.0f rows/s", n / s}');" \
    "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(", ".join(f"{k} {v}" for k, v in r.items() if not isinstance(v, (list, dict))))' "$work/import.json")"
  echo "  server peak RSS $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$hpid/status") (before the import: $((rss_before / 1024)) MB)"
done
echo "learning records now: $(sqlite3 "$file" "SELECT COUNT(*) FROM learning_records")"

unit=$(sqlite3 "$file" "SELECT unit_id FROM users WHERE email = 'kepala.dukcapil@harmoni.demo'")
people=$(sqlite3 "$file" "SELECT COUNT(*) FROM asn a JOIN instansi i ON i.id = a.instansi_id WHERE i.code = 'KAB-SAMBAS' AND a.active = 1")
in_unit=$(sqlite3 "$file" "SELECT COUNT(*) FROM asn WHERE unit_id = $unit AND active = 1")
echo "compliance, year $year ($people active ASN in the instansi, $in_unit in the unit):"
wrk_latency "the instansi (HR, API)" "/api/v1/learning/compliance?year=$year" "$hr"
wrk_latency "the instansi (HR, page)" "/learning/compliance?year=$year" "$hr"
wrk_latency "one unit (its head, API)" "/api/v1/learning/compliance?year=$year" "$head"
wrk_latency "one unit's first 100 below 20 JP (HR, API)" "/api/v1/learning/compliance/people?year=$year&unit=$unit" "$hr" \
  "each read audited"
