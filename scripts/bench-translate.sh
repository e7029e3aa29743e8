#!/usr/bin/env bash
# JMH benchmark of the UFTP <-> NGSI-LD translator against the Jackson XML-read + JSON-write floor.
# Usage: [WARMUPS=3] [ITERATIONS=5] scripts/bench-translate.sh [extra JMH options]; prints ops/s and each result's ratio to the floor.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file=target/bench-classpath.txt
results=target/jmh-translate.csv
mvn -q test-compile
mvn -q dependency:build-classpath -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test

java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" org.openjdk.jmh.Main TranslationBenchmark \
  -f 1 -wi "${WARMUPS:-3}" -i "${ITERATIONS:-5}" -w 2s -r 2s -rf csv -rff "$results" "$@"

# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
awk -F, 'NR > 1 { gsub(/"/, ""); n = split($1, p, "."); name = p[n]; score[name] = $5; order[++k] = name }
  END { printf "\n%-12s %12s %8s\n", "benchmark", "ops/s", "x floor";
        for (i = 1; i <= k; i++) printf "%-12s %12.0f %8.2f\n", order[i], score[order[i]], score[order[i]] / score["floor"] }' "$results"
