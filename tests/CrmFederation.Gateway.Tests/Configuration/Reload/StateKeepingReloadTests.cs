using CrmFederation.Gateway.Tests.Caching;

namespace CrmFederation.Gateway.Tests.Configuration.Reload;

/// <summary>
/// A reload keeps the sources' runtime state wherever the settings it depends on stayed equal: cache
/// entries (proven by the sample systems' call counts), open breakers (the status page) and the CRM's OAuth2
/// token (no token request). Edits that change nothing, or change another source, reset nothing.
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class StateKeepingReloadTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    private const string CustomerName = "query($id: ID!) { customer(id: $id) { name } }";

    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task Reload_CommentsAndBlankLinesEverywhere_KeepsCacheBreakerAndToken()
    {
        using var config = ReloadConfigs.WithQuickBreakers();
        await using var gateway = new ReloadGateway(fixture, config);
        var cached = fixture.Customers.FullyLinked(20);
        var before = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = cached.Id });
        await ReloadConfigs.OpenCircuitAsync(fixture, gateway, fixture.Systems.ErpBaseUrl, "erp", "billing { legalName }", firstCustomer: 21);
        var versionBefore = (await gateway.StatusAsync()).GetProperty("version").GetString();
        await fixture.ResetAsync();

        ReloadConfigs.CommentEveryFile(config);
        var reload = await gateway.ReloadAsync();
        var after = await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = cached.Id });
        await gateway.Client.DataAsync(CustomerName, new { id = fixture.Customers.FullyLinked(40).Id });

        Assert.Equal("applied", reload.GetProperty("outcome").GetString());
        Assert.NotEqual(versionBefore, reload.GetProperty("version").GetString());
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Equal("open", await gateway.CircuitOfAsync("erp"));
        Assert.Equal("GET /crm/v3/customers=1", (await fixture.CallsAsync()).ToString());
    }

    [Fact]
    public async Task Reload_OneSourcesTimeoutChanged_ResetsThatSourcesBreakerOnly()
    {
        using var config = ReloadConfigs.WithQuickBreakers();
        await using var gateway = new ReloadGateway(fixture, config);
        var cached = fixture.Customers.FullyLinked(50);
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = cached.Id });
        await ReloadConfigs.OpenCircuitAsync(fixture, gateway, fixture.Systems.ErpBaseUrl, "erp", "billing { legalName }", firstCustomer: 51);
        await ReloadConfigs.OpenCircuitAsync(fixture, gateway, fixture.Systems.HelpdeskBaseUrl, "helpdesk", "support { name }", firstCustomer: 61);
        await fixture.ResetAsync();

        config.Replace("sources/erp.json", "\"timeoutMs\": 5000,", "\"timeoutMs\": 4500,");
        var reload = await gateway.ReloadAsync();
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = cached.Id });

        Assert.Equal("applied", reload.GetProperty("outcome").GetString());
        Assert.Equal("closed", await gateway.CircuitOfAsync("erp"));
        Assert.Equal("open", await gateway.CircuitOfAsync("helpdesk"));
        Assert.Equal("closed", await gateway.CircuitOfAsync("crm"));

        // The timeout is no part of what the ERP's answers are: its cache entries stay, like everyone else's.
        Assert.Equal("(no calls)", (await fixture.CallsAsync()).ToString());
    }

    [Fact]
    public async Task Reload_OneEndpointsCacheSettingsChanged_EmptiesThatEndpointsEntriesOnly()
    {
        using var config = ConfigSandbox.CopyOfSample();
        await using var gateway = new ReloadGateway(fixture, config);
        var cached = fixture.Customers.FullyLinked(70);
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = cached.Id });
        await fixture.ResetAsync();

        config.Replace("sources/erp.json", "\"cache\": { \"ttlSeconds\": 60, \"maxStaleSeconds\": 600 }", "\"cache\": { \"ttlSeconds\": 120, \"maxStaleSeconds\": 600 }");
        await gateway.ReloadAsync();
        await gateway.Client.DataAsync(CacheQueries.Customer360, new { id = cached.Id });

        Assert.Equal("GET /erp/odata/Invoices=1", (await fixture.CallsAsync()).ToString());
    }

    [Fact]
    public async Task Reload_FilesUntouched_Unchanged()
    {
        using var config = ConfigSandbox.CopyOfSample();
        await using var gateway = new ReloadGateway(fixture, config);
        var version = (await gateway.StatusAsync()).GetProperty("version").GetString();

        var reload = await gateway.ReloadAsync();
        var status = await gateway.StatusAsync();

        Assert.Equal("unchanged", reload.GetProperty("outcome").GetString());
        Assert.Equal(version, reload.GetProperty("version").GetString());
        Assert.Equal("unchanged", status.GetProperty("lastReload").GetProperty("outcome").GetString());
        Assert.Equal("reload", status.GetProperty("lastReload").GetProperty("trigger").GetString());
        var counted = Assert.Single(gateway.Reloads.GetMeasurementSnapshot());
        Assert.Equal("unchanged", counted.Tags["outcome"]);
    }
}
