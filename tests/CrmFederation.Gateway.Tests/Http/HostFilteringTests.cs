using System.Net;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace CrmFederation.Gateway.Tests.Http;

/// <summary>
/// ASP.NET Core's host filtering on the real gateway: only the names of <c>AllowedHosts</c> are served,
/// so a page whose own name resolves to the gateway (DNS rebinding) gets 400. Unset, the loopback names;
/// demo mode adds them to whatever is configured. Ports do not matter (container probes use :8080).
/// </summary>
public sealed class HostFilteringTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:8080")]
    [InlineData("127.0.0.1:5080")]
    [InlineData("[::1]:5080")]
    public async Task Get_LoopbackNameWithNothingConfigured_Served(string host)
    {
        await using var gateway = GatewayFactory.OverConfig(RepositoryPaths.GatewayConfig);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(gateway, host, "/health/ready"));
    }

    [Fact]
    public async Task PostGraphQL_HostEvilExampleWithNothingConfigured_400BeforeAnythingElse()
    {
        await using var gateway = GatewayFactory.OverConfig(RepositoryPaths.GatewayConfig);
        using var http = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://evil.example") });

        using var response = await http.PostAsync("/graphql", GraphQLHttpHost.Json("""{"query":"{ __typename }"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("__typename", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crm-gateway.example.com", HttpStatusCode.OK)]
    [InlineData("CRM-Gateway.example.com:443", HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.BadRequest)]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    public async Task Get_HostsConfigured_OnlyThoseServed(string host, HttpStatusCode expected)
    {
        await using var gateway = GatewayFactory.OverConfig(RepositoryPaths.GatewayConfig, ("AllowedHosts", "crm-gateway.example.com;gateway"));

        Assert.Equal(expected, await StatusAsync(gateway, host, "/health/live"));
    }

    /// <summary>
    /// Demo mode starts the sample systems as web apps of their own, which the in-process test host would
    /// take over; so this runs the web host's defaults (its host filtering included) with the gateway's
    /// defaults for demo mode, on a bare endpoint.
    /// </summary>
    [Theory]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1", HttpStatusCode.OK)]
    [InlineData("[::1]", HttpStatusCode.OK)]
    [InlineData("crm-gateway.example.com", HttpStatusCode.OK)]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    public async Task Get_DemoModeWithAHostConfigured_LoopbackServedToo(string host, HttpStatusCode expected)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection([new(AllowedHostsDefaults.Key, "crm-gateway.example.com")]);
        builder.Services.AddAllowedHostsDefaults(builder.Configuration, demo: true);
        await using var app = builder.Build();
        app.MapGet("/health/live", () => "Healthy");
        await app.StartAsync();
        using var http = app.GetTestClient();
        http.BaseAddress = new Uri("http://" + host);

        using var response = await http.GetAsync("/health/live");

        Assert.Equal(expected, response.StatusCode);
    }

    private static async Task<HttpStatusCode> StatusAsync(GatewayFactory gateway, string host, string path)
    {
        using var http = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://" + host) });
        using var response = await http.GetAsync(path);
        return response.StatusCode;
    }
}
