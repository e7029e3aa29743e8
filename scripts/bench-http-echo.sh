#!/usr/bin/env bash
# POST /api/usef/translate (96-ISP FlexRequest, XSD validation and UFTP XML -> JSON-LD) against a bare platform-http
# route that only echoes the same body (scripts/bench/echo.camel.yaml, loaded for this run only), in one packaged hub:
# same JVM, flags, login and request filters. Each is warmed up, then measured with wrk on loopback.
# Usage: scripts/bench-http-echo.sh [duration=60s] [connections=16] [threads=2] [warmup=90s]
# JVM options: BENCH_JAVA_OPTS (default -Xms512m -Xmx512m -XX:+UseParallelGC, as scripts/bench-http.sh).
# Needs: target/flexhub.jar (mvn -B -DskipTests package) and wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-60s}
CONNECTIONS=${2:-16}
THREADS=${3:-2}
WARMUP=${4:-90s}
PORT=${BENCH_PORT:-18083}
PASSWORD=bench-$(date +%s)
DATA=$(mktemp -d)
BODY=src/test/resources/fixtures/usef/FlexRequest.xml
JAR=${BENCH_JAR:-target/flexhub.jar}
. scripts/bench/packaged-hub.sh
require_wrk_and_jar
start_hub "${BENCH_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}" --logging.level.root=WARN \
  --camel.main.routes-include-pattern="classpath:routes/*.camel.yaml,file:$PWD/scripts/bench/echo.camel.yaml"
wait_healthy

post_lua "$DATA/post.lua" "$BODY"
cat >> "$DATA/post.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("requests/s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors connect/read/write/status/timeout=%d/%d/%d/%d/%d\n",
    summary.requests / (summary.duration / 1000000), latency:percentile(50)/1000, latency:percentile(99)/1000,
    latency.max/1000, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
end
LUA
for path in /api/usef/translate /api/bench/echo; do
  status=$(curl -s -o "$DATA/answer" -w '%{http_code}' -u "admin:$PASSWORD" -H 'Content-Type: text/xml' \
    --data-binary @"$BODY" "http://127.0.0.1:$PORT$path")
  [ "$status" = 200 ] || { echo "$path answered $status: $(head -c 300 "$DATA/answer")" >&2; exit 1; }
done
cmp -s "$DATA/answer" "$BODY" || { echo "the echo route changed the body" >&2; exit 1; }
for path in /api/usef/translate /api/bench/echo; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$DATA/post.lua" "http://127.0.0.1:$PORT$path" >/dev/null
done
echo "body $(wc -c < "$BODY") bytes, $CONNECTIONS connections, $THREADS threads, $DURATION each after $WARMUP warm-up"
echo "JVM: ${BENCH_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}"
for path in /api/usef/translate /api/bench/echo; do
  printf '%-22s ' "$path"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$DATA/post.lua" "http://127.0.0.1:$PORT$path" | tail -1
done
