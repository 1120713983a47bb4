using BenchmarkDotNet.Running;

namespace CrmFederation.Benchmarks;

/// <summary>The benchmark tool's commands (not top-level statements: <c>Program</c> is the gateway's, hosted by the micro-benchmarks).</summary>
public static class BenchmarkCommands
{
    public static async Task<int> Main(string[] args) => args switch
    {
        ["bodies", .. var rest] => await RequestBodies.WriteAsync(rest),
        ["calls", .. var rest] => await UpstreamCalls.PrintAsync(rest),
        ["cache-ratios", .. var rest] => await CacheHitRatios.PrintAsync(rest),
        ["memory-burst", .. var rest] => await MemoryBurst.PrintAsync(rest),
        ["micro", .. var rest] => RunMicro(rest),
        ["hostile", .. var rest] => await HostileRequests.PrintAsync(rest),
        ["cpu", .. var rest] => await CpuPerRequest.PrintAsync(rest),
        _ => Usage(),
    };

    private static int RunMicro(string[] rest)
    {
        // WebApplicationFactory finds the gateway's content root through a manifest it looks up in the working directory.
        Environment.CurrentDirectory = AppContext.BaseDirectory;
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkCommands).Assembly).Run(rest);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              bodies <scenario> <gateway-url> <api-key> <out.lua>
                                                 write a wrk script (sending the API key) whose requests each ask for a different page or customer
                                                 scenarios: customer360, customer360-first10, customer-by-id
              calls <system-url>...              print the total upstream calls the sample systems have served
              cache-ratios <gateway-url> <api-key with the admin scope>
                                                 print each source's cache hit ratio since the gateway started
              hostile [alias999|identical499|aliases62|ids90x10000]...
                                                 send issue 10's costly requests once each to an in-process gateway; print time, size, upstream calls
              memory-burst <gateway-url> <api-key> <gateway-pid> [burst-seconds] [concurrency]
                                                 print the gateway's RSS at steady state, at its peak in a burst, and for 60 s after
              cpu [scenario] [requests] [concurrency] [cache]
                                                 print the process CPU time and bytes allocated per request through the in-process
                                                 gateway with replayed upstream answers (default: customer360 1000 4, cache off)
              micro [BenchmarkDotNet args]       run the in-process micro-benchmarks (e.g. micro --filter '*GatewayRequest*')
            """);
        return 2;
    }
}
