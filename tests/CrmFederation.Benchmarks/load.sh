#!/usr/bin/env bash
# Load benchmark: the sample systems and the gateway as separate Release processes on this machine,
# wrk as the load tool (16 connections, each request a different page or customer).
# Prints requests/s, p50/p99 latency and upstream calls per request for each scenario.
#
#   tests/CrmFederation.Benchmarks/load.sh                  # latency 0 ms
#   LATENCY_MS=20 tests/CrmFederation.Benchmarks/load.sh    # every upstream answer delayed 20 ms
#   SCENARIOS="customer360" DURATION=30s tests/CrmFederation.Benchmarks/load.sh
#   CACHE=on tests/CrmFederation.Benchmarks/load.sh       # item cache on (warm after the warm-up pass)
#   ERP_DOWN=1 tests/CrmFederation.Benchmarks/load.sh     # the ERP answers 503 to everything
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
SCENARIOS="${SCENARIOS:-customer360 customer-by-id}"
ERP_DOWN="${ERP_DOWN:-0}"
WORK="$(mktemp -d)"

# apt-get needs root: sudo unless the script already runs as root (as in a container).
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
command -v wrk >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null; }

# shellcheck source=processes.sh
. tests/CrmFederation.Benchmarks/processes.sh

calls() { $BENCH calls $SYSTEMS; }

if [ "$ERP_DOWN" = 1 ]; then
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"down":true}' http://127.0.0.1:7102/_sim/faults
fi

echo "machine: $(nproc) cores; upstream latency ${LATENCY_MS} ms; cache $CACHE; ERP down: $ERP_DOWN; $CONNECTIONS connections; $DURATION per scenario"
printf '%-22s %10s %10s %10s %16s\n' scenario "req/s" p50 p99 "upstream/req"
for scenario in $SCENARIOS; do
  $BENCH bodies "$scenario" "$GATEWAY_URL" "$API_KEY" "$WORK/$scenario.lua" >/dev/null
  # Warm-up: JIT, connection pools, the CRM token.
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$WORK/$scenario.lua" "$GATEWAY_URL" >/dev/null 2>&1
  before=$(calls)
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/$scenario.lua" "$GATEWAY_URL" >"$WORK/$scenario.out" 2>"$WORK/$scenario.err"
  after=$(calls)
  requests=$(awk '/requests in/ {print $1}' "$WORK/$scenario.out")
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$scenario.out")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$scenario.out")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$scenario.out")
  per=$(awk -v a="$after" -v b="$before" -v r="$requests" 'BEGIN { printf "%.2f", (a-b)/r }')
  printf '%-22s %10s %10s %10s %16s\n' "$scenario" "$rps" "$p50" "$p99" "$per"
  if [ -s "$WORK/$scenario.err" ]; then head -3 "$WORK/$scenario.err"; fi
  if [ "$CACHE" = on ]; then
    # Since the gateway started: the cold warm-up pass included, so below the warm pass's own ratio.
    echo "  cache hit ratio since start: $($BENCH cache-ratios "$GATEWAY_URL" "$API_KEY")"
  fi
done
