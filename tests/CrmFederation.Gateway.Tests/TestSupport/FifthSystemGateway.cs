using System.Diagnostics;
using System.Text.Json;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.Telemetry;

namespace CrmFederation.Gateway.Tests.TestSupport;

/// <summary>
/// The real gateway over the sample gateway-config plus the worked example's fifth system
/// (<c>Fixtures/FifthSystem</c>), whose source calls a server the test runs, with source and endpoint
/// settings the test adds. A root field <c>subscriptionsOf(customerRef:)</c> reaches that source
/// without any other, so the test's server is the only upstream called.
/// </summary>
public sealed class FifthSystemGateway : IAsyncDisposable
{
    public const string Source = "subscriptions";

    /// <summary>The bearer token the gateway sends the source; it must never show anywhere else.</summary>
    public const string Token = "subscriptions-token-5c2e81";

    public const string Query = "query($ref: ID!) { subscriptionsOf(customerRef: $ref) { id plan } }";

    /// <summary>The binding the worked example adds to <c>bindings/customer.json</c>.</summary>
    public const string CustomerField = """
        "subscriptions": {
                  "fetch": { "source": "subscriptions", "endpoint": "subscriptionsByCustomer", "key": { "path": "id" } },
                  "arguments": { "status": { "parameter": "status", "enumMap": "subscriptions.status" } }
                },
        """;

    /// <summary>One attempt, with a deadline no test reaches unless it means to.</summary>
    public const string OneAttempt = """{ "attemptTimeoutMs": 10000, "retry": { "maxRetries": 0 } }""";

    private readonly ConfigSandbox _config;

    private FifthSystemGateway(ConfigSandbox config, ObservedGateway gateway)
    {
        _config = config;
        Gateway = gateway;
        Client = gateway.CreateClient();
    }

    public ObservedGateway Gateway { get; }

    /// <summary>A client of the gateway sending the demo admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>The sample config with the fifth system's files and its field on Customer, as the worked example has them.</summary>
    public static ConfigSandbox SampleWithFifthSystem() => ConfigSandbox.CopyOfSample()
        .Overlay("FifthSystem")
        .Replace("bindings/customer.json", "\"shopper\": {", CustomerField + "\n        \"shopper\": {");

    /// <summary>
    /// Starts the gateway with the subscriptions source at <paramref name="baseUrl"/>. <paramref name="sourceSettings"/> and
    /// <paramref name="endpointSettings"/> are JSON properties (each ending in a comma) added to the source and to its one endpoint.
    /// </summary>
    public static FifthSystemGateway Start(string baseUrl, string sourceSettings = "", string endpointSettings = "", string resilience = OneAttempt)
    {
        var config = SampleWithFifthSystem()
            .Write("schema/subscriptions-root.graphql", "extend type Query { subscriptionsOf(customerRef: ID!): [CustomerSubscription!]! }\n")
            .Replace("bindings/query.json", "\"customer\": {", """
                "subscriptionsOf": {
                          "fetch": { "source": "subscriptions", "endpoint": "subscriptionsByCustomer", "key": { "argument": "customerRef" } }
                        },
                        "customer": {
                """)
            .Write("sources/subscriptions.json", $$"""
                {
                  "$schema": "../gateway-config.schema.json#/$defs/source",
                  "name": "subscriptions",
                  "baseUrl": { "env": "CRMFED_SUBSCRIPTIONS_BASE_URL" },
                  "auth": { "scheme": "bearer", "token": { "env": "CRMFED_SUBSCRIPTIONS_TOKEN" } },
                  "timeoutMs": 10000,
                  "resilience": {{resilience}},
                  {{sourceSettings}}
                  "endpoints": {
                    "subscriptionsByCustomer": {
                      {{endpointSettings}}
                      "path": "/v1/subscriptions", "keyParameter": "customer_refs", "items": "data", "matchOn": "customer_ref", "many": true
                    }
                  }
                }
                """);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Gateway:ConfigPath"] = config.Directory,
            ["CRMFED_SUBSCRIPTIONS_BASE_URL"] = baseUrl,
            ["CRMFED_SUBSCRIPTIONS_TOKEN"] = Token,
        };
        foreach (var (name, value) in ConfigSandbox.SampleVariables)
        {
            settings[name] = value;
        }

        return new FifthSystemGateway(config, new ObservedGateway(settings));
    }

    /// <summary>Asks for the subscriptions of <paramref name="customerRef"/>; a query that never ends fails the test after the hang guard.</summary>
    public async Task<(JsonElement Response, TimeSpan Elapsed)> QueryAsync(string customerRef)
    {
        var started = Stopwatch.GetTimestamp();
        var (response, _) = await Gateway.QueryAsync(Query, new { @ref = customerRef }, Client).WaitAsync(WireGate.HangGuard);
        return (response, Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Gateway.DisposeAsync();
        _config.Dispose();
    }
}
