using System.Text.Json;

namespace CrmFederation.SampleSystems.Simulation;

/// <summary>
/// Applies a <c>POST /_sim/faults</c> body to the current settings: only the fields present change,
/// and the whole body is checked before anything does.
/// </summary>
internal static class FaultsUpdate
{
    public static SimulationSettings? TryApply(SimulationSettings current, JsonElement body, out string? error)
    {
        error = null;
        var next = current;
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            next = property.Name switch
            {
                "latencyMs" when TryInt(value, 0, 600_000, out var ms) => next with { LatencyMs = ms },
                "jitterMs" when TryInt(value, 0, 600_000, out var ms) => next with { JitterMs = ms },
                "errorRate" when TryDouble(value, 0, 1, out var rate) => next with { ErrorRate = rate },
                "errorStatus" when TryInt(value, 400, 599, out var status) => next with { ErrorStatus = status },
                "down" when value.ValueKind is JsonValueKind.True or JsonValueKind.False => next with { Down = value.GetBoolean() },
                "rateLimitPerSecond" when TryDouble(value, 0, 1_000_000, out var rate) => next with { RateLimitPerSecond = rate },
                _ => null,
            };
            if (next is null)
            {
                error = Describe(property.Name);
                return null;
            }
        }

        return next;
    }

    private static string Describe(string name) => name switch
    {
        "latencyMs" or "jitterMs" => $"'{name}' must be an integer from 0 to 600000.",
        "errorRate" => "'errorRate' must be a number from 0.0 to 1.0.",
        // 1xx-3xx answers cannot carry the JSON error body (and would not be failures anyway).
        "errorStatus" => "'errorStatus' must be an HTTP error status from 400 to 599.",
        "down" => "'down' must be true or false.",
        "rateLimitPerSecond" => "'rateLimitPerSecond' must be a number >= 0 (0 = unlimited).",
        _ => $"Unknown field '{name}'; known: latencyMs, jitterMs, errorRate, errorStatus, down, rateLimitPerSecond.",
    };

    private static bool TryInt(JsonElement value, int min, int max, out int result)
    {
        result = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out result) && result >= min && result <= max;
    }

    private static bool TryDouble(JsonElement value, double min, double max, out double result)
    {
        result = 0;
        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out result) && result >= min && result <= max;
    }
}
