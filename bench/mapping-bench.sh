#!/usr/bin/env bash
# Mapping cost per order per channel (one command): times the full mapping of each channel's first golden case
# against a plain JSON parse of the same bytes, in one JVM run. Env: ITERATIONS (20000).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/quarkus-app/quarkus-run.jar ] && [ -d target/test-classes/io/orderhub/bench ] \
  || mvn -q -B package -DskipTests
exec java -Xms512m -Xmx512m -cp "target/test-classes:target/classes:target/quarkus-app/lib/main/*" \
  io.orderhub.bench.MappingBench "${ITERATIONS:-20000}"
