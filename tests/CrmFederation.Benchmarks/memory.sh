#!/usr/bin/env bash
# Memory after a burst: the sample systems and the gateway as separate Release processes, a burst of
# concurrent customer-360 pages of 100 customers, and the gateway's RSS at steady state, at its peak
# and for 60 s after. Any DOTNET_* GC setting in the environment reaches the gateway, to compare them.
#
#   tests/CrmFederation.Benchmarks/memory.sh                          # 20 s burst, 32 at a time
#   BURST_SECONDS=30 CONCURRENCY=64 tests/CrmFederation.Benchmarks/memory.sh
#   DOTNET_GCConserveMemory=0 tests/CrmFederation.Benchmarks/memory.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

WORK="$(mktemp -d)"
# shellcheck source=processes.sh
. tests/CrmFederation.Benchmarks/processes.sh

echo "machine: $(nproc) cores; GC settings: $(env | grep -E '^DOTNET_GC' | tr '\n' ' ')"
$BENCH memory-burst "$GATEWAY_URL" "$API_KEY" "$GATEWAY_PID" "${BURST_SECONDS:-20}" "${CONCURRENCY:-32}"
