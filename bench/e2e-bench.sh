#!/usr/bin/env bash
# End-to-end benchmark (one command): intake → mapping → the twelve rules → outbox → dispatch to the sandbox ERP,
# WMS, carrier and finance, until every command is acknowledged. In one run, on a fresh embedded store:
#   1. baseline: the same requests against the null endpoint (HTTP stack and checks only) — the machine's ceiling;
#   2. sustained: orders as fast as the hub takes them for DURATION; figure = orders fully dispatched / time from the
#      first request to the last acknowledgement;
#   3. burst: BURST orders (default 21,000, the seed's 618 minute) as fast as possible; figure = seconds from the last
#      arrival until every command of every order is acknowledged.
# Env: CONNECTIONS (32), DURATION (10s), BURST (21000), PORT (18092), CONSUMERS (orderhub.validate.consumers, 4),
# JAVA_EXTRA (more JVM options for the hub, e.g. a profiler agent).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-10s}
BURST=${BURST:-21000}
PORT=${PORT:-18092}
CONSUMERS=${CONSUMERS:-4}
export FIXTURES=${FIXTURES:-$PWD/src/test/resources/fixtures}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client; } >/dev/null
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -q -B package -DskipTests

data=$(mktemp -d /tmp/orderhub-e2e.XXXXXX)
# the benchmark profile lifts the intake rate limit; the sandbox systems come with the embedded profile
java -Xms1g -Xmx1g ${JAVA_EXTRA:-} -Dquarkus.profile=embedded,bench -Dorderhub.data-dir="$data" -Dquarkus.http.port="$PORT" \
  -Dcamel.main.routes-include-pattern="$(sed -n 's/^%embedded.camel.main.routes-include-pattern=//p' \
    src/main/resources/application.properties),classpath:routes/bench.yaml" \
  -Dorderhub.connector.scheduled=false -Dorderhub.validate.consumers="$CONSUMERS" \
  -Dquarkus.camel.jolokia.server.port=$((PORT + 1)) -jar target/quarkus-app/quarkus-run.jar >"$data/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null || true; rm -rf "$data"' EXIT
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do curl -sf "$base/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "$base/q/health/ready" >/dev/null || { cat "$data/hub.log"; exit 1; }
A='Authorization: Bearer orderhub-demo-admin-token'
curl -sf -X PUT "$base/api/v1/admin/warehouses" -H "$A" -H 'Content-Type: application/json' \
  -d '[{"code":"WH-SH","province":"上海市","shipsWithin24h":true}]' >/dev/null
curl -sf -X PUT "$base/api/v1/admin/stock" -H "$A" -H 'Content-Type: application/json' \
  -d '[{"warehouse":"WH-SH","sku":"TX324A0212","onHand":100000000}]' >/dev/null

metric() { curl -s "$base/q/metrics" | awk -v m="$1" -v f="$2" 'index($0, m) == 1 && index($0, f) {s += $NF} END {printf "%d", s}'; }
sent() { curl -s "$base/q/metrics" | awk 'index($0, "orderhub_execute_commands_total") == 1 && index($0, "outcome=\"sent\"") \
  && !index($0, "wms-wave") {s += $NF} END {printf "%d", s}'; }
evaluated() { metric orderhub_rules_evaluated_total ''; }
now() { date +%s.%N; }
# CPU seconds (user + system) used so far by the hub's JVM and by the embedded PostgreSQL's processes (all of them:
# backends, WAL writer, checkpointer...), to give each order's CPU cost; the load generator is not counted
tick=$(getconf CLK_TCK)
cpu_of() { awk -v t="$tick" '{s += $14 + $15} END {printf "%.2f", s / t}' "$@" 2>/dev/null || echo 0; }
cpu_hub() { cpu_of /proc/$hub/stat; }
cpu_pg() { # the postmaster (started with the data directory) and its children; exited children count in its cutime
  local pm f=() p; pm=$(pgrep -f -- "-D $data" | head -1)
  for p in $pm $(pgrep -P "$pm"); do f+=("/proc/$p/stat"); done
  awk -v t="$tick" -v pm="$pm" '{s += $14 + $15; if ($1 == pm) s += $16 + $17} END {printf "%.2f", s / t}' "${f[@]}"; }
