using System.Globalization;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Simulation;

/// <summary>
/// Maps a system's routes behind its simulation knobs. Every request that reaches a route is counted
/// first (failures included), then: down answers at once, the rate limit answers 429, latency
/// delays, the error rate fails a share of what is left, and only then does the route run.
/// </summary>
internal sealed class SimulatedRoutes(WebApplication app, SimulationState simulation)
{
    private static readonly byte[] DownBody = """{"error":"unavailable","message":"The system is down (simulated)."}"""u8.ToArray();
    private static readonly byte[] FaultBody = """{"error":"simulated_fault","message":"A simulated failure."}"""u8.ToArray();
    private static readonly byte[] RateLimitedBody = """{"error":"rate_limited","message":"Too many requests."}"""u8.ToArray();

    /// <summary>Maps <paramref name="handler"/>; its stats key is "<paramref name="method"/> <paramref name="pattern"/>".</summary>
    public void Map(string method, string pattern, RequestDelegate handler)
    {
        var counter = simulation.Stats.Register($"{method} {pattern}");
        app.MapMethods(pattern, [method], context => HandleAsync(context, counter, handler));
    }

    private Task HandleAsync(HttpContext context, RouteCounter counter, RequestDelegate handler)
    {
        counter.Increment();
        var (settings, bucket) = simulation.Current;
        if (settings.Down)
        {
            return JsonResponse.Bytes(context, settings.ErrorStatus, DownBody);
        }

        if (bucket is not null && !bucket.TryTake(out var retryAfter))
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            return JsonResponse.Bytes(context, StatusCodes.Status429TooManyRequests, RateLimitedBody);
        }

        if (settings.Delays)
        {
            return DelayThenHandleAsync(context, settings, handler);
        }

        return Fails(settings) ? JsonResponse.Bytes(context, settings.ErrorStatus, FaultBody) : handler(context);
    }

    private async Task DelayThenHandleAsync(HttpContext context, SimulationSettings settings, RequestDelegate handler)
    {
        var delay = settings.LatencyMs + (settings.JitterMs > 0 ? Random.Shared.Next(settings.JitterMs + 1) : 0);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delay), simulation.Time, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller gave up (a gateway timeout); there is nobody left to answer.
            return;
        }

        if (Fails(settings))
        {
            await JsonResponse.Bytes(context, settings.ErrorStatus, FaultBody);
            return;
        }

        await handler(context);
    }

    private static bool Fails(SimulationSettings settings) =>
        settings.ErrorRate > 0 && (settings.ErrorRate >= 1 || Random.Shared.NextDouble() < settings.ErrorRate);
}
