using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.Telemetry;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CrmFederation.Gateway.Tests.Deployment;

/// <summary>The log levels the gateway ships in appsettings.json: start-up is reported, a request is not.</summary>
public sealed class AppSettingsTests
{
    [Fact]
    public async Task Request_ShippedLogLevels_LogsNothingAtInformationOrAbove()
    {
        await using var gateway = new CapturingGateway(ConfigSandbox.SampleVariables
            .Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))
            .Append(new("Gateway:ConfigPath", RepositoryPaths.GatewayConfig)));
        var client = new GraphQLClient(gateway.CreateClient());
        await client.DataAsync("{ __typename }");
        var before = gateway.Logs.Entries.Count;

        await client.DataAsync("{ __typename }");

        Assert.DoesNotContain(gateway.Logs.Entries.Skip(before), log => log.Level >= LogLevel.Information);
    }

    /// <summary>The real gateway with its shipped log levels, every entry they let through captured.</summary>
    private sealed class CapturingGateway(IEnumerable<KeyValuePair<string, string?>> settings) : WebApplicationFactory<Program>
    {
        public LogCapture Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(settings));
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }

        protected override void ConfigureClient(HttpClient client)
        {
            base.ConfigureClient(client);
            DemoCallers.Authenticate(client);
        }
    }
}
