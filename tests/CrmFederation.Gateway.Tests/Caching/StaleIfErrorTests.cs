using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>
/// An expired entry stands in for a failing source for <c>maxStaleSeconds</c>, and the response says
/// so. The item cache reads a fake clock (the gateway's <c>SourceItemCache</c> is given one), so
/// entries age past their TTL without waiting; retries and timeouts keep real time.
/// ERP accounts: <c>ttlSeconds</c> 300, <c>maxStaleSeconds</c> 3600 (gateway-config/sources/erp.json).
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class StaleIfErrorTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan ErpAccountsTtl = TimeSpan.FromSeconds(300);
    private static readonly TimeSpan ErpAccountsMaxStale = TimeSpan.FromSeconds(3600);

    private readonly FakeTimeProvider _cacheClock = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task ExpiredEntry_SourceDown_ServedStaleWithItsAge()
    {
        await using var gateway = fixture.StartGateway(cacheClock: _cacheClock);
        var customer = fixture.Customers.FullyLinked(4);
        await gateway.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });

        _cacheClock.Advance(ErpAccountsTtl + TimeSpan.FromSeconds(17));
        await fixture.ResetAsync();
        await fixture.SetFaultsAsync(fixture.Systems.ErpBaseUrl, new { down = true, errorStatus = 503 });
        var result = await gateway.Client.QueryAsync(CacheQueries.Billing, new { id = customer.Id });

        Assert.False(result.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        var billing = result.GetProperty("data").GetProperty("customer").GetProperty("billing");
        Assert.Equal(customer.Account.AccountNo, billing.GetProperty("accountNumber").GetString());
        Assert.Equal(customer.Account.Name, billing.GetProperty("legalName").GetString());
        var stale = Assert.Single(result.GetProperty("extensions").GetProperty("stale").EnumerateArray());
        Assert.Equal("erp", stale.GetProperty("source").GetString());
        Assert.Equal(317, stale.GetProperty("ageSeconds").GetInt32());

        // The ERP was asked first (stale is only for failures); the CRM, also past its TTL of 60 s and up, answered fresh.
        var calls = await fixture.CallsAsync();
        Assert.True(calls[UpstreamCalls.ErpAccounts] >= 1, calls.ToString());
        Assert.Equal(1, calls[UpstreamCalls.CrmCustomers]);
    }

    [Fact]
    public async Task FreshEntry_SourceDown_ServedWithoutCallOrStaleMark()
    {
        await using var gateway = fixture.StartGateway(cacheClock: _cacheClock);
        var customer = fixture.Customers.FullyLinked(5);
        await gateway.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });

        _cacheClock.Advance(TimeSpan.FromSeconds(59));
        await fixture.ResetAsync();
        await fixture.SetFaultsAsync(fixture.Systems.ErpBaseUrl, new { down = true, errorStatus = 503 });
        var result = await gateway.Client.QueryAsync(CacheQueries.Billing, new { id = customer.Id });

        Assert.False(result.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        Assert.False(result.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("stale", out _), "Unexpected stale mark: " + extensions);
        Assert.Equal(customer.Account.Name, result.GetProperty("data").GetProperty("customer").GetProperty("billing").GetProperty("legalName").GetString());
        Assert.Equal(0, (await fixture.CallsAsync()).Data);
    }

    [Fact]
    public async Task ExpiredEntry_SourceUp_RefetchedAndNotMarkedStale()
    {
        await using var gateway = fixture.StartGateway(cacheClock: _cacheClock);
        var customer = fixture.Customers.FullyLinked(6);
        await gateway.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });

        _cacheClock.Advance(ErpAccountsTtl + TimeSpan.FromSeconds(1));
        await fixture.ResetAsync();
        var result = await gateway.Client.QueryAsync(CacheQueries.Billing, new { id = customer.Id });

        Assert.False(result.TryGetProperty("errors", out var errors), "Unexpected errors: " + errors);
        Assert.False(result.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("stale", out _), "Unexpected stale mark: " + extensions);
        Assert.Equal(1, (await fixture.CallsAsync())[UpstreamCalls.ErpAccounts]);
    }

    [Fact]
    public async Task EntryOlderThanTtlPlusMaxStale_SourceDown_FieldFailsWithTheSourceError()
    {
        await using var gateway = fixture.StartGateway(cacheClock: _cacheClock);
        var customer = fixture.Customers.FullyLinked(7);
        await gateway.Client.DataAsync(CacheQueries.Billing, new { id = customer.Id });

        _cacheClock.Advance(ErpAccountsTtl + ErpAccountsMaxStale + TimeSpan.FromSeconds(1));
        await fixture.SetFaultsAsync(fixture.Systems.ErpBaseUrl, new { down = true, errorStatus = 503 });
        var result = await gateway.Client.QueryAsync(CacheQueries.Billing, new { id = customer.Id });

        var answered = result.GetProperty("data").GetProperty("customer");
        Assert.Equal(customer.Customer.Name, answered.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, answered.GetProperty("billing").ValueKind);
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal("erp", error.GetProperty("extensions").GetProperty("source").GetString());
        Assert.Equal("SOURCE_UNAVAILABLE", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.False(result.TryGetProperty("extensions", out var extensions) && extensions.TryGetProperty("stale", out _), "Unexpected stale mark: " + extensions);
    }
}
