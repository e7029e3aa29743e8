#!/usr/bin/env bash
# HTTP end-to-end benchmark of POST /api/usef/translate (96-ISP FlexRequest, UFTP XML -> JSON-LD) with wrk on
# loopback. Starts the packaged hub on a throw-away H2 database, warms it up, then measures for DURATION.
# Usage: scripts/bench-http.sh [duration=60s] [connections=16] [threads=2] [warmup=90s]
# JVM options: BENCH_JAVA_OPTS (default -Xms512m -Xmx512m -XX:+UseParallelGC).
# The warm-up is long on purpose: on 2 cores C2 needs a minute or more of load before the hot paths are compiled.
# Needs: target/flexhub.jar (mvn -B -DskipTests package; BENCH_JAR=path measures another build) and wrk
# (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-60s}
CONNECTIONS=${2:-16}
THREADS=${3:-2}
WARMUP=${4:-90s}
PORT=${BENCH_PORT:-18080}
PASSWORD=bench-$(date +%s)
DATA=$(mktemp -d)
BODY=src/test/resources/fixtures/usef/FlexRequest.xml

JAR=${BENCH_JAR:-target/flexhub.jar}
. scripts/bench/packaged-hub.sh
require_wrk_and_jar
start_hub "${BENCH_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}" --logging.level.root=WARN
wait_healthy

post_lua "$DATA/post.lua" "$BODY"
cat >> "$DATA/post.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    latency:percentile(50)/1000, latency:percentile(90)/1000, latency:percentile(99)/1000, latency.max/1000))
  io.write(string.format("errors connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
end
LUA
status=$(curl -s -o /dev/null -w '%{http_code}' -u "admin:$PASSWORD" -H 'Content-Type: text/xml' \
  --data-binary @"$BODY" "http://127.0.0.1:$PORT/api/usef/translate")
[ "$status" = 200 ] || { echo "translate answered $status" >&2; tail -50 "$DATA/hub.log" >&2; exit 1; }
echo "warm-up $WARMUP"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$DATA/post.lua" "http://127.0.0.1:$PORT/api/usef/translate" >/dev/null
echo "measure $DURATION, $CONNECTIONS connections, $THREADS threads"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$DATA/post.lua" "http://127.0.0.1:$PORT/api/usef/translate"
