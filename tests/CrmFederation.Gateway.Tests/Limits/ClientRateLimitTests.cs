using System.Net;
using System.Text.Json;
using CrmFederation.Gateway.Access;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Host;
using CrmFederation.Gateway.Limits;
using CrmFederation.Gateway.Tests.Configuration;
using CrmFederation.Gateway.Tests.Http;
using CrmFederation.Gateway.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.Limits;

/// <summary>
/// Per-client rate limits on the real gateway: each caller identity (here API key names) has its own
/// token bucket, sized by its roles in the current snapshot; over it, 429 with Retry-After and a
/// GraphQL error. The agent role's limit is cut to a burst of 2 refilled once a minute, so the third
/// request within a test is over it.
/// </summary>
public sealed class ClientRateLimitTests : IDisposable
{
    private const string AgentLimit = "\"rateLimit\": { \"requestsPerMinute\": 600, \"burst\": 100 }";

    private readonly ConfigSandbox _sandbox = ConfigSandbox.CopyOfSample()
        .Replace("access.json", AgentLimit, "\"rateLimit\": { \"requestsPerMinute\": 1, \"burst\": 2 }");

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Post_ClientOverItsBurst_429WithRetryAfterAndARateLimitedError()
    {
        await using var gateway = Start();
        using var alpha = Client(gateway, "alpha-key");

        var allowed = new[] { await PostAsync(alpha), await PostAsync(alpha) };
        using var refused = await SendAsync(alpha);
        var body = await GraphQLHttpResponse.ReadAsync(refused);

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, body.Status);
        Assert.Equal(TimeSpan.FromMinutes(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/graphql-response+json; charset=utf-8", body.ContentType);
        Assert.Equal("RATE_LIMITED", body.FirstErrorCode);
        Assert.Equal("This client has sent more requests than its roles allow. Retry after 60 s.", body.Errors[0].GetProperty("message").GetString());
        Assert.False(body.HasData);
    }

    [Fact]
    public async Task Post_OneClientExhausted_AnotherClientOfTheSameRoleUnaffected()
    {
        await using var gateway = Start();
        using var alpha = Client(gateway, "alpha-key");
        using var beta = Client(gateway, "beta-key");

        for (var i = 0; i < 3; i++)
        {
            await PostAsync(alpha);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(alpha));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], [await PostAsync(beta), await PostAsync(beta), await PostAsync(beta)]);
    }

    [Fact]
    public async Task Post_CallerAlsoHoldingARoleWithoutLimit_NotLimited()
    {
        await using var gateway = Start();
        using var operatorAgent = Client(gateway, "agent-and-admin-key");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await PostAsync(operatorAgent));
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Swap_SnapshotWithALargerBurst_TheExhaustedClientGetsABucketOfTheNewSize()
    {
        await using var gateway = Start();
        using var alpha = Client(gateway, "alpha-key");
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(alpha);
        }

        using var larger = ConfigSandbox.CopyOfSample().Replace("access.json", AgentLimit, "\"rateLimit\": { \"requestsPerMinute\": 1, \"burst\": 4 }");
        var next = gateway.Services.GetRequiredService<GatewayConfigCompiler>().Compile(larger.Directory, name => Variables().GetValueOrDefault(name));
        gateway.Services.GetRequiredService<GatewaySnapshotHolder>().Swap(next);
        var after = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            after.Add(await PostAsync(alpha));
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], after);
    }

    [Fact]
    public void ClientRateLimit_TokenBucket_RefillsWholeTokensAtTheConfiguredRateAtMostOnceASecond()
    {
        Assert.Equal((100, 10, TimeSpan.FromSeconds(1)), Bucket(new ClientRateLimit(600, 100)));
        Assert.Equal((5, 2, TimeSpan.FromSeconds(1.2)), Bucket(new ClientRateLimit(100, 5)));
        Assert.Equal((2, 1, TimeSpan.FromMinutes(1)), Bucket(new ClientRateLimit(1, 2)));

        static (int, int, TimeSpan) Bucket(ClientRateLimit limit) =>
            (limit.TokenBucket().TokenLimit, limit.TokenBucket().TokensPerPeriod, limit.TokenBucket().ReplenishmentPeriod);
    }

    private GatewayFactory Start() =>
        GatewayFactory.OverConfig(_sandbox.Directory, (DemoApiKeys.Variable, Variables()[DemoApiKeys.Variable]));

    private static Dictionary<string, string> Variables() => new(ConfigSandbox.SampleVariables, StringComparer.Ordinal)
    {
        [DemoApiKeys.Variable] = JsonSerializer.Serialize(new[]
        {
            new { name = "alpha", sha256 = ApiKeyRegistry.HashOf("alpha-key"), roles = new[] { "agent" } },
            new { name = "beta", sha256 = ApiKeyRegistry.HashOf("beta-key"), roles = new[] { "agent" } },
            new { name = "agent-and-admin", sha256 = ApiKeyRegistry.HashOf("agent-and-admin-key"), roles = new[] { "agent", "admin" } },
        }),
    };

    private static HttpClient Client(GatewayFactory gateway, string apiKey) => DemoCallers.Authenticate(gateway.CreateClient(), apiKey);

    private static async Task<HttpStatusCode> PostAsync(HttpClient http)
    {
        using var response = await SendAsync(http);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = GraphQLHttpHost.Json("""{"query":"{ __typename }"}""") };
        request.Headers.Add("Accept", "application/graphql-response+json");
        return await http.SendAsync(request);
    }
}
