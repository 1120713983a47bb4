using CrmFederation.Gateway.Sources;

namespace CrmFederation.Gateway.Telemetry;

/// <summary>
/// Whether a source is answering, from its circuit and its last minute's calls: failing when its circuit
/// is not closed, when every call of the last few seconds failed, or when most calls of the last minute
/// failed. Readiness and the status page judge by this one rule.
/// </summary>
public sealed record SourceHealth(bool Failing, string Circuit, SourceStatistics.RecentSnapshot Recent)
{
    public static SourceHealth Of(SourceClient client)
    {
        var recent = client.Statistics.Recent();
        var circuit = client.Resilience.CircuitState;
        var failing = circuit != "closed" || recent.FailingEveryCall || (recent.CallsLastMinute >= 5 && recent.ErrorRate >= 0.5);
        return new SourceHealth(failing, circuit, recent);
    }

    /// <summary><c>healthy</c> or <c>failing</c>, as the status page shows it.</summary>
    public string Status => Failing ? "failing" : "healthy";

    /// <summary>Why it is failing, in words; null when healthy.</summary>
    public string? Reason => Failing ? $"failing (circuit {Circuit}, error rate {Recent.ErrorRate:P0})" : null;
}
