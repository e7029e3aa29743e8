#!/usr/bin/env bash
# Soak and fault test: one hub (random port, loopback only) in NGSI-LD broker mode against a WireMock broker, with
# GreenMail as SMTP and a WireMock DSO, under a sustained mix of signed UFTP traffic (FlexRequests, FlexOrders for
# every FlexOffer, TestMessages, forged and re-sent messages) and DR-interface requests, while the broker, SMTP and
# the DSO endpoint fail and recover on a fixed schedule. Then a bounded drain and the checks: every accepted message
# answered once, every FlexRequest offered or NO_OFFER, every due DR event final, every mail sent, outboxes empty.
# Usage: scripts/soak.sh [duration=PT3M] [uftp posts per second=12]
# Environment: SOAK_DB=h2|postgres (embedded PostgreSQL), SOAK_DRAIN (default PT6M), SOAK_DR_INTERVAL (PT40S).
# The summary table is printed at the end and kept in target/soak-summary.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-PT3M}
RATE=${2:-12}
rm -f target/soak-summary.txt
set +e
mvn -B -o test -Dtest=HubSoak -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsoak.duration="$DURATION" -Dsoak.rate="$RATE" -Dsoak.db="${SOAK_DB:-h2}" \
  -Dsoak.drain="${SOAK_DRAIN:-PT6M}" -Dsoak.dr-interval="${SOAK_DR_INTERVAL:-PT40S}" \
  -Dsoak.summary="$PWD/target/soak-summary.txt" > target/soak-maven.log 2>&1
status=$?
set -e
grep -E "Tests run:|FAIL|BUILD" target/soak-maven.log || true
[ -f target/soak-summary.txt ] && cat target/soak-summary.txt
echo "hub log: target/surefire-reports/io.flexhub.soak.HubSoak-output.txt"
exit $status
