using System.Diagnostics;
using CrmFederation.Gateway.Tests.Caching;
using CrmFederation.Gateway.Tests.TestSupport;
using Xunit.Abstractions;

namespace CrmFederation.Gateway.Tests.Resilience;

/// <summary>
/// The helpdesk's rate limit (<see cref="ThreeGatewaysFixture.HelpdeskQuota"/> a second, its quota,
/// which the helpdesk itself enforces too) held by three gateway processes together under concurrent
/// load through all three, counted by the helpdesk itself.
/// </summary>
[Collection(ThreeGatewaysCollection.Name)]
public sealed class RateLimitAcrossGatewaysTests(ThreeGatewaysFixture fixture, ITestOutputHelper output)
{
    private const string Tickets = "query($id: ID!) { customer(id: $id) { id tickets(status: [OPEN, PENDING]) { id } } }";

    private static readonly TimeSpan Load = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Every call the helpdesk counts was made between the reset and the count, so it saw at most a
    /// burst of the quota plus the quota per second of that window; the clients asked for more than
    /// three times that, which three gateways each keeping the limit on its own would have let through.
    /// </summary>
    [Fact]
    public async Task ConcurrentLoadThroughThreeGateways_HelpdeskNeverSeesMoreThanItsQuota()
    {
        const int Quota = ThreeGatewaysFixture.HelpdeskQuota;
        await fixture.ResetAsync();
        await fixture.SetFaultsAsync(fixture.Systems.HelpdeskBaseUrl, new { rateLimitPerSecond = Quota });
        var window = Stopwatch.StartNew();

        var next = 0;
        var clients = fixture.Gateways.SelectMany(gateway => Enumerable.Range(0, 4).Select(async _ =>
        {
            var answered = 0;
            while (window.Elapsed < Load)
            {
                var id = $"C-{1000 + Interlocked.Increment(ref next):D6}";
                var answer = await ThreeGatewaysFixture.QueryAsync(gateway, Tickets, new { id });
                answered += answer.GetProperty("data").GetProperty("customer").GetProperty("id").GetString() == id ? 1 : 0;
            }

            return answered;
        })).ToList();
        var answeredPerClient = await Task.WhenAll(clients);
        var helpdesk = await fixture.CallsAsync(fixture.Systems.HelpdeskBaseUrl);
        window.Stop();

        var seen = helpdesk[UpstreamCalls.HelpdeskOrganizations] + helpdesk[UpstreamCalls.HelpdeskTickets];
        var allowed = Quota + (int)Math.Floor(Quota * window.Elapsed.TotalSeconds);
        output.WriteLine($"{next} requests through three gateways; the helpdesk counted {seen} calls in {window.Elapsed.TotalSeconds:F1} s (its quota allows {allowed})");
        Assert.True(next > 3 * allowed, $"only {next} requests: not enough to tell one shared limit from three");
        Assert.True(seen <= allowed, $"the helpdesk saw {seen} calls in {window.Elapsed.TotalSeconds:F1} s; its quota allows {allowed}:\n{helpdesk}");
        Assert.True(seen >= Quota, $"the helpdesk saw only {seen} calls:\n{helpdesk}");
        Assert.All(answeredPerClient, answered => Assert.True(answered > 0));
    }
}
