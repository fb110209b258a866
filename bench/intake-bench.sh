#!/usr/bin/env bash
# Receive-layer benchmark (one command): starts the packaged hub on a fresh embedded store, then in one run
#   1. the null ceiling: POST /bench/null/{channel} — same HTTP stack and checks, 202 without storing;
#   2. durable accept:   POST /api/v1/intake/{channel} — archived by group commit before the 202;
#   3. ack latency at a fixed rate (default 3,000 orders/s) on the durable path.
# Null and durable runs alternate twice so that drift of a shared machine hits both alike.
# Env: CONNECTIONS (32), DURATION (20s), RATE (3000), FIXTURES (src/test/resources/fixtures), PORT (18090),
#      VALIDATE (false): whether the validation layer maps receipts during the run. Off, the figures are the receive
#      layer's own (receipts wait in the store, as in a promotion burst); on, both layers share the two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20s}
RATE=${RATE:-3000}
VALIDATE=${VALIDATE:-false}
PORT=${PORT:-18090}
export FIXTURES=${FIXTURES:-$PWD/src/test/resources/fixtures}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null
[ -f target/quarkus-app/quarkus-run.jar ] || mvn -q -B package -DskipTests

data=$(mktemp -d /tmp/orderhub-bench.XXXXXX)
java -Xms1g -Xmx1g -Dquarkus.profile=embedded,bench -Dorderhub.data-dir="$data" -Dquarkus.http.port="$PORT" \
  -Dorderhub.validate.enabled="$VALIDATE" \
  -Dquarkus.camel.jolokia.server.port=$((PORT + 1)) -jar target/quarkus-app/quarkus-run.jar >"$data/hub.log" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { cat "$data/hub.log"; exit 1; }

load() { # label path-prefix rate duration
  RUN_ID="$1-$(date +%s%N)" PATH_PREFIX=$2 RATE=$3 CONNECTIONS=$CONNECTIONS \
    wrk -t1 -c"$CONNECTIONS" -d"$4" -s bench/intake.lua "http://127.0.0.1:$PORT" | grep '^RESULT' | sed "s/^RESULT/$1/"
}
echo "# warm-up (JIT, connection pools)"
load warm-null /bench/null 0 10s >/dev/null
load warm-durable /api/v1/intake 0 10s >/dev/null
echo "# measured: connections=$CONNECTIONS duration=$DURATION each, validation layer running: $VALIDATE, machine $(nproc) cores"
load null-1 /bench/null 0 "$DURATION"
load durable-1 /api/v1/intake 0 "$DURATION"
load null-2 /bench/null 0 "$DURATION"
load durable-2 /api/v1/intake 0 "$DURATION"
echo "# ack latency on the durable path at a fixed $RATE orders/s"
load "durable-at-$RATE" /api/v1/intake "$RATE" "$DURATION"
echo "# archived rows: $(curl -s "http://127.0.0.1:$PORT/q/metrics" | awk '/^orderhub_intake_accepted_total/ {s+=$2} END {printf "%d", s}') accepted in total"
