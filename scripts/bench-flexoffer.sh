#!/usr/bin/env bash
# Benchmarks FlexOfferOptimizer.solve on one congestion point of 1,000 and 10,000 devices (FlexOfferBenchmark).
#   scripts/bench-flexoffer.sh                                        JMH: 1 fork, 3 x 2 s warm-up, 5 x 2 s measured
#   scripts/bench-flexoffer.sh -p devices=1000 -wi 1 -i 3             any JMH options
#   scripts/bench-flexoffer.sh --harness catalogue 10 1000 10000      first solve in a fresh JVM + median of 10
#   scripts/bench-flexoffer.sh --harness distinct 3 50 100 200        EV sessions that all differ (nothing merges)
set -euo pipefail
cd "$(dirname "$0")/.."

CLASSPATH_FILE=$(mktemp)
trap 'rm -f "$CLASSPATH_FILE"' EXIT
mvn -q test-compile
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"
ARGS=("$@")
if [ ${#ARGS[@]} -eq 0 ]; then
    ARGS=(FlexOfferBenchmark)
fi
java -Xmx2g -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" \
    io.flexhub.flex.optimizer.FlexOfferBenchmark "${ARGS[@]}"
