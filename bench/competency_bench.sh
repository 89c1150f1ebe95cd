#!/usr/bin/env bash
# A 360-degree campaign at scale (SQLite): about PEOPLE assessed people in one instansi,
# each with self, superior and up to five peers (heads also with subordinates), rating the
# 21 BerAKHLAK behaviours. Measures, in one run:
#   - opening (assigning every rater), over HTTP;
#   - form submissions per second over HTTP, each from its own rater's token and durable
#     (synchronous=FULL) before its 201, then checks stored against acknowledged;
#   - computing every result and the heat map when HR closes the campaign, over HTTP,
#     after every remaining form is filled in directly in the database;
#   - one person's result page and its API (audited reads), one connection.
#   bench/competency_bench.sh [seconds] [connections] [people]
# Needs a release build in build/, wrk, sqlite3 and python3 (scripts/install-deps --bench).
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-15}
conns=${2:-64}
people=${3:-100000}
source bench/lib.sh
file="$work/bench.db"
db="sqlite:$file"
# Kabupaten Sambas holds 343.75 people per demo scale step.
scale=$(( (people * 100 + 34374) / 34375 ))
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); demo scale $scale"
t0=$(date +%s.%N)
build/harmoni demo --db "$db" --scale "$scale" --responses 0 --password-cost test > /dev/null
echo "demo built in $(awk -v s="$t0" -v e="$(date +%s.%N)" 'BEGIN {printf "%.0f s", e - s}')"
hr=$(build/harmoni token create --db "$db" --email sdm.bkpsdm@harmoni.demo --name bench 2>/dev/null)
port=$(free_port)
start_harmoni "$db" "$port" --worker-threads "${WORKERS:-64}"
api="http://127.0.0.1:$port/api/v1"
items=$(python3 -c 'import json; print(json.dumps([f"{v}.{b}" for v in ["BP","AK","KO","HA","LO","AD","KL"] for b in (1,2,3)]))')
created=$(curl -sf -H "Authorization: Bearer $hr" -H 'Content-Type: application/json' "$api/campaigns" -d "{
  \"name\": \"Bench 360\", \"starts_on\": \"$(date +%Y-%m-%d)\", \"deadline\": \"$(date -d '+30 days' +%Y-%m-%d)\",
  \"values_version\": \"2023\", \"items\": $items, \"groups\": [\"self\", \"superior\", \"peer\", \"subordinate\"],
  \"weights\": {\"self\": 10, \"superior\": 40, \"peer\": 20, \"subordinate\": 30}, \"max_peers\": 5, \"max_subordinates\": 3}")
campaign=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$created")
opened=$(curl -sf -o "$work/open.json" -w '%{time_total}' -X POST -H "Authorization: Bearer $hr" "$api/campaigns/$campaign/open")
ratees=$(sqlite3 "$file" "SELECT COUNT(DISTINCT ratee_asn_id) FROM rater_assignments WHERE campaign_id = $campaign")
echo "opened (raters assigned over HTTP) in $opened s: $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["assignments"])' "$work/open.json") assignments for $ratees people"
kill "$hpid"; wait "$hpid" 2>/dev/null || true; hpid=

# Accounts and tokens for the raters of the first forms: enough for the whole run.
wanted=$(( secs * 9000 ))
python3 - "$file" "$campaign" "$wanted" "$work/pairs.txt" <<'PY'
import hashlib, secrets, sqlite3, sys
path, campaign, wanted, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
con = sqlite3.connect(path)
rows = con.execute("SELECT ra.id, ra.rater_asn_id, a.instansi_id, a.unit_id FROM rater_assignments ra JOIN asn a ON a.id = ra.rater_asn_id "
                   "WHERE ra.campaign_id = ? AND ra.status = 'pending' ORDER BY ra.rater_asn_id, ra.id", (campaign,)).fetchall()
tokens, pairs = {}, []
for assignment, rater, instansi, unit in rows:
    if len(pairs) >= wanted and rater not in tokens:
        break
    if rater not in tokens:
        token = "hrm_" + secrets.token_urlsafe(32)
        user = con.execute("INSERT INTO users (email, display_name, password_hash, role, instansi_id, unit_id, asn_id, created_at, updated_at) "
                           "VALUES (?, 'Penilai', 'bench: no login', 'officer', ?, ?, ?, 0, 0)", (f"bench{rater}@bench.go.id", instansi, unit, rater)).lastrowid
        con.execute("INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, 'bench', ?, 0)",
                    (user, hashlib.sha256(token.encode()).hexdigest()))
        tokens[rater] = token
    pairs.append(f"{tokens[rater]} {assignment}")
con.commit()
open(out, "w").write("\n".join(pairs) + "\n")
print(f"{len(tokens)} rater accounts with tokens, {len(pairs)} forms to send")
PY
start_harmoni "$db" "$port" --worker-threads "${WORKERS:-64}" --sqlite-synchronous "${SYNC:-FULL}"
before=$(sqlite3 "$file" "SELECT COUNT(*) FROM rating_responses")
echo "submissions: wrk -t2 -c$conns -d${secs}s; SQLite synchronous=${SYNC:-FULL}; ${WORKERS:-64} workers"
PAIRS="$work/pairs.txt" THREADS=2 wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/competency_submit.lua \
  "http://127.0.0.1:$port" > "$work/wrk.out"
grep -E "Requests/sec|99%|50%|non-201|Socket errors" "$work/wrk.out" || true
kill "$hpid"; wait "$hpid" 2>/dev/null || true; hpid=
after=$(sqlite3 "$file" "SELECT COUNT(*) FROM rating_responses")
echo "forms stored: $((after - before)) (requests completed by wrk: $(awk '/requests in/ {print $1}' "$work/wrk.out"))"

# Every other form answered directly in the database, so the close has a full campaign.
scores=""
for v in BP AK KO HA LO AD KL; do for b in 1 2 3; do
  scores="$scores${scores:+ || ','} || '\"$v.$b\":' || (2 + abs(random()) % 3)"
done; done
sqlite3 "$file" <<SQL
INSERT INTO rating_responses (id, campaign_id, ratee_asn_id, rater_group, answers)
  SELECT 1 + abs(random()) / 4, campaign_id, ratee_asn_id, rater_group, '{"scores":{' $scores || '}}'
  FROM rater_assignments WHERE campaign_id = $campaign AND status = 'pending';
UPDATE rater_assignments SET status = 'submitted' WHERE campaign_id = $campaign AND status = 'pending';
SQL
forms=$(sqlite3 "$file" "SELECT COUNT(*) FROM rating_responses WHERE campaign_id = $campaign")
start_harmoni "$db" "$port"
closed=$(curl -sf -o "$work/close.json" -w '%{time_total}' -X POST -H "Authorization: Bearer $hr" "$api/campaigns/$campaign/close")
echo "closed and computed every result over HTTP in $closed s: $(cat "$work/close.json") ($forms forms); server peak RSS $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$hpid/status")"

nip=$(sqlite3 "$file" "SELECT a.nip FROM competency_results r JOIN asn a ON a.id = r.asn_id WHERE r.campaign_id = $campaign ORDER BY r.asn_id LIMIT 1 OFFSET (SELECT COUNT(*) / 2 FROM competency_results WHERE campaign_id = $campaign)")
wrk_latency "one person's result page" "/competency/$campaign/results/$nip" "$hr" "each read audited"
wrk_latency "one person's result (API)" "/api/v1/campaigns/$campaign/results/$nip" "$hr" "each read audited"
