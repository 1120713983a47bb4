using System.Diagnostics;

namespace CrmFederation.Benchmarks;

/// <summary>
/// The process CPU time and the bytes allocated per request of a scenario through the in-process gateway with
/// replayed upstream answers (<see cref="ReplayedGateway"/>), several rounds of many requests, some in parallel.
/// CPU time, unlike wall time, stays comparable on a machine other work is using; the test client's share
/// (sending the request, reading the answer) is included in both before/after figures alike.
/// </summary>
public static class CpuPerRequest
{
    public static async Task<int> PrintAsync(string[] args)
    {
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        var scenario = args.ElementAtOrDefault(0) ?? "customer360";
        var requests = int.Parse(args.ElementAtOrDefault(1) ?? "1000", System.Globalization.CultureInfo.InvariantCulture);
        var concurrency = int.Parse(args.ElementAtOrDefault(2) ?? "4", System.Globalization.CultureInfo.InvariantCulture);
        var cache = args.ElementAtOrDefault(3) == "cache";
        const int Rounds = 5;

        await using var gateway = await ReplayedGateway.StartAsync(scenario, cache);
        // Warm-up long enough for tiered compilation to settle.
        await RunAsync(gateway, requests * 2, concurrency);

        Console.WriteLine($"{scenario}, cache {(cache ? "on" : "off")}, {requests} requests per round, {concurrency} at a time:");
        Console.WriteLine("round | CPU ms/request | KB allocated/request | gen0/gen1/gen2 collections");
        var cpuPerRequest = new List<double>();
        var bytesPerRequest = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            GC.Collect();
            var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            await RunAsync(gateway, requests, concurrency);
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / requests;
            var kb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024.0 / requests;
            cpuPerRequest.Add(cpuMs);
            bytesPerRequest.Add(kb);
            Console.WriteLine($"{round} | {cpuMs:F3} | {kb:F1} | {GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}");
        }

        cpuPerRequest.Sort();
        Console.WriteLine($"CPU ms/request: min {cpuPerRequest[0]:F3}, median {cpuPerRequest[Rounds / 2]:F3}; KB allocated/request: median {bytesPerRequest.Order().ElementAt(Rounds / 2):F1}");
        return 0;
    }

    private static Task RunAsync(ReplayedGateway gateway, int requests, int concurrency)
    {
        var remaining = requests;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await gateway.SendNextAsync();
            }
        })));
    }
}
