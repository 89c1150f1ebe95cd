#!/usr/bin/env bash
# The XLSX export of one unit's raw survey responses over HTTP: time and the server's
# peak memory, on a database built with `harmoni demo --responses N` (10,000,000
# gives about 1.4 million at Dukcapil Sambas; a sheet holds 1,048,575).
#   bench/export_bench.sh DB_FILE [UNIT_CODE]
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?sqlite database file}
unit_code=${2:-DUKCAPIL}
db="sqlite:$file"
source bench/lib.sh
port=$(free_port)
token=$(build/harmoni token create --db "$db" --email admin.sambas@harmoni.demo --name "export-bench-$$" 2>/dev/null)
start_harmoni "$db" "$port" --upload-dir "$work"
unit=$(sqlite3 "$file" "SELECT u.id FROM units u JOIN instansi i ON i.id = u.instansi_id WHERE i.code = 'KAB-SAMBAS' AND u.code = '$unit_code'")
rows=$(sqlite3 "$file" "SELECT count(*) FROM skm_responses WHERE unit_id = $unit")
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$hpid/status")
out=$(curl -s -H "Authorization: Bearer $token" -o "$work/out.xlsx" -w "%{http_code} %{size_download} %{time_total}" \
  "http://127.0.0.1:$port/desk/$unit/responses.xlsx?from=2020-01-01&to=2029-12-31")
peak=$(awk '/VmHWM/ {print $2}' "/proc/$hpid/status")
read -r status bytes seconds <<< "$out"
[ "$status" = 200 ] || { echo "export failed: HTTP $status"; exit 1; }
written=$(python3 -c 'import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").count(b"<row ") - 1)' "$work/out.xlsx")
echo "machine: $(nproc) cores; unit $unit_code: $rows responses stored"
echo "HTTP $status: $written rows, $((bytes / 1048576)) MiB in ${seconds} s; server RSS before ${rss_before} KiB, peak ${peak} KiB"
