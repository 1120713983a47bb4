using System.Diagnostics;
using System.Runtime.InteropServices;
using CrmFederation.SampleSystems.Hosting;

namespace CrmFederation.SampleSystems;

/// <summary>
/// <c>dotnet run --project src/CrmFederation.SampleSystems -c Release [flags]</c>: starts the four
/// sample systems, prints where they listen, and runs until Ctrl+C or SIGTERM.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["healthcheck", var url])
        {
            // For container health checks: the runtime image has no curl.
            return await HealthProbe.RunAsync(new Uri(url));
        }

        var options = CommandLine.TryParse(args, Environment.GetEnvironmentVariables(), out var error);
        if (options is null)
        {
            (error is null ? Console.Out : Console.Error).Write((error is null ? string.Empty : error + "\n") + CommandLine.Usage());
            return error is null ? 0 : 2;
        }

        var clock = Stopwatch.StartNew();
        RunningSampleSystems systems;
        try
        {
            systems = await SampleSystemsHost.StartAsync(options);
        }
        catch (IOException ex) when (ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"{ex.Message} Stop what uses the port, or move the system with --crm-port, --erp-port, --helpdesk-port or --commerce-port.");
            return 1;
        }

        await using var running = systems;
        var data = systems.Data;
        Console.WriteLine($"""
            Sample systems started in {clock.ElapsedMilliseconds} ms (seed {options.Seed}, {data.CrmCustomers.Count} customers):
              CRM       {systems.CrmBaseUrl}  OAuth2 client {SampleCredentials.CrmClientId} / {SampleCredentials.CrmClientSecret}
              ERP       {systems.ErpBaseUrl}  Basic {SampleCredentials.ErpUser} / {SampleCredentials.ErpPassword}
              Helpdesk  {systems.HelpdeskBaseUrl}  Bearer {SampleCredentials.HelpdeskToken}
              Commerce  {systems.CommerceBaseUrl}  X-Shopify-Access-Token {SampleCredentials.CommerceToken}
            Knobs on each: GET /_sim/stats, POST /_sim/faults, POST /_sim/reset. Ctrl+C stops.
            """);

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await stop.Task;
        Console.WriteLine("Stopping.");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
}
