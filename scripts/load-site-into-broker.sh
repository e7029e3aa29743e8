#!/usr/bin/env bash
# Loads a flexhub-site/1 building into the hub's NGSI-LD broker through the running hub (POST /api/site/broker-load):
# Building, devices (with powerLimit/controlMode for actuation) and missing FlexConfigurations, under the hub's
# flexhub.ngsild.context-url. Safe to run again: existing FlexConfigurations and command attributes are kept.
# Usage: scripts/load-site-into-broker.sh [site file=src/main/resources/site/demo-site.json] [hub=http://localhost:8080]
# Environment: FLEXHUB_ADMIN_USER (admin), FLEXHUB_ADMIN_PASSWORD (required).
set -euo pipefail
FILE=${1:-src/main/resources/site/demo-site.json}
HUB=${2:-http://localhost:8080}
: "${FLEXHUB_ADMIN_PASSWORD:?set FLEXHUB_ADMIN_PASSWORD to the hub's admin password}"
curl -sS --fail-with-body -u "${FLEXHUB_ADMIN_USER:-admin}:$FLEXHUB_ADMIN_PASSWORD" \
  -H 'Content-Type: application/json' --data-binary @"$FILE" "$HUB/api/site/broker-load"
echo
