#!/usr/bin/env bash
# Requests per second and p99 latency of harmoni, side by side with nginx serving the
# same bytes from static files, in the same run, with wrk on loopback:
#   1. GET /healthz
#   2. an authenticated JSON list of 50 ASN (Bearer token; audited as a read)
# Needs a release build in build/ and Debian's wrk and nginx-light (scripts/install-deps --bench).
#   bench/http_bench.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
conns=${2:-64}
source bench/lib.sh
bench_extra_cleanup() { [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; }

db="sqlite:$work/bench.db"
build/harmoni demo --db "$db" --scale "${SCALE:-10}" --password-cost test > /dev/null
token=$(build/harmoni token create --db "$db" --email admin.sambas@harmoni.demo --name bench 2>/dev/null)
hport=$(free_port)
start_harmoni "$db" "$hport" --worker-threads "${WORKERS:-16}" --io-threads "${IO_THREADS:-0}" \
  --sqlite-synchronous "${SYNC:-FULL}"
list="/api/v1/instansi/KAB-SAMBAS/asn?limit=50"
curl -sf "http://127.0.0.1:$hport/healthz" > "$work/healthz.json"
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$hport$list" > "$work/list.json"
echo "list body: $(wc -c < "$work/list.json") bytes, $(grep -o '"nip"' "$work/list.json" | wc -l) ASN"

nport=$(free_port)
mkdir -p "$work/www"
cp "$work/healthz.json" "$work/www/healthz"
cp "$work/list.json" "$work/www/list"
cat > "$work/nginx.conf" <<CONF
worker_processes ${NGINX_WORKERS:-1};
pid $work/nginx.pid;
error_log $work/nginx.err warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nport;
    root $work/www;
    location = /healthz { try_files /healthz =404; }
    location = /api/v1/instansi/KAB-SAMBAS/asn { try_files /list =404; }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work"
sleep 0.5

run() {  # name url [header]
  local name=$1 url=$2
  shift 2
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" "$url" > "$work/wrk.out"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.out")
  printf "%-34s %12s req/s   p99 %s\n" "$name" "$rps" "$p99"
  echo "$rps"  > "$work/last"
}
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); wrk -t2 -c$conns -d${secs}s"
run "nginx    GET /healthz (static)" "http://127.0.0.1:$nport/healthz"; n1=$(cat "$work/last")
run "harmoni  GET /healthz" "http://127.0.0.1:$hport/healthz"; h1=$(cat "$work/last")
run "nginx    list of 50 ASN (static)" "http://127.0.0.1:$nport$list"; n2=$(cat "$work/last")
run "harmoni  list of 50 ASN (Bearer)" "http://127.0.0.1:$hport$list" -H "Authorization: Bearer $token"; h2=$(cat "$work/last")
awk -v a="$h1" -v b="$n1" -v c="$h2" -v d="$n2" 'BEGIN {
  printf "ratio harmoni/nginx: healthz %.2f, ASN list %.2f\n", a / b, c / d }'
