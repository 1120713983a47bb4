namespace CrmFederation.SampleSystems.Tests.Helpdesk;

/// <summary>The helpdesk's start-up rate limit, on systems of their own so no other test is throttled.</summary>
public sealed class HelpdeskRateLimitTests
{
    [Fact]
    public async Task Requests_AboveTheStartRateLimit_Get429WithRetryAfterUntilReset()
    {
        await using var systems = await TestSystems.StartAsync(o =>
        {
            o.CustomerCount = 100;
            o.HelpdeskRateLimitPerSecond = 5;
        });
        var statuses = new List<HttpStatusCode>();
        TimeSpan? retryAfter = null;

        for (var i = 0; i < 30; i++)
        {
            using var response = await systems.Helpdesk.GetAsync(new Uri("/api/v2/organizations/show_many?external_ids=C-000001", UriKind.Relative));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter ??= response.Headers.RetryAfter?.Delta;
                Assert.Matches("^[1-9][0-9]*$", response.Headers.GetValues("Retry-After").Single());
                Assert.Equal("rate_limited", (await response.ReadJsonAsync()).Error());
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 5, 25);
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1));
        var (crm, _) = await systems.Crm.FetchAsync("/crm/v3/customers/C-000001");
        Assert.Equal(HttpStatusCode.OK, crm);
    }

    [Fact]
    public async Task Reset_KeepsTheStartRateLimitWhileFaultsCanLiftIt()
    {
        await using var systems = await TestSystems.StartAsync(o =>
        {
            o.CustomerCount = 100;
            o.HelpdeskRateLimitPerSecond = 2;
        });

        await systems.SetFaultsAsync(systems.Running.HelpdeskBaseUrl, """{"rateLimitPerSecond":0}""");
        var lifted = await CountThrottledAsync(systems, 20);
        await systems.ResetAsync();
        var restored = await CountThrottledAsync(systems, 20);

        Assert.Equal(0, lifted);
        Assert.True(restored > 0);
    }

    private static async Task<int> CountThrottledAsync(TestSystems systems, int requests)
    {
        var throttled = 0;
        for (var i = 0; i < requests; i++)
        {
            using var response = await systems.Helpdesk.GetAsync(new Uri("/api/v2/tickets?organization_ids=9000001", UriKind.Relative));
            throttled += response.StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        return throttled;
    }
}
