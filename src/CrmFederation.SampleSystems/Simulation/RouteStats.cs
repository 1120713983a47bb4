using System.Buffers;
using System.Text.Json;
using CrmFederation.SampleSystems.Http;

namespace CrmFederation.SampleSystems.Simulation;

/// <summary>
/// Per-route request counters for <c>GET /_sim/stats</c>. Routes register while the app is built,
/// before it serves, so the list itself never changes under concurrent readers; the counts are
/// interlocked.
/// </summary>
internal sealed class RouteStats
{
    private readonly List<RouteCounter> _routes = [];

    public IReadOnlyList<RouteCounter> Routes => _routes;

    public RouteCounter Register(string key)
    {
        var counter = new RouteCounter(key);
        _routes.Add(counter);
        return counter;
    }

    public void Reset()
    {
        foreach (var route in _routes)
        {
            route.Reset();
        }
    }

    /// <summary><c>{"total":N,"routes":{"GET /path":N,…}}</c>; every route is listed, with 0 if unused.</summary>
    public byte[] ToJson()
    {
        Span<long> counts = stackalloc long[_routes.Count];
        long total = 0;
        for (var i = 0; i < _routes.Count; i++)
        {
            counts[i] = _routes[i].Count;
            total += counts[i];
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, JsonBytes.Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("total", total);
            writer.WriteStartObject("routes");
            for (var i = 0; i < _routes.Count; i++)
            {
                writer.WriteNumber(_routes[i].Key, counts[i]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
