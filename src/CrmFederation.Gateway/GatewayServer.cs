using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Administration;
using CrmFederation.Gateway.BrowserPages;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Host.CommandLine;
using CrmFederation.Gateway.Http;
using CrmFederation.Gateway.Limits;

namespace CrmFederation.Gateway.Host;

/// <summary>The <c>run</c> command: the GraphQL server, with the sample systems in demo mode.</summary>
public static class GatewayServer
{
    public static async Task<int> RunAsync(RunCommand command)
    {
        var builder = WebApplication.CreateBuilder([.. command.HostArguments]);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://localhost:5080");
        }

        // A start-up failure reaches RunAsync below, which explains a busy port in one line (any other
        // failure still ends the process with its exception); the host's own log of it would print the stack trace first.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        var demoRequested = command.Demo || builder.Configuration.GetValue<bool>($"{GatewayOptions.SectionName}:Demo");
        await using var demo = await StartDemoAsync(demoRequested, builder.Configuration);
        if (demoRequested && demo is null)
        {
            return 1;
        }

        builder.Services.AddSingleton(new UnsetValuePolicy { VariableAdvice = variable => DemoMode.AdviceFor(variable, demoRequested) });
        builder.Services.AddAllowedHostsDefaults(builder.Configuration, demo is not null);
        builder.Services.AddCrmFederationGateway(builder.Configuration);
        builder.Services.AddGatewayAccess();
        builder.Services.AddGraphQLHttp();
        builder.Services.AddGatewayCors();
        builder.Services.AddClientRateLimiting();
        builder.Services.AddGatewayOperations();
        builder.Services.AddGatewayAdministration(builder.Configuration);
        builder.Services.AddBrowserPages();
        builder.Services.AddGracefulShutdown(builder.Configuration);

        var app = builder.Build();
        try
        {
            // Load and validate gateway-config now: the gateway refuses to start on any config error.
            _ = app.Services.GetRequiredService<GatewaySnapshotHolder>();
        }
        catch (ConfigException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }

        // And the cache's settings: Redis without a usable encryption key must not start (this throws, naming the setting).
        _ = app.Services.GetService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>();

        // And the shutdown settings, which throw the same way on a value out of range.
        _ = app.Services.GetRequiredService<ShutdownSettings>();

        // Host filtering (AllowedHosts) runs first, added by the web host itself. CORS answers preflights before
        // authentication (browsers send no credentials with them); the rate limiter needs the caller's identity.
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapGraphQL("/graphql")
            .RequireCors(GatewayCorsServiceCollectionExtensions.PolicyName)
            .RequireAuthorization()
            .RequireRateLimiting(ClientRateLimitPolicy.Name);
        app.MapGatewayOperations();
        app.MapConfigReload();
        app.MapAdminConfig();
        app.MapBrowserPages("/graphql");
        if (demo is not null)
        {
            app.MapDemoTokens();
        }

        try
        {
            await app.RunAsync();
        }
        catch (IOException ex) when (PortInUse.Describe(ex, key => app.Configuration[key], demoSystems: false) is { } message)
        {
            await Console.Error.WriteLineAsync(message);
            return 1;
        }

        return 0;
    }

    private static async Task<SampleSystems.RunningSampleSystems?> StartDemoAsync(bool requested, ConfigurationManager configuration)
    {
        if (!requested)
        {
            return null;
        }

        try
        {
            return await DemoMode.StartAsync(configuration);
        }
        catch (IOException ex) when (PortInUse.Describe(ex, key => configuration[key], demoSystems: true) is { } message)
        {
            await Console.Error.WriteLineAsync(message);
            return null;
        }
    }
}
