using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace CrmFederation.Benchmarks;

/// <summary>
/// Measures whether the gateway gives memory back after a heavy burst: its resident set (RSS, from
/// /proc) at steady state after a light warm-up, at its peak during a burst of concurrent customer-360
/// pages of 100 customers, and every 5 s for 60 s after it.
/// </summary>
public static class MemoryBurst
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(60);

    public static async Task<int> PrintAsync(string[] args)
    {
        if (args is not [var url, var apiKey, var pidText, ..] || !int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid))
        {
            Console.Error.WriteLine("usage: memory-burst <gateway-url> <api-key> <gateway-pid> [burst-seconds] [concurrency]");
            return 2;
        }

        var burst = TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20);
        var concurrency = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 32;
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);

        for (var page = 0; page < 20; page++)
        {
            await QueryAsync(http, first: 20);
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        var steady = RssMiB(pid);
        Console.WriteLine($"steady state (after a light warm-up): {steady} MiB");

        var peak = steady;
        var requests = 0;
        var stopwatch = Stopwatch.StartNew();
        using (var sampling = new CancellationTokenSource())
        {
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, RssMiB(pid));
                    await Task.Delay(250);
                }
            });
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                while (stopwatch.Elapsed < burst)
                {
                    await QueryAsync(http, first: 100);
                    Interlocked.Increment(ref requests);
                }
            }));
            await sampling.CancelAsync();
            await sampler;
        }

        Console.WriteLine($"burst: {requests} customer-360 pages of 100 in {burst.TotalSeconds:0} s, {concurrency} at a time; peak {peak} MiB");
        var after = new List<long>();
        for (var waited = TimeSpan.Zero; waited < Quiet; waited += TimeSpan.FromSeconds(5))
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            after.Add(RssMiB(pid));
        }

        Console.WriteLine($"after the burst, every 5 s: {string.Join(" ", after)} MiB");
        Console.WriteLine($"60 s after: {after[^1]} MiB = {(double)after[^1] / steady:0.00}x steady state (target: at most 1.5x)");
        return 0;
    }

    private static async Task QueryAsync(HttpClient http, int first)
    {
        using var response = await http.PostAsJsonAsync("/graphql", new { query = Queries.Customer360, variables = new { first } });
        response.EnsureSuccessStatusCode();
        await response.Content.CopyToAsync(Stream.Null);
    }

    private static long RssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