# the database's own work counters, which unlike CPU time do not move with the machine's noise: committed
# transactions, rows written (inserted + updated + deleted) and WAL bytes so far
db_work() {
  psql -h 127.0.0.1 -p "$(sed -n 4p "$data/pg/postmaster.pid")" -U postgres -d postgres -Atq -F ' ' -c \
    "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted, pg_current_wal_lsn() - '0/0'
       FROM pg_stat_database WHERE datname = 'postgres'"; }
# every order of this benchmark makes 4 commands (ERP, WMS, carrier, finance; no SMS to a masked phone); picking
# waves are commands too but are not counted: only the orders' own (metric filtered by system below)
wait_dispatched() { # orders → prints the time all their commands were acknowledged
  local want=$(( $1 * 4 + $2 )); local last=-1 stall=0
  while :; do
    local s; s=$(sent)
    [ "$s" -ge "$want" ] && { now; return; }
    if [ "$s" = "$last" ]; then stall=$((stall + 1)); else stall=0; last=$s; fi
    [ $stall -gt 600 ] && { echo "stalled at $s of $want sent" >&2; grep -E 'WARN|ERROR' "$data/hub.log" | tail -5 >&2; exit 1; }
    sleep 0.1
  done
}
posted() { sed -n 's/.*requests=\([0-9]*\) non202=\([0-9]*\).*/\1 \2/p' <<<"$1"; }
accepted() { metric orderhub_intake_accepted_total 'duplicate="false"'; }
# sends COUNT new orders as fast as the hub takes them; prints the time the hub had accepted the last one. wrk runs
# by duration, so it is stopped once the hub's own counter shows every order accepted.
send_exactly() { # count run
  local target=$(( $(accepted) + $1 ))
  RUN=$2 MAX=$(( $1 / 2 )) wrk -t2 -c"$CONNECTIONS" -d600s -s bench/e2e.lua "$base" >/dev/null &
  local w=$!
  until [ "$(accepted)" -ge "$target" ]; do sleep 0.05; done
  now
  kill $w 2>/dev/null; wait $w 2>/dev/null || true
}

echo "# validation consumers: $CONSUMERS; machine $(nproc) cores"
echo "# warm-up: 2,000 orders through every layer"
send_exactly 2000 1 >/dev/null; wait_dispatched 2000 0 >/dev/null
echo "# baseline: null endpoint, same payloads, $DURATION"
h0=$(cpu_hub)
r=$(RUN_ID=null PATH_PREFIX=/bench/null CONNECTIONS=$CONNECTIONS RATE=0 \
  wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s bench/intake.lua "$base" | grep '^RESULT' | sed 's/^RESULT/null/')
echo "$r"
# the hub's CPU for one HTTP exchange that stores nothing: an order costs at least five of them (its intake and its
# four downstream calls, both ends of which run in this JVM while the sandbox plays the downstream systems)
awk -v n="$(sed -n 's/.* requests=\([0-9]*\).*/\1/p' <<<"$r")" -v h="$(echo "$(cpu_hub) - $h0" | bc)" 'BEGIN {
  printf "null cpu_per_request_ms hub=%.3f\n", h * 1000 / n }'

echo "# sustained: as fast as the hub takes orders for $DURATION"
before=$(sent); h0=$(cpu_hub); p0=$(cpu_pg); read -r x0 r0 w0 <<<"$(db_work)"; t0=$(now)
r=$(RUN=2 wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/e2e.lua "$base" | grep '^RESULT')
t_in=$(now); read -r n bad <<<"$(posted "$r")"
t_out=$(wait_dispatched "$n" "$before")
h1=$(cpu_hub); p1=$(cpu_pg); read -r x1 r1 w1 <<<"$(db_work)"
awk -v n="$n" -v bad="$bad" -v a="$t0" -v b="$t_in" -v c="$t_out" 'BEGIN {
  printf "sustained orders=%d non202=%d accepted_per_s=%.0f dispatched_per_s=%.0f drain_after_last_arrival_s=%.1f\n",
    n, bad, n / (b - a), n / (c - a), c - b }'
# the machine's ceiling for this work: all its cores busy with nothing but the hub and its database
awk -v n="$n" -v h="$(echo "$h1 - $h0" | bc)" -v p="$(echo "$p1 - $p0" | bc)" -v c="$(nproc)" -v s="$(echo "$t_out - $t0" | bc)" 'BEGIN {
  printf "cpu_per_order_ms hub=%.2f postgres=%.2f total=%.2f busy_cores=%.2f ceiling_on_%d_cores_per_s=%.0f\n",
    h * 1000 / n, p * 1000 / n, (h + p) * 1000 / n, (h + p) / s, c, c * n / (h + p) }'
# pg_stat_database counts lag up to half a second (statistics are flushed by each backend when idle)
awk -v n="$n" -v x="$((x1 - x0))" -v r="$((r1 - r0))" -v w="$(echo "$w1 - $w0" | bc)" 'BEGIN {
  printf "db_work_per_order commits=%.1f rows_written=%.1f wal_kib=%.1f\n", x / n, r / n, w / n / 1024 }'

echo "# burst: $BURST orders as fast as possible (the 618 minute)"
before=$(sent); t0=$(now)
t_in=$(send_exactly "$BURST" 3)
t_out=$(wait_dispatched "$BURST" "$before")
awk -v n="$BURST" -v a="$t0" -v b="$t_in" -v c="$t_out" 'BEGIN {
  printf "burst orders=%d arrival_s=%.1f arrival_per_s=%.0f dispatched_within_s_of_last_arrival=%.1f total_s=%.1f\n",
    n, b - a, n / (b - a), c - b, c - a }'
echo "# evaluated in total: $(evaluated); commands sent in total: $(sent)"
