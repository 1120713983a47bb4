using System.Buffers;
using System.Text.Json;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Simulation;

/// <summary>
/// The knobs every system has, unauthenticated and never counted or faulted themselves:
/// <c>GET|POST /_sim/faults</c>, <c>POST /_sim/reset</c>, <c>GET /_sim/stats</c>.
/// </summary>
internal static class SimulationEndpoints
{
    public static void Map(WebApplication app, SimulationState simulation)
    {
        app.MapGet("/_sim/faults", context => WriteSettings(context, simulation));
        app.MapPost("/_sim/faults", context => UpdateAsync(context, simulation));
        app.MapPost("/_sim/reset", context =>
        {
            simulation.Reset();
            return WriteSettings(context, simulation);
        });
        app.MapGet("/_sim/stats", context => JsonResponse.Bytes(context, StatusCodes.Status200OK, simulation.Stats.ToJson()));
    }

    private static async Task UpdateAsync(HttpContext context, SimulationState simulation)
    {
        using var body = await PatchBody.ReadAsync(context);
        if (body is null)
        {
            return;
        }

        string? error = null;
        var root = body.RootElement;
        if (simulation.TryUpdate(current => FaultsUpdate.TryApply(current, root, out error)) is null)
        {
            await ErrorResponses.Write(context, StatusCodes.Status400BadRequest, "invalid_faults", error);
            return;
        }

        await WriteSettings(context, simulation);
    }

    private static Task WriteSettings(HttpContext context, SimulationState simulation)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonBytes.Options))
        {
            simulation.Current.Settings.WriteTo(writer);
        }

        return JsonResponse.Bytes(context, StatusCodes.Status200OK, buffer.WrittenSpan);
    }
}
