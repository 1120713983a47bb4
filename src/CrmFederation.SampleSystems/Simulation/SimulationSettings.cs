using System.Text.Json;

namespace CrmFederation.SampleSystems.Simulation;

/// <summary>How a system misbehaves on purpose; <c>0</c> latency, error rate and rate limit mean "off".</summary>
internal sealed record SimulationSettings(
    int LatencyMs,
    int JitterMs,
    double ErrorRate,
    int ErrorStatus,
    bool Down,
    double RateLimitPerSecond)
{
    public const int DefaultErrorStatus = StatusCodes.Status503ServiceUnavailable;

    public bool Delays => LatencyMs > 0 || JitterMs > 0;

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteNumber("latencyMs", LatencyMs);
        writer.WriteNumber("jitterMs", JitterMs);
        writer.WriteNumber("errorRate", ErrorRate);
        writer.WriteNumber("errorStatus", ErrorStatus);
        writer.WriteBoolean("down", Down);
        writer.WriteNumber("rateLimitPerSecond", RateLimitPerSecond);
        writer.WriteEndObject();
    }
}
