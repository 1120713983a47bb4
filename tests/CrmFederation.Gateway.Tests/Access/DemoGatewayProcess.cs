using System.Diagnostics;
using CrmFederation.Gateway.Tests.TestSupport;

namespace CrmFederation.Gateway.Tests.Access;

/// <summary>
/// The gateway binary started with <c>--demo</c> in its own process, as a user runs it (demo mode starts
/// the sample systems, whose hosts an in-process test host would mistake for the gateway's), the sample
/// systems on free ports, the gateway on <see cref="BaseAddress"/>. Disposing kills the process.
/// </summary>
public sealed class DemoGatewayProcess : IAsyncDisposable
{
    /// <summary>Generous: the process starts the runtime, seeds the sample systems and JITs the gateway, on a busy machine.</summary>
    private static readonly TimeSpan StartupGuard = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private DemoGatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<DemoGatewayProcess> StartAsync()
    {
        var baseAddress = new Uri(WireSources.ClosedPortUrl());
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_URLS"] = baseAddress.ToString(), ["Logging__LogLevel__Default"] = "Warning" },
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "CrmFederation.Gateway.dll"),
            "--Gateway:ConfigPath=" + RepositoryPaths.GatewayConfig,
            "--Gateway:Cache:Enabled=false",
            "--Demo:CrmPort=0", "--Demo:ErpPort=0", "--Demo:HelpdeskPort=0", "--Demo:CommercePort=0",
            "--demo",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var gateway = new DemoGatewayProcess(Process.Start(start)!, baseAddress);
        gateway._process.OutputDataReceived += (_, line) => gateway._output.Enqueue(line.Data ?? "");
        gateway._process.ErrorDataReceived += (_, line) => gateway._output.Enqueue(line.Data ?? "");
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        await gateway.WaitUntilLiveAsync();
        return gateway;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = WireGate.HangGuard };

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = CreateClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, "the demo gateway exited:\n" + string.Join("\n", _output));
            Assert.True(deadline.Elapsed < StartupGuard, "the demo gateway did not start:\n" + string.Join("\n", _output));
            try
            {
                using var response = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }
    }
}
