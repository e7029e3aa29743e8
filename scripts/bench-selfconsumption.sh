#!/usr/bin/env bash
# Self-consumption optimizer on a 1,000-building portfolio: the Python reference (HiGHS, per building,
# single-threaded) and the Java optimizer (ojAlgo, per building, fixed pool) in the same run.
# Usage: scripts/bench-selfconsumption.sh [passes] [threads]     (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
PASSES="${1:-6}"
THREADS="${2:-2}"
BENCH="${BENCH:-/work/shared/bench}"
DIR=target/selfconsumption-bench
INSTANCE="$DIR/campus1000.json"

mkdir -p "$DIR"
[ -f "$INSTANCE" ] || /usr/bin/python3 "$BENCH/gen_instances.py" --out "$DIR" >/dev/null

mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$DIR/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$DIR/classpath.txt")"

echo "== reference: ref_selfconsumption.py --mode per-building --no-baseline (HiGHS via SciPy)"
/usr/bin/python3 "$BENCH/ref_selfconsumption.py" "$INSTANCE" --mode per-building --no-baseline \
  | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print("reference: %d buildings, build %.3f s, solve %.3f s, total %.3f s (read %.3f s), per building p50 %.4f max %.4f s, objective_eur %.4f, status %s, retries %s" % (d["n_buildings"], d["build_time_s"], d["solve_time_s"], d["total_time_s"], d["read_time_s"], d["per_building_solve_s"]["p50"], d["per_building_solve_s"]["max"], d["objective_eur"], d["status"], d.get("solver_retries")))'

echo "== java: SelfConsumptionBenchmark (ojAlgo, $THREADS threads, $PASSES passes in one JVM)"
java -Xmx4g -Dbench.instance="$INSTANCE" -cp "$CP" \
  io.flexhub.selfconsumption.optimizer.SelfConsumptionBenchmark "$PASSES" "$THREADS"
