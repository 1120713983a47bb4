using System.Collections.Concurrent;
using System.Diagnostics;
using CrmFederation.Gateway.Host;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// The built gateway (<c>dotnet CrmFederation.Gateway.dll</c>) in a process of its own, as it runs in a
/// container: on a free loopback port, with the given arguments and variables, its output kept for
/// assertion messages. Disposing kills it (and anything it started) unless it has exited.
/// </summary>
public sealed class GatewayProcess : IAsyncDisposable
{
    /// <summary>Generous: the process starts the runtime and JITs the gateway, on a busy machine.</summary>
    private static readonly TimeSpan StartupGuard = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private GatewayProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote to stdout and stderr so far, one line each.</summary>
    public string Output => string.Join("\n", _output);

    /// <summary>Starts the gateway with <paramref name="arguments"/> and <paramref name="variables"/> and waits until <c>/health/live</c> answers.</summary>
    public static async Task<GatewayProcess> StartAsync(IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string?>> variables)
    {
        var baseAddress = new Uri(WireSources.ClosedPortUrl());
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CrmFederation.Gateway.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The gateway gets only the variables of its own the test gives it, none of the test runner's.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CRMFED_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables.Append(new("ASPNETCORE_URLS", baseAddress.ToString())))
        {
            start.Environment[name] = value;
        }

        var gateway = new GatewayProcess(Process.Start(start)!, baseAddress);
        gateway._process.OutputDataReceived += (_, line) => gateway._output.Enqueue(line.Data ?? "");
        gateway._process.ErrorDataReceived += (_, line) => gateway._output.Enqueue(line.Data ?? "");
        gateway._process.BeginOutputReadLine();
        gateway._process.BeginErrorReadLine();
        try
        {
            await gateway.WaitUntilLiveAsync();
        }
        catch
        {
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>A client of this gateway sending <paramref name="apiKey"/> (none when null), on connections of its own.</summary>
    public HttpClient CreateClient(string? apiKey = DemoApiKeys.Admin, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? WireGate.HangGuard };
        return apiKey is null ? client : DemoCallers.Authenticate(client, apiKey);
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> and Kubernetes do.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, "kill -TERM failed");
    }

    /// <summary>The exit code, once the process has exited; fails the test if it has not within <paramref name="guard"/>.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan guard)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(guard);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The gateway did not exit within {guard}:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = CreateClient(apiKey: null);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(_process.HasExited, "the gateway exited:\n" + Output);
            Assert.True(deadline.Elapsed < StartupGuard, "the gateway did not start:\n" + Output);
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
