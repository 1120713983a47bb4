using System.Diagnostics;

namespace CrmFederation.SampleSystems.Tests.Simulation;

/// <summary>Faults on the shared systems; every test starts and ends with a reset so the others never see its knobs.</summary>
[Collection(SharedSystemsCollection.Name)]
public sealed class FaultsTests(SharedSystemsFixture fixture) : IAsyncLifetime
{
    private readonly TestSystems _systems = fixture.Systems;

    public Task InitializeAsync() => _systems.ResetAsync();

    public Task DisposeAsync() => _systems.ResetAsync();

    [Fact]
    public async Task Down_EveryRouteAnswersErrorStatusAtOnceWhileKnobsStillAnswer()
    {
        await _systems.SetFaultsAsync(_systems.Running.CrmBaseUrl, """{"down":true,"latencyMs":2000}""");
        var clock = Stopwatch.StartNew();

        var (customers, body) = await _systems.Crm.FetchAsync("/crm/v3/customers?ids=C-000001");
        using var token = await _systems.Anonymous.PostAsync(new Uri(_systems.Running.CrmBaseUrl, "/oauth/token"), TestSystems.ClientCredentials());
        var elapsed = clock.Elapsed;
        var stats = await _systems.StatsAsync(_systems.Running.CrmBaseUrl);
        var (erp, _) = await _systems.Erp.FetchAsync("/erp/odata/Accounts?crmRefs=C-000001");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, customers);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
        Assert.Equal("unavailable", body.Error());
        Assert.True(elapsed < TimeSpan.FromSeconds(1.5), $"down answered after {elapsed}");
        Assert.Equal(2, stats.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, erp);
    }

    [Fact]
    public async Task Down_WithErrorStatus_AnswersThatStatus()
    {
        await _systems.SetFaultsAsync(_systems.Running.HelpdeskBaseUrl, """{"down":true,"errorStatus":500}""");

        var (status, _) = await _systems.Helpdesk.FetchAsync("/api/v2/tickets?organization_ids=9000001");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
    }

    [Fact]
    public async Task ErrorRateOne_EveryRequestFailsWithTheErrorStatus()
    {
        await _systems.SetFaultsAsync(_systems.Running.CommerceBaseUrl, """{"errorRate":1.0,"errorStatus":502}""");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await _systems.Commerce.FetchAsync("/admin/api/2025-01/orders.json?customer_ids=7000001")).Status);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.BadGateway, s));
    }

    [Fact]
    public async Task ErrorRateHalf_FailsSomeRequestsAndServesOthers()
    {
        await _systems.SetFaultsAsync(_systems.Running.ErpBaseUrl, """{"errorRate":0.5}""");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 60; i++)
        {
            statuses.Add((await _systems.Erp.FetchAsync("/erp/odata/Accounts?crmRefs=C-000001")).Status);
        }

        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
    }

    [Fact]
    public async Task Latency_DelaysEveryAnswer()
    {
        await _systems.SetFaultsAsync(_systems.Running.ErpBaseUrl, """{"latencyMs":300,"jitterMs":50}""");
        var clock = Stopwatch.StartNew();

        var (status, _) = await _systems.Erp.FetchAsync("/erp/odata/Accounts?crmRefs=C-000001");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task RateLimit_AboveTheLimit_Answers429WithRetryAfter()
    {
        await _systems.SetFaultsAsync(_systems.Running.ErpBaseUrl, """{"rateLimitPerSecond":3}""");
        var throttled = 0;

        for (var i = 0; i < 20; i++)
        {
            using var response = await _systems.Erp.GetAsync(new Uri("/erp/odata/Accounts?crmRefs=C-000001", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throttled++;
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            }
        }

        Assert.True(throttled > 0);
    }

    [Fact]
    public async Task Faults_PartialBody_ChangesOnlyTheGivenFields()
    {
        await _systems.SetFaultsAsync(_systems.Running.CrmBaseUrl, """{"latencyMs":5,"errorStatus":504}""");
        using var response = await _systems.PostFaultsAsync(_systems.Running.CrmBaseUrl, """{"errorRate":0.25}""");
        var settings = await response.ReadJsonAsync();
        var current = await _systems.Anonymous.GetJsonAsync(new Uri(_systems.Running.CrmBaseUrl, "/_sim/faults"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["latencyMs", "jitterMs", "errorRate", "errorStatus", "down", "rateLimitPerSecond"], settings.PropertyNames());
        foreach (var s in new[] { settings, current })
        {
            Assert.Equal(5, s.GetProperty("latencyMs").GetInt32());
            Assert.Equal(504, s.GetProperty("errorStatus").GetInt32());
            Assert.Equal(0.25, s.GetProperty("errorRate").GetDouble());
            Assert.False(s.GetProperty("down").GetBoolean());
        }
    }

    [Theory]
    [InlineData("""{"errorRate":1.5}""")]
    [InlineData("""{"errorRate":-0.1}""")]
    [InlineData("""{"latencyMs":-1}""")]
    [InlineData("""{"latencyMs":"fast"}""")]
    [InlineData("""{"errorStatus":42}""")]
    [InlineData("""{"errorStatus":204}""")]
    [InlineData("""{"down":"yes"}""")]
    [InlineData("""{"rateLimitPerSecond":-2}""")]
    [InlineData("""{"slow":true}""")]
    [InlineData("""not json""")]
    public async Task Faults_InvalidBody_Returns400AndChangesNothing(string json)
    {
        using var response = await _systems.PostFaultsAsync(_systems.Running.CrmBaseUrl, json);
        var current = await _systems.Anonymous.GetJsonAsync(new Uri(_systems.Running.CrmBaseUrl, "/_sim/faults"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, current.GetProperty("errorRate").GetDouble());
        Assert.Equal(0, current.GetProperty("latencyMs").GetInt32());
    }
}
