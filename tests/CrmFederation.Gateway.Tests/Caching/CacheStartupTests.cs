using System.Net.Http.Json;

namespace CrmFederation.Gateway.Tests.Caching;

/// <summary>A Redis L2 without a usable encryption key is a deployment error: nothing may reach Redis, and the gateway should refuse to start.</summary>
[Collection(RedisCachingCollection.Name)]
public sealed class CacheStartupTests(RedisCachingFixture fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        await fixture.Redis.FlushAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task RedisWithoutAUsableEncryptionKey_NothingReachesRedisOrTheSources(string? key)
    {
        try
        {
            await using var gateway = fixture.StartGateway([new("Gateway:Cache:EncryptionKey", key)]);
            using var response = await gateway.Http.PostAsJsonAsync("/graphql", new { query = CacheQueries.Billing, variables = new { id = "C-000001" } });
            Assert.False(response.IsSuccessStatusCode, "The gateway answered with customer data although it cannot encrypt its cache.");
        }
        catch (Exception refused) when (refused is not Xunit.Sdk.XunitException)
        {
            // Refusing to start is what the test below asks for.
        }

        Assert.Empty(await fixture.Redis.KeysAsync());
        Assert.Equal(0, (await fixture.CallsAsync()).Data);
    }

    /// <summary>Not a gateway that starts and then answers every GraphQL request with HTTP 500.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public async Task RedisWithoutAUsableEncryptionKey_RefusesToStart(string? key)
    {
        CacheGateway? started = null;
        var error = Record.Exception(() => started = fixture.StartGateway([new("Gateway:Cache:EncryptionKey", key)]));
        if (started is not null)
        {
            await started.DisposeAsync();
        }

        Assert.NotNull(error);
        Assert.Contains("Gateway:Cache:EncryptionKey", error.ToString(), StringComparison.Ordinal);
    }
}
