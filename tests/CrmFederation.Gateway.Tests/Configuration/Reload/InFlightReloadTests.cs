using CrmFederation.Gateway.Tests.TestSupport;
using CrmFederation.Gateway.Configuration;
using CrmFederation.Gateway.Configuration.Reload;
using CrmFederation.Gateway.Tests.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.Configuration.Reload;

/// <summary>
/// A request running when its source's settings are reloaded finishes on the snapshot it took; the state
/// only that snapshot used is released once the request is done, never under it. The CRM's answer is held
/// by the sample systems' latency fault on the fixture's clock, so the request is in flight for as long as the test says.
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class InFlightReloadTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Latency = TimeSpan.FromSeconds(1);

    /// <summary>Released as soon as no request holds the old snapshot.</summary>
    private static readonly SnapshotRetirement Immediate = new(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task Reload_WhileARequestWaitsOnTheChangedSource_RequestCompletesAndOldStateIsReleasedAfterIt()
    {
        using var config = ConfigSandbox.CopyOfSample();
        await using var gateway = new ReloadGateway(fixture, config, retirement: Immediate);
        var holder = gateway.Services.GetRequiredService<GatewaySnapshotHolder>();
        var customer = fixture.Customers.FullyLinked(90);

        // The token first, so that only the data call is held.
        await gateway.Client.DataAsync("query($id: ID!) { customer(id: $id) { id } }", new { id = fixture.Customers.FullyLinked(91).Id });
        await fixture.ResetAsync();
        var old = holder.Current;
        await fixture.SetFaultsAsync(fixture.Systems.CrmBaseUrl, new { latencyMs = (int)Latency.TotalMilliseconds });
        var response = Task.Run(() => gateway.Client.QueryAsync("query($id: ID!) { customer(id: $id) { name } }", new { id = customer.Id }));
        await WaitForCrmCallAsync();

        config.Replace("sources/crm.json", "\"timeoutMs\": 5000,", "\"timeoutMs\": 6000,");
        var reload = await gateway.ReloadAsync();
        await Task.Delay(300);
        var heldDuringRequest = holder.InUse(old);
        var headroomDuringRequest = old.Clients["crm"].Resilience.ConcurrencyHeadroom;
        fixture.UpstreamClock.Advance(Latency);
        var result = await response;
        await WaitUntilReleasedAsync(holder, old);

        Assert.Equal("applied", reload.GetProperty("outcome").GetString());
        Assert.True(heldDuringRequest);
        Assert.True(headroomDuringRequest > 0);
        Assert.False(result.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        Assert.Equal(customer.Customer.Name, result.GetProperty("data").GetProperty("customer").GetProperty("name").GetString());
        Assert.Throws<ObjectDisposedException>(() => old.Clients["crm"].Resilience.ConcurrencyHeadroom);
        Assert.NotSame(old.Clients["crm"].Runtime, holder.Current.Clients["crm"].Runtime);
        Assert.Same(old.Clients["erp"].Runtime, holder.Current.Clients["erp"].Runtime);
    }

    private async Task WaitForCrmCallAsync()
    {
        using var guard = new CancellationTokenSource(EndpointMeasurements.HangGuard);
        while ((await fixture.CallsAsync())[UpstreamCalls.CrmCustomers] == 0)
        {
            Assert.False(guard.IsCancellationRequested, "The CRM was never called.");
            await Task.Delay(10);
        }
    }

    private static async Task WaitUntilReleasedAsync(GatewaySnapshotHolder holder, GatewaySnapshot old)
    {
        using var guard = new CancellationTokenSource(EndpointMeasurements.HangGuard);
        while (true)
        {
            try
            {
                _ = old.Clients["crm"].Resilience.ConcurrencyHeadroom;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Assert.False(guard.IsCancellationRequested, $"The old CRM state was never released (old snapshot in use: {holder.InUse(old)}).");
            await Task.Delay(10);
        }
    }
}
