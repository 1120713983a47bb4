using CrmFederation.Gateway.Resilience;
using CrmFederation.Gateway.Telemetry;

namespace CrmFederation.Gateway.Sources;

/// <summary>
/// The state one source builds up while the gateway runs: its breaker, retry budget and limiters, and
/// the recent calls its status is computed from. Kept across reloads while the settings it was built from stay equal.
/// </summary>
public sealed record SourceRuntime(SourceResilience Resilience, SourceStatistics Statistics);
