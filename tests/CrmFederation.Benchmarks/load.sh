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

LATENCY_MS="${LATENCY_MS:-0}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
SCENARIOS="${SCENARIOS:-customer360 customer-by-id}"
CACHE="${CACHE:-off}"
ERP_DOWN="${ERP_DOWN:-0}"
GATEWAY_URL="http://127.0.0.1:5080"
SYSTEMS="http://127.0.0.1:7101 http://127.0.0.1:7102 http://127.0.0.1:7103 http://127.0.0.1:7104"
WORK="$(mktemp -d)"

# apt-get needs root: sudo unless the script already runs as root (as in a container).
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
command -v wrk >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null; }

dotnet build -c Release -v q -nologo CrmFederation.sln >/dev/null
BENCH="dotnet tests/CrmFederation.Benchmarks/bin/Release/net10.0/CrmFederation.Benchmarks.dll"

cleanup() { kill "${SYSTEMS_PID:-}" "${GATEWAY_PID:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

dotnet src/CrmFederation.SampleSystems/bin/Release/net10.0/CrmFederation.SampleSystems.dll \
  --latency-ms "$LATENCY_MS" >"$WORK/systems.log" 2>&1 &
SYSTEMS_PID=$!

export CRMFED_CRM_BASE_URL=http://127.0.0.1:7101 CRMFED_CRM_CLIENT_ID=crm-client CRMFED_CRM_CLIENT_SECRET=crm-secret
export CRMFED_ERP_BASE_URL=http://127.0.0.1:7102 CRMFED_ERP_USER=erp-user CRMFED_ERP_PASSWORD=erp-password
export CRMFED_HELPDESK_BASE_URL=http://127.0.0.1:7103 CRMFED_HELPDESK_TOKEN=helpdesk-token
export CRMFED_COMMERCE_BASE_URL=http://127.0.0.1:7104 CRMFED_COMMERCE_TOKEN=commerce-token
export Logging__LogLevel__Default=Warning
API_KEY=load-benchmark-key
# access.json's JWT settings need a signing key; the benchmark sends API keys only.
export CRMFED_JWT_SIGNING_KEY="$(head -c 32 /dev/urandom | base64)"
export CRMFED_API_KEYS="[{\"name\":\"load-benchmark\",\"sha256\":\"$(printf %s "$API_KEY" | sha256sum | cut -d' ' -f1)\",\"roles\":[\"admin\"]}]"
export Gateway__Cache__Enabled=$([ "$CACHE" = on ] && echo true || echo false)
(cd src/CrmFederation.Gateway/bin/Release/net10.0 && exec dotnet CrmFederation.Gateway.dll --urls "$GATEWAY_URL") >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!

for _ in $(seq 1 100); do
  curl -sf -o /dev/null -H 'Content-Type: application/json' -H "X-Api-Key: $API_KEY" -d '{"query":"{__typename}"}' "$GATEWAY_URL/graphql" && break
  sleep 0.2
done

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
