#!/usr/bin/env bash
# CSV import of N ASN (default 1,000,000) into a fresh demo database: rows per second
# and peak memory (maximum resident set size). Needs a release build in build/.
#   bench/import_bench.sh [N] [sqlite|postgres://...]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${2:-sqlite:$work/bench.db}
[ "${db:0:7}" = "sqlite:" ] || db="$2"
awk -v n="$n" -f bench/make_asn_csv.awk > "$work/asn.csv"
echo "file: $(wc -l < "$work/asn.csv") lines, $(du -h "$work/asn.csv" | cut -f1)"
build/harmoni demo --db "$db" --password-cost test > /dev/null
for run in first again; do
  /usr/bin/time -f "%e s elapsed, %M KiB peak RSS" -o "$work/time" \
    build/harmoni asn import --db "$db" --instansi KAB-SAMBAS --file "$work/asn.csv" 2> "$work/err" | tail -1
  secs=$(cut -d' ' -f1 < "$work/time")
  echo "$run import: $(cat "$work/time"); $(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f rows/s", n / s }')"
done
