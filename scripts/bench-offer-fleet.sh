#!/usr/bin/env bash
# Benchmarks the offer engine's work for one FlexRequest (context -> problem -> LP) on one congestion point of
# 1,000 and 10,000 devices (OfferFleetBenchmark).
#   scripts/bench-offer-fleet.sh                                      JMH: 1 fork, 3 x 2 s warm-up, 5 x 2 s measured
#   scripts/bench-offer-fleet.sh -p devices=1000 -wi 1 -i 3           any JMH options
#   scripts/bench-offer-fleet.sh --harness realistic 10 1000 10000    first call in a fresh JVM + median of 10
#   scripts/bench-offer-fleet.sh --harness distinct 3 50 100 200      every EV session different (nothing merges)
set -euo pipefail
cd "$(dirname "$0")/.."

CLASSPATH_FILE=$(mktemp)
trap 'rm -f "$CLASSPATH_FILE"' EXIT
mvn -q test-compile
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"
ARGS=("$@")
if [ ${#ARGS[@]} -eq 0 ]; then
    ARGS=(OfferFleetBenchmark)
fi
java -Xmx2g -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" \
    io.flexhub.flex.offer.OfferFleetBenchmark "${ARGS[@]}"
