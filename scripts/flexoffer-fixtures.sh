#!/usr/bin/env bash
# Regenerates src/test/resources/fixtures/flexoffer/: instances from FlexOfferInstances (test sources) and the
# expected results from the Python reference, bench/ref_flexoffer.py (needs Debian's python3-scipy).
# The reference's timings and device plans are dropped: timings differ per run, plans where the optimum is not
# unique. Run from anywhere; the 10,000-device reference solve takes about half a minute.
set -euo pipefail
cd "$(dirname "$0")/.."

REF=${FLEXOFFER_REF:-/work/shared/bench/ref_flexoffer.py}
EXAMPLE=${FLEXOFFER_EXAMPLE:-/work/shared/bench/instances/flexoffer_example.json}
PYTHON=${PYTHON:-/usr/bin/python3}
OUT=src/test/resources/fixtures/flexoffer
GENERATED=$(mktemp -d)
CLASSPATH_FILE=$(mktemp)
trap 'rm -rf "$GENERATED" "$CLASSPATH_FILE"' EXIT

mvn -q test-compile
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"
rm -rf "$OUT/instances" "$OUT/expected"
mkdir -p "$OUT/instances" "$OUT/expected"
java -cp "target/classes:target/test-classes:$(cat "$CLASSPATH_FILE")" \
    io.flexhub.flex.optimizer.FlexOfferInstances "$OUT/instances" "$GENERATED"
cp "$EXAMPLE" "$OUT/instances/bench-example.json"

for instance in "$OUT"/instances/*.json "$GENERATED"/*.json; do
    name=$(basename "$instance")
    "$PYTHON" "$REF" "$instance" | "$PYTHON" -c '
import json, sys
result = json.load(sys.stdin)
for key in ("stage1_s", "stage2_s", "device_plan"):
    result.pop(key, None)
json.dump(result, sys.stdout, indent=1)
print()' > "$OUT/expected/$name"
    echo "$name: $(grep -m1 -o '"status": "[a-z0-9_]*"' "$OUT/expected/$name")"
done
