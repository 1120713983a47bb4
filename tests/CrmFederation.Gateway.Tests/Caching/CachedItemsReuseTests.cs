using System.Text;
using CrmFederation.Gateway.Caching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>A memory hit hands every request the same entry, so its items are parsed once per entry, not once per request.</summary>
public sealed class CachedItemsReuseTests
{
    [Fact]
    public async Task GetAsync_SameKeyTwice_SameEntryAndSameParsedItems()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddGatewayCaching(new ConfigurationBuilder().Build())
            .BuildServiceProvider();
        var cache = services.GetRequiredService<SourceItemCache>();
        var entry = new CachedItems(Encoding.UTF8.GetBytes("""[{"id":"C-1"},{"id":"C-2"}]"""), DateTimeOffset.UtcNow);
        await cache.SetAsync("crmfed:test:crm:C-1", entry, new CachePolicy(TimeSpan.FromMinutes(1), TimeSpan.Zero), []);

        var first = await cache.GetAsync("crmfed:test:crm:C-1", CancellationToken.None);
        var second = await cache.GetAsync("crmfed:test:crm:C-1", CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, second);
        Assert.Same(first.Items, second!.Items);
        Assert.Equal(["C-1", "C-2"], first.Items.Select(item => item.GetProperty("id").GetString()));
    }
}
