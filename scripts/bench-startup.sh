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
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$JAR" ] || { echo "$JAR is missing: mvn -B -DskipTests package" >&2; exit 1; }

t0=$(date +%s%N)
FLEXHUB_DATA_DIR=$DATA FLEXHUB_PORT=$PORT FLEXHUB_ADMIN_PASSWORD=$PASSWORD \
  java ${BENCH_JAVA_OPTS:-} -jar "$JAR" > "$DATA/hub.log" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null; wait $HUB 2>/dev/null; rm -rf "$DATA"' EXIT
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

AUTH=$(printf 'admin:%s' "$PASSWORD" | base64 -w0)
cat > "$DATA/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/xml"
wrk.headers["Authorization"] = "Basic $AUTH"
local f = io.open("$BODY", "rb")
wrk.body = f:read("*a")
f:close()
LUA
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
