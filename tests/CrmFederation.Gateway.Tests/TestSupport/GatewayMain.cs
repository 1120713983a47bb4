using System.Diagnostics;
using System.Reflection;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>The gateway's real entry point: in-process for its exit code, or the built dll as a process for its output too.</summary>
public static class GatewayMain
{
    /// <summary>Runs the entry point (its top-level statements, through the synthesized synchronous Main) with <paramref name="args"/>.</summary>
    public static Task<int> RunAsync(params string[] args)
    {
        var main = typeof(Program).Assembly.EntryPoint!;
        return Task.Run(() => (int)main.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [args], null)!).WaitAsync(WireGate.HangGuard);
    }

    /// <summary>
    /// Runs <c>dotnet CrmFederation.Gateway.dll</c> (copied next to the tests by the project reference) with
    /// <paramref name="args"/> and only the given variables of the gateway's own, and waits for it to exit.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(
        IEnumerable<string> args, IReadOnlyDictionary<string, string>? variables = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CrmFederation.Gateway.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CRMFED_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }
}
