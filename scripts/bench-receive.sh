#!/usr/bin/env bash
# UFTP receive path of the packaged hub: signed TestMessages (one MessageID each) posted back to back by several
# clients; every one is verified, XSD-validated, stored and committed before its 200, then processed and answered
# through the outbox. Prints acknowledged msg/s with latency percentiles and answered msg/s.
# Usage: scripts/bench-receive.sh [messages=20000] [clients=4] [warm-up messages=5000] [database=h2|postgres]
# Needs: target/flexhub.jar (mvn -B -DskipTests package); BENCH_JAR=path measures another build. Hub logs:
# target/bench-receive/.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${BENCH_JAR:-target/flexhub.jar}
[ -f "$JAR" ] || { echo "$JAR is missing: mvn -B -DskipTests package" >&2; exit 1; }
mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-receive-classpath.txt >/dev/null
CP="target/test-classes:target/classes:$(cat target/bench-receive-classpath.txt)"
echo "== load: $(uptime)"
java -Xmx1g -Dflexhub.jar="$JAR" -cp "$CP" io.flexhub.usef.ReceiveBenchmark "${1:-20000}" "${2:-4}" "${3:-5000}" "${4:-h2}"
echo "== load: $(uptime)"
