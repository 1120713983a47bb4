using CrmFederation.Gateway.Tests.Caching;

namespace CrmFederation.Gateway.Tests.Configuration.Reload;

/// <summary>
/// The watcher reloads after file changes have been quiet for the debounce time: once for a burst of
/// writes, and for a Kubernetes ConfigMap's update, which swaps the <c>..data</c> symlink the files point through.
/// </summary>
[Collection(CachingCollection.Name)]
public sealed class ConfigWatcherTests(CachingSystemsFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetAsync();

    public Task DisposeAsync() => fixture.ResetAsync();

    [Fact]
    public async Task Watcher_BurstOfWritesToSeveralFiles_OneReload()
    {
        using var config = ConfigSandbox.CopyOfSample();
        await using var gateway = new ReloadGateway(fixture, config, watch: true);
        var version = (await gateway.StatusAsync()).GetProperty("version").GetString();

        // An editor's save and a formatter's rewrite of several files, each file written more than once.
        for (var round = 0; round < 3; round++)
        {
            ReloadConfigs.CommentEveryFile(config);
        }

        var status = await gateway.WaitForStatusAsync(s => s.GetProperty("version").GetString() != version);
        await Task.Delay(ReloadGateway.DebounceMs * 5);

        var counted = Assert.Single(gateway.Reloads.GetMeasurementSnapshot());
        Assert.Equal("applied", counted.Tags["outcome"]);
        Assert.Equal("file", counted.Tags["trigger"]);
        Assert.Equal("file", status.GetProperty("lastReload").GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task Watcher_ConfigMapSymlinkSwap_ReloadsTheNewFiles()
    {
        using var configMap = ConfigMapVolume.Of(ConfigSandbox.CopyOfSample());
        await using var gateway = new ReloadGateway(fixture, configMap.Mount, watch: true);
        var customer = fixture.Customers.FullyLinked(100);
        var before = await gateway.Client.DataAsync("query($id: ID!) { customer(id: $id) { name } }", new { id = customer.Id });
        var version = (await gateway.StatusAsync()).GetProperty("version").GetString();

        configMap.Update(next => next.Replace("sources/erp.json", "\"timeoutMs\": 5000,", "\"timeoutMs\": 4000,"));
        var status = await gateway.WaitForStatusAsync(s => s.GetProperty("version").GetString() != version);
        var after = await gateway.Client.DataAsync("query($id: ID!) { customer(id: $id) { name } }", new { id = customer.Id });

        var last = status.GetProperty("lastReload");
        Assert.Equal("applied", last.GetProperty("outcome").GetString());
        Assert.Equal("file", last.GetProperty("trigger").GetString());
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }
}
