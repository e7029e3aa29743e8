#!/usr/bin/env bash
# The nightly self-consumption batch on 1,000 buildings, forecasts in to schedules out (Java, fixed pool), next to
# the Python reference's per-building HiGHS total measured in the same run.
# Usage: [WARMUP=400] scripts/bench-nightly.sh [passes] [threads]     (from the repository root; WARMUP solves that
# many building variants first, as the hub does after start-up, so the first pass is the hub's first night)
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

echo "== load: $(uptime)"
echo "== reference: ref_selfconsumption.py --mode per-building (HiGHS via SciPy, single-threaded, with baseline)"
/usr/bin/python3 "$BENCH/ref_selfconsumption.py" "$INSTANCE" --mode per-building \
  | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print("reference: %d buildings, read %.3f s, build %.3f s, solve %.3f s, total %.3f s, objective_eur %.4f, status %s" % (d["n_buildings"], d["read_time_s"], d["build_time_s"], d["solve_time_s"], d["total_time_s"], d["objective_eur"], d["status"]))'

echo "== java: NightlyBenchmark ($THREADS threads, $PASSES passes in one JVM)"
java -Xmx4g -Dbench.instance="$INSTANCE" -Dbench.warmup="${WARMUP:-0}" -cp "$CP" \
  io.flexhub.selfconsumption.optimizer.NightlyBenchmark "$PASSES" "$THREADS"
echo "== load: $(uptime)"
