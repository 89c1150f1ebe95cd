# Shared by the benchmark scripts (source it after `cd` to the project root):
# a work directory removed on exit together with the server start_harmoni started,
# a free port, and starting the server and waiting until it answers.
# A script with more to stop defines bench_extra_cleanup.
work=$(mktemp -d)
hpid=
bench_cleanup() {
  [ -n "$hpid" ] && kill "$hpid" 2>/dev/null || true
  declare -F bench_extra_cleanup > /dev/null && bench_extra_cleanup
  rm -rf "$work"
}
trap bench_cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
    shuf -i 20000-60000 -n 1
}

# start_harmoni DB_URL PORT [serve options...]: serves in the background (pid in hpid,
# stderr in $work/harmoni.err) and returns once /healthz answers.
start_harmoni() {
  local db=$1 port=$2
  shift 2
  build/harmoni serve --db "$db" --listen "127.0.0.1:$port" --no-access-log --log-level warn "$@" \
    2> "$work/harmoni.err" &
  hpid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && return 0
    sleep 0.1
  done
  echo "harmoni did not start:" >&2
  cat "$work/harmoni.err" >&2
  return 1
}

# wrk_latency LABEL TARGET TOKEN [NOTE]: one connection for 5 s against TARGET with a
# bearer token; prints p50, p99 and req/s on one line.
wrk_latency() {
  local out
  out=$(wrk -t1 -c1 -d5s --latency -H "Authorization: Bearer $3" "http://127.0.0.1:$port$2")
  printf "%-44s p50 %8s  p99 %8s  (%s req/s, one connection%s)\n" "$1" \
    "$(awk '$1 == "50%" {print $2}' <<< "$out")" "$(awk '$1 == "99%" {print $2}' <<< "$out")" \
    "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" "${4:+, $4}"
  # A benchmark of error pages measures nothing: say so loudly.
  grep -E "Non-2xx|Socket errors" <<< "$out" | sed 's/^/  WARNING: /' || true
}
