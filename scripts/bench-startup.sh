#!/usr/bin/env bash
# Start-up and memory of the packaged hub on its embedded demo defaults (H2, demo site, demo DSO): seconds to the
# "Started" log line and to a healthy /actuator/health, resident memory once healthy, and the highest resident memory
# during LOAD of wrk on POST /api/usef/translate (16 connections) while the demo imports its year of FlexRequests.
# Usage: scripts/bench-startup.sh [load=60s]          (from the repository root, after mvn -B -DskipTests package)
# JVM options: BENCH_JAVA_OPTS (default: none, the JVM's own defaults); BENCH_JAR=path measures another build.
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD=${1:-60s}
PORT=${BENCH_PORT:-18081}
PASSWORD=bench-$(date +%s)
DATA=$(mktemp -d)
BODY=src/test/resources/fixtures/usef/FlexRequest.xml
JAR=${BENCH_JAR:-target/flexhub.jar}
. scripts/bench/packaged-hub.sh
require_wrk_and_jar

t0=$(date +%s%N)
start_hub "${BENCH_JAVA_OPTS:-}"
seconds() { echo "scale=1; ($(date +%s%N) - $t0) / 1000000000" | bc; }
started=""
for _ in $(seq 1 1200); do
  if [ -z "$started" ] && grep -q "Started FlexhubApplication" "$DATA/hub.log"; then started=$(seconds); fi
  if curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q '"UP"'; then break; fi
  kill -0 $HUB 2>/dev/null || { echo "the hub exited" >&2; tail -40 "$DATA/hub.log" >&2; exit 1; }
  sleep 0.1
done
healthy=$(seconds)
[ -n "$started" ] || started=$(seconds)
rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$HUB/status; }
rss_healthy=$(rss)
logged=$(grep -o "Started FlexhubApplication in [0-9.]* seconds" "$DATA/hub.log" | head -1)

post_lua "$DATA/post.lua" "$BODY"
peak=$rss_healthy
wrk -t2 -c16 -d"$LOAD" -s "$DATA/post.lua" "http://127.0.0.1:$PORT/api/usef/translate" > "$DATA/wrk.txt" &
WRK=$!
while kill -0 $WRK 2>/dev/null; do
  now=$(rss); [ "$now" -gt "$peak" ] && peak=$now
  sleep 1
done
requests=$(grep -o "[0-9]* requests in" "$DATA/wrk.txt" | awk '{print $1}')
errors=$(grep -o "Non-2xx or 3xx responses: [0-9]*" "$DATA/wrk.txt" || echo "Non-2xx or 3xx responses: 0")
echo "options: ${BENCH_JAVA_OPTS:-(JVM defaults)}; $(nproc) processors, $(awk '/MemTotal/ {print int($2/1048576)}' /proc/meminfo) GiB"
echo "started (log line):   ${started} s  (${logged})"
echo "healthy:              ${healthy} s"
echo "RSS when healthy:     ${rss_healthy} MB"
echo "RSS peak under load:  ${peak} MB  (${LOAD} of wrk, ${requests} translations, ${errors})"
