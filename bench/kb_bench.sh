#!/usr/bin/env bash
# The knowledge base at 100,000 articles on both databases: kb_bench (built with
# -DHARMONI_BENCH=ON) against a temporary SQLite file, then against a PostgreSQL 15
# started from Debian's package in a temporary directory (durable settings: fsync on).
#   bench/kb_bench.sh [articles] [queries]
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-100000}
queries=${2:-1000}
bin=build/kb_bench
[ -x "$bin" ] || { echo "build with -DHARMONI_BENCH=ON first" >&2; exit 2; }
source bench/lib.sh

echo "== SQLite"
"$bin" "$articles" "$queries"

echo "== PostgreSQL 15"
pgbin=/usr/lib/postgresql/15/bin
pgdir=$(mktemp -d /tmp/harmoni-kb-pg-XXXXXX)
as_user=()
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pgdir"; as_user=(runuser -u postgres --); fi
port=$(free_port)
"${as_user[@]}" "$pgbin/initdb" -D "$pgdir/data" -U harmoni -A trust -E UTF8 --locale=C.UTF-8 > "$pgdir/initdb.log"
"${as_user[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB" start > /dev/null
trap '"${as_user[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop > /dev/null 2>&1 || true; rm -rf "$pgdir"' EXIT
"$pgbin/createdb" -h 127.0.0.1 -p "$port" -U harmoni bench
"$bin" "$articles" "$queries" "postgresql://harmoni@127.0.0.1:$port/bench"
